"""Export and import through the API: a round trip, and refusals that change nothing."""

from __future__ import annotations

from tests.web.conftest import api_client, clear_answers


def _some_history(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    client.write(
        "POST",
        "/api/v1/routines",
        json={"name": "evening", "options": {"minutes": 6, "warm": True}},
    )
    created = client.write("POST", "/api/v1/sessions", json={"routine_name": "evening"}).json()
    hold = next(s for s in created["timeline"] if s["kind"] == "hold")
    event = {
        "event": "hold-complete",
        "t": hold["end"],
        "step": hold["step"],
        "id": hold["id"],
        "side": hold["side"],
        "held_seconds": 20.0,
    }
    client.write("POST", f"/api/v1/sessions/{created['id']}/events", json=event)
    client.write("POST", f"/api/v1/sessions/{created['id']}/finish", json={"status": "completed"})


def test_export_then_import_into_an_empty_home_round_trips(client, tmp_path, monkeypatch):
    from supple.config import get_settings
    from supple.web.app import create_app

    _some_history(client)
    before = client.get("/api/v1/history").json()
    for fmt in ("json", "csv"):
        r = client.get("/api/v1/export", params={"format": fmt})
        assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
        other = get_settings(tmp_path / f"other-{fmt}")
        with api_client(create_app(other)) as fresh:
            files = {"file": (f"export.{fmt}", r.content, "application/octet-stream")}
            added = fresh.write("POST", "/api/v1/import", files=files)
            assert added.status_code == 200, added.text
            assert added.json()["sessions"] == 1 and added.json()["routines"] == 1
            assert fresh.get("/api/v1/history").json() == before
            assert fresh.get("/api/v1/routines/evening").status_code == 200
            again = fresh.write("POST", "/api/v1/import", files=files).json()
            assert not any(again.values()), "importing the same file twice adds nothing"


def test_import_of_something_else_is_422_and_changes_nothing(client):
    files = {"file": ("notes.json", b'{"hello": "world"}', "application/json")}
    r = client.write("POST", "/api/v1/import", files=files)
    assert r.status_code == 422 and r.json()["field"] == "file"
    assert "not a supple export" in r.json()["message"]
    assert "/tmp" not in r.json()["message"]
    assert client.get("/api/v1/history").json() == []


def test_import_form_upload_needs_the_csrf_field(client):
    files = {"file": ("x.json", b"{}", "application/json")}
    assert client.post("/api/v1/import", files=files).status_code == 403
    r = client.post("/api/v1/import", files=files, data={"csrf_token": client.csrf})
    assert r.status_code == 422  # past the CSRF check, then refused as not an export
