"""Sessions played in the browser: events saved as they happen, resuming after a reload,
pain reports."""

from __future__ import annotations

from tests.web.conftest import clear_answers, report_pain


def test_a_given_routine_is_refused_too_when_the_screen_says_consult(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    routine = client.write("POST", "/api/v1/plan", json={"minutes": 6, "warm": True}).json()
    client.write("POST", "/api/v1/screening", json=clear_answers(**{"heart-condition": True}))
    r = client.write("POST", "/api/v1/sessions", json={"routine": routine})
    assert r.status_code == 409 and r.json()["reasons"]


def test_events_that_do_not_fit_the_session_are_422(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    created = client.write(
        "POST", "/api/v1/sessions", json={"options": {"minutes": 6, "warm": True}}
    ).json()
    url = f"/api/v1/sessions/{created['id']}/events"
    hold = next(s for s in created["timeline"] if s["kind"] == "hold")
    base = {"event": "hold-complete", "t": 5, "step": hold["step"], "id": hold["id"]}
    cases = [
        ({**base, "step": 999}, "step"),
        ({**base, "id": "cat-cow-x"}, "id"),
        ({"event": "rated", "t": 5, "step": hold["step"]}, "discomfort"),
        ({"event": "rated", "t": 5, "step": hold["step"], "discomfort": 11}, "discomfort"),
        ({"event": "dance", "t": 5}, "event"),
        ({**base, "t": -1}, "t"),
    ]
    for body, field in cases:
        r = client.write("POST", url, json=body)
        assert r.status_code == 422, body
        assert r.json()["field"] == field, (body, r.json())
    assert client.get("/api/v1/history").json()[0]["items"] == []


def test_an_event_that_does_not_fit_says_what_does_in_plain_words(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    created = client.write(
        "POST", "/api/v1/sessions", json={"options": {"minutes": 6, "warm": True}}
    ).json()
    url = f"/api/v1/sessions/{created['id']}/events"
    hold = next(s for s in created["timeline"] if s["kind"] == "hold")
    r = client.write(
        "POST", url, json={"event": "hold-complete", "t": 5, "step": 999, "id": hold["id"]}
    )
    last = len({s["step"] for s in created["timeline"]}) - 1
    assert r.json()["code"] == "session.step-range"
    assert r.json()["message"].startswith("Step 999 is not in this routine; it has steps 0 to")
    assert r.json()["params"]["given"] == 999 and r.json()["params"]["high"] >= last

    r = client.write("POST", url, json={"event": "hold-complete", "t": 5, "step": hold["step"]})
    assert r.json()["code"] == "session.needs-stretch-id", r.json()

    gone = client.write(
        "POST", "/api/v1/sessions/no-such-session/events", json={"event": "paused", "t": 1}
    )
    assert gone.status_code == 404
    assert gone.json()["code"] == "session.unknown"
    assert 'No session has the id "no-such-session"' in gone.json()["message"]


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
    assert "screen" in r.json()["message"] and r.json()["params"]["next"] == "screen-again"


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
