"""Routines the user saved under a name."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from supple.store.engine import writes
from supple.store.tables import RoutineRow
from supple.store.types import utcnow


class RoutineExists(ValueError):
    """A routine with that name is already saved (exit 2)."""


def _as_dict(row: RoutineRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "created_at": row.created_at,
        "routine": row.routine,
        "options": row.options,
    }


class RoutineRepo:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def save(
        self,
        name: str,
        routine_json: Mapping[str, Any],
        options_json: Mapping[str, Any],
        overwrite: bool = False,
        *,
        created_at: datetime | None = None,
    ) -> None:
        name = name.strip()
        if not name:
            raise ValueError("A routine name cannot be empty; give it a short name like 'morning'.")
        try:
            self._save(name, routine_json, options_json, overwrite, created_at)
        except IntegrityError:
            # Another writer saved the same name between our look and our insert: the name
            # is taken now, so it is the same answer as if it had been there before.
            if not overwrite:
                raise RoutineExists(
                    f"A routine named '{name}' is already saved; choose another name or "
                    "pass --force to replace it."
                ) from None
            self._save(name, routine_json, options_json, overwrite, created_at)

    @writes
    def _save(
        self,
        name: str,
        routine_json: Mapping[str, Any],
        options_json: Mapping[str, Any],
        overwrite: bool,
        created_at: datetime | None,
    ) -> None:
        with self._sessions.begin() as s:
            row = s.scalar(select(RoutineRow).where(RoutineRow.name == name))
            if row is not None and not overwrite:
                raise RoutineExists(
                    f"A routine named '{name}' is already saved; choose another name or "
                    "pass --force to replace it."
                )
            if row is None:
                row = RoutineRow(name=name)
                s.add(row)
            row.created_at = created_at or utcnow()
            row.routine = dict(routine_json)
            row.options = dict(options_json)

    def get(self, name: str) -> dict[str, Any] | None:
        """{name, created_at, routine, options} or None."""
        with self._sessions() as s:
            row = s.scalar(select(RoutineRow).where(RoutineRow.name == name.strip()))
            return None if row is None else _as_dict(row)

    def names(self) -> list[str]:
        with self._sessions() as s:
            return list(s.scalars(select(RoutineRow.name).order_by(RoutineRow.name)))

    @writes
    def delete(self, name: str) -> bool:
        """Remove a routine; False when there was none by that name."""
        with self._sessions.begin() as s:
            result = s.execute(delete(RoutineRow).where(RoutineRow.name == name.strip()))
            return bool(result.rowcount)  # type: ignore[attr-defined]

    def list(self) -> list[dict[str, Any]]:
        """Every saved routine, by name."""
        with self._sessions() as s:
            return [_as_dict(r) for r in s.scalars(select(RoutineRow).order_by(RoutineRow.name))]


def insert_routine(
    s: Session,
    name: str,
    routine_json: Mapping[str, Any],
    options_json: Mapping[str, Any],
    created_at: datetime,
) -> bool:
    """Add a routine within the caller's transaction, keeping its creation time; False
    (nothing added) when one by that name is already saved."""
    if s.scalar(select(RoutineRow.id).where(RoutineRow.name == name)) is not None:
        return False
    s.add(
        RoutineRow(
            name=name, created_at=created_at, routine=dict(routine_json), options=dict(options_json)
        )
    )
    return True
