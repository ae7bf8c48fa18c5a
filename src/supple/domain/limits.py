"""Bounds on what a client or a file sends, shared by every way in (the REST API's request
models and `supple import`): one definition, so a value the API refuses is refused in an
imported file too.

Numbers are strict (a JSON `true` is not the number 1), finite and within a range a real
session can reach; a routine must hold a stretch and fit the same limits the planner keeps.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict

from supple.domain.numbers import WHOLE
from supple.domain.problems import Problem, code
from supple.domain.routine import Routine

#: A week: no hold, pause or session offset a person can reach is longer.
MAX_SECONDS = 7 * 24 * 3600
#: Seconds as the API and an import take them: a number (not a boolean), finite, 0 to a week.
Seconds = Annotated[float, Strict(), Field(ge=0, le=MAX_SECONDS, allow_inf_nan=False)]
#: Discomfort as rated: a whole number 0 to 10 (not a boolean; 6.0 is 6).
Discomfort = Annotated[int, Strict(), Field(ge=0, le=10), WHOLE]

MAX_STEPS = 200
MAX_REPS = 100
MAX_STEP_SECONDS = 240 * 60
MAX_HOLD_SECONDS = 600

NO_STRETCH = code("routine.no-stretch", field="steps")
TOO_MANY_STEPS = code("routine.too-many-steps", field="steps")
STEP_TOO_LONG = code("routine.step-too-long")
STEP_REPS = code("routine.step-reps-range")
STEP_HOLD = code("routine.step-hold-range")


def check_routine(routine: Routine) -> None:
    """A routine sent by a client or held by a file: it has a stretch to play and keeps to the
    bounds a planned routine always keeps (a crafted one with a billion repetitions is refused
    before it is timed). The problem's field is the routine's own (`steps.3.seconds`)."""
    if not any(step.kind != "transition" for step in routine.steps):
        raise Problem(NO_STRETCH)
    if len(routine.steps) > MAX_STEPS:
        raise Problem(TOO_MANY_STEPS, steps=len(routine.steps), most=MAX_STEPS)
    for n, step in enumerate(routine.steps):
        where = f"steps.{n}"
        if step.seconds > MAX_STEP_SECONDS:
            raise Problem(
                STEP_TOO_LONG,
                f"{where}.seconds",
                step=n,
                seconds=step.seconds,
                most=MAX_STEP_SECONDS,
            )
        if step.reps is not None and not 0 <= step.reps <= MAX_REPS:
            raise Problem(STEP_REPS, f"{where}.reps", step=n, reps=step.reps, most=MAX_REPS)
        if step.hold_seconds is not None and not 0 <= step.hold_seconds <= MAX_HOLD_SECONDS:
            raise Problem(
                STEP_HOLD,
                f"{where}.hold_seconds",
                step=n,
                seconds=step.hold_seconds,
                most=MAX_HOLD_SECONDS,
            )
