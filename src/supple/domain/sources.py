"""Where each fact comes from: the source ids of domain-facts.md."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Source(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    detail: str = ""
