"""Session log: start, save each hold as it happens, finish; orphans become interrupted."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supple.domain.progress import TREND_WINDOW, progress
from supple.store import Store, UnknownSession
from supple.store.repositories.sessions import STALE_AFTER

ROUTINE = {"name": "morning", "steps": ["cat-cow", "supine-figure-four"]}
T0 = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)


def test_a_completed_session_in_history(store: Store):
    sid = store.sessions.start(ROUTINE, started_at=T0)
    store.sessions.add_item(sid, "cat-cow", "both", 60.0, 60.0, recorded_at=T0)
    seq = store.sessions.add_item(sid, "supine-figure-four", "left", 28.5, 30.0)
    store.sessions.rate_item(sid, seq, 4)
    store.sessions.add_item(sid, "supine-figure-four", "right", 3.0, 30.0, pain=True)
    store.sessions.finish(sid, "completed", ended_at=T0 + timedelta(minutes=6))

    [session] = store.sessions.history()
    assert session["id"] == sid
    assert session["status"] == "completed"
    assert session["started_at"] == T0
    assert session["ended_at"] == T0 + timedelta(minutes=6)
    assert [
        (i["id"], i["side"], i["held_seconds"], i["discomfort"], i["pain"])
        for i in session["items"]
    ] == [
        ("cat-cow", "both", 60.0, None, False),
        ("supine-figure-four", "left", 28.5, 4, False),
        ("supine-figure-four", "right", 3.0, None, True),
    ]
    assert set(session["items"][0]) >= {
        "id",
        "side",
        "held_seconds",
        "planned_seconds",
        "discomfort",
        "pain",
    }


def test_a_session_left_running_becomes_interrupted_once_its_heartbeat_is_stale(store: Store):
    crashed = store.sessions.start(ROUTINE, started_at=T0)
    store.sessions.add_item(
        crashed, "cat-cow", "both", 60, 60, recorded_at=T0 + timedelta(minutes=1)
    )
    store.sessions.heartbeat(crashed, at=T0 + timedelta(minutes=2))
    # The process died here; the next start (long after) finds the orphan.
    current = store.sessions.start(ROUTINE)
    by_id = {s["id"]: s for s in store.sessions.history()}
    assert by_id[crashed]["status"] == "interrupted"
    assert by_id[crashed]["ended_at"] == T0 + timedelta(minutes=2)  # last sign of life
    assert [i["id"] for i in by_id[crashed]["items"]] == ["cat-cow"]
    assert by_id[current]["status"] == "running"
    assert store.sessions.mark_stale_running_as_interrupted(current_id=current) == []


def test_a_live_session_elsewhere_is_not_taken_for_dead(store: Store):
    beat = T0 + timedelta(minutes=5)
    live = store.sessions.start(ROUTINE, started_at=T0)
    store.sessions.heartbeat(live, at=beat)
    just_inside = beat + STALE_AFTER - timedelta(seconds=1)
    assert store.sessions.mark_stale_running_as_interrupted(now=just_inside) == []
    assert store.sessions.get(live)["status"] == "running"  # type: ignore[index]
    # A second session starting now leaves the live one alone (its heartbeat is fresh).
    other = store.sessions.start(ROUTINE, started_at=beat + timedelta(minutes=1))
    assert store.sessions.get(live)["status"] == "running"  # type: ignore[index]
    assert store.sessions.get(other)["status"] == "running"  # type: ignore[index]
    just_past = beat + STALE_AFTER + timedelta(seconds=1)
    assert store.sessions.mark_stale_running_as_interrupted(now=just_past) == [live]
    gone = store.sessions.get(live)
    assert gone is not None and gone["status"] == "interrupted" and gone["ended_at"] == beat


def test_a_quiet_session_taken_for_dead_is_running_again_when_it_writes(store: Store):
    sid = store.sessions.start(ROUTINE, started_at=T0)
    assert store.sessions.mark_stale_running_as_interrupted() == [sid]
    store.sessions.add_event(sid, 400.0, "resumed", {})
    back = store.sessions.get(sid)
    assert back is not None and back["status"] == "running" and back["ended_at"] is None
    store.sessions.finish(sid, "completed")
    assert store.sessions.get(sid)["status"] == "completed"  # type: ignore[index]


def test_stopped_session_and_bad_values_are_explained(store: Store):
    sid = store.sessions.start(ROUTINE)
    with pytest.raises(ValueError, match="side 'middle'"):
        store.sessions.add_item(sid, "cat-cow", "middle", 1, 1)
    with pytest.raises(ValueError, match="discomfort 11"):
        store.sessions.add_item(sid, "cat-cow", "both", 1, 1, discomfort=11)
    with pytest.raises(ValueError, match="status 'running'"):
        store.sessions.finish(sid, "running")
    store.sessions.finish(sid, "stopped")
    assert store.sessions.get(sid)["status"] == "stopped"  # type: ignore[index]


def test_unknown_session_ids_are_named(store: Store):
    with pytest.raises(UnknownSession, match="'nope'"):
        store.sessions.add_item("nope", "cat-cow", "both", 1, 1)
    with pytest.raises(UnknownSession, match="'nope'"):
        store.sessions.finish("nope", "completed")
    assert store.sessions.get("nope") is None


def test_foreign_keys_are_enforced(store: Store):
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO session_items (session_id, seq, stretch_id, side, held_seconds, "
                "planned_seconds, pain, skipped, recorded_at) VALUES ('ghost', 1, 'cat-cow', "
                "'both', 1, 1, false, false, CURRENT_TIMESTAMP)"
            )
        )
    with pytest.raises(UnknownSession, match="'ghost'"):
        store.sessions.add_event("ghost", 0.0, "started")


def test_events_are_kept_in_order(store: Store):
    sid = store.sessions.start(ROUTINE)
    store.sessions.add_event(sid, 0.0, "prepare", {"id": "cat-cow"})
    store.sessions.add_event(sid, 5.001, "hold", {"id": "cat-cow", "side": "both"})
    assert [(e["seq"], e["t"], e["event"]) for e in store.sessions.events(sid)] == [
        (1, 0.0, "prepare"),
        (2, 5.001, "hold"),
    ]
    assert store.sessions.events(sid)[1]["data"] == {"id": "cat-cow", "side": "both"}


def test_history_since_keeps_sessions_from_that_local_day_on(store: Store):
    days = [date(2026, 3, d) for d in (1, 2, 3, 4)]
    ids = []
    for d in days:
        # Noon local time: well inside the day whatever the machine's time zone.
        start = datetime(d.year, d.month, d.day, 12).astimezone()
        sid = store.sessions.start(ROUTINE, started_at=start)
        store.sessions.add_item(sid, "cat-cow", "both", 30, 30, recorded_at=start)
        store.sessions.finish(sid, "completed", ended_at=start + timedelta(minutes=5))
        ids.append(sid)
    assert [s["id"] for s in store.sessions.history()] == ids
    recent = store.sessions.history(since=date(2026, 3, 3))
    assert [s["id"] for s in recent] == ids[2:]
    assert all(len(s["items"]) == 1 for s in recent)
    assert store.sessions.history(since=date(2026, 4, 1)) == []


def test_import_session_round_trips_and_never_duplicates(store: Store):
    sid = store.sessions.start(ROUTINE, started_at=T0)
    store.sessions.add_item(sid, "cat-cow", "both", 60, 60, discomfort=2, recorded_at=T0)
    store.sessions.finish(sid, "completed", ended_at=T0 + timedelta(minutes=3))
    [exported] = store.sessions.history(detailed=True)
    copy = {**exported, "id": "imported-1"}
    assert store.sessions.import_session(copy) is True
    assert store.sessions.import_session(copy) is False
    again = store.sessions.get("imported-1")
    assert again is not None
    assert {k: v for k, v in again.items() if k != "id"} == {
        k: v for k, v in exported.items() if k != "id"
    }
    # ISO text (as in a JSON export) is accepted too.
    text = {
        **copy,
        "id": "imported-2",
        "started_at": T0.isoformat(),
        "ended_at": None,
        "status": "stopped",
    }
    assert store.sessions.import_session(text) is True
    assert store.sessions.get("imported-2")["started_at"] == T0  # type: ignore[index]


item_strategy = st.tuples(
    st.sampled_from(["cat-cow", "knee-to-chest", "seated-figure-four"]),
    st.sampled_from(["left", "right", "both"]),
    st.floats(min_value=0, max_value=600, allow_nan=False),
    st.one_of(st.none(), st.integers(min_value=0, max_value=10)),
    st.booleans(),
    st.booleans(),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=st.lists(item_strategy, max_size=12))
def test_history_returns_exactly_the_items_saved_in_order(store: Store, items):
    sid = store.sessions.start(ROUTINE)
    for stretch, side, held, discomfort, pain, skipped in items:
        store.sessions.add_item(sid, stretch, side, held, 30.0, discomfort, pain, skipped)
    store.sessions.finish(sid, "completed")
    saved = store.sessions.get(sid)
    assert saved is not None
    assert [
        (i["id"], i["side"], i["held_seconds"], i["discomfort"], i["pain"], i["skipped"])
        for i in saved["items"]
    ] == [(s, side, float(h), d, p, k) for s, side, h, d, p, k in items]
    assert [i["seq"] for i in saved["items"]] == list(range(1, len(items) + 1))


def test_progress_counts_one_rating_per_session_and_stretch(store: Store):
    for day, ratings in enumerate(([6, 6, 6, 6], [5, 3], [2])):
        when = T0 + timedelta(days=day)
        sid = store.sessions.start(ROUTINE, started_at=when)
        for k, rating in enumerate(ratings):
            store.sessions.add_item(
                sid, "supine-figure-four", "left", 30, 30, discomfort=rating,
                recorded_at=when + timedelta(seconds=k),
            )  # fmt: skip
        store.sessions.finish(sid, "completed", ended_at=when + timedelta(minutes=5))
    (ratings,) = store.sessions.progress_log(TREND_WINDOW).ratings
    # Three sessions, each one rating (the average of its items), in time order.
    assert ratings.sessions == 3
    assert [r.rating for r in ratings.first] == [r.rating for r in ratings.last] == [6, 4, 2]
    (t,) = progress(store.sessions.progress_log(TREND_WINDOW), 3, date(2026, 12, 2)).trends
    assert (t.id, t.ratings, t.first_average, t.recent_average) == ("supine-figure-four", 3, 6, 2)
