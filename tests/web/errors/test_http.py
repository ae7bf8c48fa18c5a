"""HTTP errors: a 405 lists the right methods; an unknown page is HTML, an unknown API path JSON."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/api/v1/profile", "GET, HEAD, PUT"),
        ("POST", "/api/v1/catalog", "GET, HEAD"),
        ("GET", "/api/v1/plan", "POST"),
        ("DELETE", "/screen", "GET, HEAD, POST"),
        ("PUT", "/", "GET, HEAD"),
        ("POST", "/static/app.css", "GET, HEAD"),
    ],
)
def test_a_wrong_method_is_405_listing_the_right_ones(client, method, path, allow):
    r = client.request(method, path, headers={"X-Supple-CSRF": client.csrf})
    assert r.status_code == 405
    assert r.headers["allow"] == allow


def test_an_unknown_page_is_an_html_page_and_an_unknown_api_path_is_json(client):
    page = client.get("/no-such-page")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "<h1>Page not found</h1>" in page.text and "/no-such-page" in page.text
    assert 'href="/static/app.css"' in page.text, "the app's own page, with its stylesheet"
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"
    assert api.json()["message"]
