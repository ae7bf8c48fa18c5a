"""The one safety gate every session start passes: fresh plan, saved routine, CLI, web, API.

`may_start` answers "may a routine be played now?" from the latest screen, when it was taken
and the pain log, and raises `SafetyRefusal` (a `Problem` of kind SAFETY) when not. What it
allows (`Allowed`) goes two ways: into the planner's request (`planner_exclusions`, the
screen's `excluded`/`modified` maps) before a fresh plan, and onto any routine being started
(`gate_routine`), which leaves out or changes what the latest screen and the pain log rule
out and returns each change as data (`Change`) that the front ends word.

This is general guidance drawn from public sources, not medical advice.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from supple.domain.catalog import Modification, Stretch
from supple.domain.level import LevelDose
from supple.domain.planner_model import static_seconds
from supple.domain.planner_routine import _transition
from supple.domain.planner_rules import PREPARE_SECONDS, SWITCH_SECONDS
from supple.domain.problems import Code, Kind, Problem, code
from supple.domain.progression import ladder
from supple.domain.routine import Change, Routine, Step
from supple.domain.screening import ScreeningResult, is_valid
from supple.domain.words import say

NO_SCREEN = code("safety.no-screen", Kind.SAFETY)
SCREEN_EXPIRED = code("safety.screen-expired", Kind.SAFETY)
URGENT = code("safety.urgent", Kind.SAFETY)
URGENT_SAME_DAY = code("safety.urgent-same-day", Kind.SAFETY)
CONSULT = code("safety.consult", Kind.SAFETY)
PAIN_SINCE_SCREEN = code("safety.pain-since-screen", Kind.SAFETY)
ROUTINE_EXCLUDED = code("safety.routine-excluded", Kind.SAFETY, field="routine")

#: Where a person goes next: keys of `supple.wording.fronts` (each front end names it).
SCREEN_AGAIN = "screen-again"
PLAN_AGAIN = "plan-again"

#: Rule `under-18`: supple's own cap, inside the adult ranges (acsm-2021, garber-2011).
YOUTH_MAX_HOLD = 30
YOUTH_MAX_PER_SIDE = 60
ADULT_AGE = 18

#: Rule `pregnancy-later`: stretches lying on the back a session may hold after the first
#: trimester (supple's own count for "keep it short in total").
PREGNANCY_LYING_LIMIT = 1
LYING = "lying"


def reason(text: str, source: str) -> dict[str, str]:
    """One reason of a refusal: a text from the data (our own words) and its source id."""
    return {"text": text, "source": source}


class SafetyRefusal(Problem):
    """No session for safety reasons (exit 3, HTTP 409).

    Params: `reasons`, a list of {"text", "source"} from the data; `next`, a key of
    `supple.wording.fronts` for where the person goes next (None when it is not a supple
    page, e.g. an emergency department: the wording says where).
    """

    def __init__(
        self,
        problem: Code,
        field: str | None = None,
        /,
        *,
        reasons: Sequence[Mapping[str, str]] = (),
        next: str | None = SCREEN_AGAIN,
        **params: Any,
    ) -> None:
        super().__init__(problem, field, reasons=[dict(r) for r in reasons], next=next, **params)


@dataclass(frozen=True)
class PainReport:
    """A sharp-pain stop from the log."""

    stretch: str
    name: str
    at: datetime


@dataclass(frozen=True)
class PainCheck:
    """The person marked a stretch checked after sharp pain: `professional` (someone has looked
    at it) or `settled` (it has settled and they want to try again)."""

    stretch: str
    at: datetime
    reason: str


def checked_after(pain: datetime, checks: Sequence[PainCheck]) -> PainCheck | None:
    """The check that brings a stretch back after the sharp pain at `pain` (rule
    progression-pain): the first made after it on a later day (never the day of the pain,
    in the local time both are given in)."""
    later = [c for c in checks if c.at > pain and c.at.date() > pain.date()]
    return min(later, key=lambda c: c.at) if later else None


@dataclass(frozen=True)
class Allowed:
    """What the latest screen and the pain log allow: the effects every routine gets."""

    excluded: dict[str, str] = field(default_factory=dict)
    """Stretch id -> the screen's text for leaving it out."""
    modified: dict[str, str] = field(default_factory=dict)
    """Stretch id -> the screen's change (the caution text)."""
    sources: dict[str, list[str]] = field(default_factory=dict)
    """Stretch id -> the sources of the screen's text for it (its cautions' own)."""
    conditions: list[str] = field(default_factory=list)
    notes: dict[str, dict[str, str]] = field(default_factory=dict)
    """Rule id -> reason ({"text", "source"}): the notes and reasons that change routines
    (floor-transfer, under-18, pregnancy-later)."""
    pain: dict[str, date] = field(default_factory=dict)
    """Stretch id -> the day of its last sharp-pain report, not checked since: the stretch
    is left out (the warm-up, which is never left out, is eased)."""
    age: int | None = None
    returning: dict[str, date] = field(default_factory=dict)
    """Stretch id -> the day of its last sharp-pain report, checked since: it comes back at
    its easier variation and its lowest dose (or its level from the log since, `levels`)."""
    levels: dict[str, LevelDose] = field(default_factory=dict)
    """Stretch id -> its level from the log (supple.domain.progression), when known."""

    def pain_texts(self) -> dict[str, str]:
        """The planner's `pain_history` input: stretch id -> when (a day, shown as a date)."""
        return {sid: day.isoformat() for sid, day in self.pain.items()}

    def pain_out(self, warmups: Sequence[str] = ()) -> dict[str, str]:
        """The planner's `pain_out`: each stretch with a sharp-pain report not checked since
        (warm-ups aside: they are eased), with why it is out and how it comes back."""
        return {sid: pain_reason(day) for sid, day in self.pain.items() if sid not in warmups}


def pain_reason(day: date) -> str:
    """Why a stretch is out after sharp pain, and how it comes back (rule progression-pain)."""
    return say(
        "You reported sharp pain in it on {day}. It stays out until you mark it checked, once a "
        "professional has looked at it or it has settled and you want to try again (not on the "
        "day of the pain); it then comes back at its easier version and lowest dose."
    ).format(day=day.isoformat())


def may_start(
    result: ScreeningResult | None,
    taken_at: datetime | None,
    pains: Sequence[PainReport],
    today: date,
    age: int | None = None,
    why_screen: Sequence[Mapping[str, str]] = (),
    checks: Sequence[PainCheck] = (),
    levels: Mapping[str, LevelDose] | None = None,
) -> Allowed:
    """What the latest screen allows today, or SafetyRefusal (most pressing reason first):
    no screen, an urgent outcome (where to go comes first), an expired screen, a consult
    outcome, a sharp pain logged after the screen was taken. `why_screen`: the reasons (from
    the data) a refusal for no screen or an expired one gives. `checks`: the person's marks
    that a stretch with a sharp-pain report may come back (rule progression-pain)."""
    if result is None or taken_at is None:
        return _refuse(NO_SCREEN, reasons=why_screen)
    reasons = [reason(r.text, r.source) for r in result.reasons]
    if result.outcome == "urgent":
        same_day = all(r.rule == "same-day-infection" for r in result.reasons)
        _refuse(URGENT_SAME_DAY if same_day else URGENT, reasons=reasons, next=None)
    if not is_valid(result, today):
        _refuse(
            SCREEN_EXPIRED,
            reasons=why_screen,
            screened_on=result.screened_on,
            valid_until=result.valid_until,
        )
    if result.outcome == "consult":
        _refuse(CONSULT, reasons=reasons)
    after = [p for p in pains if p.at > taken_at]
    if after:
        last = max(after, key=lambda p: p.at)
        _refuse(PAIN_SINCE_SCREEN, stretch=last.name, day=last.at.date())
    latest: dict[str, PainReport] = {}
    for p in sorted(pains, key=lambda p: p.at):
        latest[p.stretch] = p
    days: dict[str, date] = {}
    returning: dict[str, date] = {}
    for sid, p in latest.items():
        mine = [c for c in checks if c.stretch == sid]
        (returning if checked_after(p.at, mine) is not None else days)[sid] = p.at.date()
    notes = {n.rule: reason(n.text, n.source) for n in result.notes}
    stage = next((r for r in result.reasons if r.question == "pregnancy-stage"), None)
    if stage is not None and "pregnancy-later" in result.conditions:
        notes["pregnancy-later"] = reason(stage.text, stage.source)
    screened_age = result.answers.get("age")
    return Allowed(
        excluded={n.id: n.text for n in result.exclusions}
        | {i: "" for i in result.excluded if i not in {n.id for n in result.exclusions}},
        modified={n.id: n.text for n in result.modified},
        sources={n.id: n.sources for n in [*result.exclusions, *result.modified]},
        conditions=list(result.conditions),
        notes=notes,
        pain=days,
        age=age if age is not None else screened_age if isinstance(screened_age, int) else None,
        returning=returning,
        levels=dict(levels or {}),
    )


def _refuse(problem: Code, **params: Any) -> Allowed:
    raise SafetyRefusal(problem, **params)


# --- What a routine gets -------------------------------------------------------------------------


def planner_exclusions(
    allowed: Allowed, stretches: Sequence[Stretch], places: Sequence[str]
) -> dict[str, str]:
    """Stretch id -> text for what a plan should not pick given the places (rules
    `pregnancy-later`: lying on the back when a chair or standing place is chosen;
    `floor-transfer`: floor-only stretches when a chair is among the places)."""
    out: dict[str, str] = {}
    pregnant = allowed.notes.get("pregnancy-later")
    floor = allowed.notes.get("floor-transfer")
    for s in stretches:
        if s.style == "warmup":
            continue
        if pregnant and s.position == LYING and {"chair", "standing"} & set(places):
            out[s.id] = pregnant["text"]
        elif floor and "chair" in places and set(s.places) == {"floor"}:
            out[s.id] = floor["text"]
    return out


def gate_routine(
    routine: Routine, allowed: Allowed, stretches: Mapping[str, Stretch]
) -> tuple[Routine, list[Change]]:
    """The routine as it may be played now, and every change made or already made to it.

    Leaves out what the latest screen excludes, a stretch with a sharp-pain report not marked
    checked since (rule progression-pain; the warm-up is eased instead), and lying stretches
    past the pregnancy limit (the place preferences of `planner_exclusions` only steer a fresh
    plan); sets the screen's change on the others; brings a stretch checked after pain back at
    its easier version and lowest dose (or the level it has reached since); shortens doses for
    under 18. Raises SafetyRefusal when no stretch is left.
    """
    changes: list[Change] = []
    kept: list[Step] = []
    lying = 0
    for step in routine.steps:
        if step.kind == "transition" or step.id is None:
            continue
        s = stretches.get(step.id)
        name = s.name if s is not None else step.name or step.id
        out = _left_out(step, s, allowed, name)
        pregnant = allowed.notes.get("pregnancy-later")
        if out is None and pregnant and s is not None and s.position == LYING:
            lying += 1
            if lying > PREGNANCY_LYING_LIMIT:
                out = Change(
                    action="left-out",
                    stretch=step.id,
                    name=name,
                    why="pregnancy-later",
                    **pregnant,
                )
        if out is not None:
            if step.kind == "warmup":  # the warm-up is never left out: it is eased instead
                out = None
            else:
                changes.append(out)
                continue
        step, more = _changed(step, s, allowed, name)
        changes += more
        kept.append(step)
    if not any(s.kind == "stretch" for s in kept):
        raise SafetyRefusal(
            ROUTINE_EXCLUDED,
            reasons=[reason(c.text, c.source) for c in changes],
            next=PLAN_AGAIN,
        )
    steps = _with_transitions(kept)
    update: dict[str, Any] = {"changes": changes}
    if steps != routine.steps:  # a plan the gate does not touch keeps its own total
        update |= {"steps": steps, "total_seconds": sum(s.seconds for s in steps)}
    return routine.model_copy(update=update), changes


def left_out_by_screen(stretch_ids: Sequence[str], excluded: Collection[str]) -> list[str]:
    """Of a coach's prescribed stretches, those the client's own latest screen leaves out
    (`excluded`: the screen's excluded stretch ids). They are left out for the client when the
    routine starts (`gate_routine`); the coach is told only which ones, as "left out by the
    client's screen", never the answers or the reasons behind it."""
    return [sid for sid in dict.fromkeys(stretch_ids) if sid in excluded]


def _left_out(step: Step, s: Stretch | None, allowed: Allowed, name: str) -> Change | None:
    sid = step.id or ""
    if sid in allowed.excluded:
        text = allowed.excluded[sid]
        source = (allowed.sources.get(sid) or ["general-anatomy"])[0]
        return Change(
            action="left-out", stretch=sid, name=name, why="screen", text=text, source=source
        )
    if sid in allowed.pain:
        return Change(
            action="left-out",
            stretch=sid,
            name=name,
            why="pain",
            text="",
            source="seed-002",
            day=allowed.pain[sid],
        )
    return None


def _changed(
    step: Step, s: Stretch | None, allowed: Allowed, name: str
) -> tuple[Step, list[Change]]:
    sid = step.id or ""
    changes: list[Change] = []
    texts: list[str] = []
    if sid in allowed.modified:
        text = allowed.modified[sid]
        texts.append(text)
        source = (allowed.sources.get(sid) or ["general-anatomy"])[0]
        changes.append(
            Change(action="changed", stretch=sid, name=name, why="screen", text=text, source=source)
        )
    easier = s.easier() if s is not None else None
    if sid in allowed.pain and easier is not None:  # the warm-up: eased, never left out
        texts.append(easier.text)
        changes.append(
            Change(
                action="changed",
                stretch=sid,
                name=name,
                why="pain",
                text=easier.text,
                source=easier.source,
                day=allowed.pain[sid],
            )
        )
    update: dict[str, Any] = {}
    if sid in allowed.returning and s is not None and step.kind == "stretch":
        back = _returning(step, s, allowed)
        if back is not None:
            update |= back[0]
            if back[1] is not None:
                texts.append(back[1].text)
            changes.append(
                Change(
                    action="changed",
                    stretch=sid,
                    name=name,
                    why="pain-checked",
                    text=back[1].text if back[1] is not None else "",
                    source="seed-002",
                    day=allowed.returning[sid],
                )
            )
    if texts:
        have = step.modification or ""
        missing = [t for t in texts if t not in have]
        if missing:
            update["modification"] = " ".join([have, *missing]).strip()
    youth = allowed.age is not None and allowed.age < ADULT_AGE
    held = update.get("hold_seconds", step.hold_seconds)
    if youth and step.kind == "stretch" and step.style != "dynamic" and held:
        hold = min(held, YOUTH_MAX_HOLD)
        reps = max(1, min(update.get("reps", step.reps) or 1, YOUTH_MAX_PER_SIDE // hold))
        if (hold, reps) != (held, update.get("reps", step.reps)):
            sides = max(1, len([x for x in step.sides if x != "both"]))
            update |= {
                "hold_seconds": hold,
                "reps": reps,
                "seconds": static_seconds(hold, reps, sides),
            }
            note = allowed.notes.get("under-18") or reason("", "supple")
            changes.append(
                Change(action="shortened", stretch=sid, name=name, why="under-18", **note)
            )
    return (step.model_copy(update=update) if update else step), changes


def _returning(
    step: Step, s: Stretch, allowed: Allowed
) -> tuple[dict[str, Any], Modification | None] | None:
    """A stretch back after a checked sharp pain: the dose and variation of its level (from the
    log since, or the lowest rung of its ladder), and the variation's modification (None for
    the standard one). None once it has moved past its lowest rung and the step is within it."""
    level = allowed.levels.get(s.id)
    rungs = ladder(s, allowed.age)
    if level is not None:
        hold, most, variation = level.hold, level.reps, level.variation
    elif rungs:
        hold, most, variation = rungs[0].hold, rungs[0].reps, rungs[0].variation
    else:
        return None
    mod = next((m for m in s.modifications if m.kind == variation), None)
    update: dict[str, Any] = {}
    sides = max(1, len([x for x in step.sides if x != "both"]))
    if s.style == "dynamic":
        reps = min(step.reps or most, most)
        if reps != step.reps and s.tempo is not None:
            update = {"reps": reps, "seconds": _dynamic_seconds(reps, s.tempo.rep_seconds, sides)}
    elif step.hold_seconds:
        h = min(step.hold_seconds, hold)
        reps = min(step.reps or 1, most)
        if (h, reps) != (step.hold_seconds, step.reps):
            update = {"hold_seconds": h, "reps": reps, "seconds": static_seconds(h, reps, sides)}
    lowest = level is None or level.step == 0
    if not update and not lowest:
        return None
    return update, mod


def _dynamic_seconds(reps: int, cycle: int, sides: int) -> int:
    return PREPARE_SECONDS + sides * reps * cycle + (sides - 1) * SWITCH_SECONDS


def _with_transitions(steps: Sequence[Step]) -> list[Step]:
    """The steps with a transition wherever the position changes (as the planner lays out)."""
    out: list[Step] = []
    for step in steps:
        prev = out[-1].position if out else None
        if prev is not None and step.position is not None and prev != step.position:
            out.append(_transition(prev, step.position))
        out.append(step)
    return out
