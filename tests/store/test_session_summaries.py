"""The per-session summaries that history and progress read always agree with the items.

History's items document and progress's per-stretch summaries (store/repositories/
session_summary.py) are rewritten by every write that changes a session's items. Whatever is
written (holds, skips, pain stops, ratings given afterwards, imported sessions), reading through
them must give exactly what the items themselves say.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supple.domain.progress import (
    TREND_WINDOW,
    LoggedItem,
    LoggedSession,
    RatedSession,
    StretchRatings,
    log_of,
    progress,
)
from supple.store import Store

ROUTINE = {"steps": ["cat-cow"]}
T0 = datetime(2024, 1, 1, 7, 0, tzinfo=UTC)
TODAY = date(2026, 12, 2)
_days = itertools.count()  # each example's sessions come after the previous example's

item = st.tuples(
    st.sampled_from(["cat-cow", "knee-to-chest", "seated-figure-four", "café-stretch"]),
    st.sampled_from(["left", "right", "both"]),
    st.floats(min_value=0, max_value=600, allow_nan=False),
    st.one_of(st.none(), st.integers(min_value=0, max_value=10)),
    st.booleans(),  # pain
    st.booleans(),  # skipped
)
rating_later = st.tuples(
    st.integers(min_value=0, max_value=20),  # which item (modulo the count)
    st.one_of(st.none(), st.integers(min_value=0, max_value=10)),
    st.one_of(st.none(), st.booleans()),
)
session = st.tuples(
    st.lists(item, max_size=6),
    st.lists(rating_later, max_size=3),
    st.booleans(),  # also import a copy of it
    st.integers(min_value=0, max_value=6),  # days after the previous session
)


def _plain(detailed: dict[str, Any]) -> dict[str, Any]:
    """A row-read session as plain history shows it."""
    drop = {"routine", "heartbeat_at"}
    plain = {k: v for k, v in detailed.items() if k not in drop}
    plain["items"] = [{k: v for k, v in i.items() if k != "recorded_at"} for i in detailed["items"]]
    return plain


def _iso(session: dict[str, Any]) -> dict[str, Any]:
    out = dict(session)
    for key in ("started_at", "ended_at"):
        out[key] = out[key].isoformat() if out[key] is not None else None
    return out


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sessions=st.lists(session, min_size=1, max_size=4))
def test_history_and_progress_read_through_summaries_match_the_items(store: Store, sessions):
    repo = store.sessions
    for items, later, imported, gap in sessions:
        began = T0 + timedelta(days=next(_days) * 7 + gap, minutes=gap * 7)
        sid = repo.start(ROUTINE, started_at=began)
        for k, (stretch, side, held, rating, pain, skipped) in enumerate(items):
            at = began + timedelta(seconds=40 * (k + 1))
            repo.add_item(sid, stretch, side, held, 30.0, rating, pain, skipped, recorded_at=at)
        for which, rating, pain in later:
            if items:
                repo.rate_item(sid, which % len(items) + 1, rating, pain)
        repo.finish(sid, "completed", ended_at=began + timedelta(minutes=10))
        if imported:
            copy = {**repo.get(sid), "id": f"copy-{sid[:30]}"}  # type: ignore[dict-item]
            copy["started_at"] += timedelta(hours=1)
            copy["items"] = [
                {**i, "recorded_at": i["recorded_at"] + timedelta(hours=1)} for i in copy["items"]
            ]
            assert repo.import_session(copy) is True

    detailed = repo.history(detailed=True)
    # History (from the items documents) is exactly the items as saved and rated.
    assert repo.history() == [_plain(s) for s in detailed]
    # Its JSON text (the document `supple history --json` prints) says the same.
    document = json.loads("[" + ",".join(h + i + "}" for h, i in repo.history_entries()) + "]")
    assert document == [_iso(_plain(s)) for s in detailed]

    # The log progress reads from the summaries is the one the domain makes of the whole
    # sessions, so production's progress (the same function over it) is theirs.
    logged = [
        LoggedSession(
            id=s["id"],
            started_at=s["started_at"].astimezone(),  # the user's local time
            status=s["status"],
            items=tuple(
                LoggedItem(
                    id=i["id"],
                    side=i["side"],
                    held_seconds=i["held_seconds"],
                    discomfort=i["discomfort"],
                    pain=i["pain"],
                    skipped=i["skipped"],
                    recorded_at=i["recorded_at"],
                )
                for i in s["items"]
            ),
        )
        for s in detailed
    ]
    from_summaries = repo.progress_log(TREND_WINDOW)
    assert from_summaries == log_of(logged)
    assert progress(from_summaries, 3, TODAY) == progress(log_of(logged), 3, TODAY)


def test_a_rating_given_after_the_hold_reaches_history_and_progress(store: Store):
    repo = store.sessions
    sid = repo.start(ROUTINE, started_at=T0)
    seq = repo.add_item(sid, "cat-cow", "both", 30, 30, recorded_at=T0)
    assert repo.history()[0]["items"][0]["discomfort"] is None
    repo.rate_item(sid, seq, 7, pain=True)
    [item] = repo.history()[0]["items"]
    assert (item["discomfort"], item["pain"]) == (7, True)
    log = repo.progress_log(TREND_WINDOW)
    rated = RatedSession(T0, sid, rating_sum=7, rated=1)
    assert log.ratings == (StretchRatings("cat-cow", 1, (rated,), (rated,)),)
    assert log.pain_reports == {"cat-cow": 1}


def test_a_running_session_keeps_its_summaries_as_it_goes(store: Store):
    """Each hold is added to the summaries when it is saved, not on the next read."""
    from sqlalchemy import select

    from supple.store.tables import SessionRow

    repo = store.sessions
    sid = repo.start(ROUTINE, started_at=T0)
    repo.add_item(sid, "cat-cow", "both", 30, 30, discomfort=2, recorded_at=T0)
    repo.add_item(sid, "cat-cow", "left", 0, 30, skipped=True, recorded_at=T0)
    with store.engine.connect() as conn:
        doc, held = conn.execute(
            select(SessionRow.items_doc, SessionRow.held_seconds).where(SessionRow.id == sid)
        ).one()
    assert [(i["id"], i["side"], i["skipped"]) for i in json.loads(doc)] == [
        ("cat-cow", "both", False),
        ("cat-cow", "left", True),
    ]
    assert held == 30.0
