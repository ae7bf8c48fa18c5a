"""Two accounts on one server never see each other's data: Bob, signed in, tries every API
route and every page with Alice's ids (her session, her saved routine, her screen); nothing of
hers appears in any answer, and nothing of hers changes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.web.conftest import clear_answers, form_post, report_pain
from tests.web.multiuser.conftest import signed_in

pytestmark = pytest.mark.postgres

ALICE_NAME = "Alicezed Quorvath"
ROUTINE = "alices-private-routine"


def _alice_data(c: Any) -> dict[str, Any]:
    assert c.write("PUT", "/api/v1/profile", json={"name": ALICE_NAME}).status_code == 200
    pained = report_pain(c)  # a clear screen, a session, a sharp-pain report
    c.write("POST", "/api/v1/screening", json=clear_answers())
    saved = c.write("POST", "/api/v1/routines", json={"name": ROUTINE, "options": {"minutes": 8}})
    assert saved.status_code in (200, 201), saved.text
    screening = c.get("/api/v1/screening/latest").json()
    return {
        "session": pained["id"],
        "hold": pained["hold"],
        "screening": screening.get("id", ""),
        "export": c.get("/api/v1/export").text,
        "account": c.get("/api/v1/account").json()["id"],
    }


def _markers(alice: dict[str, Any]) -> list[str]:
    return [ALICE_NAME, ROUTINE, alice["session"], "alice@example.org"] + (
        [alice["screening"]] if alice["screening"] else []
    )


#: Every API route (by its OpenAPI path) and how Bob tries it with Alice's ids.
def _api_calls(alice: dict[str, Any]) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
    sid = alice["session"]
    hold = alice["hold"]
    event = {"event": "rated", "t": hold["end"] + 1, "step": hold["step"], "discomfort": 9}
    return {
        "/api/v1/plan": [("POST", "/api/v1/plan", {"json": {"minutes": 8}})],
        "/api/v1/sessions": [
            ("POST", "/api/v1/sessions", {"json": {"routine_name": ROUTINE}}),
        ],
        "/api/v1/sessions/{session_id}": [("GET", f"/api/v1/sessions/{sid}", {})],
        "/api/v1/sessions/{session_id}/events": [
            ("POST", f"/api/v1/sessions/{sid}/events", {"json": event})
        ],
        "/api/v1/sessions/{session_id}/finish": [
            ("POST", f"/api/v1/sessions/{sid}/finish", {"json": {"status": "completed"}})
        ],
        "/api/v1/history": [("GET", "/api/v1/history", {})],
        "/api/v1/progress": [("GET", "/api/v1/progress", {})],
        "/api/v1/progress/accept-goal": [("POST", "/api/v1/progress/accept-goal", {})],
        "/api/v1/pain-checks": [
            ("GET", "/api/v1/pain-checks", {}),
            (
                "POST",
                "/api/v1/pain-checks",
                {"json": {"stretch": hold["id"], "reason": "settled"}},
            ),
        ],
        "/api/v1/catalog": [("GET", "/api/v1/catalog", {})],
        "/api/v1/catalog/{stretch_id}": [("GET", f"/api/v1/catalog/{hold['id']}", {})],
        "/api/v1/screening/questions": [("GET", "/api/v1/screening/questions", {})],
        "/api/v1/screening": [("POST", "/api/v1/screening", {"json": {"answers": {}}})],
        "/api/v1/screening/latest": [("GET", "/api/v1/screening/latest", {})],
        "/api/v1/profile": [
            ("GET", "/api/v1/profile", {}),
            ("PUT", "/api/v1/profile", {"json": {"voice": False}}),
        ],
        "/api/v1/routines": [("GET", "/api/v1/routines", {})],
        "/api/v1/routines/{name}": [
            ("GET", f"/api/v1/routines/{ROUTINE}", {}),
            ("DELETE", f"/api/v1/routines/{ROUTINE}", {}),
        ],
        "/api/v1/reminders.ics": [
            ("GET", f"/api/v1/reminders.ics?routine={ROUTINE}", {}),
        ],
        "/api/v1/export": [
            ("GET", "/api/v1/export", {}),
            ("GET", "/api/v1/export?format=csv", {}),
        ],
        "/api/v1/import": [
            (
                "POST",
                "/api/v1/import",
                {"files": {"file": ("x.json", b'{"format": "nope"}', "application/json")}},
            )
        ],
        "/api/v1/auth/login": [
            (
                "POST",
                "/api/v1/auth/login",
                {"json": {"email": "alice@example.org", "password": "x"}},
            )
        ],
        "/api/v1/account": [("GET", "/api/v1/account", {})],
        "/api/v1/account/password": [
            ("PUT", "/api/v1/account/password", {"json": {"current": "x", "new": "y"}})
        ],
        # Coach mode: Bob is a person, Alice no client of his; her account number gets 404.
        "/api/v1/coach/invitations": [("POST", "/api/v1/coach/invitations", {})],
        "/api/v1/coach/clients": [("GET", "/api/v1/coach/clients", {})],
        "/api/v1/coach/clients/{client_id}": [
            ("GET", f"/api/v1/coach/clients/{alice['account']}", {})
        ],
        "/api/v1/coach/clients/{client_id}/prescription": [
            (
                "PUT",
                f"/api/v1/coach/clients/{alice['account']}/prescription",
                {"json": {"stretches": [{"stretch": "cat-cow", "reps": 5}]}},
            )
        ],
        "/api/v1/prescription": [("GET", "/api/v1/prescription", {})],
        "/api/v1/auth/signup": [
            (
                "POST",
                "/api/v1/auth/signup",
                {"json": {"token": "not-a-token", "email": "x@example.org", "password": "x" * 12}},
            )
        ],
        # Last: it ends Bob's own login.
        "/api/v1/auth/logout": [],
    }


def _pages(alice: dict[str, Any]) -> list[tuple[str, str, dict[str, str]]]:
    sid = alice["session"]
    gets = [
        "/",
        "/screen",
        "/screen/result",
        "/profile",
        "/plan",
        "/plan?minutes=8",
        "/plan/variation?minutes=8",
        "/routines",
        f"/session?id={sid}",
        f"/session/figures?id={alice['hold']['id']}",
        "/history",
        "/catalog",
        f"/catalog/{alice['hold']['id']}",
        "/learn",
        "/sources",
        "/settings",
        "/reminders",
        f"/reminders/supple-reminders.ics?routine={ROUTINE}",
        "/data",
        "/offline",
        "/account",
        "/coach",
        f"/coach/clients/{alice['account']}",
        f"/coach/clients/{alice['account']}/handout",
        "/signup?token=not-a-token",
    ]
    posts = [
        ("/routines/start", {"name": ROUTINE}),
        ("/routines/delete", {"name": ROUTINE}),
        ("/plan/save", {"name": "bobs-routine", "minutes": "8"}),
        ("/profile", {"name": "Bob"}),
        (f"/catalog/{alice['hold']['id']}/now", {}),
        ("/routines/start-prescribed", {}),
        ("/coach/invite", {}),
        (f"/coach/clients/{alice['account']}/prescription", {"pick": "cat-cow"}),
    ]
    return [("GET", p, {}) for p in gets] + [("POST", p, d) for p, d in posts]


def _leaks(method: str, url: str, sent: Any, r: Any, markers: list[str]) -> list[str]:
    """Alice's markers in an answer to Bob. A name Bob sent himself may be quoted back in a
    refusal ("no routine named …"), which shows nothing of hers: then the answer must be a
    refusal (4xx, or a page saying so), and only her other markers count."""
    asked = url + json.dumps(sent, default=str)
    found = []
    for m in markers:
        if m not in r.text:
            continue
        if m in asked and (r.status_code >= 400 or r.status_code == 303):
            continue
        found.append(f"{method} {url} -> {r.status_code}: {m}: {r.text[:300]}")
    return found


def test_no_route_or_page_shows_or_changes_another_accounts_data(mu_app, people):
    with signed_in(mu_app, "alice@example.org") as alice_client:
        alice = _alice_data(alice_client)
        before = {
            "history": alice_client.get("/api/v1/history").json(),
            "pain_checks": alice_client.get("/api/v1/pain-checks").json(),
            "routines": alice_client.get("/api/v1/routines").json(),
            "profile": alice_client.get("/api/v1/profile").json(),
            "session": alice_client.get(f"/api/v1/sessions/{alice['session']}").json(),
        }
        assert ROUTINE in json.dumps(before["routines"]) and ALICE_NAME in json.dumps(before)

        markers = _markers(alice)
        leaks: list[str] = []
        tried = 0
        with signed_in(mu_app, "bob@example.org") as bob:
            calls = _api_calls(alice)
            schema_paths = set(bob.get("/api/v1/openapi.json").json()["paths"])
            assert schema_paths == set(calls), "every API route is tried"
            for method, url, kwargs in [c for cs in calls.values() for c in cs]:
                r = bob.get(url, **kwargs) if method == "GET" else bob.write(method, url, **kwargs)
                tried += 1
                assert r.status_code < 500, (url, r.text)
                leaks += _leaks(method, url, kwargs, r, markers)
            # Her ids are unknown here: 404 for her session and her routine.
            assert bob.get(f"/api/v1/sessions/{alice['session']}").status_code == 404
            assert bob.get(f"/api/v1/routines/{ROUTINE}").status_code == 404
            for method, url, data in _pages(alice):
                r = bob.get(url) if method == "GET" else form_post(bob, url, data)
                tried += 1
                assert r.status_code < 500, (url, r.text)
                leaks += _leaks(method, url, data, r, markers)
            bob_export = bob.get("/api/v1/export").text
            leaks += [f"Bob's export: {m}" for m in markers if m in bob_export]
        assert tried > 45
        assert leaks == []

        # Nothing of Alice's changed: the same history, routines, profile and session.
        after = {
            "history": alice_client.get("/api/v1/history").json(),
            "pain_checks": alice_client.get("/api/v1/pain-checks").json(),
            "routines": alice_client.get("/api/v1/routines").json(),
            "profile": alice_client.get("/api/v1/profile").json(),
            "session": alice_client.get(f"/api/v1/sessions/{alice['session']}").json(),
        }
        assert after == before


def test_each_account_has_its_own_schema_and_the_shared_schema_no_persons_table(
    mu_settings, mu_app, people
):
    """Isolation by construction: a query not scoped to an account finds no person's table."""
    from sqlalchemy import text

    from supple.services.context import server_engine

    with signed_in(mu_app, "alice@example.org") as c:
        c.write("PUT", "/api/v1/profile", json={"name": ALICE_NAME})
    engine = server_engine(mu_settings)
    with engine.connect() as conn:
        schemas = set(
            conn.execute(text("SELECT schema_name FROM information_schema.schemata")).scalars()
        )
        assert {
            "supple_shared",
            f"acct_{people['alice'].id}",
            f"acct_{people['bob'].id}",
        } <= schemas
        unscoped = conn.execute(text("SELECT to_regclass('profile')")).scalar()
        assert unscoped is None, "an unscoped transaction sees no person's table"
        name = conn.execute(text(f"SELECT name FROM acct_{people['alice'].id}.profile")).scalar()
        assert name == ALICE_NAME
        assert (
            conn.execute(text(f"SELECT count(*) FROM acct_{people['bob'].id}.profile")).scalar()
            == 0
        )
