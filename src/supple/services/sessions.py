"""Session log use cases: history and progress over what the player saved.

Both first mark sessions whose process died (stale heartbeat, `SessionRepo.STALE_AFTER`) as
`interrupted`, so a killed session does not show as `running` until the next `supple start`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from supple.domain.problems import Kind, code

NO_OFFER = code("goal.no-suggestion", Kind.CONFLICT, field="goal")

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.domain.progress import Progress
    from supple.store.fast_read import SessionReader
    from supple.store.repositories import SessionRepo


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _sessions(settings: Settings) -> SessionRepo | SessionReader | None:
    """The session log with dead sessions marked `interrupted`; None before any data."""
    from supple.services.context import has_database, session_log

    if not has_database(settings):
        return None

    return session_log(settings)


def history(settings: Settings, since: date | None = None) -> list[dict[str, Any]]:
    """Sessions oldest first in the JSON shape of `supple history --json`."""
    repo = _sessions(settings)
    if repo is None:
        return []
    rows = repo.history(since)
    for r in rows:  # the store's rows are fresh dicts: convert the times in place
        r["started_at"] = _iso(r["started_at"])
        r["ended_at"] = _iso(r["ended_at"])
    return rows


def history_document(settings: Settings, since: date | None = None) -> str:
    """`history`'s sessions as one JSON text (what `supple history --json` prints and
    GET /api/v1/history sends), written by the database around each session's items, which
    are stored as JSON already (store/repositories/session_summary.py): parsing and
    re-encoding ten years of items would take several times the 100 ms budget."""
    repo = _sessions(settings)
    if repo is None:
        return "[]"
    from supple.services.context import reader_for

    # The same document while nothing was written (the store's data stamp): a page polling
    # its history, or many at once, costs one stamp read each instead of a query.
    stamp = reader_for(settings).stamp.current()
    key = (str(settings.home), settings.database_url, stamp, since)
    if stamp is not None:
        with _documents_lock:
            found = _documents.get(key)
        if found is not None:
            return found
    entries = repo.history_entries(since)
    document = "[" + ",".join([head + items + "}" for head, items in entries]) + "]"
    if stamp is not None:
        with _documents_lock:
            _documents[key] = document
            while len(_documents) > _DOCUMENTS_KEPT:
                _documents.popitem(last=False)
    return document


#: The last few history documents by (home, database, data stamp, since).
_DOCUMENTS_KEPT = 8
_documents: OrderedDict[tuple[Any, ...], str] = OrderedDict()
_documents_lock = threading.Lock()


def progress(settings: Settings, today: date | None = None) -> Progress:
    """`supple progress`: the domain's `progress` over the session log as the store reads it
    (the same computation the tests test; every rule lives in supple.domain.progress), with
    each stretch's level over time (supple.domain.progression) and any offer to change the
    weekly goal."""
    from supple.domain.progress import TREND_WINDOW, ProgressLog
    from supple.domain.progress import progress as compute
    from supple.domain.progression import stretch_progress
    from supple.services.catalog import full_catalog
    from supple.services.planning import stretch_levels
    from supple.services.profile import get_profile

    profile = get_profile(settings)
    day = today or date.today()
    repo = _sessions(settings)
    if repo is None:
        return compute(ProgressLog(), profile.weekly_goal, day)
    from supple.services.context import reader_for

    log = repo.progress_log(TREND_WINDOW)
    since = reader_for(settings).profile.goal_since()
    out = compute(log, profile.weekly_goal, day, goal_since=since)
    dynamic = {s.id for s in full_catalog(settings) if s.style == "dynamic"}
    views = [
        stretch_progress(level, day, dynamic=level.stretch in dynamic)
        for sid, level in sorted(stretch_levels(settings, day, profile.age).items())
        if level.sessions
    ]
    return out.model_copy(update={"levels": views})


def accept_goal(settings: Settings, today: date | None = None) -> Progress:
    """Take the weekly goal progress offers (the person's choice, never automatic); a
    conflict Problem when none is offered. Returns progress under the new goal."""
    from supple.domain.problems import Problem
    from supple.services.profile import get_profile, save_profile

    offer = progress(settings, today).goal_suggestion
    if offer is None:
        raise Problem(NO_OFFER, goal=get_profile(settings).weekly_goal)
    profile = get_profile(settings)
    save_profile(settings, profile.model_copy(update={"weekly_goal": offer.suggested}))
    return progress(settings, today)
