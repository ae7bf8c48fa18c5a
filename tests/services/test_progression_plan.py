"""Plans from the log: the same log always gives the same plan, and it follows the levels."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from supple.config import Settings
from tests.web.conftest import clear_answers

TODAY = date(2026, 12, 3)


def _home(tmp_path, name: str) -> Settings:
    home = tmp_path / name
    return Settings(home=home, database_url=f"sqlite:///{home / 'supple.db'}")


def _write_log(settings: Settings, seed: int, order: list[int]) -> None:
    """Sixty days of generated sessions (in the given order of writing), then a screen."""
    from supple.services.context import store_for
    from supple.services.screening import submit

    rng = random.Random(seed)
    stretches = ["supine-figure-four", "knee-to-chest", "childs-pose", "cat-cow"]
    days = [(k, rng.sample(stretches, 2), rng.choice([0, 1, 2, 2, 3, 5, 8])) for k in range(60)]
    store = store_for(settings)
    for k in order:
        ago, done, rating = days[k]
        when = datetime(2026, 12, 2, 8, tzinfo=UTC) - timedelta(days=ago)
        sid = store.sessions.start({"steps": []}, session_id=f"s-{k:03d}", started_at=when)
        for stretch in done:
            store.sessions.add_item(
                sid, stretch, "both", 20, 20, discomfort=rating, recorded_at=when
            )
        store.sessions.finish(sid, "completed", ended_at=when + timedelta(minutes=9))
    submit(settings, clear_answers(age=40), today=TODAY)


def test_the_same_log_always_gives_the_same_plan(tmp_path) -> None:
    from supple.services.context import close_all
    from supple.services.planning import PlanOptions, build_plan, stretch_levels

    a, b = _home(tmp_path, "a"), _home(tmp_path, "b")
    order = list(range(60))
    _write_log(a, 7, order)
    random.Random(1).shuffle(order)
    _write_log(b, 7, order)  # the same sessions, saved in another order
    try:
        options = PlanOptions(minutes=15, places=["floor"])
        first = build_plan(a, options, TODAY)
        assert first == build_plan(b, options, TODAY)
        assert stretch_levels(a, TODAY) == stretch_levels(b, TODAY)
        for step in first.stretch_steps():
            level = stretch_levels(a, TODAY)[step.id or ""]
            assert (step.reps or 0) <= level.rung.reps
            if step.style == "static":
                assert step.hold_seconds == level.rung.hold
            assert level.dose(step.style == "dynamic").why in step.why
            assert level.rule in step.rules
    finally:
        close_all()
