"""PUT /api/v1/profile: only the given fields change."""

from __future__ import annotations


def test_profile_put_changes_only_the_given_fields(client):
    r = client.write("PUT", "/api/v1/profile", json={"weekly_goal": 5, "places": ["chair"]})
    assert r.status_code == 200
    assert r.json()["weekly_goal"] == 5 and r.json()["places"] == ["chair"]
    r = client.write("PUT", "/api/v1/profile", json={"voice": False})
    assert r.json()["weekly_goal"] == 5 and r.json()["voice"] is False
    assert client.get("/api/v1/profile").json()["voice"] is False
    r = client.write("PUT", "/api/v1/profile", json={"timezone": "Mars/Olympus"})
    assert r.status_code == 422 and r.json()["field"] == "timezone"
    r = client.write("PUT", "/api/v1/profile", json={"weekly_goal": 99})
    assert r.status_code == 422 and r.json()["field"] == "weekly_goal"
