"""The whole web flow through the API: questions, screen, plan, session, history, progress."""

from __future__ import annotations

from tests.web.conftest import clear_answers


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
