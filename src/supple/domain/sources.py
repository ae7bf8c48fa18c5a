"""Where each fact comes from: the source ids of domain-facts.md."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from supple.domain.catalog import Id, OptionalText, Text


class Source(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)

    id: Id
    title: Text
    detail: OptionalText = ""
    publisher: OptionalText = ""
    """Who published it (a public page's organisation, or a paper's journal)."""
    url: OptionalText = ""
    """The address the page was read at (catalog-sources.md records when it was checked)."""
