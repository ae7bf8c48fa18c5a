"""The login form of remote mode: wrong and right passwords, no redirect off the site,
the app's own layout."""

from __future__ import annotations


def test_remote_mode_refuses_a_wrong_password_and_accepts_the_right_one(remote):
    token = remote.csrf if remote.httpx.cookies.get("supple_csrf") else None
    if token is None:
        remote.get("/login")
        token = remote.httpx.cookies["supple_csrf"]
    bad = remote.post("/login", data={"password": "wrong", "csrf_token": token, "next": "/"})
    assert bad.status_code == 401 and "Wrong password" in bad.text
    assert remote.get("/api/v1/profile").status_code == 401

    no_token = remote.post("/login", data={"password": "correct horse"})
    assert no_token.status_code == 403

    ok = remote.post(
        "/login",
        data={"password": "correct horse", "csrf_token": token, "next": "/api/v1/profile"},
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/api/v1/profile"
    assert remote.get("/api/v1/profile").status_code == 200
    # Logged in, writes still need the CSRF header matching the cookie.
    assert remote.put("/api/v1/profile", json={"voice": False}).status_code == 403
    assert remote.write("PUT", "/api/v1/profile", json={"voice": False}).status_code == 200

    remote.write("POST", "/logout")
    assert remote.get("/api/v1/profile").status_code == 401


def test_login_never_redirects_off_site(remote):
    remote.get("/login")
    token = remote.httpx.cookies["supple_csrf"]
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        r = remote.post(
            "/login", data={"password": "correct horse", "csrf_token": token, "next": target}
        )
        assert r.headers["location"] == "/", target


def test_the_login_page_uses_the_apps_stylesheet_and_layout(remote):
    page = remote.get("/login")
    assert page.status_code == 200
    assert '<link rel="stylesheet" href="/static/app.css">' in page.text
    assert remote.get("/static/app.css").status_code == 200, "reachable before the login"
    assert '<nav aria-label="Main"><span class="brand">' in page.text
    assert 'href="/history"' not in page.text, "no menu of pages it cannot open yet"
    token = remote.httpx.cookies["supple_csrf"]
    bad = remote.post("/login", data={"password": "wrong", "csrf_token": token, "next": "/"})
    assert bad.status_code == 401 and 'id="login-error"' in bad.text and "app.css" in bad.text


def test_wrong_passwords_from_one_address_are_slowed_down(remote):
    """After FREE_ATTEMPTS wrong passwords the address waits (429 with Retry-After), even for
    the right password; the wait is said in plain words."""
    from supple.web.throttle import FREE_ATTEMPTS

    remote.get("/login")
    token = remote.httpx.cookies["supple_csrf"]
    for _ in range(FREE_ATTEMPTS):
        bad = remote.post("/login", data={"password": "wrong", "csrf_token": token, "next": "/"})
        assert bad.status_code == 401
    held = remote.post(
        "/login", data={"password": "correct horse", "csrf_token": token, "next": "/"}
    )
    assert held.status_code == 429 and int(held.headers["Retry-After"]) > 0
    assert "Too many wrong passwords" in held.text and "try again in" in held.text


def test_the_throttle_forgets_an_address_after_a_right_password_and_after_the_wait():
    from supple.web.throttle import FIRST_WAIT, FREE_ATTEMPTS, LoginThrottle

    now = [0.0]
    t = LoginThrottle(clock=lambda: now[0])
    for _ in range(FREE_ATTEMPTS):
        t.failed("10.0.0.9")
    assert t.wait_seconds("10.0.0.9") == int(FIRST_WAIT)
    assert t.wait_seconds("127.0.0.1") == 0  # another address is not slowed
    now[0] += FIRST_WAIT
    assert t.wait_seconds("10.0.0.9") == 0
    t.failed("10.0.0.9")  # one more wrong: the wait doubles
    assert t.wait_seconds("10.0.0.9") == int(2 * FIRST_WAIT)
    t.succeeded("10.0.0.9")
    assert t.wait_seconds("10.0.0.9") == 0
