"""Whole numbers in request bodies: 6.0 is 6 (JSON Schema calls it an integer, so the published
schema allows it), while `true`, "6" and 6.5 are refused as not whole numbers, in every model a
client sends: plan options, a routine to save, a profile change."""

from __future__ import annotations

import pytest

from supple.domain.prescription import Prescription
from tests.web.conftest import clear_answers


def _screened(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())


def test_a_whole_float_plans_as_its_number(client):
    _screened(client)
    as_int = client.write("POST", "/api/v1/plan", json={"minutes": 12, "seed": 3})
    as_float = client.write("POST", "/api/v1/plan", json={"minutes": 12.0, "seed": 3.0})
    assert as_float.status_code == 200, as_float.text
    assert as_float.json()["steps"] == as_int.json()["steps"]


@pytest.mark.parametrize("minutes", [True, "12", 12.5])
def test_booleans_texts_and_fractions_are_not_minutes(client, minutes):
    _screened(client)
    r = client.write("POST", "/api/v1/plan", json={"minutes": minutes})
    assert r.status_code == 422 and r.json()["field"] == "minutes"


def test_a_routine_with_whole_floats_saves_and_one_with_a_boolean_is_refused(client):
    _screened(client)
    routine = client.write("POST", "/api/v1/plan", json={"minutes": 8}).json()
    floats = {**routine, "steps": [{**s, "seconds": float(s["seconds"])} for s in routine["steps"]]}
    r = client.write("POST", "/api/v1/routines", json={"name": "floats", "routine": floats})
    assert r.status_code in (200, 201), r.text
    shown = client.get("/api/v1/routines/floats").json()
    assert [s["seconds"] for s in shown["steps"]] == [s["seconds"] for s in routine["steps"]]
    bad = {**routine, "steps": [{**routine["steps"][0], "reps": True}, *routine["steps"][1:]]}
    r = client.write("POST", "/api/v1/routines", json={"name": "bool", "routine": bad})
    assert r.status_code == 422 and r.json()["field"].endswith("reps"), r.text


def test_a_profile_age_of_40_0_is_40_and_true_is_refused(client):
    r = client.write("PUT", "/api/v1/profile", json={"age": 40.0})
    assert r.status_code == 200, r.text
    assert client.get("/api/v1/profile").json()["age"] == 40
    r = client.write("PUT", "/api/v1/profile", json={"weekly_goal": True})
    assert r.status_code == 422 and r.json()["field"] == "weekly_goal"


def test_a_prescription_takes_no_boolean_for_a_number():
    with pytest.raises(ValueError, match="integer"):
        Prescription.model_validate({"stretches": [{"stretch": "cat-cow", "reps": True}]})
    with pytest.raises(ValueError, match="integer"):
        Prescription.model_validate({"stretches": [{"stretch": "cat-cow"}], "days_per_week": True})
    ok = Prescription.model_validate({"stretches": [{"stretch": "cat-cow", "reps": 3.0}]})
    assert ok.stretches[0].reps == 3


def test_the_schema_states_every_bound_as_json_schema_does(client):
    """Bounds show as minimum/maximum (which schema readers and schemathesis obey), never as
    pydantic's own ge/le names, which no client reads."""
    schema = client.get("/api/v1/openapi.json").json()
    found: list[str] = []

    def walk(node, where):
        if isinstance(node, dict):
            found.extend(f"{where}.{k}" for k in ("ge", "le", "gt", "lt") if k in node)
            for k, v in node.items():
                walk(v, f"{where}.{k}")
        elif isinstance(node, list):
            for n, v in enumerate(node):
                walk(v, f"{where}[{n}]")

    walk(schema, "")
    assert not found, found
    step = schema["components"]["schemas"]["PlayerEvent"]["properties"]["step"]["anyOf"][0]
    assert step["minimum"] == 0 and step["maximum"] == 10_000
