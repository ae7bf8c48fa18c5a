"""Words people read for things the data names by id: sources, conditions, caution actions.

Ids stay in JSON; everywhere a person reads, these functions give the name instead. Shared by
the terminal and the web so both say the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple.data.conditions import condition_name
from supple.wording.i18n import N_, _

if TYPE_CHECKING:
    from supple.domain.catalog import Caution
    from supple.domain.sources import Source

_CAUTION = N_("With {condition}: {text}")


def caution_line(caution: Caution) -> str:
    """ "With a knee problem: put a folded towel under the knee." (the caution's own text says
    whether to leave the stretch out or how to change it)."""
    return _(_CAUTION).format(condition=condition_name(caution.condition), text=caution.text)


def source_title(source_id: str) -> str:
    """The readable reference of a shipped source by its id ("Garber et al., ACSM Position
    Stand, …"); the id itself only when the data has no such source."""
    from supple.data.loader import shipped

    return source_ref(shipped().sources.get(source_id), source_id)


def source_ref(source: Source | None, source_id: str) -> str:
    """A short readable reference: the title, and the publisher when the data names one."""
    if source is None:
        return source_id
    publisher = getattr(source, "publisher", "") or ""
    return (
        f"{source.title} ({publisher})"
        if publisher and publisher not in source.title
        else (source.title)
    )
