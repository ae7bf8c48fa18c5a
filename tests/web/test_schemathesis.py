"""schemathesis against the app's own OpenAPI schema: for generated requests to every
operation, no server error (5xx) and every response matches its declared schema."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from supple.config import get_settings
from supple.web.app import create_app
from supple.web.security import SecurityConfig
from tests.web.conftest import clear_answers

pytestmark = [
    pytest.mark.slow,
    # schemathesis drives ASGI apps through Starlette's TestClient, which warns about httpx.
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Using `httpx`:Warning"),
]

# schemathesis collects the operations at import, so the app (on a throwaway home) is made here.
HOME = Path(tempfile.mkdtemp(prefix="supple-schemathesis-"))
CFG = get_settings(HOME)
APP = create_app(CFG, SecurityConfig(secret=b"s" * 32, allowed_hosts=None))
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _screened_user():
    """A screened user, so plan and session operations reach their success paths too."""
    from supple.services import screening
    from supple.services.context import close_all

    screening.submit(CFG, clear_answers())
    yield
    close_all()
    shutil.rmtree(HOME, ignore_errors=True)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_matches_its_schema_and_never_fails(case):
    # The checks this test is for: no 5xx, and responses (status, content type, body, headers)
    # as the schema declares. Left out: "schema-valid data must be accepted" and "invalid data
    # must be rejected", since the services reject valid-typed nonsense (an unknown weekday, a
    # file that is not an export) and pydantic accepts 0 for false, both on purpose.
    case.call_and_validate(
        headers={"X-Supple-CSRF": "schemathesis"},
        excluded_checks=[
            schemathesis.checks.positive_data_acceptance,
            schemathesis.checks.negative_data_rejection,
        ],
    )
