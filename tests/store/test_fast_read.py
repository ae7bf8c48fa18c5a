"""The standard library's read port (store/fast_read.py) reads what the SQLAlchemy store reads:
both paths on the same SQLite database, with varied data, give equal values."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supple.config import Settings
from supple.domain.profile import Profile
from supple.store import Store, open_store
from supple.store.engine import make_engine
from supple.store.fast_read import HEAD_REVISION, FastReader, open_reader
from supple.store.migrate import head_revision, upgrade
from supple.store.repositories.sessions import STALE_AFTER
from supple.store.types import utcnow

T0 = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
STRETCHES = ["cat-cow", "childs-pose", "bridge", "knee-to-chest", "supine-figure-four"]


def _db(settings: Settings) -> str:
    return str(settings.home / "supple.db")


@pytest.fixture
def both(settings: Settings) -> Iterator[tuple[Store, FastReader]]:
    store = open_store(settings)
    reader = open_reader(_db(settings))
    assert reader is not None
    try:
        yield store, reader
    finally:
        reader.close()
        store.close()


def fill(store: Store, seed: int = 3, sessions: int = 40) -> None:
    """A profile, three screens, and sessions of every status: rated and unrated items, skips,
    pain stops, times with and without fractions of a second, sessions sharing a start."""
    rnd = random.Random(seed)
    store.profile.save(
        Profile(
            name="Ada Ö'Brien",
            age=71,
            places=["chair", "standing"],
            weekly_goal=5,
            voice=False,
            timezone="Europe/Berlin",
        )
    )
    for n, outcome in enumerate(["clear", "modify", "clear"]):
        store.screenings.add(
            {"outcome": outcome, "excluded": ["bridge"] if n else [], "n": n},
            {"age": 70 + n, "pregnant": False},
            outcome,
            date(2026, 1, 1) + timedelta(days=n),
            date(2026, 7, 1) + timedelta(days=n),
            taken_at=T0 - timedelta(days=30 - n, microseconds=n * 1234),
        )
    for d in range(sessions):
        began = T0 + timedelta(days=d, minutes=rnd.randint(0, 90))
        if d % 7 == 3:
            began = began.replace(microsecond=rnd.randint(1, 999_999))
        if d == 5:
            began = T0 + timedelta(days=4)  # two sessions starting together
        sid = store.sessions.start({"steps": STRETCHES[: 1 + d % 4], "d": d}, started_at=began)
        for seq in range(rnd.randint(0, 6)):
            pain = rnd.random() < 0.1
            store.sessions.add_item(
                sid,
                rnd.choice(STRETCHES),
                rnd.choice(["left", "right", "both"]),
                rnd.choice([0.0, 12.5, 30.0, 60.0]),
                30.0,
                discomfort=rnd.choice([None, 0, 3, 7, 10]),
                pain=pain,
                skipped=not pain and rnd.random() < 0.15,
                recorded_at=began + timedelta(minutes=seq, microseconds=rnd.randint(0, 9) * 7),
            )
        if d == sessions - 1:
            store.sessions.heartbeat(sid)  # still running, beating now: no upkeep due
            continue
        status = ["completed", "stopped", "interrupted"][d % 3]
        store.sessions.finish(sid, status, ended_at=began + timedelta(minutes=9, seconds=d))
    for n, stretch in enumerate(STRETCHES[:2]):
        store.pain_checks.add(
            stretch, ["professional", "settled"][n], T0 + timedelta(days=sessions + n)
        )


def assert_same(store: Store, reader: FastReader) -> None:
    assert reader.profile.get() == store.profile.get()
    assert reader.screenings.latest() == store.screenings.latest()
    assert reader.sessions.pain_reports() == store.sessions.pain_reports()
    for since in (
        None,
        (T0 + timedelta(days=9)).date(),
        T0 + timedelta(days=20, hours=3),
        date(1, 1, 1),
        date(9999, 12, 31),
    ):
        assert reader.sessions.history(since) == store.sessions.history(since)
        assert reader.sessions.history_entries(since) == store.sessions.history_entries(since)
    for ends in (1, 3, 50):
        assert reader.sessions.progress_log(ends) == store.sessions.progress_log(ends)
    # What progression and the pain rule read (levels, checks, the goal's day).
    assert _sorted(reader.sessions.stretch_sessions()) == _sorted(store.sessions.stretch_sessions())
    assert reader.pain_checks.all() == store.pain_checks.all()
    assert reader.profile.goal_since() == store.profile.goal_since()


def _sorted(log: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return {sid: sorted(parts) for sid, parts in log.items()}


def test_the_head_revision_is_alembics_own():
    """A new migration fails here until fast_read.HEAD_REVISION names it (and its queries are
    checked against the new schema by the tests below)."""
    assert head_revision() == HEAD_REVISION


def test_an_empty_database_reads_the_same(both: tuple[Store, FastReader]):
    store, reader = both
    assert reader.profile.get() is None
    assert reader.screenings.latest() is None
    assert_same(store, reader)
    assert not reader.sessions.upkeep_due()


def test_a_full_database_reads_the_same(both: tuple[Store, FastReader]):
    store, reader = both
    fill(store)
    history = store.sessions.history()
    assert len(history) == 40 and {s["status"] for s in history} == {
        "completed",
        "stopped",
        "interrupted",
        "running",
    }
    assert store.sessions.pain_reports() and store.sessions.progress_log(3).ratings
    assert_same(store, reader)
    assert not reader.sessions.upkeep_due()


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000), sessions=st.integers(1, 25))
def test_any_log_reads_the_same(tmp_path_factory: pytest.TempPathFactory, seed: int, sessions: int):
    home = tmp_path_factory.mktemp("fast")
    cfg = Settings(home=home, database_url=f"sqlite:///{home / 'supple.db'}")
    with open_store(cfg) as store:
        fill(store, seed, sessions)
        reader = open_reader(_db(cfg))
        assert reader is not None
        try:
            assert_same(store, reader)
        finally:
            reader.close()


def test_the_stamp_changes_with_every_other_connections_commit(both: tuple[Store, FastReader]):
    store, reader = both
    before = reader.stamp.current()
    assert reader.stamp.current() == before
    store.profile.save(Profile(name="x"))
    assert reader.stamp.current() != before
    assert reader.stamp.current() != store.stamp.current()  # never mistaken for the store's


def test_a_stale_running_session_is_upkeep_for_the_store(both: tuple[Store, FastReader]):
    store, reader = both
    began = utcnow() - STALE_AFTER * 3
    sid = store.sessions.start({"steps": []}, started_at=began)
    assert not reader.sessions.upkeep_due(now=began + STALE_AFTER / 2)
    assert reader.sessions.upkeep_due()
    store.sessions.mark_stale_running_as_interrupted()
    assert not reader.sessions.upkeep_due()
    assert [s["status"] for s in reader.sessions.history() if s["id"] == sid] == ["interrupted"]


def test_missing_summaries_are_upkeep_for_the_store(
    both: tuple[Store, FastReader], settings: Settings
):
    store, reader = both
    fill(store, sessions=3)
    with sqlite3.connect(_db(settings)) as conn:
        conn.execute("UPDATE sessions SET items_doc = NULL")
    assert reader.sessions.upkeep_due()
    store.sessions.fill_missing_summaries()
    assert not reader.sessions.upkeep_due()
    assert_same(store, reader)


def test_no_reader_unless_the_schema_is_current(settings: Settings, tmp_path: Path):
    assert open_reader(tmp_path / "nothing-here.db") is None
    not_db = tmp_path / "not-a.db"
    not_db.write_text("hello, I am text\n" * 100)
    assert open_reader(not_db) is None
    settings.ensure_home()
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine, "0003")  # what an older supple left
    finally:
        engine.dispose()
    assert open_reader(_db(settings)) is None
    open_store(settings).close()  # the full store migrates it
    reader = open_reader(_db(settings))
    assert reader is not None
    reader.close()
    with sqlite3.connect(_db(settings)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")  # a newer supple's
    assert open_reader(_db(settings)) is None
