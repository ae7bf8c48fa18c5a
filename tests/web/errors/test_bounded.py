"""No error repeats a bad value whole: a field, key, number or list of almost 1 MB (the most a
body may hold) gives an error of a few KB on every operation of the API, quoting at most a short
prefix of the value."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from supple.domain.problems import Problem
from supple.services.planning import NO_SUCH_ROUTINE
from supple.web.errors.problems import problem_body
from tests.web.conftest import ApiClient, api_client, clear_answers

pytestmark = pytest.mark.slow  # some 40 bodies of almost 1 MB

#: Just under the body cap (1 MB), so each request reaches its route's validation.
N = 900_000
BIG = "Z" * N
#: An error body stays under this, whatever was sent.
MOST = 8_000

HOSTILE: dict[str, str] = {
    "long-text-in-every-field": json.dumps(
        {
            k: "Z" * 40_000
            for k in (
                "name",
                "minutes",
                "options",
                "routine",
                "event",
                "id",
                "message",
                "places",
                "weekly_goal",
                "age",
                "voice",
                "t",
                "step",
                "kind",
                "side",
                "held_seconds",
                "routine_name",
                "days",
                "time",
                "avoid",
            )
        }
    ),
    "long-unknown-key": json.dumps({BIG: 1}),
    "long-digits": '{"minutes": "' + "9" * N + '", "age": "' + "9" * 100 + '"}',
    "many-bad-items": json.dumps({"places": [1] * 20_000, "avoid": [1] * 100}),
    "many-unknown-keys": json.dumps({f"k{i}": 1 for i in range(N // 12)}),
    "long-text-whole-body": json.dumps(BIG),
    "deep-long-values": json.dumps(
        {
            "options": {"minutes": "Z" * 200_000, "places": ["Z" * 100_000]},
            "routine": {"name": "Z" * 200_000, "steps": [{"id": "Z" * 100_000, "Z" * 100: 2}]},
            "age": "Z" * 200_000,
        }
    ),
}


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory) -> Iterator[ApiClient]:
    from supple.config import get_settings
    from supple.services.context import close_all
    from supple.web.app import create_app

    settings = get_settings(tmp_path_factory.mktemp("home"))
    with api_client(create_app(settings)) as c:
        assert c.write("POST", "/api/v1/screening", json=clear_answers()).status_code == 200
        yield c
    close_all()


def _operations(client: ApiClient) -> list[tuple[str, str, dict[str, Any]]]:
    spec = client.get("/api/v1/openapi.json").json()
    return [(m.upper(), p, op) for p, ops in spec["paths"].items() for m, op in ops.items()]


def _quotes_at_most_a_prefix(text: str) -> None:
    for run in ("Z" * 61, "9" * 101):
        assert run not in text, "a bad value is quoted whole"


def test_every_operation_answers_hostile_bodies_with_a_short_error(
    hostile_client: ApiClient,
) -> None:
    tried = 0
    for method, path, op in _operations(hostile_client):
        if "requestBody" not in op or "application/json" not in op["requestBody"]["content"]:
            continue
        url = path.replace("{session_id}", "0" * 36).replace("{name}", "x")
        for label, body in HOSTILE.items():
            r = hostile_client.write(
                method, url, content=body, headers={"content-type": "application/json"}
            )
            tried += 1
            where = f"{method} {path} {label}"
            assert 400 <= r.status_code < 500, (where, r.status_code, r.text[:300])
            assert len(r.content) < MOST, (where, len(r.content))
            _quotes_at_most_a_prefix(r.text)
            body_json = r.json()
            assert {"code", "field", "message", "params"} <= set(body_json), where
    assert tried >= 40


def test_long_query_and_path_values_give_short_errors(hostile_client: ApiClient) -> None:
    long = "Z" * 20_000
    digits = "9" * 20_000
    for method, path, op in _operations(hostile_client):
        params = op.get("parameters", [])
        url = path
        for p in params:
            if p["in"] == "path":
                url = url.replace("{" + p["name"] + "}", long)
        for value in (long, digits):
            query = {p["name"]: value for p in params if p["in"] == "query"}
            r = hostile_client.write(method, url, params=query)
            if r.status_code < 400:
                continue  # a query the operation ignores (the questions take none)
            assert len(r.content) < MOST, (method, path, len(r.content))
            _quotes_at_most_a_prefix(r.text)


def test_many_bad_items_are_counted_not_all_listed(hostile_client: ApiClient) -> None:
    r = hostile_client.write("PUT", "/api/v1/profile", json={"places": [1] * 100_000})
    assert r.status_code == 422
    body = r.json()
    assert body["params"] == {"count": 100_000}
    assert len(body["problems"]) == 50
    assert body["problems"][0]["field"] == "places.0"


def test_a_huge_screening_answer_is_quoted_in_part(hostile_client: ApiClient) -> None:
    r = hostile_client.write("POST", "/api/v1/screening", json=clear_answers(age="Z" * N))
    assert r.status_code == 422
    assert r.json()["field"] == "age"
    assert "expected a whole number" in r.json()["message"]
    assert len(r.content) < 1000


def test_a_problems_params_are_cut_in_the_body() -> None:
    # A problem raised deep in a service with a value straight from a file (an import).
    problem = Problem(NO_SUCH_ROUTINE, given="Q" * 10_000_000, saved=["n"] * 100_000)
    body = problem_body(problem)
    assert len(json.dumps(body)) < 10_000
    assert body["params"]["given"].startswith("QQQ") and body["params"]["given"].endswith("…")
    assert len(body["params"]["saved"]) == 100
