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
            "follow_up_of": q.follow_up_of,
        }
        for q in questions()
    ]


# --- After a sharp-pain report -------------------------------------------------------------------

#: Questions asked again after a sharp-pain report besides the warning signs: how bad the pain
#: is and whether it came with an injury (rule `pain-follow-up`).
PAIN_QUESTIONS = ("acute-injury", "severe-pain")


def follow_up(settings: Settings) -> dict[str, Any] | None:
    """The short screen after a sharp-pain report (None when there is none since the latest
    screen): which questions to ask (`questions`: ids, in order: the warning signs and the
    pain questions) and the answers kept from the latest screen (`kept`: age, conditions...),
    plus the report (`stretch` id and `name`, `at`). Submit with `submit_follow_up`.

    Shape, for the web form and the API:
    {"stretch": id, "name": str, "at": iso datetime, "questions": [id...], "kept": {id: answer}}
    """
    from supple.services.planning import pain_reports

    found = latest_with_time(settings)
    if found is None:
        return None
    result, taken_at = found
    after = [p for p in pain_reports(settings) if p.at > taken_at]
    if not after:
        return None
    last = max(after, key=lambda p: p.at)
    asked = [q.id for q in questions() if q.category == "red-flag" or q.id in PAIN_QUESTIONS]
    kept = {k: v for k, v in result.answers.items() if k not in asked}
    return {
        "stretch": last.stretch,
        "name": last.name,
        "at": last.at.isoformat(),
        "questions": asked,
        "kept": kept,
    }


def follow_up_answers(settings: Settings, answers: Mapping[str, object]) -> dict[str, object]:
    """The answers of a short follow-up screen completed with the kept ones (or the answers
    as they are when no follow-up is due)."""
    due = follow_up(settings)
    kept: dict[str, object] = dict(due["kept"]) if due is not None else {}
    return {**kept, **answers}


def submit_follow_up(
    settings: Settings, answers: Mapping[str, object], today: date | None = None
) -> ScreeningResult:
    """`submit` for the short screen after a pain report: the new answers override, the rest
    are the latest screen's."""
    return submit(settings, follow_up_answers(settings, answers), today)


def pain_panel() -> dict[str, Any]:
    """What to do after a sharp-pain stop, for every front end (one text, in learn.toml's
    `sharp-pain` topic, and the urgent warning signs from the questions):
    {"title": str, "advice": [{"text", "source"}], "same_day": {"text", "source"},
     "signs": [{"text", "source"}]}."""
    data = shipped()
    topic = next(t for t in data.learn if t.id == "sharp-pain")
    advice = [p for p in topic.points if p.source != "nice-ng59"]
    same_day = next(p for p in topic.points if p.source == "nice-ng59")
    return {
        "title": topic.title,
        "advice": [{"text": p.text, "source": p.source} for p in advice],
        "same_day": {"text": same_day.text, "source": same_day.source},
        "signs": [
            {"text": q.reason, "source": q.source}
            for q in data.questions
            if q.category == "red-flag" and q.outcome == "urgent" and q.reason
        ],
    }


def judge(
    answers: Mapping[str, object], today: date | None = None, settings: Settings | None = None
) -> ScreeningResult:
    """Validate and judge answers. Raises AnswersError listing every problem; when an answer
    among them is urgent, its `urgent` holds the urgent result to show first (rule
    `urgent-first`), and nothing is stored."""
    from supple.domain.screening import screen
    from supple.services.catalog import full_catalog

    return screen(questions(), full_catalog(settings), answers, today or date.today())


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
    from supple.services.context import reader_for

    row = reader_for(settings).screenings.latest()
    if row is None:
        return None
    return ScreeningResult.model_validate(row["result"]), row["taken_at"]
