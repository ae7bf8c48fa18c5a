"""Pain checks: the person's word that a stretch that gave sharp pain may come back."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from supple.store.tables import PainCheckRow
from supple.store.types import utcnow

REASONS = ("professional", "settled")


class PainCheckRepo:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add(self, stretch_id: str, reason: str, at: datetime | None = None) -> datetime:
        """Record that the stretch was checked (`reason`: one of REASONS); returns when."""
        if reason not in REASONS:
            raise ValueError(f"reason '{reason}' is not one of: {', '.join(REASONS)}.")
        when = at or utcnow()
        with self._sessions.begin() as s:
            s.execute(
                insert(PainCheckRow).values(stretch_id=stretch_id, checked_at=when, reason=reason)
            )
        return when

    def all(self) -> list[tuple[str, datetime, str]]:
        """(stretch id, when, reason) of every check, oldest first."""
        with self._sessions() as s:
            rows = s.execute(
                select(
                    PainCheckRow.stretch_id, PainCheckRow.checked_at, PainCheckRow.reason
                ).order_by(PainCheckRow.checked_at, PainCheckRow.id)
            ).all()
        return [(sid, at, reason) for sid, at, reason in rows]


def insert_check(s: Session, stretch_id: str, checked_at: datetime, reason: str) -> int:
    """Add one check within the caller's transaction (an import); 0, adding nothing, when the
    same check (stretch, moment, reason) is stored already, so importing twice changes nothing."""
    found = s.scalar(
        select(PainCheckRow.id).where(
            PainCheckRow.stretch_id == stretch_id,
            PainCheckRow.checked_at == checked_at,
            PainCheckRow.reason == reason,
        )
    )
    if found is not None:
        return 0
    s.execute(
        insert(PainCheckRow).values(stretch_id=stretch_id, checked_at=checked_at, reason=reason)
    )
    return 1
