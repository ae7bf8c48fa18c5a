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
from supple.wording.i18n import N_, _

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
            _(
                "--questions and --answers do not go together: one lists the questions, the "
                "other answers them."
            ),
            hint=_("Run them one after the other: {first}, then {second}").format(
                first="supple screen --questions", second="supple screen --answers FILE.json"
            ),
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
            head = _("Follow-up after the sharp pain in {name}").format(name=due["name"])
            rest = _("only the warning signs and the pain questions; your other answers are kept.")
            out.print(f"[bold]{escape(head)}[/]: {escape(rest)}\n")
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
        fail(
            _("--answers {file}: cannot read the file ({reason}).").format(
                file=path, reason=e.strerror or e
            )
        )
    except UnicodeDecodeError:
        fail(
            _("--answers {file}: not a UTF-8 text file.").format(file=path),
            hint=_("Save it as UTF-8 JSON."),
        )
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        fail(
            _("--answers {file}: not valid JSON (line {line}, column {column}: {reason}).").format(
                file=path, line=e.lineno, column=e.colno, reason=e.msg
            )
        )
    if not isinstance(raw, dict):
        fail(
            _(
                "--answers {file}: expected a JSON object of question id to answer, got {type}."
            ).format(file=path, type=type(raw).__name__),
            hint=_("List the question ids with: {command}").format(
                command="supple screen --questions"
            ),
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
                _(
                    "nothing was saved, but the urgent answer above stands. These answers also "
                    "have problems:"
                )
                + "\n"
                + "\n".join(lines),
                code=EXIT_SAFETY,
            )
        fail(
            _("the screening answers have problems:") + "\n" + "\n".join(lines),
            code=EXIT_BAD_INPUT,
            hint=_("List the questions and allowed answers with: {command}").format(
                command="supple screen --questions"
            ),
        )


#: A screen's outcome as people read it (shown in capitals as the result's title).
OUTCOME = {
    "clear": N_("clear"),
    "caution": N_("caution"),
    "consult": N_("consult"),
    "urgent": N_("urgent"),
}
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
        source = _("(source: {title})").format(title=source_title(sid)) if sid else ""
        return f" [dim]{escape(source)}[/]" if sid else ""

    style = _STYLE.get(result.outcome, "bold")
    body = [escape(result.message)]
    if result.reasons:
        body.append("")
        body += [f"• {escape(r.text)}{src(r.source)}" for r in result.reasons]
    if result.outcome in ("clear", "caution"):
        if result.excluded:
            left = ", ".join(name(s) for s in result.excluded)
            body.append("\n" + escape(_("Left out of your plans: {names}").format(names=left)))
        for m in result.modified:
            changed = _("Changed — {name}: {change}").format(name=name(m.id), change=m.text)
            body.append(escape(changed))
        until = _("Valid until {date}.").format(date=result.valid_until.isoformat())
        body.append("\n" + escape(until))
    for n in result.notes:
        body.append(f"\n[bold]{_('Note:')}[/] {escape(n.text)}{src(n.source)}")
    outcome = _(OUTCOME.get(result.outcome, result.outcome)).upper()
    out.print(Panel("\n".join(body), title=f"[{style}]{escape(outcome)}[/]", expand=False))


def _print_questions(qs: list[Question]) -> None:
    from rich.markup import escape

    from supple.cli.common import console

    out = console()
    for q in qs:
        answer = {"yes-no": _("yes / no"), "number": _("a whole number")}.get(
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
    intro = _("a few yes/no questions so supple only suggests what is safe for you.")
    keys = _("Answer y or n; type {back} to go back, {help} for an explanation.").format(
        back="[bold]b[/]", help="[bold]?[/]"
    )
    out.print(
        f"[bold]{_('Safety screen')}[/] — {escape(intro)}\n{keys}\n"
        + escape(_("This is general guidance, not a diagnosis."))
        + "\n"
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
        hint = {"yes-no": _("y/n"), "number": _("number")}.get(q.kind, "/".join(q.options))
        try:
            reply = out.input(f"[{i + 1}/{len(qs)}] {escape(q.text)} [dim]({hint})[/] ")
        except EOFError:
            fail(
                _("the screen needs answers, but the input ended."),
                hint=_("Answer from a file instead: {command}").format(
                    command="supple screen --answers FILE.json"
                ),
            )
        reply = reply.strip().lower()
        if reply in ("b", "back"):
            i = max(0, i - 1)
            while i > 0 and not asked(qs[i], answers):
                i -= 1
            continue
        if reply == "?":
            out.print(f"  [italic]{escape(q.help or _('No further explanation.'))}[/]")
            continue
        if reply == "" and not q.required:
            i += 1
            continue
        value = _parse_reply(q, reply)
        if isinstance(value, AnswerProblem):
            please = _("Please answer with {answers}.").format(answers=_plain_hint(q))
            out.print(f"  [red]{escape(please)}[/]")
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
        return _("{answers} (or its number: {numbered})").format(
            answers=expected(q), numbered=numbered
        )
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
