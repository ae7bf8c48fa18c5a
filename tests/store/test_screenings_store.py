"""Screenings are kept with their answers; the latest one is what the planner reads."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from supple.store import Store


def _add(store: Store, outcome: str, taken_at: datetime, answers: dict[str, object]) -> str:
    result = {"outcome": outcome, "reasons": [], "excluded": ["cat-cow"], "modified": []}
    return store.screenings.add(
        result,
        answers,
        outcome,
        taken_at.date(),
        taken_at.date() + timedelta(days=365),
        taken_at=taken_at,
    )


def test_never_screened_means_no_latest(store: Store):
    assert store.screenings.latest() is None


def test_latest_is_the_newest_with_its_answers_and_dates(store: Store):
    older = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    newer = datetime(2026, 6, 1, 18, 30, tzinfo=UTC)
    _add(store, "consult", older, {"fever": True, "age": 40})
    newest_id = _add(store, "clear", newer, {"fever": False, "age": 41})
    latest = store.screenings.latest()
    assert latest is not None
    assert latest["id"] == newest_id
    assert latest["outcome"] == "clear"
    assert latest["answers"] == {"fever": False, "age": 41}
    assert latest["result"]["excluded"] == ["cat-cow"]
    assert latest["screened_on"] == date(2026, 6, 1)
    assert latest["valid_until"] == date(2027, 6, 1)
    assert latest["taken_at"] == newer
    assert [s["outcome"] for s in store.screenings.list()] == ["consult", "clear"]


def test_adding_an_imported_screening_twice_keeps_one(store: Store):
    when = datetime(2026, 3, 3, tzinfo=UTC)
    first = store.screenings.add(
        {"outcome": "clear"},
        {},
        "clear",
        when.date(),
        when.date(),
        taken_at=when,
        screening_id="s-1",
    )
    again = store.screenings.add(
        {"outcome": "clear"},
        {},
        "clear",
        when.date(),
        when.date(),
        taken_at=when,
        screening_id="s-1",
    )
    assert first == again == "s-1"
    assert len(store.screenings.list()) == 1
