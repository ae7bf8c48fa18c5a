"""The web app: `create_app(settings)` (supple.web.app), the REST API (supple.web.api), the
HTML pages (supple.web.pages) and the security layer (supple.web.security)."""
