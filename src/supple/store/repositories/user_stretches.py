"""Catalog entries the user imported, keyed by their stable string id."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from supple.domain.planner_imported import missing_fields
from supple.store.engine import writes
from supple.store.tables import UserStretchRow
from supple.store.types import utcnow


def _as_dict(row: UserStretchRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "origin": row.origin,
        "data": row.data,
        "imported_at": row.imported_at,
        "source_hash": row.source_hash,
    }


class UserStretchRepo:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @writes
    def upsert(self, id: str, origin: str, data: Mapping[str, Any], source_hash: str) -> bool:
        """Insert or update one entry; True when something changed (so importing the same
        file twice reports nothing new)."""
        with self._sessions.begin() as s:
            return upsert_user_stretch(s, id, origin, data, source_hash)

    def get(self, id: str) -> dict[str, Any] | None:
        """{id, origin, data, imported_at, source_hash} or None."""
        with self._sessions() as s:
            row = s.get(UserStretchRow, id)
            return None if row is None else _as_dict(row)

    def list(self) -> list[dict[str, Any]]:
        with self._sessions() as s:
            rows = s.scalars(select(UserStretchRow).order_by(UserStretchRow.id))
            return [_as_dict(r) for r in rows]


def upsert_user_stretch(
    s: Session,
    id: str,
    origin: str,
    data: Mapping[str, Any],
    source_hash: str,
    imported_at: datetime | None = None,
) -> bool:
    """Insert or update one entry within the caller's transaction; True when something
    changed. `imported_at` keeps the time of the first import (a supple export's)."""
    row = s.get(UserStretchRow, id)
    if row is None:
        s.add(
            UserStretchRow(
                id=id,
                origin=origin,
                data=dict(data),
                imported_at=imported_at or utcnow(),
                source_hash=source_hash,
            )
        )
        return True
    if row.origin == origin and row.source_hash == source_hash and row.data == data:
        return False
    if missing_fields(origin) and not missing_fields(row.origin):
        # Re-importing an entry the user has completed (supple catalog set) keeps what they
        # set rather than the import's placeholders.
        return False
    row.origin = origin
    row.data = dict(data)
    row.source_hash = source_hash
    row.imported_at = imported_at or utcnow()
    return True
