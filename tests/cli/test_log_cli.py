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
    assert "Sessions per week" in out and "cat-cow" in out and "easier" in out


def test_progress_with_no_sessions_is_friendly(cli):
    r = cli("progress")
    assert r.code == 0 and "0 of 3 sessions" in r.out
