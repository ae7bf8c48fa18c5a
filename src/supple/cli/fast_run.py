"""The read commands people type most (`plan`, `catalog`, `history`, `progress`) run without
Typer when their arguments are the usual ones: importing Typer and building its parameters
takes longer than the command itself.

Only a command line every option of which is known and plainly given is run here: each
option by its full name, a value after it as its own argument (a whole number for `--minutes`
and `--seed`, not starting with `-`), no `--help`, no `--`, no other argument. Anything else
(a mistyped option, a bad number, `--minutes=10`, help) goes to the Typer app, which says what
it always said. A command run here does what the Typer app's does (cli/root.py
`SuppleGroup.invoke`, Typer's own main): the same body (cli/plan_show.py, catalog_show.py,
log_show.py), the same worded problems with exit 2 or 3, 130 on Ctrl-C.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: see cli/app.py
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

#: Option kinds: a flag, a text, a whole number, a repeatable text.
FLAG, TEXT, NUMBER, TEXTS = "flag", "text", "number", "texts"
#: command -> (module, function, {option: (parameter, kind)}), as the Typer commands declare
#: them (cli/plan_cmd.py, catalog_cmd.py, log_cmd.py; a test checks they agree).
COMMANDS: dict[str, tuple[str, str, dict[str, tuple[str, str]]]] = {
    "plan": (
        "plan_show",
        "plan",
        {
            "--minutes": ("minutes", NUMBER),
            "--place": ("place", TEXT),
            "--context": ("context", TEXT),
            "--focus": ("focus", TEXT),
            "--warm": ("warm", FLAG),
            "--avoid": ("avoid", TEXTS),
            "--seed": ("seed", NUMBER),
            "--save": ("save", TEXT),
            "--force": ("force", FLAG),
            "--explain": ("explain", FLAG),
            "--json": ("as_json", FLAG),
            "--home": ("home", TEXT),
        },
    ),
    "catalog": (
        "catalog_show",
        "catalog",
        {
            "--place": ("place", TEXT),
            "--region": ("region", TEXT),
            "--style": ("style", TEXT),
            "--json": ("as_json", FLAG),
            "--home": ("home", TEXT),
        },
    ),
    "history": (
        "log_show",
        "history",
        {
            "--since": ("since", TEXT),
            "--json": ("as_json", FLAG),
            "--home": ("home", TEXT),
        },
    ),
    "progress": (
        "log_show",
        "progress",
        {
            "--json": ("as_json", FLAG),
            "--accept-goal": ("accept_goal", FLAG),
            "--home": ("home", TEXT),
        },
    ),
}


def _plain(value: str) -> bool:
    """A value every parser reads alike: not empty, not option-like, valid text."""
    if not value or value.startswith("-"):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes from the command line
        return False
    return True


def parse(args: list[str]) -> tuple[str | None, str, dict[str, Any]] | None:
    """(the root `--home`, the command, its keyword arguments), or None for a command line
    left to the Typer app."""
    root_home = None
    if args[:1] == ["--home"]:
        if len(args) < 2 or not _plain(args[1]):
            return None
        root_home, args = args[1], args[2:]
    if not args or args[0] not in COMMANDS:
        return None
    command, rest = args[0], args[1:]
    options = COMMANDS[command][2]
    kwargs: dict[str, Any] = {}
    i = 0
    while i < len(rest):
        name = rest[i]
        if name not in options:
            return None
        param, kind = options[name]
        if kind == FLAG:
            kwargs[param] = True
            i += 1
            continue
        if i + 1 >= len(rest) or not _plain(rest[i + 1]):
            return None
        value = rest[i + 1]
        i += 2
        if kind == NUMBER:
            if not (value.isascii() and value.isdigit() and len(value) <= 9):
                return None
            kwargs[param] = int(value)
        elif kind == TEXTS:
            kwargs.setdefault(param, []).append(value)
        else:
            kwargs[param] = value  # the last one given counts, as in Click
    return root_home, command, kwargs


def _completing() -> bool:
    """A shell asking for completions (`_SUPPLE_COMPLETE=...`): Typer answers that."""
    return any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)


def main(args: list[str]) -> bool:
    """Run the command line here if it is one of the usual ones (exiting as the Typer app
    would); False to leave it to the Typer app."""
    found = parse(args) if not _completing() else None
    if found is None:
        return False
    root_home, command, kwargs = found
    module_name, function, _options = COMMANDS[command]
    import importlib

    module = importlib.import_module(f"supple.cli.{module_name}")
    body: Callable[..., Any] = getattr(module, function)
    from supple.cli.common import ROOT_OPTIONS

    ROOT_OPTIONS["home"] = root_home
    try:
        try:
            _invoke(body, kwargs)
        except EOFError:
            from supple.wording.i18n import _

            print(file=sys.stderr)
            print(_("Aborted!"), file=sys.stderr)
            sys.exit(1)
        except KeyboardInterrupt:
            sys.exit(130)
        except OSError as e:
            import errno

            if e.errno != errno.EPIPE:
                raise
            from typer._click.utils import PacifyFlushWrapper

            sys.stdout = PacifyFlushWrapper(sys.stdout)
            sys.stderr = PacifyFlushWrapper(sys.stderr)
            sys.exit(1)
    except Exception as e:
        typer = sys.modules.get("typer")
        if typer is not None and isinstance(e, typer.Exit):  # `cli.common.fail`
            sys.exit(e.exit_code)
        raise
    sys.exit(0)


def _invoke(body: Callable[..., Any], kwargs: dict[str, Any]) -> None:
    """`SuppleGroup.invoke` (cli/root.py) around the command's body."""
    from supple.cli.common import run_worded

    run_worded(lambda: body(**kwargs))
