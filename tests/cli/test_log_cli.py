"""`supple history` and `supple progress` over sessions in a real SQLite file."""

from __future__ import annotations

from datetime import date, timedelta

from tests.cli.factories import days_ago, log_session


def test_history_json_has_the_contract_fields_and_since_filters(cli):
    log_session(days_ago(20), [("cat-cow", "both", 40.0, 3, False)])
    recent = log_session(
        days_ago(1),
        [
            ("supine-figure-four", "left", 30.0, 4, False),
            ("supine-figure-four", "right", 30.0, None, False),
        ],
    )
    rows = cli("history", "--json").json()
    assert len(rows) == 2
    s = rows[-1]
    assert s["id"] == recent and s["status"] == "completed"
    assert set(s) >= {"id", "started_at", "ended_at", "status", "items"}
    keys = ("id", "side", "held_seconds", "planned_seconds", "discomfort", "pain", "skipped")
    assert {k: s["items"][0][k] for k in keys} == {
        "id": "supine-figure-four",
        "side": "left",
        "held_seconds": 30.0,
        "planned_seconds": 30.0,
        "discomfort": 4,
        "pain": False,
        "skipped": False,
    }
    since = (date.today() - timedelta(days=5)).isoformat()
    assert [r["id"] for r in cli("history", "--json", "--since", since).json()] == [recent]
    table = cli("history")
    assert table.code == 0 and "completed" in table.out


def test_history_bad_since_exits_2(cli):
    r = cli("history", "--since", "last tuesday")
    assert r.code == 2 and "--since" in r.err
    r = cli("history", "--since", "")  # empty is a mistake, not "no filter"
    assert r.code == 2 and "--since ''" in r.err


def test_a_stretch_rated_once_and_held_four_times_is_one_rating_per_session(cli):
    for n, rating in ((3, 2), (2, 2), (1, 1)):
        four = [("supine-figure-four", side, 30.0, rating, False) for side in ("left", "right")]
        log_session(days_ago(n), four * 2)
    (t,) = cli("progress", "--json").json()["trends"]
    assert t["ratings"] == 3
    # 2 -> 1 is 50 %: a real change by the 30 % rule.
    assert (t["first_average"], t["recent_average"], t["direction"]) == (2, 1, "easier")
    assert "(3 sessions rated)" in cli("progress").out


def test_a_killed_session_shows_interrupted_once_stale_not_running(cli):
    from datetime import UTC, datetime

    from supple.config import get_settings
    from supple.services.context import store_for

    repo = store_for(get_settings()).sessions
    live = repo.start({"steps": []})
    dead = repo.start({"steps": []}, started_at=datetime(2026, 1, 5, 7, 0, tzinfo=UTC))
    assert repo.get(dead)["status"] == "running"  # type: ignore[index]
    # No new start: reading the history is enough to see the dead one for what it is.
    rows = {r["id"]: r for r in cli("history", "--json").json()}
    assert rows[dead]["status"] == "interrupted" and rows[dead]["ended_at"]
    assert rows[live]["status"] == "running" and rows[live]["ended_at"] is None


def test_progress_counts_this_week_and_discomfort_trend(cli):
    cli("profile", "set", "--weekly-goal", "2")
    for n, rating in zip(range(30, 0, -5), [7, 7, 6, 4, 3, 3], strict=True):
        log_session(days_ago(n), [("cat-cow", "both", 40.0, rating, False)])
    p = cli("progress", "--json").json()
    assert p["weekly_goal"] == 2
    assert p["total_sessions"] == 6
    (t,) = p["trends"]
    assert t["id"] == "cat-cow" and t["direction"] == "easier" and t["meaningful"]
    out = cli("progress").out
    assert "Sessions per week" in out and "Cat-cow: 6.7 → 3.3" in out and "easier" in out
    assert "cat-cow" not in out  # people read names, not ids


def test_progress_and_history_say_one_in_the_singular(cli):
    cli("profile", "set", "--weekly-goal", "1")
    log_session(days_ago(0), [("childs-pose", "both", 60.0, None, True)])
    out = cli("progress").out
    assert "1 of 1 session (met)" in out
    assert "Streak: 1 week meeting the goal (best 1) · 1 session · 1 minute in all" in out
    assert "(s)" not in out
    table = cli("history").out
    assert table.splitlines()[0].strip() == "1 session"
    assert "Child's pose" in table and "childs-pose" not in table


def test_progress_with_no_sessions_is_friendly(cli):
    r = cli("progress")
    assert r.code == 0 and "0 of 3 sessions" in r.out


def test_history_since_the_ends_of_the_calendar_answers_instead_of_failing(cli):
    """Year 1 and year 9999 cannot be moved into a local time zone; the days are clamped."""
    log_session(days_ago(1), [("cat-cow", "both", 40.0, 2, False)])
    early = cli("history", "--since", "0001-01-01", "--json")
    assert early.code == 0, early.err
    assert len(early.json()) == 1
    late = cli("history", "--since", "9999-12-31", "--json")
    assert late.code == 0, late.err
    assert late.json() == []
