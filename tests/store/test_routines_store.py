"""Saved routines: by name, never silently overwritten."""

from __future__ import annotations

import pytest

from supple.store import RoutineExists, Store

ROUTINE = {"steps": [{"id": "cat-cow", "reps": 8}, {"id": "childs-pose", "hold": 30}]}


def test_save_get_and_list_by_name(store: Store):
    store.routines.save("morning", ROUTINE, {"minutes": 10, "place": "floor"})
    store.routines.save("desk", {"steps": []}, {"place": "chair"})
    got = store.routines.get("morning")
    assert got is not None
    assert got["routine"] == ROUTINE
    assert got["options"] == {"minutes": 10, "place": "floor"}
    assert [r["name"] for r in store.routines.list()] == ["desk", "morning"]
    assert store.routines.get("evening") is None


def test_a_duplicate_name_is_refused_with_what_to_do(store: Store):
    store.routines.save("morning", ROUTINE, {})
    with pytest.raises(RoutineExists) as err:
        store.routines.save("morning", {"steps": []}, {})
    assert "'morning'" in str(err.value) and "--force" in str(err.value)
    assert store.routines.get("morning")["routine"] == ROUTINE  # type: ignore[index]


def test_overwrite_replaces_the_routine(store: Store):
    store.routines.save("morning", ROUTINE, {})
    store.routines.save("morning", {"steps": []}, {"minutes": 5}, overwrite=True)
    assert store.routines.get("morning")["options"] == {"minutes": 5}  # type: ignore[index]
    assert len(store.routines.list()) == 1


def test_delete(store: Store):
    store.routines.save("morning", ROUTINE, {})
    assert store.routines.delete("morning") is True
    assert store.routines.delete("morning") is False
    assert store.routines.list() == []
