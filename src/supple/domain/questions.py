"""Screening questions as data (``supple/data/questions.toml``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Category = Literal["red-flag", "seed-condition", "readiness", "caution", "profile"]
Kind = Literal["yes-no", "choice", "number"]
Outcome = Literal["clear", "caution", "consult", "urgent"]


class Question(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    category: Category
    kind: Kind
    text: str
    help: str = ""
    source: str
    required: bool = True
    options: list[str] = []
    """Choices for a `choice` question; the first is the 'nothing to report' answer."""
    minimum: int | None = None
    maximum: int | None = None
    outcome: Outcome | None = None
    """What a 'yes' (or a non-first choice) leads to; None for profile questions."""
    reason: str = ""
    """Shown to the user when this answer shapes the outcome."""
    condition: str | None = None
    """Condition id a 'yes' sets, matched against stretches' cautions."""
    conditions: dict[str, str] = {}
    """For a choice question: option -> condition id."""

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        if self.kind == "choice":
            if len(self.options) < 2:
                raise ValueError("a choice question needs at least two `options`")
            unknown = set(self.conditions) - set(self.options)
            if unknown:
                raise ValueError(f"`conditions` names options that do not exist: {sorted(unknown)}")
        elif self.options or self.conditions:
            raise ValueError("`options`/`conditions` are only for choice questions")
        if self.kind != "number" and (self.minimum is not None or self.maximum is not None):
            raise ValueError("`minimum`/`maximum` are only for number questions")
        if self.category != "profile" and self.kind != "number" and self.outcome is None:
            raise ValueError("a screening question needs an `outcome`")
        return self


def condition_ids(questions: list[Question]) -> set[str]:
    """Every condition id the screening can set: what stretch cautions may refer to."""
    out: set[str] = set()
    for q in questions:
        if q.condition:
            out.add(q.condition)
        out.update(q.conditions.values())
    return out
