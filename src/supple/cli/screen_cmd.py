"""`supple screen`: the safety questionnaire, interactive or from a JSON answers file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from supple.cli.common import EXIT_BAD_INPUT, HomeOpt, JsonOpt, emit_json, fail, settings

if TYPE_CHECKING:
    from rich.console import Console

    from supple.domain.questions import Question
    from supple.domain.screening import ScreeningResult


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)


def screen(
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE.json",
            help='Answer non-interactively from a JSON object {"question-id": answer}.',
        ),
    ] = None,
    list_questions: Annotated[
        bool, typer.Option("--questions", help="List the questions instead of asking them.")
    ] = False,
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Take the safety screen (or list its questions).

    Needed before the first plan, every 12 months, and after a pain report.
    """
    from supple.services import screening as svc

    if list_questions:
        if as_json:
            emit_json(svc.questions_json())
        else:
            _print_questions(svc.questions())
        return
    cfg = settings(home)
    raw = _read_answers(answers) if answers is not None else ask_interactively(svc.questions())
    result = submit_or_fail(cfg, raw)
    if as_json:
        emit_json(result.model_dump(mode="json"))
    else:
        print_result(result)


def _read_answers(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        fail(f"--answers {path}: cannot read the file ({e.strerror}).")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        fail(f"--answers {path}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg}).")
    if not isinstance(raw, dict):
        fail(
            f"--answers {path}: expected a JSON object of question id to answer, "
            f"got {type(raw).__name__}.",
            hint="List the question ids with: supple screen --questions",
        )
    return raw


def submit_or_fail(cfg: Any, raw: dict[str, Any]) -> ScreeningResult:
    from supple.domain.screening import AnswersError
    from supple.services import screening as svc

    try:
        return svc.submit(cfg, raw)
    except AnswersError as e:
        lines = [f"  {p.question}: {p.problem}" for p in e.problems]
        fail(
            "the screening answers have problems:\n" + "\n".join(lines),
            code=EXIT_BAD_INPUT,
            hint="List the questions and allowed answers with: supple screen --questions",
        )


_STYLE = {"clear": "green", "caution": "yellow", "consult": "dark_orange", "urgent": "bold red"}


def print_result(result: ScreeningResult, out: Console | None = None) -> None:
    from rich.markup import escape
    from rich.panel import Panel

    from supple.cli.common import console

    out = out or console()
    style = _STYLE.get(result.outcome, "bold")
    body = [escape(result.message)]
    if result.reasons:
        body.append("")
        body += [f"• {escape(r.text)} [dim]\\[{r.source}][/]" for r in result.reasons]
    if result.outcome in ("clear", "caution"):
        if result.excluded:
            body.append("\nLeft out of your plans: " + ", ".join(result.excluded))
        for m in result.modified:
            body.append(f"Modified — {m.id}: {escape(m.text)}")
        body.append(f"\nValid until {result.valid_until.isoformat()}.")
    out.print(Panel("\n".join(body), title=f"[{style}]{result.outcome.upper()}[/]", expand=False))


def _print_questions(qs: list[Question]) -> None:
    from rich.markup import escape

    from supple.cli.common import console

    out = console()
    for q in qs:
        answer = {"yes-no": "yes / no", "number": "a whole number"}.get(
            q.kind, " | ".join(q.options)
        )
        out.print(f"[bold]{q.id}[/] [dim]({q.category}; {answer})[/]\n  {escape(q.text)}")


_YES = {"y", "yes", "j", "true", "1"}
_NO = {"n", "no", "false", "0"}


def ask_interactively(qs: list[Question]) -> dict[str, Any]:
    """One question at a time; 'b' goes back one; the answer is checked before moving on."""
    from rich.markup import escape

    from supple.cli.common import console

    out = console()
    out.print(
        "[bold]Safety screen[/] — a few yes/no questions so supple only suggests what is safe "
        "for you.\nAnswer y or n; type [bold]b[/] to go back, [bold]?[/] for an explanation.\n"
        "This is general guidance, not a diagnosis.\n"
    )
    answers: dict[str, Any] = {}
    i = 0
    category = ""
    while i < len(qs):
        q = qs[i]
        if q.category != category:
            category = q.category
            out.rule(category.replace("-", " ").title(), align="left")
        hint = {"yes-no": "y/n", "number": "number"}.get(q.kind, "/".join(q.options))
        try:
            reply = out.input(f"[{i + 1}/{len(qs)}] {escape(q.text)} [dim]({hint})[/] ")
        except EOFError:
            fail(
                "the screen needs answers, but the input ended.",
                hint="Answer from a file instead: supple screen --answers FILE.json",
            )
        reply = reply.strip().lower()
        if reply in ("b", "back"):
            i = max(0, i - 1)
            continue
        if reply == "?":
            out.print(f"  [italic]{escape(q.help or 'No further explanation.')}[/]")
            continue
        value = _parse_reply(q, reply)
        if value is None:
            if reply == "" and not q.required:
                i += 1
                continue
            out.print(f"  [red]Please answer with {hint}.[/]")
            continue
        answers[q.id] = value
        i += 1
    return answers


def _parse_reply(q: Question, reply: str) -> bool | int | str | None:
    if q.kind == "yes-no":
        return True if reply in _YES else False if reply in _NO else None
    if q.kind == "number":
        try:
            n = int(reply)
        except ValueError:
            return None
        lo = q.minimum if q.minimum is not None else n
        hi = q.maximum if q.maximum is not None else n
        return n if lo <= n <= hi else None
    if reply.isdigit() and 1 <= int(reply) <= len(q.options):
        return q.options[int(reply) - 1]
    return reply if reply in q.options else None
