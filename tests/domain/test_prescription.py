"""A coach's prescription as a routine, and the client's screen ruling over it: whatever a coach
prescribes and whatever the client's screen leaves out, the routine the client plays holds no
stretch the screen excludes, and the coach is told exactly those (and nothing else)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from supple.data.loader import shipped
from supple.domain.gate import Allowed, gate_routine, left_out_by_screen
from supple.domain.prescription import PrescribedStretch, Prescription, prescribed_routine
from supple.domain.routine_dose import check_dose

CATALOG = {s.id: s for s in shipped().catalog}
STRETCHES = sorted(i for i, s in CATALOG.items() if s.style != "warmup")


def _item(sid: str) -> PrescribedStretch:
    s = CATALOG[sid]
    if s.style == "dynamic" and s.repetitions is not None:
        return PrescribedStretch(stretch=sid, reps=s.repetitions.min)
    return PrescribedStretch(stretch=sid, hold_seconds=30, reps=2)


@settings(max_examples=60, deadline=None)
@given(
    chosen=st.lists(st.sampled_from(STRETCHES), min_size=1, max_size=6, unique=True),
    excluded=st.sets(st.sampled_from(STRETCHES), max_size=8),
)
def test_the_clients_screen_rules_over_any_prescription(chosen, excluded):
    p = Prescription(stretches=[_item(s) for s in chosen])
    routine = prescribed_routine(p, CATALOG)
    check_dose(routine, CATALOG, None)  # a coach's usual doses meet the rules
    told = left_out_by_screen(chosen, excluded)
    assert told == [s for s in chosen if s in excluded]
    if set(chosen) <= excluded:
        return  # nothing left: the gate refuses (tested with the services)
    played, changes = gate_routine(routine, Allowed(excluded={s: "" for s in excluded}), CATALOG)
    ids = [s.id for s in played.steps if s.kind == "stretch"]
    assert ids == [s for s in chosen if s not in excluded]
    assert {c.stretch for c in changes if c.action == "left-out"} == set(told)
    assert played.total_seconds == sum(s.seconds for s in played.steps)


def test_positions_change_with_a_transition_between():
    p = Prescription(stretches=[_item("standing-forward-fold"), _item("supine-figure-four")])
    kinds = [s.kind for s in prescribed_routine(p, CATALOG).steps]
    assert kinds == ["stretch", "transition", "stretch"]
