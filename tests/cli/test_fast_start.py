"""The read-only commands start without SQLAlchemy or Alembic once the schema is current, and
say exactly what they said through the full store."""

from __future__ import annotations

import json
from datetime import timedelta

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


def _imported(err: str) -> set[str]:
    """Module names from PYTHONPROFILEIMPORTTIME's lines on stderr."""
    return {
        line.rsplit("|", 1)[-1].strip()
        for line in err.splitlines()
        if line.startswith("import time")
    }


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


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_read_commands_import_neither_sqlalchemy_nor_alembic(user, supple, args):
    r = supple(*args, env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert r.code == 0, r.err[-2000:]
    loaded = _imported(r.err)
    assert "supple.cli.app" in loaded  # the hook works
    assert "sqlalchemy" not in loaded
    assert "alembic" not in loaded


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_the_fast_path_says_what_the_store_says(user, supple, cli, monkeypatch, args):
    fast = supple(*args)
    assert fast.code == 0, fast.err
    # The same command in this process, with the read port unavailable: the full store.
    monkeypatch.setattr("supple.store.fast_read.open_reader", lambda path: None)
    full = cli(*args)
    assert full.code == 0, full.err
    assert fast.out.strip() and fast.out == full.out


def test_a_session_left_running_by_a_dead_process_is_marked_first(user, supple, cli):
    """Upkeep is a write: the store does it (and the command says `interrupted`)."""
    from supple.config import get_settings
    from supple.services.context import store_for

    store = store_for(get_settings())
    store.sessions.start({"steps": []}, started_at=days_ago(0) - timedelta(hours=3))
    close_all()
    r = supple("history", "--json", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert r.code == 0, r.err[-2000:]
    assert "sqlalchemy" in _imported(r.err)
    assert [s["status"] for s in json.loads(r.out)][-1] == "interrupted"
    again = supple("history", "--json", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert "sqlalchemy" not in _imported(again.err)
    assert again.out == r.out


def test_an_old_schema_is_migrated_by_a_read_command(supple, home):
    """A database an older supple left (revision 0003): the full store upgrades it."""
    from supple.store.engine import make_engine
    from supple.store.fast_read import open_reader
    from supple.store.migrate import upgrade

    home.mkdir(parents=True)
    engine = make_engine(f"sqlite:///{home / 'supple.db'}")
    upgrade(engine, "0003")
    engine.dispose()
    assert open_reader(home / "supple.db") is None
    r = supple("history", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert r.code == 0, r.err[-2000:]
    assert "alembic" in _imported(r.err)
    reader = open_reader(home / "supple.db")
    assert reader is not None
    reader.close()
