"""Signing in to a multi-user server: the login form, wrong passwords throttled per account and
per address (counted in PostgreSQL), logging out, a new password; SQLite refused."""

from __future__ import annotations

import pytest

from tests.web.conftest import api_client
from tests.web.multiuser.conftest import BASE, PASSWORD, log_in, signed_in

pytestmark = pytest.mark.postgres


def test_every_page_and_api_call_needs_a_login(mu_app, people):
    with api_client(mu_app, BASE) as c:
        page = c.get("/profile")
        assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fprofile"
        api = c.get("/api/v1/profile")
        assert api.status_code == 401 and api.json()["code"] == "http.login-needed"
        login = c.get("/login")
        assert login.status_code == 200 and 'name="email"' in login.text


def test_sign_in_with_the_right_password_then_log_out(mu_app, people):
    with api_client(mu_app, BASE) as c:
        r = log_in(c, "Alice@Example.org", PASSWORD)
        assert r.status_code == 303
        cookie = r.headers["set-cookie"]
        assert "supple_account=" in cookie and "HttpOnly" in cookie
        assert "SameSite=strict" in cookie or "samesite=strict" in cookie.lower()
        me = c.get("/api/v1/account").json()
        assert me["email"] == "alice@example.org" and me["role"] == "person"
        assert c.get("/profile").status_code == 200
        assert "Account" in c.get("/").text
        out = c.post("/logout", data={"csrf_token": c.csrf})
        assert out.status_code == 303
        assert c.get("/api/v1/profile").status_code == 401


def test_a_stolen_cookie_stops_working_after_logout(mu_app, people):
    with signed_in(mu_app, "alice@example.org") as c:
        token = c.httpx.cookies["supple_account"]
        c.post("/logout", data={"csrf_token": c.csrf})
    with api_client(mu_app, BASE) as thief:
        thief.httpx.cookies.set("supple_account", token)
        assert thief.get("/api/v1/profile").status_code == 401


def test_wrong_passwords_are_throttled_per_account_with_429(mu_app, people):
    from supple.web.throttle import FREE_ATTEMPTS

    with api_client(mu_app, BASE) as c:
        for _ in range(FREE_ATTEMPTS):
            r = log_in(c, "alice@example.org", "not the password at all")
            assert r.status_code == 401 and "wrong" in r.text
        r = log_in(c, "alice@example.org", PASSWORD)
        assert r.status_code == 429, "even the right password waits"
        assert int(r.headers["Retry-After"]) > 0
        assert "Too many wrong passwords" in r.text
    # Another address (a fresh client is the same 127.0.0.1 here): the account's own count
    # holds it back too; the API says the same with 429.
    with api_client(mu_app, BASE) as c:
        c.get("/login")
        r = c.write(
            "POST", "/api/v1/auth/login", json={"email": "alice@example.org", "password": PASSWORD}
        )
        assert r.status_code == 429 and r.json()["code"] == "accounts.throttled"
        assert "Retry-After" in r.headers


def test_the_count_is_shared_by_every_app_over_the_database(mu_settings, mu_app, people):
    """Two apps (as two worker processes would be) over one database count the same tries."""
    from supple.web.app import create_app
    from supple.web.security import SecurityConfig
    from supple.web.throttle import FREE_ATTEMPTS

    other = create_app(
        mu_settings, SecurityConfig(secret=b"j" * 32, allowed_hosts=None, multi_user=True)
    )
    with api_client(mu_app, BASE) as c:
        for _ in range(FREE_ATTEMPTS):
            log_in(c, "bob@example.org", "wrong wrong wrong")
    with api_client(other, BASE) as c:
        assert log_in(c, "bob@example.org", PASSWORD).status_code == 429


def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(mu_app, people):
    with api_client(mu_app, BASE) as c:
        unknown = log_in(c, "nobody@example.org", PASSWORD)
        wrong = log_in(c, "bob@example.org", "wrong password here")
        assert unknown.status_code == wrong.status_code == 401
        assert "The email address or the password is wrong" in unknown.text


def test_changing_the_password_ends_other_logins(mu_app, people):
    with (
        signed_in(mu_app, "alice@example.org") as first,
        signed_in(mu_app, "alice@example.org") as second,
    ):
        bad = first.post(
            "/account/password",
            data={"current": "nope", "new": "another long password", "csrf_token": first.csrf},
        )
        assert bad.status_code == 422 and "current password is wrong" in bad.text
        short = first.post(
            "/account/password",
            data={"current": PASSWORD, "new": "short", "csrf_token": first.csrf},
        )
        assert short.status_code == 422 and "at least 12 characters" in short.text
        ok = first.post(
            "/account/password",
            data={"current": PASSWORD, "new": "another long password", "csrf_token": first.csrf},
        )
        assert ok.status_code == 303
        assert first.get("/api/v1/profile").status_code == 200, "this login stays"
        assert second.get("/api/v1/profile").status_code == 401, "the other one ended"
    with api_client(mu_app, BASE) as c:
        assert log_in(c, "alice@example.org", PASSWORD).status_code == 401
        assert log_in(c, "alice@example.org", "another long password").status_code == 303


def test_writes_need_the_csrf_token_even_signed_in(mu_app, people):
    with signed_in(mu_app, "alice@example.org") as c:
        assert (
            c.put(
                "/api/v1/profile", json={"voice": False}, headers={"X-Supple-CSRF": "x"}
            ).status_code
            == 403
        )
        assert c.write("PUT", "/api/v1/profile", json={"voice": False}).status_code == 200


def test_a_login_ended_elsewhere_is_never_taken_from_this_processs_lookups(
    mu_settings, mu_app, people
):
    """Another process (here: a plain connection of its own) deletes the login row: the app,
    which had looked the login up before, answers 401 on the very next request."""
    import psycopg

    with signed_in(mu_app, "alice@example.org") as c:
        for _ in range(3):
            assert c.get("/api/v1/profile").status_code == 200
        url = mu_settings.database_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url, autocommit=True) as other:
            other.execute("DELETE FROM supple_shared.login_sessions")
        assert c.get("/api/v1/profile").status_code == 401
