"""Imported catalog entries: importing the same thing twice changes nothing."""

from __future__ import annotations

from supple.store import Store

ENTRY = {"id": "fedb-lying-glute", "name": "Lying Glute", "style": "static"}


def test_upsert_is_idempotent_and_reports_changes(store: Store):
    assert store.user_stretches.upsert("fedb-lying-glute", "free-exercise-db", ENTRY, "h1") is True
    assert store.user_stretches.upsert("fedb-lying-glute", "free-exercise-db", ENTRY, "h1") is False
    assert len(store.user_stretches.list()) == 1
    changed = {**ENTRY, "name": "Lying Glute Stretch"}
    assert store.user_stretches.upsert("fedb-lying-glute", "free-exercise-db", changed, "h2")
    got = store.user_stretches.get("fedb-lying-glute")
    assert got is not None
    assert got["data"]["name"] == "Lying Glute Stretch"
    assert got["source_hash"] == "h2" and got["origin"] == "free-exercise-db"


def test_list_is_by_id_and_get_unknown_is_none(store: Store):
    store.user_stretches.upsert("b-entry", "x", {"id": "b-entry"}, "1")
    store.user_stretches.upsert("a-entry", "x", {"id": "a-entry"}, "1")
    assert [e["id"] for e in store.user_stretches.list()] == ["a-entry", "b-entry"]
    assert store.user_stretches.get("nope") is None
