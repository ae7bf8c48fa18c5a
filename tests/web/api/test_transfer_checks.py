"""POST /import checks a file with the same models and bounds as the other routes."""

from __future__ import annotations

import json

from tests.cli.test_transfer_cli import DELETE, _set


def test_the_api_refuses_the_same_values_with_the_code_and_the_field(client):
    from tests.web.api.test_transfer import _some_history

    _some_history(client)
    data = client.get("/api/v1/export").json()
    before = client.get("/api/v1/history").json()
    for where, value, wanted in [
        ("sessions.0.items.0.held_seconds", 1e308, "items[0].held_seconds"),
        ("sessions.0.items.0.discomfort", True, "items[0].discomfort"),
        ("routines.0.name", "evening\x00", "routines[0] name"),
        ("sessions.0.started_at", DELETE, "sessions[0] started_at"),
    ]:
        broken = json.loads(json.dumps(data))
        _set(broken, where, value)
        files = {"file": ("mine.json", json.dumps(broken).encode(), "application/json")}
        r = client.write("POST", "/api/v1/import", files=files)
        assert r.status_code == 422, r.text
        body = r.json()
        assert body["code"].startswith("transfer.") and body["field"] == "file"
        assert wanted in body["params"]["where"] and "mine.json" in body["message"]
    assert client.get("/api/v1/history").json() == before
