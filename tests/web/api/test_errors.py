"""What the API says when it cannot do what was asked: 409 safety refusals with reasons, 422
naming the field, 404 for unknown ids; always JSON {detail, field}."""

from __future__ import annotations

import pytest

from tests.web.conftest import clear_answers


def test_no_screen_means_no_plan_and_no_session(client):
    r = client.write("POST", "/api/v1/plan", json={"minutes": 10})
    assert r.status_code == 409
    body = r.json()
    assert "safety screen" in body["detail"] and body["command"] == "supple screen"
    r = client.write("POST", "/api/v1/sessions", json={"options": {"minutes": 10}})
    assert r.status_code == 409


@pytest.mark.parametrize(
    ("answer", "outcome"), [("heart-condition", "consult"), ("bladder-bowel", "urgent")]
)
def test_consult_and_urgent_screens_refuse_with_their_reasons(client, answer, outcome):
    result = client.write("POST", "/api/v1/screening", json=clear_answers(**{answer: True}))
    assert result.json()["outcome"] == outcome
    r = client.write("POST", "/api/v1/plan", json={"minutes": 10})
    assert r.status_code == 409
    assert r.json()["reasons"], "a refusal says why"
    assert r.json()["detail"] == result.json()["message"]


def test_a_given_routine_is_refused_too_when_the_screen_says_consult(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    routine = client.write("POST", "/api/v1/plan", json={"minutes": 6}).json()
    client.write("POST", "/api/v1/screening", json=clear_answers(**{"heart-condition": True}))
    r = client.write("POST", "/api/v1/sessions", json={"routine": routine})
    assert r.status_code == 409 and r.json()["reasons"]


def test_bad_screening_answers_name_each_question(client):
    r = client.write(
        "POST", "/api/v1/screening", json={**clear_answers(age=300), "fevr": True, "pregnancy": 2}
    )
    assert r.status_code == 422
    body = r.json()
    named = {p["field"] for p in body["problems"]}
    assert named >= {"age", "fevr", "pregnancy"}
    assert body["field"] in named
    assert any("fever" in p["problem"] for p in body["problems"] if p["field"] == "fevr")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"minutes": 0}, "minutes"),
        ({"minutes": 10, "context": "later"}, "context"),
        ({"minutes": 10, "places": ["sofa"]}, "places.0"),
        ({"minutes": 10, "colour": "red"}, "colour"),
        ({}, "minutes"),
    ],
)
def test_bad_plan_options_are_422_naming_the_field(client, body, field):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    r = client.write("POST", "/api/v1/plan", json=body)
    assert r.status_code == 422
    assert r.json()["field"] == field
    assert field.split(".")[0] in r.json()["detail"]


def test_a_plan_that_cannot_fit_is_422_with_its_code(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    r = client.write("POST", "/api/v1/plan", json={"minutes": 1})
    assert r.status_code == 422
    assert r.json()["field"] == "minutes" and r.json()["code"] == "too-short"


def test_unknown_things_are_404(client):
    r = client.get("/api/v1/catalog/supine-figure-for")
    assert r.status_code == 404
    assert r.json()["suggestions"][0] == "supine-figure-four" and r.json()["field"] == "id"
    assert client.get("/api/v1/routines/nope").status_code == 404
    assert client.get("/api/v1/sessions/nope").status_code == 404
    r = client.write("POST", "/api/v1/sessions/nope/events", json={"event": "paused", "t": 1})
    assert r.status_code == 404
    r = client.write("POST", "/api/v1/sessions", json={"routine_name": "nope"})
    assert r.status_code == 404 and r.json()["field"] == "routine_name"
    assert client.get("/api/v1/nothing-here").status_code == 404


def test_catalog_filters_and_bad_filters(client):
    floor = client.get("/api/v1/catalog", params={"place": "floor"}).json()
    assert floor and all("floor" in s["places"] for s in floor)
    back = client.get("/api/v1/catalog", params={"region": "lower-back"}).json()
    assert back and len(back) < len(client.get("/api/v1/catalog").json())
    r = client.get("/api/v1/catalog", params={"region": "elbow"})
    assert r.status_code == 422 and r.json()["field"] == "region"
    r = client.get("/api/v1/catalog", params={"place": "sofa"})
    assert r.status_code == 422 and r.json()["field"] == "place"


def test_events_that_do_not_fit_the_session_are_422(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    created = client.write("POST", "/api/v1/sessions", json={"options": {"minutes": 6}}).json()
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


def test_profile_put_changes_only_the_given_fields(client):
    r = client.write("PUT", "/api/v1/profile", json={"weekly_goal": 5, "places": ["chair"]})
    assert r.status_code == 200
    assert r.json()["weekly_goal"] == 5 and r.json()["places"] == ["chair"]
    r = client.write("PUT", "/api/v1/profile", json={"voice": False})
    assert r.json()["weekly_goal"] == 5 and r.json()["voice"] is False
    assert client.get("/api/v1/profile").json()["voice"] is False
    r = client.write("PUT", "/api/v1/profile", json={"timezone": "Mars/Olympus"})
    assert r.status_code == 422 and r.json()["field"] == "timezone"
    r = client.write("PUT", "/api/v1/profile", json={"weekly_goal": 99})
    assert r.status_code == 422 and r.json()["field"] == "weekly_goal"


def test_a_database_that_cannot_be_opened_is_a_503_page_or_json_not_a_crash(tmp_path):
    """The data file is replaced by something else while the server runs: the pages say which
    file and what to do, the API answers JSON with the same, and nothing is a 500."""
    from supple.config import Settings
    from supple.services.context import close_all
    from supple.web.app import create_app
    from tests.web.conftest import api_client

    (tmp_path / "supple.db").write_text("this is not a database\n")
    settings = Settings(tmp_path, f"sqlite:///{tmp_path / 'supple.db'}")
    try:
        with api_client(create_app(settings)) as c:
            page = c.get("/history")
            assert page.status_code == 503
            assert "text/html" in page.headers["content-type"]
            assert "supple.db" in page.text and "Move that file aside" in page.text
            api = c.get("/api/v1/history")
            assert api.status_code == 503
            assert "supple.db" in api.json()["detail"] and api.json()["hint"]
    finally:
        close_all()
