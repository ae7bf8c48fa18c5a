"""Muscles and body regions: the vocabulary every stretch's targets are written in."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from supple.domain.catalog import Id, Ids, Text


class Muscle(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)

    id: Id
    name: Text
    description: Text
    sources: Annotated[Ids, Field(min_length=1)]


class Region(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)

    id: Id
    name: Text
    muscles: Annotated[Ids, Field(min_length=1)]
    description: Text
    sources: Annotated[Ids, Field(min_length=1)]


class Anatomy(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    muscles: dict[str, Muscle]
    regions: dict[str, Region]

    def region_of(self, muscle_id: str) -> list[str]:
        """Regions (ids) a muscle belongs to; a muscle may belong to none (hip flexors)."""
        return [r.id for r in self.regions.values() if muscle_id in r.muscles]
