"""Muscles and body regions: the vocabulary every stretch's targets are written in."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Muscle(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    description: str
    sources: list[str] = Field(min_length=1)


class Region(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    muscles: list[str] = Field(min_length=1)
    description: str
    sources: list[str] = Field(min_length=1)


class Anatomy(BaseModel):
    model_config = ConfigDict(frozen=True)

    muscles: dict[str, Muscle]
    regions: dict[str, Region]

    def region_of(self, muscle_id: str) -> list[str]:
        """Regions (ids) a muscle belongs to; a muscle may belong to none (hip flexors)."""
        return [r.id for r in self.regions.values() if muscle_id in r.muscles]
