"""Saved routines through the API: save, list, show, play, delete."""

from __future__ import annotations

from tests.web.conftest import clear_answers


def test_routines_save_list_show_play_delete(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    r = client.write(
        "POST", "/api/v1/routines", json={"name": "morning", "options": {"minutes": 7}}
    )
    assert r.status_code == 201, r.text
    assert r.json()["name"] == "morning" and r.json()["options"]["minutes"] == 7
    routine = client.get("/api/v1/routines/morning").json()
    assert routine == r.json()["routine"]

    dup = client.write("POST", "/api/v1/routines", json={"name": "morning", "routine": routine})
    assert dup.status_code == 409 and dup.json()["field"] == "name"
    r = client.write(
        "POST", "/api/v1/routines", json={"name": "copy", "routine": routine, "overwrite": True}
    )
    assert r.status_code == 201
    assert [x["name"] for x in client.get("/api/v1/routines").json()] == ["copy", "morning"]

    r = client.write("POST", "/api/v1/sessions", json={"routine_name": "morning"})
    assert r.status_code == 201 and r.json()["routine"] == routine

    assert client.write("DELETE", "/api/v1/routines/copy").status_code == 204
    gone = client.get("/api/v1/routines/copy")
    assert gone.status_code == 404 and "morning" in gone.json()["message"]
    assert client.write("DELETE", "/api/v1/routines/copy").status_code == 404
