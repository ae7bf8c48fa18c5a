"""Bounds on a routine sent by a client (saved or played): a routine the planner could make
always fits; a crafted one with a billion repetitions is refused before it is timed."""

from __future__ import annotations

from supple.domain.routine import Routine
from supple.web.errors.body import ApiError

MAX_STEPS = 200
MAX_REPS = 100
MAX_STEP_SECONDS = 240 * 60
MAX_HOLD_SECONDS = 600


def check_routine(routine: Routine) -> None:
    if not any(step.kind != "transition" for step in routine.steps):
        raise ApiError(
            422,
            "api.routine-empty",
            "The routine has no stretch to play; plan one with POST /plan.",
            "routine.steps",
        )
    if len(routine.steps) > MAX_STEPS:
        raise ApiError(
            422,
            "api.routine-too-many-steps",
            f"The routine has {len(routine.steps)} steps; it can have at most {MAX_STEPS}.",
            "routine.steps",
            steps=len(routine.steps),
            most=MAX_STEPS,
        )
    for n, step in enumerate(routine.steps):
        where = f"routine.steps.{n}"
        if step.seconds > MAX_STEP_SECONDS:
            raise ApiError(
                422,
                "api.step-too-long",
                f"Step {n} lasts {step.seconds} s; at most {MAX_STEP_SECONDS}.",
                f"{where}.seconds",
            )
        if step.reps is not None and not 0 <= step.reps <= MAX_REPS:
            raise ApiError(
                422,
                "api.step-reps-range",
                f"Step {n} has {step.reps} repetitions; use 0 to {MAX_REPS}.",
                f"{where}.reps",
            )
        if step.hold_seconds is not None and not 0 <= step.hold_seconds <= MAX_HOLD_SECONDS:
            raise ApiError(
                422,
                "api.step-hold-range",
                f"Step {n} holds {step.hold_seconds} s; use 0 to {MAX_HOLD_SECONDS}.",
                f"{where}.hold_seconds",
            )
