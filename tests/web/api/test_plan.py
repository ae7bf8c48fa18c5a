"""POST /api/v1/plan: the safety gate (409 with reasons) and bad options (422 naming
the JSON field)."""

from __future__ import annotations

import pytest

from tests.web.conftest import clear_answers


def test_no_screen_means_no_plan_and_no_session(client):
    r = client.write("POST", "/api/v1/plan", json={"minutes": 10})
    assert r.status_code == 409
    body = r.json()
    assert "safety screen" in body["message"] and body["params"]["next"] == "screen-again"
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
    body = r.json()
    assert body["reasons"], "a refusal says why"
    assert body["code"].startswith(f"safety.{outcome}")
    # The same reasons as the screen gave, in the data's own words.
    given = [x["text"] for x in body["params"]["reasons"]]
    assert given == [x["text"] for x in result.json()["reasons"]]


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
    assert field.split(".")[0] in r.json()["message"]


#: A stretch that is not in the catalog: the planner refuses with its own code.
UNKNOWN = {"minutes": 10, "avoid": ["cat-cows"]}


def test_a_plan_the_planner_refuses_is_422_with_its_code(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    r = client.write("POST", "/api/v1/plan", json=UNKNOWN)
    assert r.status_code == 422
    assert r.json()["field"] == "avoid" and r.json()["code"] == "plan.unknown-avoid"
    assert "cat-cow" in r.json()["suggestions"]


def test_plan_errors_name_the_json_fields_not_the_command_line_options(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    body = client.write("POST", "/api/v1/plan", json=UNKNOWN).json()
    assert "--" not in body["message"], body["message"]
    assert '(in "avoid")' in body["message"] and "GET /api/v1/catalog" in body["message"]
    assert "Did you mean Cat-cow" in body["message"]
