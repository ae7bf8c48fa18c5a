"""GET /api/v1/catalog: filters, and bad filters naming the query parameter."""

from __future__ import annotations


def test_catalog_filters_and_bad_filters(client):
    floor = client.get("/api/v1/catalog", params={"place": "floor"}).json()
    assert floor and all("floor" in s["places"] for s in floor)
    back = client.get("/api/v1/catalog", params={"region": "lower-back"}).json()
    assert back and len(back) < len(client.get("/api/v1/catalog").json())
    r = client.get("/api/v1/catalog", params={"region": "elbow"})
    assert r.status_code == 422 and r.json()["field"] == "region"
    r = client.get("/api/v1/catalog", params={"place": "sofa"})
    assert r.status_code == 422 and r.json()["field"] == "place"
