"""schemathesis against a multi-user server's OpenAPI schema, signed in as a coach with a
client (so the coach routes reach their success paths): no server error (5xx) and every
response as declared, on PostgreSQL."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from supple.config import Settings
from supple.web.app import create_app
from supple.web.security import SecurityConfig
from tests.web.conftest import clear_answers
from tests.web.multiuser.conftest import PASSWORD

pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Using `httpx`:Warning"),
]

# The operations are collected at import from an app of the same shape (its schema needs no
# database); the calls go to the app of the fixture, over a fresh PostgreSQL database.
_SECURITY = SecurityConfig(secret=b"s" * 32, allowed_hosts=None, multi_user=True)
_SHAPE = create_app(
    Settings(Path(tempfile.gettempdir()), "postgresql://nobody@127.0.0.1:1/none"), _SECURITY
)
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", _SHAPE).exclude(
    # Logging out or changing the password mid-run would end the run's login.
    path_regex="/auth/logout|/account/password"
)


@pytest.fixture(scope="module")
def server(pg_server, tmp_path_factory):
    from starlette.testclient import TestClient

    from supple.services import screening
    from supple.services.accounts import account_settings, create_account, create_coach
    from supple.services.context import close_all
    from tests.pgserver import fresh_database

    with fresh_database(pg_server) as url:
        cfg = Settings(home=tmp_path_factory.mktemp("mu-home"), database_url=url)
        coach = create_coach(cfg, "coach@example.org", PASSWORD)
        client = create_account(cfg, "client@example.org", PASSWORD, coach_id=coach.id)
        screening.submit(account_settings(cfg, coach), clear_answers())
        screening.submit(account_settings(cfg, client), clear_answers())
        app = create_app(cfg, _SECURITY)
        with TestClient(app, base_url="http://coach.example") as tc:
            tc.get("/login")
            r = tc.post(
                "/api/v1/auth/login",
                json={"email": "coach@example.org", "password": PASSWORD},
                headers={"X-Supple-CSRF": tc.cookies["supple_csrf"]},
            )
            assert r.status_code == 200
            cookies = dict(tc.cookies)
        yield {"app": app, "cookies": cookies, "client": client.id}
        close_all()


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
def test_multi_user_api_never_fails_signed_in(case, server):
    cookies = server["cookies"]
    if case.path_parameters and "client_id" in case.path_parameters:
        case.path_parameters["client_id"] = server["client"]
    response = case.call_and_validate(
        app=server["app"],
        headers={"X-Supple-CSRF": cookies["supple_csrf"]},
        cookies=cookies,
        excluded_checks=[
            schemathesis.checks.positive_data_acceptance,
            schemathesis.checks.negative_data_rejection,
        ],
    )
    if "/auth/" not in case.path:
        assert response.status_code != 401, "the run is signed in"
