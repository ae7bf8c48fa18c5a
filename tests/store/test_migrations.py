"""Opening a database upgrades it in place: pending migrations run, user data stays."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from supple.config import Settings
from supple.store import DatabaseTooNew, Store, open_store
from supple.store.engine import make_engine
from supple.store.migrate import current_revision, head_revision, upgrade
from supple.store.tables import Base

T0 = datetime(2025, 5, 1, 8, 0, tzinfo=UTC)


def _write_revision_1_data(engine: Engine) -> None:
    """What supple at revision 0001 wrote: plain SQL, as today's repositories write more."""
    when = T0.replace(tzinfo=None) if engine.dialect.name == "sqlite" else T0
    rows = {
        "profile": [
            {
                "id": 1,
                "name": "early adopter",
                "age": None,
                "places": '["floor"]',
                "weekly_goal": 4,
                "voice": False,
                "timezone": "",
                "created_at": when,
                "updated_at": when,
            }
        ],
        "sessions": [
            {
                "id": "s-old",
                "started_at": when,
                "ended_at": when + timedelta(minutes=9),
                "status": "completed",
                "routine": '{"steps": ["cat-cow"]}',
                "heartbeat_at": when,
            }
        ],
        "session_items": [
            {
                "session_id": "s-old",
                "seq": seq,
                "stretch_id": stretch,
                "side": "both",
                "held_seconds": held,
                "planned_seconds": 60.0,
                "discomfort": rating,
                "pain": pain,
                "skipped": False,
                "recorded_at": when + timedelta(minutes=seq),
            }
            for seq, stretch, held, rating, pain in (
                (1, "cat-cow", 45.0, 3, False),
                (2, "cat-cow", 60.0, 5, False),
                (3, "childs-pose", 30.0, None, True),
            )
        ],
        "routines": [
            {
                "name": "morning",
                "created_at": when,
                "routine": '{"steps": ["cat-cow"]}',
                "options": '{"minutes": 5}',
            }
        ],
    }
    with engine.begin() as conn:
        for table, values in rows.items():
            columns = ", ".join(values[0])
            params = ", ".join(f":{c}" for c in values[0])
            conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({params})"), values)


def test_a_database_from_the_first_revision_is_upgraded_with_its_data(
    backend_settings: Settings,
):
    backend_settings.ensure_home()
    engine = make_engine(backend_settings.database_url)
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    _write_revision_1_data(engine)
    engine.dispose()

    with open_store(backend_settings) as store:
        assert current_revision(store.engine) == head_revision() != "0001"
        indexes = {ix["name"] for ix in inspect(store.engine).get_indexes("sessions")}
        assert "ix_sessions_started_at" in indexes
        profile = store.profile.get()
        assert profile is not None
        assert (profile.name, profile.weekly_goal, profile.places) == (
            "early adopter",
            4,
            ["floor"],
        )
        assert store.routines.get("morning") is not None
        # The summaries that revision 0003 added are computed from the old items on first
        # read: history, its document and progress all show the old session.
        [session] = store.sessions.history()
        assert session["id"] == "s-old"
        assert [(i["id"], i["discomfort"], i["pain"]) for i in session["items"]] == [
            ("cat-cow", 3, False),
            ("cat-cow", 5, False),
            ("childs-pose", None, True),
        ]
        [(head, items)] = store.sessions.history_entries()
        assert json.loads(head + items + "}")["items"] == session["items"]
        log = store.sessions.progress_log(3)
        assert [held for _, held in log.sessions] == [135.0]
        assert [(r.id, r.sessions, [x.rating for x in r.first]) for r in log.ratings] == [
            ("cat-cow", 1, [4.0])
        ]
        assert log.pain_reports == {"childs-pose": 1}


def test_reopening_an_up_to_date_database_changes_nothing(backend_settings: Settings):
    with open_store(backend_settings) as store:
        store.routines.save("kept", {}, {})
    with open_store(backend_settings) as store:
        assert [r["name"] for r in store.routines.list()] == ["kept"]


def test_the_migrated_schema_matches_the_models(store: Store):
    with store.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []


def test_a_database_from_a_newer_supple_is_refused_with_advice(backend_settings: Settings):
    with open_store(backend_settings) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseTooNew, match=r"'9999'.*Upgrade supple"):
        open_store(backend_settings)
