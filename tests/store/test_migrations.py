"""Opening a database upgrades it in place: pending migrations run, user data stays."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from supple.config import Settings
from supple.domain.profile import Profile
from supple.store import DatabaseTooNew, Store, open_store
from supple.store.engine import make_engine
from supple.store.migrate import current_revision, head_revision, upgrade
from supple.store.tables import Base

T0 = datetime(2025, 5, 1, 8, 0, tzinfo=UTC)


def test_a_database_from_the_first_revision_is_upgraded_with_its_data(
    backend_settings: Settings,
):
    backend_settings.ensure_home()
    engine = make_engine(backend_settings.database_url)
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    old = Store(engine)  # the repositories of revision 1 wrote these
    old.profile.save(Profile(name="early adopter", weekly_goal=4))
    sid = old.sessions.start({"steps": ["cat-cow"]}, started_at=T0)
    old.sessions.add_item(sid, "cat-cow", "both", 45, 60, discomfort=3, recorded_at=T0)
    old.sessions.finish(sid, "completed", ended_at=T0)
    old.routines.save("morning", {"steps": ["cat-cow"]}, {"minutes": 5})
    old.close()

    with open_store(backend_settings) as store:
        assert current_revision(store.engine) == head_revision() != "0001"
        indexes = {ix["name"] for ix in inspect(store.engine).get_indexes("sessions")}
        assert "ix_sessions_started_at" in indexes
        assert store.profile.get() == Profile(name="early adopter", weekly_goal=4)
        [session] = store.sessions.history()
        assert session["id"] == sid and session["items"][0]["discomfort"] == 3
        assert store.routines.get("morning") is not None


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
