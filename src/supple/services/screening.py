"""Screening use cases: ask, judge, store; and the latest valid result for the planner."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from supple.data.loader import shipped
from supple.domain.questions import Question

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.domain.screening import ScreeningResult


def questions() -> list[Question]:
    return shipped().questions


def questions_json() -> list[dict[str, Any]]:
    return [
        {
            "id": q.id,
            "text": q.text,
            "kind": q.kind,
            "options": q.options,
            "category": q.category,
            "help": q.help,
            "required": q.required,
            "minimum": q.minimum,
            "maximum": q.maximum,
            "source": q.source,
        }
        for q in questions()
    ]


def judge(
    answers: Mapping[str, object], today: date | None = None, settings: Settings | None = None
) -> ScreeningResult:
    """Validate and judge answers (raises AnswersError listing every problem)."""
    from supple.domain.screening import screen, validate_answers
    from supple.services.catalog import full_catalog

    qs = questions()
    clean = validate_answers(qs, answers)
    return screen(qs, full_catalog(settings), clean, today or date.today())


def submit(
    settings: Settings, answers: Mapping[str, object], today: date | None = None
) -> ScreeningResult:
    """Judge the answers and store the result (answers, date). A saved profile takes the new
    age; without one, the profile reads the age from this result (see services.profile)."""
    from supple.services.context import store_for
    from supple.services.profile import update_screened_age

    result = judge(answers, today, settings)
    store = store_for(settings)
    store.screenings.add(
        result.model_dump(mode="json"),
        result.answers,
        result.outcome,
        result.screened_on,
        result.valid_until,
    )
    age = result.answers.get("age")
    if isinstance(age, int) and not isinstance(age, bool):
        update_screened_age(settings, age)
    return result


def summary(settings: Settings, today: date | None = None) -> dict[str, Any] | None:
    """The latest screen in brief (what `supple profile` shows), or None before the first."""
    result = latest(settings)
    if result is None:
        return None
    return {
        "outcome": result.outcome,
        "screened_on": result.screened_on.isoformat(),
        "valid_until": result.valid_until.isoformat(),
        "expired": result.valid_until < (today or date.today()),
        "excluded": list(result.excluded),
        "modified": [{"id": m.id, "text": m.text} for m in result.modified],
    }


def latest(settings: Settings) -> ScreeningResult | None:
    found = latest_with_time(settings)
    return None if found is None else found[0]


def latest_with_time(settings: Settings) -> tuple[ScreeningResult, datetime] | None:
    """The latest screening and the moment it was taken (to compare with pain reports)."""
    from supple.domain.screening import ScreeningResult
    from supple.services.catalog import has_database

    if not has_database(settings):
        return None
    from supple.services.context import store_for

    row = store_for(settings).screenings.latest()
    if row is None:
        return None
    return ScreeningResult.model_validate(row["result"]), row["taken_at"]
