"""Factories: a screened user and logged sessions, written through the real store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from supple.config import get_settings
from supple.services.context import store_for


def clear_answers(**overrides: object) -> dict[str, object]:
    """Every question answered 'nothing to report' (age 40), then the overrides."""
    from supple.data.loader import shipped

    out: dict[str, object] = {}
    for q in shipped().questions:
        out[q.id] = {"yes-no": False, "number": 40}.get(q.kind, q.options[0] if q.options else None)
    return {**out, **overrides}


def screened(cli, **answers) -> None:
    import json
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(clear_answers(**answers), f)
    r = cli("screen", "--answers", f.name, "--json")
    assert r.code == 0, r.err


def log_session(
    started: datetime,
    items: list[tuple[str, str, float, int | None, bool]],
    status: str = "completed",
) -> str:
    """items: (stretch id, side, held seconds, discomfort, pain)."""
    store = store_for(get_settings())
    sid = store.sessions.start({"steps": []}, started_at=started)
    for stretch, side, held, discomfort, pain in items:
        store.sessions.add_item(
            sid,
            stretch,
            side,
            held,
            30.0,
            discomfort=discomfort,
            pain=pain,
            recorded_at=started + timedelta(minutes=1),
        )
    store.sessions.finish(sid, status, ended_at=started + timedelta(minutes=10))
    return sid


def days_ago(n: int, hour: int = 8) -> datetime:
    """`hour` o'clock UTC `n` days ago, never later than now (today before 08:00 UTC, an
    08:00 session would be in the future)."""
    now = datetime.now(UTC)
    return min(now.replace(hour=hour, minute=0, second=0, microsecond=0) - timedelta(days=n), now)


#: What `supple export --json` counts in a home that holds nothing.
NOTHING_STORED = {
    "profile": 0,
    "screenings": 0,
    "routines": 0,
    "sessions": 0,
    "user_stretches": 0,
    "pain_checks": 0,
}
