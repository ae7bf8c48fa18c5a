"""A planned routine: the planner's output, the timeline's input, and the JSON of `supple plan`.

The shape is a public contract (CLI `--json`, REST API, saved routines), so fields are named as
issue #3 specifies and only ever added to.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from supple.domain.numbers import WholeNumber

Side = Literal["left", "right", "both"]
StepKind = Literal["warmup", "stretch", "transition"]
Context = Literal["before", "after", "anytime"]


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    kind: StepKind
    id: str | None = None
    """Catalog id for a warm-up or stretch; None for a transition."""
    seconds: WholeNumber = Field(ge=0)
    """The whole duration of the step, every side and repetition (and rests) included."""
    name: str = ""
    style: str | None = None
    position: str | None = None
    sides: list[Side] = []
    hold_seconds: WholeNumber | None = None
    """Static: seconds per hold. Dynamic: seconds per breath cycle. Warm-up: None."""
    reps: WholeNumber | None = None
    switch_seconds: WholeNumber | None = None
    """One-sided stretch: the seconds to switch sides, a timed part of its own (counted in
    `seconds`, shown as its own row in the text table)."""
    targets: list[str] = []
    why: str = ""
    modification: str | None = None
    """The screening's modification text when this stretch must be done a modified way."""
    from_position: str | None = None
    to_position: str | None = None
    rules: list[str] = []
    """Ids of the rules (routine `rules`) that shaped this step, for --explain; `why` says the
    same in plain words without them."""


ExcludedKind = Literal[
    "",
    "warm-up",
    "screening",
    "incomplete",
    "avoid",
    "pain",
    "place",
    "focus",
    "same-movement",
    "time",
]


class Excluded(BaseModel):
    """A catalog entry the routine leaves out: `reason` in plain words for people, `kind` the
    sort of reason, `rules` the rule ids behind it (for --explain and "details")."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: str
    reason: str
    kind: ExcludedKind = ""
    name: str = ""
    rules: list[str] = []


class RuleNote(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: str
    source: str
    text: str


class Uncovered(BaseModel):
    """A focus region no stretch in the routine covers, as data each front end words."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    region: str
    """Region id (`upper-glutes`, `lower-back`)."""
    reasons: list[Literal["place", "screening", "avoid", "pain", "time", "none"]] = []
    """Why the catalog's stretches for it are out: not at the places chosen, ruled out by the
    screen, avoided, painful, no room in the minutes, or none in the catalog at all."""
    places: list[str] = []
    """Places not chosen where a stretch for it could be done: adding one would cover it."""
    more_minutes: bool = False
    """Whether more minutes would let a stretch for it in."""


Action = Literal["left-out", "changed", "shortened"]
Why = Literal["screen", "pain", "pain-checked", "pregnancy-later", "floor-transfer", "under-18"]


class Change(BaseModel):
    """One thing the safety gate (`supple.domain.gate`) left out of or changed in a routine,
    and why, as data the front ends word."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    action: Action
    stretch: str
    """The stretch id."""
    name: str
    why: Why
    text: str
    """The data's own words for it: the caution, the easier version, the note."""
    source: str
    day: date | None = None
    """For a pain change: the day of the report."""


class Routine(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    total_seconds: WholeNumber = Field(ge=0)
    warmed_up: bool
    context: Context
    steps: list[Step]
    excluded: list[Excluded] = []
    cautions: list[str] = []
    rules: list[RuleNote] = []
    minutes: WholeNumber | None = None
    places: list[str] = []
    focus: list[str] = []
    seed: WholeNumber | None = None
    uncovered: list[Uncovered] = []
    """Focus regions the routine could not cover, and what would cover them."""
    movement_only: bool = False
    """A warm-up was due but the minutes hold no warm-up and a stretch: every step is gentle
    dynamic movement (rule movement-only)."""
    fill_limit_seconds: WholeNumber | None = None
    """Set when every stretch that fits the places and focus fills less than the fill share
    of the minutes: the most seconds they can fill (rule time-budget)."""
    changes: list[Change] = []
    """What the safety gate left out or changed when this routine was started (or planned),
    each with its reason and source; empty for a routine just as planned."""

    def stretch_steps(self) -> list[Step]:
        return [s for s in self.steps if s.kind == "stretch"]
