"""services.planning.start_routine: the gate a web route runs for a routine sent to the API."""

from __future__ import annotations

import pytest

from supple.domain.problems import Kind, Problem
from supple.domain.routine import Routine, Step
from supple.services.planning import PlanOptions, SafetyRefusal, build_plan, start_routine
from supple.services.screening import submit
from supple.wording import API, CLI, word
from tests.cli.factories import clear_answers


@pytest.fixture
def cfg(tmp_path, monkeypatch):
    monkeypatch.setenv("SUPPLE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SUPPLE_DATABASE_URL", raising=False)
    from supple.config import get_settings

    return get_settings()


def _api_routine(**step: object) -> Routine:
    """A hand-made routine as an API client would send it: one one-sided stretch."""
    base = {
        "kind": "stretch",
        "id": "supine-figure-four",
        "seconds": 150,
        "sides": ["left", "right"],
        "hold_seconds": 30,
        "reps": 2,
        "position": "lying",
    }
    return Routine(
        total_seconds=150, warmed_up=True, context="anytime", steps=[Step(**{**base, **step})]
    )


@pytest.mark.parametrize(
    ("step", "field", "code"),
    [
        ({"sides": ["left"]}, "steps.0.sides", "routine.unequal-sides"),
        ({"hold_seconds": 300, "reps": 4}, "steps.0.hold_seconds", "routine.hold-range"),
        ({"reps": 9}, "steps.0.reps", "routine.reps-range"),
    ],
)
def test_a_hand_made_routine_with_a_broken_dose_is_refused_naming_the_step(cfg, step, field, code):
    submit(cfg, clear_answers())
    with pytest.raises(Problem) as e:
        start_routine(cfg, _api_routine(**step))
    assert (e.value.code.id, e.value.field, e.value.kind) == (code, field, Kind.BAD_INPUT)
    assert '"steps.0.' in word(e.value, API) or "Step 1" in word(e.value, API)
    assert "Step 1" in word(e.value, CLI) and "figure-four" in word(e.value, CLI)


def test_a_good_hand_made_routine_is_gated_like_any_other(cfg):
    with pytest.raises(SafetyRefusal) as e:
        start_routine(cfg, _api_routine())
    assert e.value.code.id == "safety.no-screen" and e.value.params["reasons"]
    submit(cfg, clear_answers(**{"hip-replacement": "posterior"}))
    # The supine figure-four is ruled out after a posterior hip replacement: nothing is left.
    with pytest.raises(SafetyRefusal) as e:
        start_routine(cfg, _api_routine())
    assert e.value.code.id == "safety.routine-excluded"
    assert e.value.params["reasons"][0]["source"] == "general-anatomy"


def test_pregnancy_later_with_a_chair_prefers_the_chair(cfg):
    submit(cfg, clear_answers(pregnancy=True, **{"pregnancy-stage": "later"}))
    routine = build_plan(cfg, PlanOptions(minutes=10, places=["floor", "chair"], warm=True))
    assert all(s.position != "lying" for s in routine.steps)


def test_floor_transfer_prefers_the_chair_but_still_fills_the_time(cfg):
    # 67, chair among the places: the chair version comes first, but one chair stretch cannot
    # fill 12 minutes, so floor stretches are planned too (and the advice is in the result).
    result = submit(cfg, clear_answers(age=67))
    assert any(n.rule == "floor-transfer" for n in result.notes)
    short = build_plan(cfg, PlanOptions(minutes=3, places=["floor", "chair"], warm=True))
    assert {s.position for s in short.stretch_steps()} == {"chair"}
    long = build_plan(cfg, PlanOptions(minutes=12, places=["floor", "chair"], context="after"))
    assert long.stretch_steps()
