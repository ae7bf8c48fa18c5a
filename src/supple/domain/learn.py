"""Learn pages: short points in the project's own words, each naming its source."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class LearnPoint(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    text: str = Field(min_length=3)
    source: str


class LearnTopic(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    points: list[LearnPoint] = Field(min_length=1)
    question: str = ""
    """For FAQ entries: the question the points answer."""
