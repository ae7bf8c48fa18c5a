"""Player events for one session arriving at once (a browser retrying, two tabs, a slow network
delivering together) all land: each item and raw event gets its own number, none is lost, and
the session's summaries are exactly what rebuilding them from the items gives."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from supple.config import Settings
from supple.store import Store, open_store
from supple.store.repositories import session_summary
from supple.store.repositories.event_log import NewItem
from supple.store.tables import SessionRow, SessionStretchRow

ROUTINE = {"steps": ["cat-cow", "knee-to-chest"]}
T0 = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
THREADS = 8
EACH = 12


def _read(conn: Any, sid: str) -> tuple[Any, ...]:
    """A session's summaries as stored: its items document and held seconds, and its tally per
    stretch (`conn`: a connection or an ORM session)."""
    doc, held = conn.execute(
        select(SessionRow.items_doc, SessionRow.held_seconds).where(SessionRow.id == sid)
    ).one()
    r = SessionStretchRow
    stretches = conn.execute(
        select(r.stretch_id, r.rated, r.rating_sum, r.rated_at, r.pains)
        .where(r.session_id == sid)
        .order_by(r.stretch_id)
    ).all()
    return doc, held, [tuple(x) for x in stretches]


def _summaries(store: Store, sid: str) -> tuple[Any, ...]:
    with store.engine.connect() as conn:
        return _read(conn, sid)


def _rebuilt(store: Store, sid: str) -> tuple[Any, ...]:
    """The summaries `refresh` computes from the items, in a transaction rolled back."""
    from sqlalchemy.orm import Session

    with Session(store.engine) as s:
        session_summary.refresh(s, [sid])
        found = _read(s, sid)
        s.rollback()
    return found


def _all_at_once(work: Callable[[int, int], None]) -> list[BaseException]:
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def run(n: int) -> None:
        start.wait()
        for k in range(EACH):
            try:
                work(n, k)
            except BaseException as e:  # the test reports every failure, not the first
                errors.append(e)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def _hold(n: int, k: int) -> NewItem:
    stretch = ("cat-cow", "knee-to-chest")[(n + k) % 2]
    rating = (n * k) % 11 if k % 3 == 0 else None
    return NewItem(stretch, "both", 10.0 + n + k / 8, 30.0, rating, pain=k == 5, skipped=k == 7)


def test_concurrent_events_to_one_session_all_land_with_their_own_numbers(store: Store):
    repo = store.sessions
    sid = repo.start(ROUTINE, started_at=T0)
    returned: list[int] = []

    def post(n: int, k: int) -> None:
        if k % 4 == 3:  # a raw event with no item among the holds
            repo.log_event(sid, float(k), "paused", {"thread": n, "k": k})
            return
        seq = repo.log_event(sid, float(k), "hold-complete", {"thread": n, "k": k}, _hold(n, k))
        assert seq is not None
        returned.append(seq)

    assert _all_at_once(post) == []

    holds = THREADS * sum(1 for k in range(EACH) if k % 4 != 3)
    saved = repo.get(sid)
    assert saved is not None
    items = saved["items"]
    assert sorted(returned) == [i["seq"] for i in items] == list(range(1, holds + 1))
    events = repo.events(sid)
    assert [e["seq"] for e in events] == list(range(1, THREADS * EACH + 1))
    # Every post is there once, and each hold's raw event names its own item.
    assert sorted((e["data"]["thread"], e["data"]["k"]) for e in events) == sorted(
        (n, k) for n in range(THREADS) for k in range(EACH)
    )
    by_seq = {i["seq"]: i for i in items}
    for e in events:
        if e["event"] == "hold-complete":
            n, k = e["data"]["thread"], e["data"]["k"]
            item = by_seq[e["data"]["item"]]
            expected = _hold(n, k)
            assert (item["id"], item["held_seconds"], item["discomfort"]) == (
                expected.stretch_id,
                expected.held_seconds,
                expected.discomfort,
            )
    assert _summaries(store, sid) == _rebuilt(store, sid)
    assert repo.history()[0]["items"] == [
        {k: v for k, v in i.items() if k != "recorded_at"} for i in items
    ]


def test_concurrent_events_from_two_processes_stores_all_land(backend_settings: Settings):
    """Two stores over one database (the web app and `supple start` at once, each with its own
    engine and pool): the database alone keeps the numbers apart."""
    with open_store(backend_settings) as one, open_store(backend_settings) as other:
        sid = one.sessions.start(ROUTINE, started_at=T0)

        def post(n: int, k: int) -> None:
            repo = (one if n % 2 else other).sessions
            repo.log_event(sid, float(k), "hold-complete", {"thread": n}, _hold(n, k))

        assert _all_at_once(post) == []
        saved = one.sessions.get(sid)
        assert saved is not None
        assert [i["seq"] for i in saved["items"]] == list(range(1, THREADS * EACH + 1))
        assert [e["seq"] for e in one.sessions.events(sid)] == list(range(1, THREADS * EACH + 1))
        assert _summaries(one, sid) == _rebuilt(one, sid)


def test_a_rating_stored_before_a_hold_ends_reaches_that_steps_later_holds(store: Store):
    repo = store.sessions
    sid = repo.start(ROUTINE, started_at=T0)
    repo.log_event(sid, 1.0, "rated", {"step": 0, "discomfort": 4})
    repo.log_event(sid, 2.0, "rated", {"step": 1, "discomfort": 2})
    repo.log_event(sid, 3.0, "rated", {"step": 0, "discomfort": 6})
    later = NewItem("cat-cow", "left", 20.0, 20.0, rating_step=0)
    other = NewItem("knee-to-chest", "left", 20.0, 20.0, rating_step=1)
    unrated = NewItem("knee-to-chest", "right", 20.0, 20.0, rating_step=2)
    for item in (later, other, unrated):
        repo.log_event(sid, 4.0, "hold-complete", {"step": item.rating_step}, item)
    saved = repo.get(sid)
    assert saved is not None
    assert [i["discomfort"] for i in saved["items"]] == [6, 2, None]
    assert _summaries(store, sid) == _rebuilt(store, sid)


def test_an_event_changes_the_stamp_at_once_so_no_cache_serves_the_old_history(store: Store):
    """The event log commits on a Core connection; the store's commit stamp (which keeps
    caches such as history's fresh) must still count it before the write returns."""
    repo = store.sessions
    sid = repo.start(ROUTINE, started_at=T0)
    before = store.stamp.current()
    repo.log_event(sid, 1.0, "hold-complete", {}, NewItem("cat-cow", "both", 20.0, 20.0))
    assert store.stamp.current() != before
    between = store.stamp.current()
    repo.heartbeat(sid)
    assert store.stamp.current() != between
