"""Where each fact comes from: the source ids of domain-facts.md."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from supple.domain.catalog import Id, OptionalText, Text


class Source(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    id: Id
    title: Text
    detail: OptionalText = ""
