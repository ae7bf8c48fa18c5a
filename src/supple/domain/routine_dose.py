"""Dose rules for a routine someone made or changed by hand (API, saved, imported).

The planner only ever makes doses within these rules; a routine from elsewhere is checked
against the same rules before it is played, and the first step that breaks one is named
(`field` = "steps.N.hold_seconds", N counted from 0 as in the JSON).

- Static holds within the age band's range: 10-30 s for adults under 65, 30-60 s from 65
  (acsm-2021). (Under 18 the gate then shortens doses further: rule `under-18`.)
- A one-sided stretch is done on both sides, the same dose each (rule `equal-sides`).
- About 60 s a side in total, reached over 2-4 repetitions (garber-2011): at most
  `MAX_REPS` repetitions, one hold carries at most half of the target, and the total a side
  stays within twice the target (the planner's own limit).
- A dynamic stretch keeps to the repetitions its catalog entry gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from supple.domain.catalog import Stretch
from supple.domain.planner_rules import MAX_REPS, TARGET_SECONDS_PER_SIDE
from supple.domain.problems import Kind, Problem, code
from supple.domain.profile import OLDER_ADULT_AGE
from supple.domain.routine import Routine

HOLD_RANGE = code("routine.hold-range", Kind.BAD_INPUT)
UNEQUAL_SIDES = code("routine.unequal-sides", Kind.BAD_INPUT)
REPS_RANGE = code("routine.reps-range", Kind.BAD_INPUT)
TOO_MUCH = code("routine.total-dose", Kind.BAD_INPUT)
UNKNOWN_STRETCH = code("routine.unknown-stretch", Kind.BAD_INPUT)

#: Static hold range (seconds) by age band (acsm-2021).
HOLD_ADULT = (10, 30)
HOLD_OLDER = (30, 60)


def hold_band(age: int | None) -> tuple[int, int]:
    """The allowed static hold for an age (the adult band when the age is not known)."""
    if age is not None and age >= OLDER_ADULT_AGE:
        return HOLD_OLDER
    return HOLD_ADULT


def check_dose(routine: Routine, stretches: Mapping[str, Stretch], age: int | None) -> None:
    """Problem (bad input) naming the first step whose dose breaks a rule (module docstring)."""
    low, high = hold_band(age)
    per_side_max = 2 * TARGET_SECONDS_PER_SIDE
    for n, step in enumerate(routine.steps):
        if step.kind != "stretch":
            continue
        at = f"steps.{n}"
        s = stretches.get(step.id or "")
        if s is None:
            raise Problem(UNKNOWN_STRETCH, f"{at}.id", step=n + 1, given=step.id or "")
        shown: dict[str, Any] = {"step": n + 1, "stretch": s.name}
        if s.one_sided and sorted(step.sides) != ["left", "right"]:
            raise Problem(UNEQUAL_SIDES, f"{at}.sides", given=list(step.sides), **shown)
        reps = step.reps or 0
        if s.style == "dynamic":
            lo, hi = (s.repetitions.min, s.repetitions.max) if s.repetitions else (1, MAX_REPS)
            if not lo <= reps <= hi:
                raise Problem(REPS_RANGE, f"{at}.reps", given=reps, low=lo, high=hi, **shown)
            continue
        hold = step.hold_seconds or 0
        if not low <= hold <= high:
            raise Problem(HOLD_RANGE, f"{at}.hold_seconds", given=hold, low=low, high=high, **shown)
        if not 1 <= reps <= MAX_REPS:
            raise Problem(REPS_RANGE, f"{at}.reps", given=reps, low=1, high=MAX_REPS, **shown)
        if (reps == 1 and hold > TARGET_SECONDS_PER_SIDE // 2) or hold * reps > per_side_max:
            raise Problem(
                TOO_MUCH,
                f"{at}.reps",
                given=hold * reps,
                reps=reps,
                hold=hold,
                target=TARGET_SECONDS_PER_SIDE,
                most=per_side_max,
                **shown,
            )
