"""A process killed (SIGKILL) while writing session items loses at most the write in progress."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import timedelta

from sqlalchemy import text

from supple.config import Settings
from supple.store import open_store
from supple.store.repositories.sessions import STALE_AFTER
from supple.store.types import utcnow

WRITER = textwrap.dedent(
    """
    import sys
    from supple.config import get_settings
    from supple.store import open_store

    store = open_store(get_settings())
    sid = store.sessions.start({"steps": ["cat-cow"]})
    print("session", sid, flush=True)
    while True:
        seq = store.sessions.add_item(sid, "cat-cow", "both", 30.0, 30.0, discomfort=2)
        store.sessions.add_event(sid, float(seq), "hold-done", {"seq": seq})
        print("saved", seq, flush=True)  # only after the commit returned
    """
)
KILL_AFTER = 40


def test_sigkill_mid_session_keeps_every_committed_item(backend_settings: Settings):
    open_store(backend_settings).close()  # migrate first, so the child only writes items
    env = {
        **os.environ,
        "SUPPLE_HOME": str(backend_settings.home),
        "SUPPLE_DATABASE_URL": backend_settings.database_url,
    }
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    saved: list[int] = []
    try:
        first = child.stdout.readline().split()
        assert first[0] == "session", first
        session_id = first[1]
        while len(saved) < KILL_AFTER:
            line = child.stdout.readline()
            assert line, "the writer died before it was killed"
            saved.append(int(line.split()[1]))
        # The writer does not pause between writes, so this lands inside one.
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        # The child may have run ahead of what we read: collect every line it printed.
        saved += [int(line.split()[1]) for line in child.stdout.read().splitlines()]
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    with open_store(backend_settings) as store:
        if store.engine.dialect.name == "sqlite":
            with store.engine.connect() as conn:
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        session = store.sessions.get(session_id)
        assert session is not None and session["status"] == "running"
        seqs = [item["seq"] for item in session["items"]]
        # Every write the child saw committed is there, in order, with nothing torn; at most
        # one more (committed, but killed before it could say so) may have landed too.
        assert seqs[: len(saved)] == saved
        assert len(seqs) - len(saved) <= 1
        assert all(i["discomfort"] == 2 and i["held_seconds"] == 30.0 for i in session["items"])

        # Still `running` while its heartbeat is fresh (it cannot be told from a live one);
        # a start once the heartbeat is stale marks it interrupted, keeping every item.
        store.sessions.start({"steps": []})
        assert store.sessions.get(session_id)["status"] == "running"  # type: ignore[index]
        later = utcnow() + STALE_AFTER + timedelta(seconds=1)
        store.sessions.start({"steps": []}, started_at=later)
        after = store.sessions.get(session_id)
        assert after is not None and after["status"] == "interrupted"
        assert [i["seq"] for i in after["items"]] == seqs
