"""The read-only commands start without SQLAlchemy or Alembic once the schema is current, and
say exactly what they said through the full store."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from supple.services.context import close_all
from tests.cli.factories import days_ago, log_session, screened

READS = [
    ("plan", "--minutes", "10"),
    ("plan", "--minutes", "25", "--json"),
    ("history",),
    ("history", "--json"),
    ("history", "--since", "2000-01-01"),
    ("progress",),
    ("progress", "--json"),
    ("catalog",),
]


#: Runs `supple` as `python -m supple` does, then lists every loaded module on stderr after a
#: marker (sys.modules at exit: -X importtime misses modules loaded by importlib).
SHOW_MODULES = (
    "import runpy, sys\n"
    "sys.argv = ['supple', *sys.argv[1:]]\n"
    "try:\n    runpy.run_module('supple', run_name='__main__', alter_sys=True)\n"
    "finally:\n    print('\\n--modules--', *sorted(sys.modules), sep='\\n', file=sys.stderr)\n"
)


def run_listing(home, *args: str, env: dict[str, str] | None = None):
    """`supple ARGS` in a subprocess: (exit code, stdout, stderr, modules loaded)."""
    import os
    import subprocess
    import sys

    full_env = {**os.environ, "SUPPLE_HOME": str(home), "COLUMNS": "120", **(env or {})}
    full_env.pop("SUPPLE_DATABASE_URL", None)
    proc = subprocess.run(
        [sys.executable, "-c", SHOW_MODULES, *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )
    err, _, listing = proc.stderr.partition("\n--modules--\n")
    return proc.returncode, proc.stdout, err, set(listing.split())


@pytest.fixture
def user(cli):
    """A screened user with a profile and rated, skipped and painful holds."""
    screened(cli)
    assert cli("profile", "set", "--places", "floor,chair", "--weekly-goal", "4").code == 0
    for d in (1, 3, 8, 15):
        log_session(
            days_ago(d),
            [
                ("cat-cow", "both", 30.0, 3, False),
                ("childs-pose", "both", 45.0, None, False),
                ("bridge", "both", 2.0, None, d == 15),
            ],
        )
    close_all()


def _heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in ("sqlalchemy", "alembic")}


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_read_commands_import_neither_sqlalchemy_nor_alembic(user, home, args):
    code, out, err, loaded = run_listing(home, *args)
    assert code == 0, err[-2000:]
    assert out.strip()
    assert "supple.cli.common" in loaded  # the listing works
    if args[0] != "catalog":  # catalog reads imported stretches with sqlite3 on its own
        assert "supple.store.fast_read" in loaded
    assert not _heavy(loaded)


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_the_fast_path_says_what_the_store_says(user, supple, cli, monkeypatch, args):
    fast = supple(*args)
    assert fast.code == 0, fast.err
    # The same command in this process, with the read port unavailable: the full store.
    monkeypatch.setattr("supple.store.fast_read.open_reader", lambda path: None)
    full = cli(*args)
    assert full.code == 0, full.err
    assert fast.out.strip() and fast.out == full.out


def test_a_session_left_running_by_a_dead_process_is_marked_first(user, home):
    """Upkeep is a write: the store does it (and the command says `interrupted`)."""
    from supple.config import get_settings
    from supple.services.context import store_for

    store = store_for(get_settings())
    store.sessions.start({"steps": []}, started_at=datetime.now(UTC) - timedelta(hours=3))
    close_all()
    code, out, err, loaded = run_listing(home, "history", "--json")
    assert code == 0, err[-2000:]
    assert _heavy(loaded)
    assert [s["status"] for s in json.loads(out)][-1] == "interrupted"
    code, again, err, loaded = run_listing(home, "history", "--json")
    assert code == 0, err[-2000:]
    assert not _heavy(loaded)
    assert again == out


def test_an_old_schema_is_migrated_by_a_read_command(home):
    """A database an older supple left (revision 0003): the full store upgrades it."""
    from supple.store.engine import make_engine
    from supple.store.fast_read import open_reader
    from supple.store.migrate import upgrade

    home.mkdir(parents=True)
    engine = make_engine(f"sqlite:///{home / 'supple.db'}")
    upgrade(engine, "0003")
    engine.dispose()
    assert open_reader(home / "supple.db") is None
    code, out, err, loaded = run_listing(home, "history")
    assert code == 0, err[-2000:]
    assert "alembic" in loaded
    assert "No sessions yet" in out
    reader = open_reader(home / "supple.db")
    assert reader is not None
    reader.close()
