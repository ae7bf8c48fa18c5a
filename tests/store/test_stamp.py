"""The data stamp that plan caching is keyed on: it moves with every committed write, from this
process or any other connection, and gives no stamp (so nothing is cached) while PostgreSQL
cannot be reached."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import text

from supple.store import Store


def _write(store: Store, name: str) -> None:
    store.routines.save(name, {"steps": []}, {})


def _until_changed(store: Store, before: Any, seconds: float = 10.0) -> Any:
    """The stamp once it differs from `before` (another connection's write is heard when its
    notification arrives); `before` itself if it never changes."""
    end = time.monotonic() + seconds
    while (now := store.stamp.current()) == before and time.monotonic() < end:
        time.sleep(0.01)
    return now


def test_the_stamp_moves_with_each_commit_of_this_process_at_once(store: Store):
    before = store.stamp.current()
    assert before is not None
    assert store.stamp.current() == before  # reading changes nothing
    _write(store, "one")
    assert store.stamp.current() != before  # no waiting: this process's own commit


def test_a_write_from_another_connection_moves_the_stamp(store: Store):
    import sqlalchemy

    before = store.stamp.current()
    other = sqlalchemy.create_engine(store.engine.url)  # as another process would
    try:
        with other.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO routines (name, created_at, routine, options) "
                    "VALUES ('elsewhere', CURRENT_TIMESTAMP, '{}', '{}')"
                )
            )
        assert _until_changed(store, before) != before
    finally:
        other.dispose()


def test_a_lost_postgresql_listener_gives_no_stamp_then_a_new_one(store: Store):
    if store.engine.dialect.name != "postgresql":
        return  # SQLite's stamp is a local pragma
    before = store.stamp.current()
    listener_pid = store.stamp._listener.info.backend_pid  # type: ignore[union-attr]
    with store.engine.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": listener_pid})
    deadline = time.monotonic() + 10
    seen = []
    while time.monotonic() < deadline:
        seen.append(store.stamp.current())
        if seen[-1] is None:
            break
        time.sleep(0.01)
    assert None in seen, "a broken listener must not keep handing out the old stamp"
    again = store.stamp.current()  # connects and listens anew
    assert again is not None and again != before
