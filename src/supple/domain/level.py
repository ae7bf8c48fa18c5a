"""A stretch's level as the planner reads it: the most it may hold, and in which variation.

Made by `supple.domain.progression` from the log (never stored apart from it); read by the
planner (`PlanRequest.levels`) and the gate. Plain data, so the planner needs nothing of how a
level is worked out.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

Variation = Literal["easier", "standard", "deeper"]


class LevelDose(BaseModel):
    """One stretch's dose and variation for now.

    Static: `hold` seconds a hold (the planner holds exactly this long, or the short end of the
    range before activity) and at most `reps` repetitions a side. Dynamic: at most `reps`
    breath cycles a side (`hold` unused, 0)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

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


class LevelPoint(BaseModel):
    """A step a stretch's level took: the day, the rung and its dose, the rule and its source."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    day: date
    step: int
    hold: int
    reps: int
    variation: Variation
    rule: str
    source: str


class WeekRating(BaseModel):
    """A week's average discomfort for one stretch (0-10), over the sessions that rated it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    week_start: date
    average: float
    sessions: int


class StretchProgress(BaseModel):
    """One stretch's level now and over time, and its discomfort week by week: what
    `supple progress` and the progress chart show (by id: front ends name it)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: str
    step: int
    steps: int
    hold: int
    reps: int
    variation: Variation
    why: str
    rules: list[str]
    dose_words: str = ""
    """The dose in words ("20 s holds, up to 2 a side"; no side for a stretch without sides)."""
    sessions: int
    last_day: date | None
    history: list[LevelPoint]
    """The changes of level within the weeks shown, oldest first; when the level changed
    before them, the first point is where it stood as they began (on their first day)."""
    changes: int = 0
    """How many times the level changed in all."""
    start: LevelPoint | None = None
    """Where it started: its first session's day at the start rung."""
    weeks: list[WeekRating] = []
    """The rated weeks among the last ones shown, oldest first."""
