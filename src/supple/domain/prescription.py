"""A routine a coach prescribes: chosen stretches with their doses, days a week, notes.

Pure (stdlib + pydantic). `prescribed_routine` turns the coach's choices into the plan's JSON
contract (`Routine`), which the client then starts through the one gate
(`services.planning.start_routine`: the dose rules and the client's own screen), so a
prescription never gets round the client's screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, Strict

from supple.domain.catalog import Stretch
from supple.domain.gate import _with_transitions
from supple.domain.numbers import WHOLE, WholeNumber
from supple.domain.planner_model import static_seconds
from supple.domain.planner_rules import PREPARE_SECONDS, SWITCH_SECONDS
from supple.domain.problems import Kind, Problem, code
from supple.domain.routine import Routine, Side, Step
from supple.domain.words import say

NO_STRETCH = code("coach.no-stretch", Kind.BAD_INPUT, field="stretches")
UNKNOWN_STRETCH = code("coach.unknown-stretch", Kind.BAD_INPUT, field="stretches")
DAYS_RANGE = code("coach.days-range", Kind.BAD_INPUT, field="days_per_week")

MAX_STEPS = 20
NOTES_MAX = 2000


class PrescribedStretch(BaseModel):
    """One stretch of a prescription: a static stretch's hold and repetitions a side, or a
    dynamic one's repetitions (its hold is left out)."""

    model_config = ConfigDict(extra="forbid")

    stretch: str = Field(min_length=1, max_length=100)
    hold_seconds: Annotated[int, Strict(), Field(ge=1, le=600), WHOLE] | None = None
    reps: WholeNumber = Field(default=2, ge=1, le=50)


class Prescription(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="From your coach", min_length=1, max_length=80)
    stretches: list[PrescribedStretch] = Field(min_length=1, max_length=MAX_STEPS)
    days_per_week: WholeNumber = Field(default=3, ge=1, le=7)
    notes: str = Field(default="", max_length=NOTES_MAX)


def prescribed_routine(p: Prescription, stretches: Mapping[str, Stretch]) -> Routine:
    """The prescription as a routine to play (doses not yet checked: the gate does that)."""
    if not p.stretches:
        raise Problem(NO_STRETCH)
    steps: list[Step] = []
    for item in p.stretches:
        s = stretches.get(item.stretch)
        if s is None or s.style == "warmup":
            raise Problem(UNKNOWN_STRETCH, given=item.stretch)
        steps.append(_step(s, item))
    laid_out = _with_transitions(steps)
    return Routine(
        total_seconds=sum(s.seconds for s in laid_out),
        warmed_up=False,
        context="anytime",
        steps=laid_out,
    )


def _step(s: Stretch, item: PrescribedStretch) -> Step:
    sides: list[Side] = ["left", "right"] if s.one_sided else ["both"]
    n = len(sides)
    if s.style == "dynamic" and s.tempo is not None:
        hold = s.tempo.rep_seconds
        seconds = PREPARE_SECONDS + n * item.reps * hold + (n - 1) * SWITCH_SECONDS
    else:
        hold = item.hold_seconds or 30
        seconds = static_seconds(hold, item.reps, n)
    return Step(
        kind="stretch",
        id=s.id,
        seconds=seconds,
        name=s.name,
        style=s.style,
        position=s.position,
        sides=sides,
        hold_seconds=hold,
        reps=item.reps,
        switch_seconds=SWITCH_SECONDS if s.one_sided else None,
        targets=list(s.targets.primary),
        why=say("Prescribed by your coach."),
        rules=[],
    )


def stretch_ids(p: Prescription) -> Sequence[str]:
    return [i.stretch for i in p.stretches]
