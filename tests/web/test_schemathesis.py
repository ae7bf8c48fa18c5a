"""schemathesis against the app's own OpenAPI schema: for generated requests to every
operation, no server error (5xx) and every response matches its declared schema."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import ClassVar

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
        additional_checks=[not_refused_as_malformed],
        excluded_checks=[
            schemathesis.checks.positive_data_acceptance,
            schemathesis.checks.negative_data_rejection,
        ],
    )


#: Refusals about a request's shape, which the schema says too: request validation, a body that
#: is not JSON, a routine name's characters and length, a routine's limits.
SHAPE_CODES = frozenset(
    {
        "api.invalid",
        "api.not-json",
        "names.bad-character",
        "names.too-long",
        "names.empty",
        "api.routine-empty",
        "api.routine-too-many-steps",
        "api.step-too-long",
        "api.step-reps-range",
        "api.step-hold-range",
    }
)


@schemathesis.check
def not_refused_as_malformed(ctx, response, case):
    """The schema is as strict as the server: a request generated as valid for the schema is
    never refused as malformed (request validation's 422, a body that is not JSON, 400, 413).
    A refusal by the services (an unknown weekday, a file that is not an export, a name taken)
    is an answer about the data, not about its shape, and stays allowed."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    code = None
    if response.status_code == 422:
        try:
            code = response.json().get("code")
        except ValueError:
            code = None
    if response.status_code in (400, 413) or code in SHAPE_CODES:
        raise AssertionError(
            f"A request the schema allows was refused as malformed: {response.status_code} "
            f"{response.text[:500]}"
        )
    return None


CSRF = {"X-Supple-CSRF": "schemathesis"}
EXCLUDED = [
    schemathesis.checks.positive_data_acceptance,
    schemathesis.checks.negative_data_rejection,
]


# The stateful test's own copy of the schema, with a hook of its own so more chains reach their
# success paths: random names to avoid are unknown stretches (rightly refused).
stateful_schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP)


@stateful_schema.hook
def map_body(context, body):
    if isinstance(body, dict) and isinstance(body.get("options"), dict):
        body["options"].pop("avoid", None)
    return body


class Workflows(stateful_schema.as_state_machine()):  # type: ignore[misc]
    """Chains of calls along the schema's OpenAPI links: a saved routine shown and deleted by
    the name POST /routines gave, a session resumed, its events posted and finished by its id."""

    seen: ClassVar[set[tuple[str, str, int]]] = set()

    def setup(self):
        # Each chain starts from the same state (hypothesis replays chains and needs the same
        # answers): a clear screen (the stateless test may have left one that refuses every
        # plan) and no saved routine (a name saved by an earlier chain would be taken).
        from supple.services import screening
        from supple.services.context import store_for
        from supple.services.saved_routines import saved

        screening.submit(CFG, clear_answers())
        for routine in saved(CFG):
            store_for(CFG).routines.delete(routine.name)

    def get_call_kwargs(self, case):
        return {"headers": CSRF}

    def after_call(self, response, case):
        super().after_call(response, case)
        Workflows.seen.add((case.method.upper(), case.path, response.status_code))

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        case.validate_response(
            response,
            additional_checks=[not_refused_as_malformed],
            excluded_checks=EXCLUDED,
            transport_kwargs=kwargs or None,
        )


def test_the_api_along_its_links_never_fails():
    Workflows.run(
        settings=settings(
            max_examples=160,
            derandomize=True,  # the same chains on every run
            deadline=None,
            stateful_step_count=8,
            suppress_health_check=list(HealthCheck),
        )
    )
    # The links were followed: every call that needs a name or id an earlier call gave
    # reached its success at least once.
    reached = {(m, p) for m, p, status in Workflows.seen if status < 300}
    for wanted in [
        ("POST", "/api/v1/routines"),
        ("GET", "/api/v1/routines/{name}"),
        ("DELETE", "/api/v1/routines/{name}"),
        ("POST", "/api/v1/sessions"),
        ("GET", "/api/v1/sessions/{session_id}"),
        ("POST", "/api/v1/sessions/{session_id}/events"),
        ("POST", "/api/v1/sessions/{session_id}/finish"),
        ("GET", "/api/v1/catalog/{stretch_id}"),
    ]:
        assert wanted in reached, (wanted, sorted(reached))
