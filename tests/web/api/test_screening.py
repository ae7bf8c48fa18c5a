"""The screening API: bad answers are named question by question."""

from __future__ import annotations

from tests.web.conftest import clear_answers


def test_bad_screening_answers_name_each_question(client):
    r = client.write(
        "POST", "/api/v1/screening", json={**clear_answers(age=300), "fevr": True, "pregnancy": 2}
    )
    assert r.status_code == 422
    body = r.json()
    named = {p["field"] for p in body["problems"]}
    assert named >= {"age", "fevr", "pregnancy"}
    assert body["field"] in named
    assert any("fever" in p["message"] for p in body["problems"] if p["field"] == "fevr")
