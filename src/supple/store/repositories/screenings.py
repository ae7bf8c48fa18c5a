"""Screening results with their answers, newest last."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from supple.store.engine import writes
from supple.store.tables import ScreeningRow
from supple.store.types import utcnow


def _as_dict(row: ScreeningRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "taken_at": row.taken_at,
        "screened_on": row.screened_on,
        "valid_until": row.valid_until,
        "outcome": row.outcome,
        "answers": row.answers,
        "result": row.result,
    }


class ScreeningRepo:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @writes
    def add(
        self,
        result_json: Mapping[str, Any],
        answers: Mapping[str, Any],
        outcome: str,
        screened_on: date,
        valid_until: date,
        *,
        taken_at: datetime | None = None,
        screening_id: str | None = None,
    ) -> str:
        """Store one screening; returns its id. Passing an existing `screening_id` (an import
        of data already here) stores nothing and returns that id."""
        sid = screening_id or str(uuid.uuid4())
        with self._sessions.begin() as s:
            insert_screening(
                s, sid, result_json, answers, outcome, screened_on, valid_until, taken_at
            )
        return sid

    def latest(self) -> dict[str, Any] | None:
        """The most recent screening as {id, taken_at, screened_on, valid_until, outcome,
        answers, result}, or None if the user was never screened."""
        with self._sessions() as s:
            row = s.scalar(
                select(ScreeningRow)
                .order_by(ScreeningRow.taken_at.desc(), ScreeningRow.id.desc())
                .limit(1)
            )
            return None if row is None else _as_dict(row)

    def list(self) -> list[dict[str, Any]]:
        """Every screening, oldest first (for export)."""
        with self._sessions() as s:
            rows = s.scalars(select(ScreeningRow).order_by(ScreeningRow.taken_at, ScreeningRow.id))
            return [_as_dict(r) for r in rows]


def insert_screening(
    s: Session,
    screening_id: str,
    result_json: Mapping[str, Any],
    answers: Mapping[str, Any],
    outcome: str,
    screened_on: date,
    valid_until: date,
    taken_at: datetime | None = None,
) -> bool:
    """Add one screening within the caller's transaction; False (nothing added) when one with
    that id is already stored."""
    if s.get(ScreeningRow, screening_id) is not None:
        return False
    s.add(
        ScreeningRow(
            id=screening_id,
            taken_at=taken_at or utcnow(),
            screened_on=screened_on,
            valid_until=valid_until,
            outcome=outcome,
            answers=dict(answers),
            result=dict(result_json),
        )
    )
    return True
