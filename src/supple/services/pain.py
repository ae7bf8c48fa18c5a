"""Pain checks: after sharp pain a stretch stays out until the person marks it checked.

The rule itself (out until checked, never the same day, back at the easier version and lowest
dose) lives in `supple.domain.gate`; this module stores the person's mark and reads the marks
back for the gate.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

from supple.domain import gate
from supple.domain.problems import Kind, Problem, code

if TYPE_CHECKING:
    from supple.config import Settings

Reason = Literal["professional", "settled"]
REASONS: tuple[Reason, ...] = ("professional", "settled")

NO_REPORT = code("pain.no-report", Kind.CONFLICT, field="checked")
SAME_DAY = code("pain.same-day", Kind.CONFLICT, field="checked")
BAD_REASON = code("pain.reason", Kind.BAD_INPUT, field="reason")


def checks(settings: Settings) -> list[gate.PainCheck]:
    """Every pain check in the log, in local time (the gate compares days)."""
    from supple.services.catalog import has_database

    if not has_database(settings):
        return []
    from supple.services.context import reader_for

    return [
        gate.PainCheck(sid, at.astimezone(), reason)
        for sid, at, reason in reader_for(settings).pain_checks.all()
    ]


def waiting(settings: Settings) -> dict[str, datetime]:
    """Stretch id -> the time of its last sharp-pain report, for each stretch not checked
    since: what the gate keeps out, and what a person may mark checked."""
    from supple.services.planning import pain_reports

    last: dict[str, datetime] = {}
    for p in pain_reports(settings):
        last[p.stretch] = p.at
    marks = checks(settings)
    return {
        sid: at
        for sid, at in last.items()
        if gate.checked_after(at, [c for c in marks if c.stretch == sid]) is None
    }


def mark_checked(
    settings: Settings, stretch: str, reason: str, now: datetime | None = None
) -> dict[str, str]:
    """Mark the stretch a person names (id or name, as `catalog show` takes them) checked
    after its sharp-pain report; returns {id, name, reason, checked_at, pain_day}. Problems:
    unknown stretch (with suggestions), no report waiting, the same day as the pain."""
    from supple.services.catalog import full_catalog
    from supple.services.context import store_for

    if reason not in REASONS:
        raise Problem(BAD_REASON, given=reason, choices=list(REASONS))
    found = full_catalog(settings).find(stretch)
    when = (now or datetime.now().astimezone()).astimezone()
    pain = waiting(settings).get(found.id)
    if pain is None:
        raise Problem(NO_REPORT, stretch=found.name)
    if gate.checked_after(pain, [gate.PainCheck(found.id, when, reason)]) is None:
        raise Problem(SAME_DAY, stretch=found.name, day=pain.date().isoformat())
    store_for(settings).pain_checks.add(found.id, reason, when)
    return {
        "id": found.id,
        "name": found.name,
        "reason": reason,
        "checked_at": when.isoformat(),
        "pain_day": pain.date().isoformat(),
    }
