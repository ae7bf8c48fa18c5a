"""An urgent screen: every page that could lead to a plan shows only where to go."""

from __future__ import annotations

import pytest

from tests.web.conftest import clear_answers


@pytest.mark.parametrize("path", ["/plan", "/plan?minutes=10", "/session", "/screen/result"])
def test_an_urgent_screen_shows_only_where_to_go(client, path):
    client.write("POST", "/api/v1/screening", json=clear_answers(**{"bladder-bowel": True}))
    page = client.get(path).text
    assert "Get medical care now" in page
    assert "<form" not in page and "<nav" not in page and 'id="player"' not in page
