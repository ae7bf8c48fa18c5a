"""The data stamp that plan caching is keyed on: it moves with every committed write, from any
connection, and the event loop's shared PostgreSQL reader is never older than the request."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from supple.store import Store


def _write(store: Store, name: str) -> None:
    store.routines.save(name, {"steps": []}, {})


def test_the_stamp_moves_with_each_commit_and_only_then(store: Store):
    before = store.stamp.current()
    assert before is not None
    assert store.stamp.current() == before  # reading changes nothing
    _write(store, "one")
    after = store.stamp.current()
    assert after != before
    assert asyncio.run(store.stamp.current_async()) == after


def test_requests_arriving_together_share_queries_yet_see_every_earlier_commit(store: Store):
    if store.engine.dialect.name != "postgresql":
        return  # SQLite's stamp is a local pragma: nothing is shared

    async def scenario() -> None:
        first = asyncio.ensure_future(store.stamp.current_async())
        for _ in range(3):  # let the shared reader send its query
            await asyncio.sleep(0)
        _write(store, "during")  # committed while that query may still be out
        with store.engine.connect() as conn:
            now = conn.execute(text("SELECT pg_current_wal_lsn()::text")).scalar_one()
        # Whoever asks after the commit gets a query sent after it, never the older answer.
        late = await asyncio.gather(*(store.stamp.current_async() for _ in range(10)))
        assert all(_lsn(value) >= _lsn(now) for value in late), (late, now)
        assert await first is not None

    asyncio.run(scenario())


def _lsn(text_value: str) -> int:
    """A PostgreSQL WAL position ('16/B374D848') as a number, to compare."""
    high, low = text_value.split("/")
    return (int(high, 16) << 32) + int(low, 16)
