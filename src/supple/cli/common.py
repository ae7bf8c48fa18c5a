"""Plumbing every command shares: --home, errors with exit codes, JSON and Rich output."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from supple.wording.i18n import _

if TYPE_CHECKING:
    from rich.console import Console

    from supple.config import Settings
    from supple.domain.problems import Problem

#: Exit codes (documented in docs/cli.md): 0 ok, 2 bad input, 3 refused for safety.
EXIT_BAD_INPUT = 2
EXIT_SAFETY = 3


def __getattr__(name: str) -> Any:
    """`HomeOpt` and `JsonOpt`, the options every command shares, made at their first import:
    this module stays free of Typer, so the read commands can start without it
    (cli/fast_run.py)."""
    if name not in ("HomeOpt", "JsonOpt"):
        raise AttributeError(f"module 'supple.cli.common' has no attribute '{name}'")
    from typing import Annotated

    import typer

    made = {
        "HomeOpt": Annotated[
            str | None,
            typer.Option("--home", help="Data directory (overrides SUPPLE_HOME).", metavar="DIR"),
        ],
        "JsonOpt": Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")],
    }
    globals().update(made)
    return made[name]


def settings(home: str | None) -> Settings:
    """Settings for this run; a data directory that is a file is refused up front (exit 2)."""
    import os

    from supple.config import get_settings

    if home is None:
        home = root_home()
    cfg = get_settings(home)
    if cfg.home.exists() and not cfg.home.is_dir():
        given = (
            f"--home {home}"
            if home is not None
            else f"SUPPLE_HOME {cfg.home}"
            if os.environ.get("SUPPLE_HOME")
            else _("the data directory {path}").format(path=cfg.home)
        )
        fail(
            _("{given}: this is a file, not a directory.").format(given=given),
            hint=_("Give a directory for supple's data; it is created when missing."),
        )
    return cfg


#: The `--home` given before the command (`supple --home DIR plan ...`); the root callback
#: sets it at the start of every run (None when not given).
ROOT_OPTIONS: dict[str, str | None] = {"home": None}


def root_home() -> str | None:
    return ROOT_OPTIONS["home"]


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def fail(message: str, code: int = EXIT_BAD_INPUT, hint: str = "") -> NoReturn:
    """Print an actionable error on stderr and exit with `code` (2 bad input, 3 safety)."""
    from rich.markup import escape

    err = console(stderr=True)
    # Messages quote user input and source ids ("[parq-plus]"): print them as written, not as
    # Rich markup, which would swallow anything in square brackets.
    err.print(f"[bold red]{_('error:')}[/] {escape(message)}", soft_wrap=True)
    if hint:
        err.print(escape(hint), soft_wrap=True)
    import typer  # only on the way out: the read commands start without Typer

    raise typer.Exit(code)


def exit_code_for(problem: Problem) -> int:
    """2 for bad input (and every other kind a person fixes), 3 for a safety refusal."""
    from supple.domain.problems import Kind

    return EXIT_SAFETY if problem.kind is Kind.SAFETY else EXIT_BAD_INPUT


def fail_problem(problem: Problem, hint: str = "", names: dict[str, str] | None = None) -> NoReturn:
    """Word a problem for the terminal and exit with its kind's code. `names`: this command's
    own option for a field, where it differs from the usual one (`--places` in `profile set`)."""
    from dataclasses import replace

    from supple.wording import CLI, word

    front = replace(CLI, names={**CLI.names, **names}) if names else CLI
    lines = [word(p, front) for p in problem.problems]
    # A safety refusal says why, each reason with its source, wherever it is raised.
    lines += [_reason_line(r) for r in problem.params.get("reasons") or []]
    parts = "\n".join(f"  • {line}" for line in lines)
    fail(
        word(problem, front), exit_code_for(problem), hint="\n".join(x for x in (parts, hint) if x)
    )


def parse_places(text: str, option: str = "--places") -> list[str]:
    """The places of a `--places` (or `--place`) option; bad ones end the command (exit 2)."""
    from supple.cli.common import fail_problem
    from supple.services import profile as svc

    try:
        return svc.parse_places(text)
    except svc.BadPlaces as e:
        fail_problem(e, names={"places": option})


def bring_back_hint(name: str, stretch_id: str) -> str:
    """How a stretch left out after sharp pain comes back, in the terminal's words: the
    command names it as people read it, quoted for the shell (the command takes names)."""
    import shlex

    typed = shlex.quote(name) if name else stretch_id
    return _(
        "To bring {name} back once it is checked: supple pain checked {typed} --reason "
        "professional (or: supple pain checked {typed} --reason settled)"
    ).format(name=name, typed=typed)


def _reason_line(reason: dict[str, str]) -> str:
    from supple.wording.people import source_title

    if not reason.get("source"):
        return reason["text"]
    return (
        reason["text"] + " " + _("(source: {title})").format(title=source_title(reason["source"]))
    )


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


R = TypeVar("R")


def run_worded(call: Callable[[], R]) -> R:
    """Run a command: reads on the standard library's SQLite port while the schema is current
    (store/fast_read.py), a Problem worded with exit 2 or 3, and a write the machine refused
    (read-only folder, full disk) said plainly with exit 2, never as a traceback; anything
    else is a bug and keeps its traceback. The Typer app (cli/root.py) and the Typer-free
    read commands (cli/fast_run.py) both run their commands through it."""
    from supple.services.context import FAST_READS

    was, FAST_READS["on"] = FAST_READS["on"], True
    try:
        return call()
    except Exception as e:
        # Looked up, not imported: a command that raised a Problem has loaded the module.
        problems = sys.modules.get("supple.domain.problems")
        if problems is not None and isinstance(e, problems.Problem):
            fail_problem(e)
        from supple.config import get_settings
        from supple.services.context import write_problem

        problem = write_problem(e, str(get_settings(root_home()).home))
        if problem is None:
            raise
        fail_problem(problem)
    finally:
        FAST_READS["on"] = was
