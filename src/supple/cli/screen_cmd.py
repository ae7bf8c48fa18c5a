"""`supple screen`: the safety questionnaire, interactive or from a JSON answers file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from supple.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_SAFETY,
    HomeOpt,
    JsonOpt,
    emit_json,
    fail,
    settings,
)

if TYPE_CHECKING:
    from rich.console import Console

    from supple.domain.questions import Question
    from supple.domain.screening import Answer, AnswerProblem, ScreeningResult


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
    from rich.markup import escape

    from supple.services import screening as svc

    if list_questions and answers is not None:
        fail(
            "--questions and --answers do not go together: one lists the questions, the other "
            "answers them.",
            hint="Run them one after the other: supple screen --questions, then "
            "supple screen --answers FILE.json",
        )
    if list_questions:
        if as_json:
            emit_json(svc.questions_json())
        else:
            _print_questions(svc.questions())
        return
    cfg = settings(home)
    # After a sharp-pain report the screen is short: the warning signs and the pain
    # questions, with the other answers of the last screen kept.
    due = svc.follow_up(cfg)
    if answers is not None:
        raw = _read_answers(answers)
    else:
        # With --json, stdout carries only the JSON; the questions go to stderr.
        from supple.cli.common import console

        out = console(stderr=as_json)
        qs = svc.questions()
        if due is not None:
            out.print(
                f"[bold]Follow-up after the sharp pain in {escape(due['name'])}[/]: only the "
                "warning signs and the pain questions; your other answers are kept.\n"
            )
            qs = [q for q in qs if q.id in due["questions"]]
        raw = ask_interactively(qs, out)
    if due is not None:
        raw = svc.follow_up_answers(cfg, raw)
    result = submit_or_fail(cfg, raw)
    if as_json:
        emit_json(result.model_dump(mode="json"))
    else:
        print_result(result)


def _read_answers(path: Path) -> dict[str, Any]:
    try:
        # utf-8-sig: a byte order mark, as some Windows editors write, is not an error
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        fail(f"--answers {path}: cannot read the file ({e.strerror or e}).")
    except UnicodeDecodeError:
        fail(f"--answers {path}: not a UTF-8 text file.", hint="Save it as UTF-8 JSON.")
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
    from supple.cli.common import console
    from supple.domain.screening import AnswersError
    from supple.services import screening as svc

    try:
        return svc.submit(cfg, raw)
    except AnswersError as e:
        lines = [f"  {p.question}: {p.problem}" for p in e.problems]
        if e.urgent is not None:
            # Urgent first: where to go now, then what else is wrong; nothing is stored.
            print_result(e.urgent, console(stderr=True))
            fail(
                "nothing was saved, but the urgent answer above stands. These answers also "
                "have problems:\n" + "\n".join(lines),
                code=EXIT_SAFETY,
            )
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
    from supple.data.loader import shipped
    from supple.wording.people import source_title

    out = out or console()
    catalog = shipped().catalog

    def name(sid: str) -> str:
        return catalog.get(sid).name if sid in catalog else sid

    def src(sid: str) -> str:
        return f" [dim](source: {escape(source_title(sid))})[/]" if sid else ""

    style = _STYLE.get(result.outcome, "bold")
    body = [escape(result.message)]
    if result.reasons:
        body.append("")
        body += [f"• {escape(r.text)}{src(r.source)}" for r in result.reasons]
    if result.outcome in ("clear", "caution"):
        if result.excluded:
            left = ", ".join(name(s) for s in result.excluded)
            body.append("\nLeft out of your plans: " + escape(left))
        for m in result.modified:
            body.append(f"Changed — {escape(name(m.id))}: {escape(m.text)}")
        body.append(f"\nValid until {result.valid_until.isoformat()}.")
    for n in result.notes:
        body.append(f"\n[bold]Note:[/] {escape(n.text)}{src(n.source)}")
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


def ask_interactively(qs: list[Question], out: Console | None = None) -> dict[str, Any]:
    """One question at a time; 'b' goes back one; the answer is checked before moving on.

    An urgent answer ends the screen at once: no later answer could change that outcome, and
    the person should be on their way to care rather than answering more questions.
    """
    from rich.markup import escape

    from supple.cli.common import console
    from supple.domain.screening import AnswerProblem, asked, is_urgent

    out = out or console()
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
        if not asked(q, answers):
            # A follow-up whose parent is not a yes is not asked (going back skips it too).
            answers.pop(q.id, None)
            i += 1
            continue
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
            while i > 0 and not asked(qs[i], answers):
                i -= 1
            continue
        if reply == "?":
            out.print(f"  [italic]{escape(q.help or 'No further explanation.')}[/]")
            continue
        if reply == "" and not q.required:
            i += 1
            continue
        value = _parse_reply(q, reply)
        if isinstance(value, AnswerProblem):
            out.print(f"  [red]Please answer with {escape(_plain_hint(q))}.[/]")
            continue
        answers[q.id] = value
        if is_urgent(q, value):
            break
        i += 1
    return answers


def _plain_hint(q: Question) -> str:
    from supple.domain.screening import expected

    if q.kind == "choice":
        numbered = ", ".join(f"{n} {o}" for n, o in enumerate(q.options, 1))
        return f"{expected(q)} (or its number: {numbered})"
    return expected(q)


def _parse_reply(q: Question, reply: str) -> Answer | AnswerProblem:
    """A typed reply as the answer it stands for, checked by the same rules as answer files
    (an AnswerProblem when it does not fit). Choices may also be given by their number."""
    from supple.domain.screening import coerce_answer

    value: object = reply
    if q.kind == "number" or (q.kind == "choice" and reply.isdigit()):
        try:
            value = int(reply)
        except ValueError:
            value = reply
    if q.kind == "choice" and isinstance(value, int):
        value = q.options[value - 1] if 1 <= value <= len(q.options) else reply
    return coerce_answer(q, value)
