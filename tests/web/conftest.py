"""Fixtures for the web app: a synchronous httpx client driving the real ASGI app in-process
(no server, no mocks), on SQLite and on PostgreSQL.

httpx talks to the app through `httpx.ASGITransport` on an event loop kept in a blocking portal
(anyio), so tests stay plain functions and cookies persist between calls like in a browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING, Any

import pytest

from supple.web.security import SecurityConfig, hash_password

if TYPE_CHECKING:
    from fastapi import FastAPI

    from supple.config import Settings

BASE_URL = "http://127.0.0.1:8000"


def pytest_configure(config: pytest.Config) -> None:
    # Importing pygal (the history charts) appends a sys.meta_path finder that has find_module()
    # but no find_spec() (Kozea/pygal#532, open). On Python 3.10-3.11 every later import that
    # misses (an optional one such as fastapi's `import email_validator`) then warns, and our
    # filterwarnings=error would turn fastapi's ImportError fallback into a failure. The warning
    # means nothing here: pygal.maps plugins are not used.
    config.addinivalue_line("filterwarnings", "ignore:PluginImportFixer.find_spec:ImportWarning")


class ApiClient:
    """`client.get(...)`, `.post(...)`: httpx's API, run on the portal's loop."""

    def __init__(self, portal: Any, client: Any) -> None:
        self._portal = portal
        self.httpx = client

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        return self._portal.call(partial(self.httpx.request, method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> Any:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> Any:
        return self.request("PUT", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> Any:
        return self.request("DELETE", url, **kwargs)

    @property
    def csrf(self) -> str:
        """The CSRF token the app gave this client (fetched on first use, from a page: pages
        set the cookie, as a browser meets them before any write)."""
        token = self.httpx.cookies.get("supple_csrf")
        if token is None:
            self.get("/")
            token = self.httpx.cookies.get("supple_csrf")
        assert token, "the app set no supple_csrf cookie"
        return str(token)

    def write(self, method: str, url: str, **kwargs: Any) -> Any:
        """A write as our own pages send it: with the X-Supple-CSRF header."""
        headers = {"X-Supple-CSRF": self.csrf, **kwargs.pop("headers", {})}
        return self.request(method, url, headers=headers, **kwargs)


@contextmanager
def api_client(app: FastAPI, base_url: str = BASE_URL) -> Iterator[ApiClient]:
    import httpx
    from anyio.from_thread import start_blocking_portal

    with start_blocking_portal() as portal:
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url=base_url, follow_redirects=False
        )
        try:
            yield ApiClient(portal, client)
        finally:
            portal.call(client.aclose)


@pytest.fixture
def web_settings(backend_settings: Settings) -> Iterator[Settings]:
    """Settings on each backend; the store the app opens is closed after the test."""
    from supple.services.context import close_all

    yield backend_settings
    close_all()


@pytest.fixture
def client(web_settings: Settings) -> Iterator[ApiClient]:
    from supple.web.app import create_app

    with api_client(create_app(web_settings)) as c:
        yield c


def clear_answers(**overrides: object) -> dict[str, object]:
    """Every screening question answered 'nothing to report' (age 40), then the overrides."""
    from supple.data.loader import shipped

    out: dict[str, object] = {}
    for q in shipped().questions:
        out[q.id] = {"yes-no": False, "number": 40}.get(q.kind, q.options[0] if q.options else None)
    return {**out, **overrides}


def report_pain(client: ApiClient) -> dict[str, Any]:
    """A clear screen, a 6-minute session, and a sharp-pain report in its first hold, as the
    player sends it. Returns the session as created (its `id`, `timeline`) and the `hold`."""
    client.write("POST", "/api/v1/screening", json=clear_answers())
    created: dict[str, Any] = client.write(
        "POST", "/api/v1/sessions", json={"options": {"minutes": 6, "warm": True}}
    ).json()
    hold = next(s for s in created["timeline"] if s["kind"] == "hold")
    pain = {
        "event": "pain",
        "t": hold["start"] + 1,
        "step": hold["step"],
        "id": hold["id"],
        "side": hold["side"],
        "kind": "hold",
        "held_seconds": 1.0,
    }
    r = client.write("POST", f"/api/v1/sessions/{created['id']}/events", json=pain)
    assert r.status_code == 201, r.text
    return {**created, "hold": hold}


@pytest.fixture
def settings_only(settings):
    from supple.services.context import close_all

    yield settings
    close_all()


@pytest.fixture
def remote(settings_only):
    from supple.web.app import create_app

    config = SecurityConfig(
        secret=b"k" * 32, password_hash=hash_password("correct horse"), allowed_hosts=None
    )
    with api_client(create_app(settings_only, config), "http://192.0.2.7:8000") as c:
        yield c


def form_post(client, path: str, data: dict, token: str | None = "ok"):
    """A form as the page sends it: url-encoded, with the csrf_token field (unless None)."""
    if token == "ok":
        token = client.csrf
    body = {**data, **({"csrf_token": token} if token is not None else {})}
    return client.post(path, data=body)
