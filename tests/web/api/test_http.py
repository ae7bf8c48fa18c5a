"""HTTP details a client notices: HEAD on every GET route, the Allow header of a 405, HTML
errors for pages and JSON errors for the API, and a readable answer to a body that is not JSON."""

from __future__ import annotations

import pytest

from tests.web.conftest import clear_answers

GET_ROUTES = ["/", "/sw.js", "/plan", "/history", "/static/app.css", "/api/v1/catalog"]


@pytest.mark.parametrize("path", GET_ROUTES)
def test_head_answers_every_get_route_with_headers_and_no_body(client, path):
    got = client.get(path)
    head = client.request("HEAD", path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.content))


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
    assert api.json()["detail"]


def test_a_body_that_is_not_json_names_the_body_and_where_it_broke(client):
    r = client.write(
        "POST",
        "/api/v1/plan",
        content=b'{"minutes": 10,\n  "warm": tru}',
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 422
    body = r.json()
    assert body["field"] == "body"
    assert "line 2, column 11" in body["detail"] and "not valid JSON" in body["detail"]


def test_plan_errors_name_the_json_fields_not_the_command_line_options(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    r = client.write("POST", "/api/v1/plan", json={"minutes": 1})
    assert r.status_code == 422
    body = r.json()
    assert body["field"] == "minutes" and body["code"] == "too-short"
    assert "--" not in body["detail"], body["detail"]
    assert '"minutes": 1' in body["detail"] and '"warm": true' in body["detail"]
