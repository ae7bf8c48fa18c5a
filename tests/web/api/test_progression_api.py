"""Levels, pain checks and goal offers through the API, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from supple.services.context import store_for
from tests.web.conftest import clear_answers, report_pain


def _log(settings, days_ago: int, stretch: str, rating: int | None, pain: bool = False) -> None:
    store = store_for(settings)
    when = datetime.now(UTC).replace(hour=9, minute=0) - timedelta(days=days_ago)
    sid = store.sessions.start({"steps": []}, started_at=when)
    store.sessions.add_item(
        sid, stretch, "both", 20, 20, discomfort=rating, pain=pain, recorded_at=when
    )
    store.sessions.finish(sid, "completed", ended_at=when + timedelta(minutes=5))


def test_a_pain_check_brings_a_stretch_back_at_its_easier_version(client, web_settings):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    _log(web_settings, 2, "supine-figure-four", 6, pain=True)
    client.write("POST", "/api/v1/screening", json=clear_answers())  # the follow-up screen
    waiting = client.get("/api/v1/pain-checks").json()
    assert [w["id"] for w in waiting] == ["supine-figure-four"]
    body = {"minutes": 10, "places": ["floor"], "warm": True, "focus": ["upper-glutes"]}
    plan = client.write("POST", "/api/v1/plan", json=body).json()
    out = next(e for e in plan["excluded"] if e["id"] == "supine-figure-four")
    assert out["kind"] == "pain" and "mark it checked" in out["reason"]
    r = client.write(
        "POST", "/api/v1/pain-checks", json={"stretch": "Supine figure four", "reason": "settled"}
    )
    assert r.status_code == 201, r.text
    assert r.json()["id"] == "supine-figure-four" and r.json()["reason"] == "settled"
    assert client.get("/api/v1/pain-checks").json() == []
    others = ["childs-pose", "supine-spinal-twist", "knee-to-chest", "knee-to-opposite-shoulder",
              "deep-lunge-glute-stretch", "seated-glute-stretch", "prone-forearm-extension",
              "bottom-to-heels", "cat-cow", "pelvic-tilt", "bridge", "prone-press-up",
              "knee-rolls", "seated-figure-four-rocks"]  # fmt: skip
    plan = client.write("POST", "/api/v1/plan", json={**body, "avoid": others}).json()
    back = next(s for s in plan["steps"] if s["id"] == "supine-figure-four")
    assert back["reps"] == 1 and back["hold_seconds"] == 20 and "Easier" in back["modification"]
    assert "progression-pain" in back["rules"] and back["why"]
    again = client.write(
        "POST", "/api/v1/pain-checks", json={"stretch": "supine-figure-four", "reason": "settled"}
    )
    assert again.status_code == 409 and again.json()["code"] == "pain.no-report"


def test_a_pain_check_on_the_day_of_the_pain_is_refused(client):
    created = report_pain(client)
    r = client.write(
        "POST", "/api/v1/pain-checks", json={"stretch": created["hold"]["id"], "reason": "settled"}
    )
    assert r.status_code == 409 and r.json()["code"] == "pain.same-day"
    assert r.json()["field"] == "stretch" and "tomorrow" in r.json()["message"]
    bad = client.write("POST", "/api/v1/pain-checks", json={"stretch": "nope", "reason": "settled"})
    assert bad.status_code == 404
    worse = client.write("POST", "/api/v1/pain-checks", json={"stretch": "x", "reason": "bored"})
    assert worse.status_code == 422


def test_progress_exposes_levels_and_the_goal_offer_is_taken_only_when_asked(client, web_settings):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    for k in range(28, 0, -2):  # every other day for four weeks, easy: 3-4 a week
        _log(web_settings, k, "supine-figure-four", 1)
    p = client.get("/api/v1/progress").json()
    level = next(lv for lv in p["levels"] if lv["id"] == "supine-figure-four")
    assert level["step"] > 1 and level["history"] and level["history"][0]["source"]
    assert level["why"] and level["weeks"]
    offer = p["goal_suggestion"]
    assert offer and offer["direction"] == "more" and offer["suggested"] == 4
    assert client.get("/api/v1/profile").json()["weekly_goal"] == 3  # nothing changed by itself
    r = client.write("POST", "/api/v1/progress/accept-goal")
    assert r.status_code == 200 and r.json()["weekly_goal"] == 4
    assert r.json()["goal_suggestion"] is None
    again = client.write("POST", "/api/v1/progress/accept-goal")
    assert again.status_code == 409 and again.json()["code"] == "goal.no-suggestion"
