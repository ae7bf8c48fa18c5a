"""PostgreSQL's pooled connections are tried only after they sat idle (store/engine.py): a
connection the server dropped while idle is replaced without the reader noticing, and one in
steady use is handed out with no extra round trip."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text

from supple.store import engine as engine_module
from supple.store.engine import make_engine

pytestmark = pytest.mark.postgres


def _backend_pid(engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def test_a_connection_dropped_while_idle_is_replaced_unnoticed(postgres_url: str, monkeypatch):
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_SECONDS", 0.2)
    engine = make_engine(postgres_url)
    other = make_engine(postgres_url)
    try:
        pid = _backend_pid(engine)  # the pool's one connection, now idle in the pool
        with other.connect() as conn:
            assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar()
        time.sleep(0.3)
        new_pid = _backend_pid(engine)  # no error: the dead connection was replaced
        assert new_pid != pid
    finally:
        engine.dispose()
        other.dispose()


def test_a_connection_in_steady_use_is_not_pinged_but_an_idle_one_is(
    postgres_url: str, monkeypatch
):
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_SECONDS", 0.2)
    pinged: list[object] = []
    ping = engine_module._ping
    monkeypatch.setattr(engine_module, "_ping", lambda c: (pinged.append(c), ping(c)))
    engine = make_engine(postgres_url)
    try:
        for _ in range(20):
            _backend_pid(engine)
        assert pinged == []  # a fresh connection, then one back in the pool a moment ago
        time.sleep(0.3)
        _backend_pid(engine)
        assert len(pinged) == 1
    finally:
        engine.dispose()
