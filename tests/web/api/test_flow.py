"""The whole flow through the REST API, on SQLite and PostgreSQL: questions, screen, plan, a
session played event by event, then history and progress show it."""

from __future__ import annotations

from tests.web.conftest import clear_answers, report_pain


def test_questions_screen_plan_session_history_progress(client):
    questions = client.get("/api/v1/screening/questions").json()
    assert {q["id"] for q in questions} >= {"age", "bladder-bowel"}
    assert client.get("/api/v1/screening/latest").status_code == 404

    r = client.write("POST", "/api/v1/screening", json=clear_answers(age=70))
    assert r.status_code == 200, r.text
    assert r.json()["outcome"] == "clear"
    assert client.get("/api/v1/screening/latest").json()["outcome"] == "clear"
    # The screen copies the age into the profile, like `supple screen`.
    assert client.get("/api/v1/profile").json()["age_band"] == "65-plus"

    r = client.write("POST", "/api/v1/plan", json={"minutes": 8, "places": ["floor"], "warm": True})
    assert r.status_code == 200, r.text
    routine = r.json()
    assert routine["steps"] and routine["total_seconds"] <= 8 * 60

    r = client.write("POST", "/api/v1/sessions", json={"routine": routine, "time_scale": 0.5})
    assert r.status_code == 201, r.text
    created = r.json()
    sid, timeline = created["id"], created["timeline"]
    assert created["total"] == timeline[-1]["end"]
    assert abs(created["total"] - routine["total_seconds"] * 0.5) < 1e-6

    # Play it: each hold group's end is a hold-complete, then a rating for each stretch.
    ends: dict[int, dict] = {}
    for seg in timeline:
        if seg["hold_group"] is not None:
            ends[seg["hold_group"]] = seg
    rated: set[int] = set()
    for seg in ends.values():
        event = {
            "event": "hold-complete",
            "t": seg["end"],
            "step": seg["step"],
            "id": seg["id"],
            "side": seg["side"],
            "kind": seg["kind"],
            "held_seconds": 5.0,
        }
        r = client.write("POST", f"/api/v1/sessions/{sid}/events", json=event)
        assert r.status_code == 201, r.text
        assert r.json()["item"] is not None
        step = routine["steps"][seg["step"]]
        if step["kind"] == "stretch" and seg["step"] not in rated:
            rated.add(seg["step"])
            rating = {"event": "rated", "t": seg["end"], "step": seg["step"], "discomfort": 3}
            assert client.write("POST", f"/api/v1/sessions/{sid}/events", json=rating).is_success
    last = timeline[-1]["end"]
    r = client.write(
        "POST", f"/api/v1/sessions/{sid}/events", json={"event": "finished", "t": last}
    )
    assert r.json()["status"] == "completed"

    state = client.get(f"/api/v1/sessions/{sid}").json()
    assert state["status"] == "completed" and state["last_t"] == last
    assert state["timeline"] == timeline

    (session,) = client.get("/api/v1/history").json()
    assert session["id"] == sid and session["status"] == "completed"
    assert len(session["items"]) == len(ends)
    stretch_items = [i for i in session["items"] if i["discomfort"] is not None]
    assert stretch_items and all(i["discomfort"] == 3 for i in stretch_items)

    progress = client.get("/api/v1/progress").json()
    assert progress["total_sessions"] == 1 and progress["this_week"]["sessions"] == 1
    assert {t["id"] for t in progress["trends"]} <= {i["id"] for i in session["items"]}


def test_reload_resumes_where_the_session_was(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    r = client.write("POST", "/api/v1/sessions", json={"options": {"minutes": 6, "warm": True}})
    assert r.status_code == 201, r.text
    sid, timeline = r.json()["id"], r.json()["timeline"]
    hold = next(s for s in timeline if s["kind"] == "hold")
    event = {
        "event": "hold-complete",
        "t": hold["end"],
        "step": hold["step"],
        "id": hold["id"],
        "side": hold["side"],
        "held_seconds": hold["duration"],
    }
    client.write("POST", f"/api/v1/sessions/{sid}/events", json=event)
    client.write(
        "POST", f"/api/v1/sessions/{sid}/events", json={"event": "paused", "t": hold["end"] + 1}
    )

    state = client.get(f"/api/v1/sessions/{sid}").json()
    assert state["status"] == "running"
    assert state["last_t"] == hold["end"] + 1
    assert [e["event"] for e in state["events"]] == ["created", "hold-complete", "paused"]
    (item,) = state["items"]
    assert item["id"] == hold["id"] and item["held_seconds"] == hold["duration"]

    r = client.write("POST", f"/api/v1/sessions/{sid}/finish", json={"status": "stopped"})
    assert r.json()["status"] == "stopped" and r.json()["ended_at"]
    # Finishing again changes nothing.
    again = client.write("POST", f"/api/v1/sessions/{sid}/finish", json={"status": "completed"})
    assert again.json()["status"] == "stopped"


def test_pain_report_is_saved_and_the_next_plan_asks_for_a_new_screen(client):
    created = report_pain(client)
    hold = created["hold"]
    client.write(
        "POST", f"/api/v1/sessions/{created['id']}/events", json={"event": "stopped", "t": 9}
    )

    (session,) = client.get("/api/v1/history").json()
    assert session["status"] == "stopped"
    assert any(i["pain"] and i["id"] == hold["id"] for i in session["items"])
    r = client.write("POST", "/api/v1/plan", json={"minutes": 6})
    assert r.status_code == 409
    assert "screen" in r.json()["detail"] and r.json()["command"] == "supple screen"


def test_routines_save_list_show_play_delete(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    r = client.write(
        "POST", "/api/v1/routines", json={"name": "morning", "options": {"minutes": 7}}
    )
    assert r.status_code == 201, r.text
    assert r.json()["name"] == "morning" and r.json()["options"]["minutes"] == 7
    routine = client.get("/api/v1/routines/morning").json()
    assert routine == r.json()["routine"]

    dup = client.write("POST", "/api/v1/routines", json={"name": "morning", "routine": routine})
    assert dup.status_code == 409 and dup.json()["field"] == "name"
    r = client.write(
        "POST", "/api/v1/routines", json={"name": "copy", "routine": routine, "overwrite": True}
    )
    assert r.status_code == 201
    assert [x["name"] for x in client.get("/api/v1/routines").json()] == ["copy", "morning"]

    r = client.write("POST", "/api/v1/sessions", json={"routine_name": "morning"})
    assert r.status_code == 201 and r.json()["routine"] == routine

    assert client.write("DELETE", "/api/v1/routines/copy").status_code == 204
    gone = client.get("/api/v1/routines/copy")
    assert gone.status_code == 404 and "morning" in gone.json()["detail"]
    assert client.write("DELETE", "/api/v1/routines/copy").status_code == 404


def test_a_long_pause_in_the_browser_keeps_the_session_alive_through_heartbeats(
    client, web_settings
):
    """The page beats every 30 s while open. A session whose beats stopped for longer than the
    stale limit is taken for a closed tab (interrupted); a beat from the page makes it running
    again, and a beat writes nothing to the log."""
    from datetime import timedelta

    from supple.services.context import store_for
    from supple.store.repositories.sessions import STALE_AFTER
    from supple.store.types import utcnow

    client.write("POST", "/api/v1/screening", json=clear_answers())
    r = client.write("POST", "/api/v1/sessions", json={"options": {"minutes": 6, "warm": True}})
    sid = r.json()["id"]
    repo = store_for(web_settings).sessions
    long_ago = utcnow() - STALE_AFTER - timedelta(minutes=1)
    repo.heartbeat(sid, at=long_ago)
    (session,) = client.get("/api/v1/history").json()
    assert session["status"] == "interrupted"

    beat = client.write(
        "POST", f"/api/v1/sessions/{sid}/events", json={"event": "heartbeat", "t": 200}
    )
    assert beat.status_code == 201, beat.text
    state = client.get(f"/api/v1/sessions/{sid}").json()
    assert state["status"] == "running"
    assert [e["event"] for e in state["events"]] == ["created"]
    assert state["items"] == []


def test_a_rating_before_the_hold_ends_reaches_the_holds_saved_after_it(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    r = client.write("POST", "/api/v1/sessions", json={"options": {"minutes": 6, "warm": True}})
    sid, timeline = r.json()["id"], r.json()["timeline"]
    hold = next(s for s in timeline if s["kind"] == "hold")
    where = {"step": hold["step"], "id": hold["id"], "side": hold["side"]}
    rated = {"event": "rated", "t": hold["start"] + 1, "discomfort": 4, **where}
    client.write("POST", f"/api/v1/sessions/{sid}/events", json=rated)
    done = {"event": "hold-complete", "t": hold["end"], "held_seconds": hold["duration"], **where}
    client.write("POST", f"/api/v1/sessions/{sid}/events", json=done)
    (item,) = client.get(f"/api/v1/sessions/{sid}").json()["items"]
    assert item["discomfort"] == 4
