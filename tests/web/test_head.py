"""HEAD answers every GET route (supple.web.head)."""

from __future__ import annotations

import pytest

GET_ROUTES = ["/", "/sw.js", "/plan", "/history", "/static/app.css", "/api/v1/catalog"]


@pytest.mark.parametrize("path", GET_ROUTES)
def test_head_answers_every_get_route_with_headers_and_no_body(client, path):
    got = client.get(path)
    head = client.request("HEAD", path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.content))
