"""Use cases shared by the CLI and the web app; they tie domain, data and store together."""
