"""GET /api/v1/history at the ends of the calendar: an answer, never a 500."""

from __future__ import annotations

import pytest

from tests.web.conftest import clear_answers


@pytest.mark.parametrize(("since", "count"), [("0001-01-01", 1), ("9999-12-31", 0)])
def test_history_since_the_ends_of_the_calendar(client, since, count):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    created = client.write(
        "POST", "/api/v1/sessions", json={"options": {"minutes": 6, "warm": True}}
    )
    assert created.status_code == 201, created.text
    r = client.get("/api/v1/history", params={"since": since})
    assert r.status_code == 200, r.text
    assert len(r.json()) == count
