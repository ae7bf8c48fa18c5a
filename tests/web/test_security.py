"""Security a user relies on: headers on every response, CSRF on writes, local mode
answering only this machine, and remote mode asking for the password everywhere."""

from __future__ import annotations

from supple.web.security import CONTENT_SECURITY_POLICY
from tests.web.conftest import api_client


def test_every_response_carries_the_security_headers(settings_only):
    from supple.web.app import create_app

    with api_client(create_app(settings_only)) as c:
        for r in (
            c.get("/api/v1/catalog"),
            c.get("/api/v1/nothing"),
            c.post("/api/v1/plan", json={}),
            c.get("/api/v1/openapi.json"),
        ):
            csp = r.headers["content-security-policy"]
            assert csp == CONTENT_SECURITY_POLICY
            assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
            assert "default-src 'self'" in csp and "script-src 'self'" in csp
            assert r.headers["x-content-type-options"] == "nosniff"
            assert r.headers["referrer-policy"] == "no-referrer"


def test_fastapi_docs_pages_are_off_because_they_load_a_cdn(settings_only):
    from supple.web.app import create_app

    with api_client(create_app(settings_only)) as c:
        assert c.get("/docs").status_code == 404
        assert c.get("/redoc").status_code == 404
        assert c.get("/api/v1/openapi.json").json()["info"]["title"] == "supple"


def test_writes_without_the_csrf_header_are_refused(client):
    assert client.csrf  # a browser has the cookie from the pages it opened
    r = client.put("/api/v1/profile", json={"weekly_goal": 4})
    assert r.status_code == 403 and r.json()["field"] == "X-Supple-CSRF"
    r = client.put("/api/v1/profile", json={"weekly_goal": 4}, headers={"X-Supple-CSRF": "wrong"})
    assert r.status_code == 403
    # A form post (what a hostile page could send) is refused without the token.
    r = client.post("/api/v1/plan", data={"minutes": "10"})
    assert r.status_code == 403
    assert client.get("/api/v1/profile").json()["weekly_goal"] == 3
    r = client.write("PUT", "/api/v1/profile", json={"weekly_goal": 4})
    assert r.status_code == 200 and r.json()["weekly_goal"] == 4


def test_a_client_without_cookies_may_send_any_csrf_value_in_local_mode(settings_only):
    from supple.web.app import create_app

    with api_client(create_app(settings_only)) as c:
        r = c.put("/api/v1/profile", json={"weekly_goal": 6}, headers={"X-Supple-CSRF": "1"})
        assert r.status_code == 200


def test_pages_set_the_csrf_cookie_and_api_calls_without_cookies_get_none(settings_only):
    from supple.web.app import create_app

    with api_client(create_app(settings_only)) as c:
        assert "set-cookie" not in c.get("/api/v1/profile").headers
        page = c.get("/")
        assert "supple_csrf=" in page.headers.get("set-cookie", "")
        token = c.httpx.cookies.get("supple_csrf")
        assert token and f'content="{token}"' in page.text  # the page's meta tag
        assert "set-cookie" not in c.get("/").headers  # kept, not minted again


def test_local_mode_answers_only_requests_addressed_to_this_machine(settings_only):
    from supple.web.app import create_app

    app = create_app(settings_only)
    for base in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"):
        with api_client(app, base) as c:
            assert c.get("/api/v1/profile").status_code == 200, base
    with api_client(app, "http://rebound.example:8000") as c:
        r = c.get("/api/v1/profile")
        assert r.status_code == 400 and r.json()["field"] == "Host"


def test_remote_mode_needs_the_login_for_api_and_pages(remote):
    r = remote.get("/api/v1/profile")
    assert r.status_code == 401 and "Log in" in r.json()["message"]
    page = remote.get("/history")
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")
    form = remote.get("/login")
    assert form.status_code == 200 and 'name="csrf-token"' in form.text


def test_a_forged_session_cookie_is_not_a_login(remote):
    remote.httpx.cookies.set("supple_session", "99999999999.deadbeef")
    assert remote.get("/api/v1/profile").status_code == 401
