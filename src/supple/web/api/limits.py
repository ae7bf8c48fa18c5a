"""Bounds on a routine sent by a client (saved or played): the shared check of
`supple.domain.limits`, which `supple import` applies to a file's routines too."""

from __future__ import annotations

from supple.domain.limits import MAX_HOLD_SECONDS, MAX_REPS, MAX_STEP_SECONDS, MAX_STEPS
from supple.domain.limits import check_routine as _check
from supple.domain.routine import Routine

__all__ = ["MAX_HOLD_SECONDS", "MAX_REPS", "MAX_STEPS", "MAX_STEP_SECONDS", "check_routine"]


def check_routine(routine: Routine) -> None:
    """A Problem (422, `field` the step's) when the routine has nothing to play or is out of
    bounds."""
    _check(routine)
