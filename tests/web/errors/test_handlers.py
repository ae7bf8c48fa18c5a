"""Errors answered as a client can act on them: 404 for unknown ids, a body that is not
JSON, a store that cannot be opened."""

from __future__ import annotations


def test_unknown_things_are_404(client):
    r = client.get("/api/v1/catalog/supine-figure-for")
    assert r.status_code == 404
    assert r.json()["suggestions"][0] == "supine-figure-four" and r.json()["field"] == "id"
    assert client.get("/api/v1/routines/nope").status_code == 404
    assert client.get("/api/v1/sessions/nope").status_code == 404
    r = client.write("POST", "/api/v1/sessions/nope/events", json={"event": "paused", "t": 1})
    assert r.status_code == 404
    r = client.write("POST", "/api/v1/sessions", json={"routine_name": "nope"})
    assert r.status_code == 404 and r.json()["field"] == "routine_name"
    assert client.get("/api/v1/nothing-here").status_code == 404


def test_a_database_that_cannot_be_opened_is_a_503_page_or_json_not_a_crash(tmp_path):
    """The data file is replaced by something else while the server runs: the pages say which
    file and what to do, the API answers JSON with the same, and nothing is a 500."""
    from supple.config import Settings
    from supple.services.context import close_all
    from supple.web.app import create_app
    from tests.web.conftest import api_client

    (tmp_path / "supple.db").write_text("this is not a database\n")
    settings = Settings(tmp_path, f"sqlite:///{tmp_path / 'supple.db'}")
    try:
        with api_client(create_app(settings)) as c:
            page = c.get("/history")
            assert page.status_code == 503
            assert "text/html" in page.headers["content-type"]
            assert "supple.db" in page.text and "Move it aside" in page.text
            api = c.get("/api/v1/history")
            assert api.status_code == 503
            assert "supple.db" in api.json()["message"]
            assert api.json()["code"] == "store.not-a-database"
    finally:
        close_all()


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
    assert "line 2, column 11" in body["message"] and "not valid JSON" in body["message"]
