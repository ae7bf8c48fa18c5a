"""A stretch's level as the planner reads it: the most it may hold, and in which variation.

Made by `supple.domain.progression` from the log (never stored apart from it); read by the
planner (`PlanRequest.levels`) and the gate. Plain data, so the planner needs nothing of how a
level is worked out.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Variation = Literal["easier", "standard", "deeper"]


class LevelDose(BaseModel):
    """One stretch's dose and variation for now.

    Static: `hold` seconds a hold (the planner holds exactly this long, or the short end of the
    range before activity) and at most `reps` repetitions a side. Dynamic: at most `reps`
    breath cycles a side (`hold` unused, 0)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stretch: str
    step: int
    """The rung on the stretch's ladder, 0 = the easier variation at its lowest dose."""
    steps: int
    """How many rungs the ladder has."""
    hold: int
    reps: int
    variation: Variation
    why: str
    """Plain words: why it is at this level ("Held 30 s now: 4 sessions at ...")."""
    rules: list[str] = []
    """Ids of the progression rules behind it (`progression.RULES`)."""
