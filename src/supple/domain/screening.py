"""Safety screening: answers to the questions in ``questions.toml`` → an outcome with reasons.

Outcomes, from least to most severe: ``clear`` (go ahead), ``caution`` (go ahead; some stretches
left out or changed), ``consult`` (see a professional first; no routine) and ``urgent`` (get care
now; no routine). Each rule below is one named entry in :data:`RULES` with its source id, so the
question "why did the screen say that?" always has one answer: the ``rule`` of each reason.

This is general guidance drawn from public sources, not medical advice.
"""

from __future__ import annotations

import calendar
import difflib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict

from supple.domain.catalog import Stretch
from supple.domain.questions import Outcome, Question
from supple.domain.words import N_, say, say_n

Answer = bool | str | int
"""A validated answer: bool for yes-no, an option for choice, an int for number."""

SEVERITY: dict[Outcome, int] = {"clear": 0, "caution": 1, "consult": 2, "urgent": 3}
CLEARANCE_QUESTION = "cleared-by-professional"
VALIDITY_MONTHS = 12
DISCLAIMER = N_("This is general guidance, not medical advice.")


@dataclass(frozen=True)
class Rule:
    id: str
    sources: tuple[str, ...]
    summary: str


#: Every rule of the screen, keyed by the id each reason carries in its ``rule`` field.
RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "urgent-red-flag",
            ("nice-ng59",),
            N_(
                "A 'yes' to a question whose outcome is urgent (possible cauda equina syndrome: "
                "new bladder or bowel trouble, saddle numbness, worsening leg weakness) makes the "
                "outcome urgent: same-day emergency care, no routine. Nothing lowers it."
            ),
        ),
        Rule(
            "consult-first",
            ("nice-ng59", "seed-002", "parq-plus"),
            N_(
                "A 'yes' to any other warning sign, to a condition the source articles name, or to "
                "a readiness question makes the outcome consult: see a professional before "
                "starting, no routine until they clear you."
            ),
        ),
        Rule(
            "professional-clearance",
            ("parq-plus",),
            N_(
                "A 'yes' to cleared-by-professional turns consult into caution (the conditions' "
                "cautions still apply). It never lowers urgent."
            ),
        ),
        Rule(
            "caution-condition",
            ("general-anatomy", "tftf-2016"),
            N_(
                "A caution answer (hip replacement, osteoporosis, knee, wrist, balance, pregnancy) "
                "makes the outcome caution: stretches whose cautions say 'avoid' for that "
                "condition are left out, those that say 'modify' are done the modified way."
            ),
        ),
        Rule(
            "avoid-over-modify",
            ("general-anatomy",),
            N_(
                "A stretch that one active condition rules out and another only modifies is left "
                "out: the stricter caution wins."
            ),
        ),
        Rule(
            "same-day-infection",
            ("nice-ng59",),
            N_(
                "A 'yes' to a sign of a possible spinal infection (fever or shivering with back "
                "pain, a weakened immune system, injected drugs) makes the outcome urgent with a "
                "same-day assessment by a doctor: no routine."
            ),
        ),
        Rule(
            "urgent-first",
            ("nice-ng59",),
            N_(
                "When any answer is urgent, the urgent result and where to go are shown even if "
                "other answers are malformed; those are listed too, and nothing is stored."
            ),
        ),
        Rule(
            "follow-up-after-yes",
            ("supple",),
            N_(
                "A follow-up question is asked, and required, only after a 'yes' to the question "
                "it follows; otherwise its answer is not used. It keeps the screen short."
            ),
        ),
        Rule(
            "pregnancy-later",
            ("general-anatomy",),
            N_(
                "After the first trimester, chair and standing versions are planned before "
                "stretches lying on the back, and a session keeps at most one of those."
            ),
        ),
        Rule(
            "floor-transfer",
            ("general-anatomy",),
            N_(
                "From 65, or with a balance problem, the result advises on getting down to the "
                "floor and up again, and chair versions are planned first when a chair is among "
                "the places (floor ones only when the chair ones cannot fill the time)."
            ),
        ),
        Rule(
            "under-18",
            ("supple",),
            N_(
                "Under 18 the result carries a note for a parent or guardian, and no dose goes "
                "past 30-second holds and about a minute a side."
            ),
        ),
        Rule(
            "valid-twelve-months",
            ("parq-plus",),
            N_(
                "A screening result is valid for 12 months from the day it was taken (a 29 "
                "February screen lasts until 28 February)."
            ),
        ),
    )
}


# --- Answers -------------------------------------------------------------------------------------


class AnswerProblem(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    question: str
    problem: str


class AnswersError(ValueError):
    """The answers have problems; ``problems`` lists every one of them, not just the first.

    ``urgent`` is the urgent result when an answer among the valid ones is urgent (rule
    `urgent-first`): the front ends show it, and where to go, before the problems; it is never
    stored."""

    def __init__(
        self, problems: list[AnswerProblem], urgent: ScreeningResult | None = None
    ) -> None:
        self.problems = problems
        self.urgent = urgent
        lines = "\n".join(f"  {p.question}: {p.problem}" for p in problems)
        n = len(problems)
        heading = say_n(
            "{n} problem with the screening answers:", "{n} problems with the screening answers:", n
        )
        super().__init__(heading.format(n=n) + "\n" + lines)


#: A bad answer is quoted up to this many characters (a 50 MB answer must not give a 50 MB
#: error).
SHOW_LIMIT = 60


def _show(value: object) -> str:
    """How a bad value looked in the answers file (JSON spelling, as users wrote it), cut to
    SHOW_LIMIT characters with an ellipsis."""
    try:
        text = json.dumps(value)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= SHOW_LIMIT else text[: SHOW_LIMIT - 1] + "…"


YES_WORDS = ("yes", "y", "true")
NO_WORDS = ("no", "n", "false")


def expected(q: Question) -> str:
    """What an answer to `q` must look like, in the words error messages use."""
    if q.kind == "yes-no":
        return say("yes or no (y/n, true/false)")
    if q.kind == "choice":
        return say("one of {options}").format(options=", ".join(f'"{o}"' for o in q.options))
    lo = q.minimum if q.minimum is not None else say("any")
    hi = q.maximum if q.maximum is not None else say("any")
    return say("a whole number from {low} to {high}").format(low=lo, high=hi)


def coerce_answer(q: Question, value: object) -> Answer | AnswerProblem:
    """The validated answer, or the problem saying what is wrong with it.

    Yes-no takes a boolean or one of YES_WORDS / NO_WORDS (any case); a choice takes one of the
    options (any case); a number takes a whole number (JSON `true` is never an age).
    """
    want = say("expected {expected}, got {given}").format(expected=expected(q), given=_show(value))
    if q.kind == "yes-no":
        if isinstance(value, bool):
            return value
        word = value.strip().lower() if isinstance(value, str) else None
        if word in YES_WORDS or word in NO_WORDS:
            return word in YES_WORDS
        return AnswerProblem(question=q.id, problem=want)
    if q.kind == "choice":
        if isinstance(value, str) and value.strip().lower() in q.options:
            return value.strip().lower()
        if isinstance(value, str):
            close = difflib.get_close_matches(
                value.strip().lower()[:100], q.options, n=1, cutoff=0.5
            )
            if close:
                want += say('; did you mean "{close}"?').format(close=close[0])
        return AnswerProblem(question=q.id, problem=want)
    if not isinstance(value, int) or isinstance(value, bool):
        return AnswerProblem(question=q.id, problem=want)
    if (q.minimum is not None and value < q.minimum) or (
        q.maximum is not None and value > q.maximum
    ):
        return AnswerProblem(
            question=q.id,
            problem=say("{given} is out of range: expected {expected}").format(
                given=value, expected=expected(q)
            ),
        )
    return value


def is_urgent(q: Question, answer: Answer | None) -> bool:
    """An answer that makes the outcome urgent whatever else is said (rule `urgent-red-flag`):
    the screen stops there, and the questions not yet answered may stay unanswered."""
    return q.outcome == "urgent" and triggered(q, answer)


def _suggest_id(key: str, ids: Sequence[str]) -> str:
    close = difflib.get_close_matches(key.strip().lower(), ids, n=1, cutoff=0.5)
    if not close:
        close = [i for i in ids if key.strip().lower() and key.strip().lower() in i][:1]
    if close:
        return say('; did you mean "{close}"?').format(close=close[0])
    return say("; list the question ids to see them all")


def asked(q: Question, answers: Mapping[str, object]) -> bool:
    """Whether `q` is asked given the answers so far: a follow-up only after a 'yes' to its
    parent (rule `follow-up-after-yes`); every other question always."""
    if q.follow_up_of is None:
        return True
    parent = answers.get(q.follow_up_of)
    if isinstance(parent, str):
        parent = parent.strip().lower() in YES_WORDS
    return parent is True


def validate_answers(
    questions: Sequence[Question], answers: Mapping[str, object]
) -> dict[str, Answer]:
    """Check every answer against its question and fill defaults for optional ones.

    Raises :class:`AnswersError` listing every problem at once: unknown ids (with the closest
    id), wrong types or values, and missing required answers. A missing optional answer (or an
    explicit null) takes its default: no for yes-no, the first option for a choice. Once an
    answer is urgent, missing answers are no problem: nothing else can change that outcome, and
    the interactive screen stops asking at that point.
    """
    by_id = {q.id: q for q in questions}
    problems: list[AnswerProblem] = []
    unknown = 0
    for key in answers:
        if key not in by_id:
            unknown += 1
            # The closest id for the first few only: thousands of made-up keys must not cost
            # seconds of difflib.
            hint = _suggest_id(str(key)[:100], list(by_id)) if unknown <= 20 else ""
            problems.append(
                AnswerProblem(
                    question=str(key)[:SHOW_LIMIT], problem=say("unknown question id") + hint
                )
            )
    clean: dict[str, Answer] = {}
    missing: list[AnswerProblem] = []
    for q in questions:
        if not asked(q, answers):
            continue  # a follow-up whose parent is not a yes: not asked, its answer unused
        value = answers.get(q.id)
        if value is None:
            if q.required:
                missing.append(
                    AnswerProblem(
                        question=q.id,
                        problem=say("missing answer: expected {expected}").format(
                            expected=expected(q)
                        ),
                    )
                )
            elif q.kind == "yes-no":
                clean[q.id] = False
            elif q.kind == "choice":
                clean[q.id] = q.options[0]
            continue
        got = coerce_answer(q, value)
        if isinstance(got, AnswerProblem):
            problems.append(got)
        else:
            clean[q.id] = got
    urgent = any(is_urgent(by_id[k], v) for k, v in clean.items())
    if not urgent:
        problems += missing
    if problems:
        raise AnswersError(sorted(problems, key=lambda p: _order(p.question, questions)))
    return clean


def urgent_despite(
    questions: Sequence[Question], answers: Mapping[str, object], today: date
) -> ScreeningResult | None:
    """Rule `urgent-first`: the urgent result of the answers that are valid, when one of them
    is urgent, whatever is wrong with the others; None when none is urgent."""
    by_id = {q.id: q for q in questions}
    valid: dict[str, Answer] = {}
    for key, value in answers.items():
        q = by_id.get(str(key))
        if q is None or value is None:
            continue
        got = coerce_answer(q, value)
        if not isinstance(got, AnswerProblem):
            valid[q.id] = got
    if not any(is_urgent(by_id[k], v) for k, v in valid.items()):
        return None
    return judge(questions, (), valid, today)


def _order(question: str, questions: Sequence[Question]) -> int:
    """Problems are listed in question order, unknown ids last."""
    ids = [q.id for q in questions]
    return ids.index(question) if question in ids else len(ids)


# --- Result --------------------------------------------------------------------------------------


class Reason(BaseModel):
    model_config = ConfigDict(defer_build=True)

    question: str
    text: str
    source: str
    rule: str
    """Id of the entry in RULES that used this answer."""


class StretchNote(BaseModel):
    model_config = ConfigDict(defer_build=True)

    id: str
    text: str
    conditions: list[str] = []
    """The active conditions whose cautions produced this note."""
    sources: list[str] = []
    """The source of each caution behind the note (tftf-2016 for osteoporosis, ...)."""


class ScreeningResult(BaseModel):
    """The JSON result of `supple screen` and what the planner reads; fields are only added."""

    model_config = ConfigDict(defer_build=True)

    outcome: Outcome
    reasons: list[Reason] = []
    excluded: list[str] = []
    """Stretch ids left out of routines (empty for consult and urgent: there is no routine)."""
    exclusions: list[StretchNote] = []
    """Why each excluded stretch is left out (the caution texts), same order as `excluded`."""
    modified: list[StretchNote] = []
    """Stretches done a modified way, with the caution text to show (never also excluded)."""
    conditions: list[str] = []
    notes: list[Reason] = []
    """Advice that goes with the result whatever the outcome (floor transfers, under 18);
    `rule` is the note's id."""
    screened_on: date
    valid_until: date
    answers: dict[str, bool | str | int] = {}
    message: str = ""


# --- Rules ---------------------------------------------------------------------------------------


def triggered(q: Question, answer: Answer | None) -> bool:
    """Whether this answer is a 'yes': true for yes-no, any option but the first for a choice."""
    if q.kind == "yes-no":
        return answer is True
    if q.kind == "choice":
        return isinstance(answer, str) and answer != q.options[0]
    return False


def _reasons_for(
    questions: Sequence[Question], answers: Mapping[str, Answer], outcome: Outcome, rule: str
) -> list[Reason]:
    return [
        Reason(
            question=q.id,
            text=q.option_reasons.get(str(answers.get(q.id)), q.reason),
            source=q.source,
            rule=rule,
        )
        for q in questions
        if q.outcome == outcome and triggered(q, answers.get(q.id))
    ]


def urgent_reasons(questions: Sequence[Question], answers: Mapping[str, Answer]) -> list[Reason]:
    """Rules `urgent-red-flag` and `same-day-infection` (nice-ng59)."""
    return [
        r.model_copy(update={"rule": "same-day-infection"})
        if by_id[r.question].care == "same-day"
        else r
        for by_id in [{q.id: q for q in questions}]
        for r in _reasons_for(questions, answers, "urgent", "urgent-red-flag")
    ]


def consult_reasons(questions: Sequence[Question], answers: Mapping[str, Answer]) -> list[Reason]:
    """Rule `consult-first` (nice-ng59, seed-002, parq-plus; each reason names its own)."""
    return _reasons_for(questions, answers, "consult", "consult-first")


def caution_reasons(questions: Sequence[Question], answers: Mapping[str, Answer]) -> list[Reason]:
    """Rule `caution-condition` (source per question)."""
    return _reasons_for(questions, answers, "caution", "caution-condition")


def clearance_reason(consults: Sequence[Reason], cleared: bool) -> Reason | None:
    """Rule `professional-clearance` (parq-plus): only when there is something to clear."""
    if not cleared or not consults:
        return None
    # The points cleared are the reasons listed with it (by their questions), not named here
    # again: a question's id is not words for people.
    return Reason(
        question=CLEARANCE_QUESTION,
        text=say(
            "A health professional has cleared you to start after reviewing the points above. "
            "Follow any limits they gave you; the cautions for your conditions still apply."
        ),
        source=RULES["professional-clearance"].sources[0],
        rule="professional-clearance",
    )


def active_conditions(questions: Sequence[Question], answers: Mapping[str, Answer]) -> list[str]:
    """Condition ids set by the answers, in question order, matched against stretch cautions."""
    out: list[str] = []
    for q in questions:
        answer = answers.get(q.id)
        if not triggered(q, answer):
            continue
        if q.kind == "yes-no":
            ids = [q.condition] if q.condition else []
        else:
            ids = q.conditions.get(str(answer), [])
        out += [c for c in ids if c not in out]
    return out


def result_notes(questions: Sequence[Question], answers: Mapping[str, Answer]) -> list[Reason]:
    """Rules `floor-transfer` and `under-18`: the notes of the age question that apply."""
    age = answers.get("age")
    out: list[Reason] = []
    for q in questions:
        for n in q.notes:
            lo_ok = n.min_age is not None and isinstance(age, int) and age >= n.min_age
            hi_ok = n.max_age is not None and isinstance(age, int) and age <= n.max_age
            yes = any(answers.get(i) is True for i in n.or_yes_to)
            if (lo_ok or hi_ok or yes) and all(r.rule != n.id for r in out):
                out.append(Reason(question=q.id, text=n.text, source=n.source, rule=n.id))
    return out


def stretch_effects(
    stretches: Iterable[Stretch], conditions: Iterable[str]
) -> tuple[list[StretchNote], list[StretchNote]]:
    """(excluded, modified) for the active conditions; rule `avoid-over-modify` applies."""
    active = set(conditions)
    excluded: list[StretchNote] = []
    modified: list[StretchNote] = []
    for s in stretches:
        avoid = [c for c in s.cautions if c.condition in active and c.action == "avoid"]
        modify = [c for c in s.cautions if c.condition in active and c.action == "modify"]
        hits = avoid or modify
        if not hits:
            continue
        note = StretchNote(
            id=s.id,
            text=" ".join(c.text for c in hits),
            conditions=list(dict.fromkeys(c.condition for c in hits)),
            sources=list(dict.fromkeys(c.source for c in hits)),
        )
        (excluded if avoid else modified).append(note)
    return excluded, modified


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day (29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def valid_until(screened_on: date) -> date:
    """Rule `valid-twelve-months` (parq-plus)."""
    return add_months(screened_on, VALIDITY_MONTHS)


def decide(
    urgent: Sequence[Reason],
    consult: Sequence[Reason],
    caution: Sequence[Reason],
    cleared: bool,
    conditions: Sequence[str],
) -> Outcome:
    """The outcome from the rules, most severe first."""
    if urgent:
        return "urgent"
    if consult and not cleared:
        return "consult"
    if consult or caution or conditions:
        return "caution"
    return "clear"


# --- Messages ------------------------------------------------------------------------------------


def _names(ids: Iterable[str], names: Mapping[str, str]) -> str:
    return ", ".join(names.get(i, i) for i in ids)


def _message(
    outcome: Outcome,
    urgent: Sequence[Reason],
    consult: Sequence[Reason],
    cleared_reason: Reason | None,
    excluded: Sequence[StretchNote],
    modified: Sequence[StretchNote],
    names: Mapping[str, str],
    questions: Mapping[str, Question],
) -> str:
    if outcome == "urgent" and all(questions[r.question].care == "same-day" for r in urgent):
        return say(
            "Stop: do not stretch today. What you describe can be a sign of an infection of the "
            "spine, which needs a doctor's assessment the same day, not a routine appointment: "
            "call your doctor's surgery and ask to be seen today, or go to an urgent care "
            "centre (in the UK you can also call 111). If you feel very unwell, confused or "
            "cannot get there safely, call your local emergency number (999 in the UK, 112 in "
            "the EU, 911 in the US and Canada). supple will not plan a routine. {disclaimer}"
        ).format(disclaimer=say(DISCLAIMER))
    if outcome == "urgent":
        return say(
            "Stop: do not stretch, and do not wait to see if this settles. What you describe can "
            "be a sign of cauda equina syndrome, where the bundle of nerves at the bottom of the "
            "spine is squeezed, and it needs an emergency assessment today. Go to an emergency "
            "department (A&E / ER) now, or call your local emergency number (999 in the UK, 112 "
            "in the EU, 911 in the US and Canada) if you cannot get there safely. supple will not "
            "plan a routine. {disclaimer}"
        ).format(disclaimer=say(DISCLAIMER))
    if outcome == "consult":
        warning = any(questions[r.question].category == "red-flag" for r in consult)
        # The question as people read it, not its id.
        clearance = questions.get(CLEARANCE_QUESTION)
        see = say(
            "Please see a doctor or physiotherapist before you start, and tell them about the "
            "points listed below."
        )
        soon = say(
            "Some of your answers are warning signs, so contact your doctor soon rather than "
            "waiting for a routine check-up."
        )
        then = say(
            "Until then supple will not plan a routine. Once a professional says you may begin, "
            'take the screen again and answer yes to "{question}"; supple will then plan for '
            "you with the cautions that still apply."
        ).format(question=clearance.text if clearance else CLEARANCE_QUESTION)
        return " ".join([see, *([soon] if warning else []), then, say(DISCLAIMER)])
    if outcome == "caution":
        parts = [say("You can start, with changes made for your safety.")]
        if cleared_reason is not None:
            parts.append(say("A professional has cleared you; their advice comes first."))
        if excluded:
            parts.append(
                say("Left out of your routines: {names}.").format(
                    names=_names((n.id for n in excluded), names)
                )
            )
        if modified:
            parts.append(
                say("Done a modified way (shown during the session): {names}.").format(
                    names=_names((n.id for n in modified), names)
                )
            )
        if not excluded and not modified:
            parts.append(
                say(
                    "No stretch in the catalog needs changing for this, but keep the "
                    "points below in mind."
                )
            )
        parts.append(say("Stop any stretch that causes sharp, shooting or spreading pain."))
        parts.append(say(DISCLAIMER))
        return " ".join(parts)
    return say(
        "Nothing in your answers stands in the way: go ahead. Start gently, stretch only to mild "
        "tension, and stop at any sharp, shooting or spreading pain. Take the screen again in 12 "
        "months, or sooner if your health changes or a stretch hurts. {disclaimer}"
    ).format(disclaimer=say(DISCLAIMER))


# --- The screen ----------------------------------------------------------------------------------


def screen(
    questions: Sequence[Question],
    stretches: Iterable[Stretch],
    answers: Mapping[str, object],
    today: date,
) -> ScreeningResult:
    """Judge the answers (validated here too, so raw answers raise AnswersError) on `today`.

    For `urgent` and `consult` the `excluded`/`modified` lists are empty: there is no routine to
    shape. `conditions` always lists the conditions the answers set. With an urgent answer
    among malformed ones, the AnswersError carries the urgent result (rule `urgent-first`).
    """
    try:
        clean = validate_answers(questions, answers)
    except AnswersError as e:
        e.urgent = urgent_despite(questions, answers, today)
        raise
    return judge(questions, stretches, clean, today)


def judge(
    questions: Sequence[Question],
    stretches: Iterable[Stretch],
    clean: Mapping[str, Answer],
    today: date,
) -> ScreeningResult:
    """The result of answers already validated (`validate_answers`) on `today`."""
    catalog = list(stretches)
    urgent = urgent_reasons(questions, clean)
    consult = consult_reasons(questions, clean)
    caution = caution_reasons(questions, clean)
    cleared = clean.get(CLEARANCE_QUESTION) is True
    conditions = active_conditions(questions, clean)
    outcome = decide(urgent, consult, caution, cleared, conditions)

    cleared_reason = clearance_reason(consult, cleared) if outcome == "caution" else None
    reasons: list[Reason] = {
        "urgent": urgent,
        "consult": consult,
        "caution": [*consult, *([cleared_reason] if cleared_reason else []), *caution],
        "clear": [],
    }[outcome]
    excluded: list[StretchNote] = []
    modified: list[StretchNote] = []
    if outcome == "caution":
        excluded, modified = stretch_effects(catalog, conditions)
    message = _message(
        outcome,
        urgent,
        consult,
        cleared_reason,
        excluded,
        modified,
        {s.id: s.name for s in catalog},
        {q.id: q for q in questions},
    )
    return ScreeningResult(
        outcome=outcome,
        reasons=reasons,
        excluded=[n.id for n in excluded],
        exclusions=excluded,
        modified=modified,
        conditions=conditions,
        notes=result_notes(questions, clean),
        screened_on=today,
        valid_until=valid_until(today),
        answers=dict(clean),
        message=message,
    )


def is_valid(result: ScreeningResult, today: date) -> bool:
    """Not expired: valid up to and including `valid_until` (rule `valid-twelve-months`)."""
    return today <= result.valid_until
