"""Levels in `supple plan --explain` and `supple progress`, and taking a suggested goal."""

from __future__ import annotations

from tests.cli.factories import days_ago, log_session, screened


def _easy_month(stretch: str = "supine-figure-four") -> None:
    for k in range(28, 0, -2):  # every other day for four weeks, at discomfort 1
        log_session(
            days_ago(k), [(stretch, "left", 20.0, 1, False), (stretch, "right", 20.0, 1, False)]
        )


def test_plan_explain_says_why_a_stretch_holds_longer_and_names_the_rule(cli):
    screened(cli)
    _easy_month()
    plan = cli("plan", "--minutes", "12", "--place", "floor", "--json").json()
    step = next(s for s in plan["steps"] if s["id"] == "supine-figure-four")
    assert step["hold_seconds"] == 30 and "progression-up" in step["rules"]
    assert "sessions at discomfort 1 or less since" in step["why"]
    assert any(r["id"] == "progression-up" and r["source"] == "garber-2011" for r in plan["rules"])
    out = " ".join(cli("plan", "--minutes", "12", "--place", "floor", "--explain").out.split())
    assert "progression-up: After 3 sessions over at least a week" in out
    assert "progression-dose" in out


def test_progress_shows_levels_and_offers_a_goal_taken_only_when_asked(cli):
    screened(cli)
    _easy_month()
    data = cli("progress", "--json").json()
    level = next(lv for lv in data["levels"] if lv["id"] == "supine-figure-four")
    assert level["step"] >= 3 and level["history"][-1]["rule"] == "progression-up"
    assert data["goal_suggestion"]["suggested"] == 4
    text = " ".join(cli("progress").out.split())
    assert "Level per stretch" in text and "Supine figure-four (piriformis)" in text
    assert "supple progress --accept-goal" in text and "nothing changes by itself" in text
    assert cli("profile", "--json").json()["weekly_goal"] == 3
    r = cli("progress", "--accept-goal")
    assert r.code == 0 and "Weekly goal changed from 3 to 4 sessions." in " ".join(r.out.split())
    assert cli("profile", "--json").json()["weekly_goal"] == 4
    r = cli("progress", "--accept-goal")
    assert r.code == 2 and "No new weekly goal is suggested" in " ".join(r.err.split())
