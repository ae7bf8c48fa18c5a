"""The tables, as typed SQLAlchemy 2.0 declarative models.

Alembic migrations (store/migrations/versions) create and evolve these tables; a test checks
that the migrated schema matches these models, so the two cannot drift apart.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from supple.store.types import JsonDoc, UtcDateTime

SESSION_STATUSES = ("running", "completed", "stopped", "interrupted")
SIDES = ("left", "right", "both")

# Named constraints so migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ProfileRow(Base):
    """The single user's profile: always the row with id 1."""

    __tablename__ = "profile"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    age: Mapped[int | None] = mapped_column(Integer)
    places: Mapped[list[str]] = mapped_column(JsonDoc)
    weekly_goal: Mapped[int] = mapped_column(Integer)
    voice: Mapped[bool] = mapped_column(Boolean)
    timezone: Mapped[str] = mapped_column(String(64), default="")
    weekly_goal_since: Mapped[date | None] = mapped_column(Date)
    """The (local) day the weekly goal was last set; goal suggestions count from it."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ScreeningRow(Base):
    __tablename__ = "screenings"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    screened_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(16))
    answers: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    result: Mapped[dict[str, Any]] = mapped_column(JsonDoc)


class RoutineRow(Base):
    __tablename__ = "routines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    routine: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    options: Mapped[dict[str, Any]] = mapped_column(JsonDoc)


class SessionRow(Base):
    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint(
            "status IN ('running', 'completed', 'stopped', 'interrupted')", name="status"
        ),
        Index("ix_sessions_started_at", "started_at"),
        # Progress reads when each session started and how long it held from this index alone
        # (the table's rows carry the items documents: reading them all took most of the time).
        Index("ix_sessions_started_at_held_seconds", "started_at", "held_seconds"),
        # Live sessions are few: finding the stale ones must not read every session.
        Index(
            "ix_sessions_running",
            "heartbeat_at",
            sqlite_where=text("status = 'running'"),
            postgresql_where=text("status = 'running'"),
        ),
        # Sessions saved before their summaries existed (see session_summary.fill_missing):
        # none once filled, so checking for them costs an empty index probe.
        Index(
            "ix_sessions_unsummarised",
            "id",
            sqlite_where=text("items_doc IS NULL"),
            postgresql_where=text("items_doc IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    routine: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    heartbeat_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Summaries of the session's items, rewritten with every change to them (see
    # repositories/session_summary.py); NULL until first computed.
    items_doc: Mapped[str | None] = mapped_column(Text)
    held_seconds: Mapped[float | None] = mapped_column(Float)


class SessionItemRow(Base):
    """One stretch (one side) done, skipped or stopped for pain within a session."""

    __tablename__ = "session_items"
    __table_args__ = (
        # Also the index history uses to fetch a session's items (leading column session_id).
        UniqueConstraint("session_id", "seq"),
        CheckConstraint("side IN ('left', 'right', 'both')", name="side"),
        CheckConstraint("discomfort IS NULL OR (discomfort BETWEEN 0 AND 10)", name="discomfort"),
        Index("ix_session_items_stretch_id", "stretch_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("sessions.id", ondelete="CASCADE")
    )
    seq: Mapped[int] = mapped_column(Integer)
    stretch_id: Mapped[str] = mapped_column(String(100))
    side: Mapped[str] = mapped_column(String(8))
    held_seconds: Mapped[float] = mapped_column(Float)
    planned_seconds: Mapped[float] = mapped_column(Float)
    discomfort: Mapped[int | None] = mapped_column(Integer)
    pain: Mapped[bool] = mapped_column(Boolean, default=False)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SessionEventRow(Base):
    """The raw event log of a session (what the player emitted, in order)."""

    __tablename__ = "session_events"
    __table_args__ = (UniqueConstraint("session_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("sessions.id", ondelete="CASCADE")
    )
    seq: Mapped[int] = mapped_column(Integer)
    t: Mapped[float] = mapped_column(Float)
    event: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JsonDoc)


class SessionStretchRow(Base):
    """Per session and stretch, a summary of its items: how many were rated, the sum of their
    ratings, when the first rated one was saved, and how many reported pain. Derived from
    session_items (repositories/session_summary.py); progress reads it instead of the items."""

    __tablename__ = "session_stretches"
    __table_args__ = (
        PrimaryKeyConstraint("session_id", "stretch_id"),
        # Progress walks each stretch's rated sessions in time order from either end.
        Index("ix_session_stretches_ratings", "stretch_id", "rated_at", "session_id"),
        # Pain reports are rare: a partial index finds them without reading every row.
        Index(
            "ix_session_stretches_pains",
            "stretch_id",
            "pains",
            sqlite_where=text("pains > 0"),
            postgresql_where=text("pains > 0"),
        ),
    )

    session_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("sessions.id", ondelete="CASCADE")
    )
    stretch_id: Mapped[str] = mapped_column(String(100))
    rated: Mapped[int] = mapped_column(Integer)
    rating_sum: Mapped[int] = mapped_column(Integer)
    rated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    pains: Mapped[int] = mapped_column(Integer)


class PainCheckRow(Base):
    """The person marked a stretch checked after a sharp-pain report: a professional has
    looked at it, or it has settled. Until then (and never on the day of the pain) the gate
    keeps the stretch out (supple.domain.gate)."""

    __tablename__ = "pain_checks"
    __table_args__ = (
        CheckConstraint("reason IN ('professional', 'settled')", name="reason"),
        Index("ix_pain_checks_stretch_id", "stretch_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    stretch_id: Mapped[str] = mapped_column(String(100))
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reason: Mapped[str] = mapped_column(String(16))


class UserStretchRow(Base):
    """A catalog entry the user imported (e.g. from free-exercise-db)."""

    __tablename__ = "user_stretches"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    origin: Mapped[str] = mapped_column(String(100))
    data: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    source_hash: Mapped[str] = mapped_column(String(128))


__all__ = [
    "SESSION_STATUSES",
    "SIDES",
    "Base",
    "PainCheckRow",
    "ProfileRow",
    "RoutineRow",
    "ScreeningRow",
    "SessionEventRow",
    "SessionItemRow",
    "SessionRow",
    "SessionStretchRow",
    "UserStretchRow",
]
