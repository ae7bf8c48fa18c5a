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


def _log_out_in_another_process(settings, token: str) -> float:
    """supple's own log-out, run in a process of its own (as another worker or another server
    over the same database would); how long it took to answer, in seconds."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from supple.config import Settings\n"
        "from supple.services.accounts import log_out\n"
        "from supple.services.context import server_engine\n"
        "s = Settings(home=Path(sys.argv[1]), database_url=sys.argv[2])\n"
        "server_engine(s)\n"
        "t = time.monotonic(); log_out(s, sys.argv[3]); print(time.monotonic() - t)\n"
    )
    src = str(Path(__file__).resolve().parents[3] / "src")
    done = subprocess.run(
        [sys.executable, "-c", code, str(settings.home), settings.database_url, token],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": src},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return float(done.stdout.strip())


def test_a_logout_answered_in_another_process_is_refused_here_on_the_very_next_request(
    mu_settings, mu_app, people
):
    """This app has the login in its memory; another process logs it out: once that process
    has answered (it waits out the lease, since this app listens), the next request here is
    refused."""
    from supple.store.stamp import LEASE_SECONDS

    for _round in range(2):
        with signed_in(mu_app, "alice@example.org") as c:
            for _ in range(3):  # looked up once, then taken from memory
                assert c.get("/api/v1/profile").status_code == 200
            took = _log_out_in_another_process(mu_settings, c.httpx.cookies["supple_account"])
            assert c.get("/api/v1/profile").status_code == 401
            assert took >= LEASE_SECONDS, "another supple process listens: the lease is waited"


def test_a_login_is_not_taken_from_memory_once_the_lease_lapses(mu_settings, people):
    """A process that can no longer confirm it hears every write (its round trips stopped)
    asks the database again for each login, instead of trusting what it remembers."""
    import time

    from supple.services.accounts import known_login, log_in, login_key, session_account
    from supple.services.context import server_stamp
    from supple.store.stamp import LEASE_SECONDS, PING_SECONDS

    account, token = log_in(mu_settings, "bob@example.org", PASSWORD, "203.0.113.9")
    assert server_stamp(mu_settings).catch_up()  # the setup's writes all heard
    assert session_account(mu_settings, token) == account
    time.sleep(PING_SECONDS * 3)  # a round trip since the lookup
    assert known_login(mu_settings, login_key(token)) == account
    server_stamp(mu_settings).stop_pinging()
    time.sleep(LEASE_SECONDS + 0.05)
    assert known_login(mu_settings, login_key(token)) is None
    assert session_account(mu_settings, token) == account  # still a valid login


def test_other_listening_processes_are_told_apart_from_this_one(mu_settings, people):
    from supple.services.context import server_engine, server_stamp
    from supple.store.stamp import DataStamp

    stamp = server_stamp(mu_settings)
    assert stamp.others_listening() is False
    other = DataStamp(server_engine(mu_settings))
    try:
        other.current()  # listens, as another worker's stamp does
        assert stamp.others_listening() is True
    finally:
        other.close()
    assert stamp.others_listening() is False
