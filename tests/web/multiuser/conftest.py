"""A multi-user server (accounts, PostgreSQL) driven in-process through httpx, as in
tests/web/conftest.py: a fresh database per test, accounts made by the services, logins made
through the real login form."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pytest

from tests.web.conftest import ApiClient, api_client

if TYPE_CHECKING:
    from fastapi import FastAPI

    from supple.config import Settings

pytestmark = pytest.mark.postgres

PASSWORD = "a long enough password"
BASE = "http://coach.example"


@pytest.fixture
def mu_settings(settings: Settings, postgres_url: str) -> Iterator[Settings]:
    from supple.config import Settings as S
    from supple.services.context import close_all

    yield S(home=settings.home, database_url=postgres_url)
    close_all()


@pytest.fixture
def mu_app(mu_settings: Settings) -> FastAPI:
    from supple.web.app import create_app
    from supple.web.security import SecurityConfig

    return create_app(
        mu_settings, SecurityConfig(secret=b"k" * 32, allowed_hosts=None, multi_user=True)
    )


def log_in(client: ApiClient, email: str, password: str = PASSWORD) -> Any:
    client.get("/login")
    token = client.httpx.cookies["supple_csrf"]
    return client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token, "next": "/"}
    )


@contextmanager
def signed_in(app: FastAPI, email: str, password: str = PASSWORD) -> Iterator[ApiClient]:
    with api_client(app, BASE) as c:
        r = log_in(c, email, password)
        assert r.status_code == 303, r.text
        yield c


@pytest.fixture
def people(mu_settings: Settings) -> dict[str, Any]:
    """A coach and two people (no coach link between the people)."""
    from supple.services.accounts import create_account, create_coach

    coach = create_coach(mu_settings, "coach@example.org", PASSWORD)
    return {
        "coach": coach,
        "alice": create_account(mu_settings, "alice@example.org", PASSWORD),
        "bob": create_account(mu_settings, "bob@example.org", PASSWORD),
    }
