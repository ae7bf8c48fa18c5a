"""Bad requests are answered in plain words naming the field and what it takes, never in
pydantic's own sentences; JSON numbers are strict (no `true` for a number)."""

from __future__ import annotations

import json

import pytest

from tests.web.conftest import clear_answers

#: Phrases of pydantic's and FastAPI's own messages: none may reach a person.
PYDANTIC = (
    "Input should",
    "Field required",
    "Value error",
    "Extra inputs",
    "String should",
    "List should",
    "unable to parse",
    "Dictionary should",
    "valid integer",
)

BAD_REQUESTS = [
    ("POST", "/api/v1/plan", {"minutes": True}, "minutes"),
    ("POST", "/api/v1/plan", {"minutes": "10"}, "minutes"),
    ("POST", "/api/v1/plan", {"minutes": 0}, "minutes"),
    ("POST", "/api/v1/plan", {"minutes": 10, "places": ["sofa"]}, "places.0"),
    ("POST", "/api/v1/plan", {"minutes": 10, "colour": "red"}, "colour"),
    ("POST", "/api/v1/plan", {}, "minutes"),
    ("PUT", "/api/v1/profile", {"weekly_goal": 99}, "weekly_goal"),
    ("PUT", "/api/v1/profile", {"age": False}, "age"),
    ("PUT", "/api/v1/profile", {"name": "x" * 201}, "name"),
    ("POST", "/api/v1/routines", {"name": "y" * 201, "options": {"minutes": 10}}, "name"),
    ("POST", "/api/v1/routines", {"name": "a/b", "options": {"minutes": 10}}, "name"),
    ("POST", "/api/v1/sessions", {"options": {"minutes": 10}, "time_scale": "2"}, "time_scale"),
    ("POST", "/api/v1/sessions", {}, None),
]


@pytest.mark.parametrize(("method", "path", "body", "field"), BAD_REQUESTS)
def test_bad_requests_are_plain_words_naming_the_field(client, method, path, body, field):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    r = client.write(method, path, json=body)
    assert r.status_code == 422, r.text
    got = r.json()
    assert got["field"] == field and got["code"] == "api.invalid"
    shown = json.dumps(got)
    for phrase in PYDANTIC:
        assert phrase not in shown, (phrase, got)
    if field:
        assert f'"{field}"' in got["message"], got["message"]


def test_minutes_say_the_whole_range_and_text_fields_say_their_length(client):
    r = client.write("POST", "/api/v1/plan", json={"minutes": True})
    assert r.json()["message"] == '"minutes" must be a whole number from 1 to 240; true is not.'
    r = client.write("PUT", "/api/v1/profile", json={"name": "x" * 81})
    assert r.json()["message"] == '"name" can be at most 80 characters long.'
    r = client.get("/api/v1/reminders.ics", params={"minutes": "abc"})
    assert r.json()["message"] == "\"minutes\" must be a whole number from 1 to 240; 'abc' is not."


def test_the_plan_form_says_the_same_in_its_own_labels(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    page = client.get("/plan?minutes=abc").text
    assert "Minutes must be a whole number from 1 to 240" in page
    for phrase in PYDANTIC:
        assert phrase not in page
