"""The `supple` command's entry point (`supple = "supple.cli.app:main"`).

Kept free of Typer, Rich and pydantic at import: `supple --help` is printed from its cache
(cli/fast_help.py) without them, the usual `plan`, `catalog`, `history` and `progress` run
without Typer (cli/fast_run.py), and every other command loads the Typer app (cli/root.py).
`from supple.cli.app import app` still gives that app (loaded on first use).
"""

from __future__ import annotations

import os
import sys

#: Not `typing.TYPE_CHECKING`: importing `typing` alone is a fifth of `--help`'s time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from supple.cli.root import SuppleGroup, app

__all__ = ["SuppleGroup", "app", "main"]


def main() -> None:
    # supple uses no pydantic plugins; looking for them reads the metadata of every installed
    # package at the first model (tens of milliseconds of every start). A value set by the
    # user is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.argv[1:] == ["--help"]:
        from supple.cli import fast_help

        fast_help.main(run)
        return
    _no_plugin_lookup()
    if sys.argv[1:2] and sys.argv[1] in ("plan", "catalog", "history", "progress", "--home"):
        from supple.cli import fast_run

        fast_run.main(sys.argv[1:])  # exits when it ran the command
    run()


#: The values of PYDANTIC_DISABLE_PLUGINS for which pydantic loads no plugin at all.
NO_PLUGINS = ("__all__", "1", "true")
_LOADER = "pydantic.plugin._loader"


def _no_plugin_lookup() -> None:
    """With every pydantic plugin disabled, pydantic's plugin loader finds none, but importing
    it imports `importlib.metadata` (a tenth of a read command's start). Until the setting
    changes, its one function answers here; if it does change, the real loader is imported
    and asked, so plugins behave exactly as pydantic says."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in NO_PLUGINS or _LOADER in sys.modules:
        return
    import types

    stub = types.ModuleType(_LOADER, "pydantic's plugin loader while plugins are disabled")

    def get_plugins() -> Any:
        if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in NO_PLUGINS:
            return ()
        import importlib

        if sys.modules.get(_LOADER) is stub:
            del sys.modules[_LOADER]
        return importlib.import_module(_LOADER).get_plugins()

    stub.get_plugins = get_plugins  # type: ignore[attr-defined]
    sys.modules[_LOADER] = stub


def run() -> None:
    """Run the command line through the Typer app."""
    from supple.cli.root import app

    app()


def __getattr__(name: str) -> Any:
    if name in ("app", "SuppleGroup"):
        from supple.cli import root

        return getattr(root, name)
    raise AttributeError(f"module 'supple.cli.app' has no attribute '{name}'")
