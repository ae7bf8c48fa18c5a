"""Screening questions as data (``supple/data/questions.toml``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from supple.domain.catalog import Id, OptionalText, Text

Category = Literal["red-flag", "seed-condition", "readiness", "caution", "profile"]
Kind = Literal["yes-no", "choice", "number"]
Outcome = Literal["clear", "caution", "consult", "urgent"]
Care = Literal["emergency", "same-day"]


class Note(BaseModel):
    """Advice shown with a screen's result (never an outcome): for an age band of the age
    question, or after a 'yes' to one of `or_yes_to`."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)

    id: Id
    text: Text
    source: str
    min_age: int | None = None
    max_age: int | None = None
    or_yes_to: list[str] = []


class Question(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)

    id: Id
    category: Category
    kind: Kind
    text: Text
    help: OptionalText = ""
    source: str
    required: bool = True
    options: list[Text] = []
    """Choices for a `choice` question; the first is the 'nothing to report' answer."""
    minimum: int | None = None
    maximum: int | None = None
    outcome: Outcome | None = None
    """What a 'yes' (or a non-first choice) leads to; None for profile questions."""
    reason: OptionalText = ""
    """Shown to the user when this answer shapes the outcome."""
    condition: str | None = None
    """Condition id a 'yes' sets, matched against stretches' cautions."""
    conditions: dict[str, list[str]] = {}
    """For a choice question: option -> the condition id(s) it sets. One id may be written
    alone; a list sets several (`unsure` of the hip approach sets both approaches' cautions)."""

    option_reasons: dict[str, Text] = {}
    """For a choice question: option -> the reason to show for it instead of `reason`."""
    care: Care = "emergency"
    """For an urgent question: where to go, an emergency department now or a doctor today."""
    follow_up_of: str | None = None
    """The yes-no question this one follows: asked, and required, only after a 'yes' to it."""
    notes: list[Note] = []
    """For the age question: advice by age band (see Note)."""

    @field_validator("conditions", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: [v] if isinstance(v, str) else v for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        if self.kind == "choice":
            if len(self.options) < 2:
                raise ValueError("a choice question needs at least two `options`")
            for name in ("conditions", "option_reasons"):
                unknown = set(getattr(self, name)) - set(self.options)
                if unknown:
                    raise ValueError(f"`{name}` names options that do not exist: {sorted(unknown)}")
            if len(set(self.options)) != len(self.options):
                raise ValueError("`options` lists the same option twice")
        elif self.options or self.conditions or self.option_reasons:
            raise ValueError(
                "`options`/`conditions`/`option_reasons` are only for choice questions"
            )
        if self.kind != "number" and (self.minimum is not None or self.maximum is not None):
            raise ValueError("`minimum`/`maximum` are only for number questions")
        if self.minimum is not None and self.maximum is not None and self.maximum < self.minimum:
            raise ValueError(
                f"`maximum` ({self.maximum}) is less than `minimum` ({self.minimum}): no answer "
                "could fit"
            )
        if self.category != "profile" and self.kind != "number" and self.outcome is None:
            raise ValueError("a screening question needs an `outcome`")
        if self.care != "emergency" and self.outcome != "urgent":
            raise ValueError("`care` is only for questions whose outcome is urgent")
        return self


def check_links(questions: list[Question]) -> list[str]:
    """What is wrong with the links between questions (follow-ups, notes), as messages for
    the data loader; empty when every link names an earlier yes-no question."""
    seen: dict[str, Question] = {}
    problems: list[str] = []
    for q in questions:
        parent = seen.get(q.follow_up_of or "") if q.follow_up_of else None
        if q.follow_up_of and (parent is None or parent.kind != "yes-no"):
            problems.append(f"{q.id}: follow_up_of names no earlier yes-no question")
        seen[q.id] = q
    ids = {q.id for q in questions}
    for q in questions:
        for n in q.notes:
            missing = [i for i in n.or_yes_to if i not in ids]
            problems += [f"{q.id}: note {n.id} names no question {i}" for i in missing]
    return problems


def condition_ids(questions: list[Question]) -> set[str]:
    """Every condition id the screening can set: what stretch cautions may refer to."""
    out: set[str] = set()
    for q in questions:
        if q.condition:
            out.add(q.condition)
        for ids in q.conditions.values():
            out.update(ids)
    return out
