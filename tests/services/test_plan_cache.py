"""The plan cache (services.planning.build_plan) keyed on the store's data stamp: asking again
with nothing changed gives the same plan without planning, and any change to the data the plan
depends on, made in this process or by another one (the CLI beside the web app), is seen at
once. On SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.web.conftest import clear_answers


def _cli(settings, *args: str) -> None:
    env = {**os.environ, "SUPPLE_HOME": str(settings.home)}
    env["SUPPLE_DATABASE_URL"] = settings.database_url
    done = subprocess.run(
        [sys.executable, "-m", "supple", *args], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr


def _holds(routine) -> set[int]:
    return {s.hold_seconds for s in routine.steps if s.kind == "stretch" and s.style == "static"}


def test_plans_are_reused_until_the_data_changes_in_any_process(backend_settings):
    from supple.services.context import close_all
    from supple.services.planning import PlanOptions, build_plan
    from supple.services.screening import submit

    try:
        submit(backend_settings, clear_answers(age=40))
        options = PlanOptions(minutes=12, places=["floor"])
        first = build_plan(backend_settings, options)
        assert build_plan(backend_settings, options) is first  # nothing changed: reused
        assert max(_holds(first)) <= 30

        # Another process makes the user 70: holds of 30-60 s (acsm-2021) at once.
        _cli(backend_settings, "profile", "set", "--age", "70")
        older = build_plan(backend_settings, options)
        assert older is not first
        assert min(_holds(older)) >= 30

        # A new screen in this process that leaves the figure-fours out (posterior hip).
        submit(backend_settings, clear_answers(age=70, **{"hip-replacement": "posterior"}))
        screened = build_plan(backend_settings, options)
        ids = {s.id for s in screened.steps}
        ruled_out = {e.id for e in screened.excluded if e.kind == "screening"}
        assert {"supine-figure-four", "knee-to-chest"} <= ruled_out and not ruled_out & ids
        assert not {e.id for e in older.excluded if e.kind == "screening"}

        # Different options are a different plan, not the cached one.
        assert build_plan(backend_settings, PlanOptions(minutes=20, places=["floor"])) is not (
            screened
        )
    finally:
        close_all()


def test_the_api_body_is_the_cached_plan_serialised_and_follows_changes(backend_settings):
    import json

    from supple.services.context import close_all
    from supple.services.planning import PlanOptions, build_plan, plan_json
    from supple.services.screening import submit

    try:
        submit(backend_settings, clear_answers(age=40))
        options = PlanOptions(minutes=15, places=["floor", "chair"], avoid=["cat-cow"])
        body = plan_json(backend_settings, options)
        assert json.loads(body) == build_plan(backend_settings, options).model_dump(mode="json")
        assert plan_json(backend_settings, options) is body  # served again without serialising
        _cli(backend_settings, "profile", "set", "--age", "75")
        older = json.loads(plan_json(backend_settings, options))
        assert min(s["hold_seconds"] for s in older["steps"] if s.get("style") == "static") >= 30
        assert "cat-cow" not in {s["id"] for s in older["steps"]}
    finally:
        close_all()
