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


def test_the_same_name_saved_at_once_by_many_writers_is_one_routine_and_a_clear_refusal(
    store: Store,
):
    """Parallel saves of one name (two browser tabs, two requests): one wins, the others get
    RoutineExists (the API's 409), never a database error."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    writers = 6
    start = Barrier(writers)

    def save(n: int) -> str:
        start.wait()
        try:
            store.routines.save("race", {"steps": [], "n": n}, {})
        except RoutineExists:
            return "refused"
        return "saved"

    with ThreadPoolExecutor(writers) as pool:
        outcomes = list(pool.map(save, range(writers)))
    assert outcomes.count("saved") == 1 and outcomes.count("refused") == writers - 1
    assert [r["name"] for r in store.routines.list()] == ["race"]
