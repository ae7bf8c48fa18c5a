"""The timeline: what a user hears and does at each second of a routine."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple.domain.routine import Routine, Step
from supple.domain.timeline import TimelineError, compile_timeline
from supple.wording import API, word
from tests.player.helpers import CATALOG, static


def catcow(reps: int = 6, lead: int = 5) -> Step:
    return Step(
        kind="stretch",
        id="cat-cow",
        seconds=reps * 8 + lead,
        name="Cat-cow",
        style="dynamic",
        position="all-fours",
        sides=["both"],
        hold_seconds=8,
        reps=reps,
    )


def routine(*steps: Step) -> Routine:
    return Routine(
        total_seconds=sum(s.seconds for s in steps),
        warmed_up=False,
        context="anytime",
        steps=list(steps),
    )


FULL = routine(
    Step(
        kind="warmup",
        id="light-cardio-warmup",
        seconds=300,
        name="Light cardio warm-up",
        style="warmup",
        sides=["both"],
    ),
    Step(
        kind="transition",
        seconds=15,
        name="Move from standing to all-fours",
        from_position="standing",
        to_position="all-fours",
    ),
    catcow(),
    Step(
        kind="transition",
        seconds=15,
        name="Move from all-fours to lying",
        from_position="all-fours",
        to_position="lying",
    ),
    static("supine-figure-four", 30, 2),
)


def kinds_of_step(tl, step: int) -> list[str]:
    return [s.kind for s in tl.segments if s.step == step]


def test_a_routine_becomes_warmup_transition_breathing_and_holds_in_order():
    tl = compile_timeline(FULL, CATALOG)
    assert kinds_of_step(tl, 0) == ["warmup"]
    assert kinds_of_step(tl, 1) == ["transition"]
    assert kinds_of_step(tl, 2)[0] == "prepare"
    assert kinds_of_step(tl, 4) == [
        "prepare",
        "breathe-in",
        "hold",  # left, first repetition
        "rest",
        "breathe-in",
        "hold",  # left, second
        "switch",
        "breathe-in",
        "hold",  # right, first
        "rest",
        "breathe-in",
        "hold",  # right, second
    ]
    assert {s.kind for s in tl.segments} == {
        "warmup",
        "transition",
        "prepare",
        "breathe-in",
        "breathe-out",
        "hold",
        "switch",
        "rest",
    }


def test_total_is_the_routine_total_and_each_step_keeps_its_seconds():
    tl = compile_timeline(FULL, CATALOG)
    assert tl.total == FULL.total_seconds
    for i, step in enumerate(FULL.steps):
        assert math.isclose(sum(s.duration for s in tl.segments if s.step == i), step.seconds)


def test_get_ready_names_the_stretch_and_side_and_holds_start_on_an_out_breath():
    tl = compile_timeline(FULL, CATALOG)
    prep = next(s for s in tl.segments if s.step == 4 and s.kind == "prepare")
    assert "Supine figure-four" in prep.cue and "left side" in prep.cue
    hold = next(s for s in tl.segments if s.kind == "hold")
    assert "breathe out" in hold.cue.lower() and hold.source == "seed-002"
    assert hold.cues == tuple(CATALOG.get("supine-figure-four").cues)
    before = tl.segments[hold.index - 1]
    assert before.kind == "breathe-in" and "breathe in" in before.cue.lower()
    switch = next(s for s in tl.segments if s.kind == "switch")
    assert "switch sides" in switch.cue.lower() and switch.side == "right"


def test_both_sides_get_the_same_holds():
    tl = compile_timeline(FULL, CATALOG)
    holds = [s for s in tl.segments if s.kind == "hold"]
    left = [s.duration for s in holds if s.side == "left"]
    right = [s.duration for s in holds if s.side == "right"]
    assert left == right == [30.0, 30.0]
    assert len({s.hold_group for s in holds}) == 4


def test_cat_cow_alternates_in_and_out_breaths_at_its_tempo():
    tl = compile_timeline(FULL, CATALOG)
    tempo = CATALOG.get("cat-cow").tempo
    assert tempo is not None
    moves = [s for s in tl.segments if s.step == 2 and s.kind != "prepare"]
    assert [s.kind for s in moves] == ["breathe-in", "breathe-out"] * 6
    assert all(s.duration == tempo.inhale_seconds for s in moves if s.kind == "breathe-in")
    assert all(s.duration == tempo.exhale_seconds for s in moves if s.kind == "breathe-out")
    assert moves[0].cue == tempo.inhale_cue and moves[1].cue == tempo.exhale_cue
    assert len({s.hold_group for s in moves}) == 1  # one continuous movement to log


def test_time_scale_multiplies_every_start_and_duration():
    one = compile_timeline(FULL, CATALOG)
    fast = compile_timeline(FULL, CATALOG, time_scale=0.01)
    assert math.isclose(fast.total, one.total * 0.01)
    for a, b in zip(one.segments, fast.segments, strict=True):
        assert math.isclose(b.start, a.start * 0.01, abs_tol=1e-9)
        assert math.isclose(b.duration, a.duration * 0.01, abs_tol=1e-9)
        assert (a.kind, a.cue) == (b.kind, b.cue)


def test_segment_at_finds_what_runs_at_a_second():
    tl = compile_timeline(FULL, CATALOG)
    assert tl.segment_at(0).kind == "warmup"
    assert tl.segment_at(305).kind == "transition"
    assert tl.segment_at(tl.total - 0.001).kind == "hold"
    assert tl.segment_at(tl.total) is None and tl.segment_at(-1) is None


def test_a_step_without_lead_in_time_starts_with_its_hold_and_short_steps_shrink_gaps():
    tight = routine(static("seated-figure-four", 20, 2, lead=0))
    assert kinds_of_step(compile_timeline(tight, CATALOG), 0)[0] == "hold"
    squeezed = Step(
        kind="stretch",
        id="seated-figure-four",
        seconds=82,
        sides=["left", "right"],
        hold_seconds=20,
        reps=2,
    )
    tl = compile_timeline(routine(squeezed), CATALOG)
    assert tl.total == 82
    assert [s.duration for s in tl.segments if s.kind == "hold"] == [20.0] * 4


def test_a_step_too_short_for_its_holds_is_refused_naming_the_step():
    bad = Step(
        kind="stretch",
        id="seated-figure-four",
        seconds=30,
        sides=["left", "right"],
        hold_seconds=20,
        reps=1,
    )
    with pytest.raises(TimelineError) as e:
        compile_timeline(routine(bad), CATALOG)
    assert e.value.code.id == "timeline.step-too-short" and e.value.field == "steps.0.seconds"
    said = word(e.value, API)
    assert said.startswith("Step 1 (") and "is shorter than its holds" in said, said


def test_an_unknown_stretch_is_refused_with_a_suggestion():
    bad = Step(kind="stretch", id="cat-cows", seconds=60, sides=["both"], hold_seconds=8, reps=6)
    with pytest.raises(TimelineError) as e:
        compile_timeline(routine(bad), CATALOG)
    said = word(e.value, API)
    assert 'no stretch "cat-cows"' in said and "Did you mean Cat-cow" in said, said


def test_to_json_lists_every_segment_for_the_web_player():
    tl = compile_timeline(FULL, CATALOG)
    data = tl.to_json()
    assert len(data) == len(tl)
    assert {
        "index",
        "kind",
        "start",
        "duration",
        "step",
        "id",
        "side",
        "rep",
        "cue",
        "source",
    } <= set(data[0])


STATIC_IDS = [s.id for s in CATALOG if s.style == "static"]


@st.composite
def routines(draw: st.DrawFn) -> Routine:
    steps: list[Step] = []
    if draw(st.booleans()):
        steps.append(
            Step(
                kind="warmup",
                id="light-cardio-warmup",
                seconds=draw(st.sampled_from([300, 600])),
                sides=["both"],
            )
        )
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.booleans()):
            steps.append(Step(kind="transition", seconds=draw(st.integers(0, 20))))
        if draw(st.integers(0, 4)) == 0:
            steps.append(catcow(draw(st.integers(1, 10)), draw(st.integers(0, 10))))
        else:
            step = static(
                draw(st.sampled_from(STATIC_IDS)),
                draw(st.integers(10, 60)),
                draw(st.integers(1, 4)),
                draw(st.integers(0, 12)),
            )
            cut = draw(st.integers(0, 20))  # shorter than the planner's gaps: gaps shrink
            holds = len(step.sides) * (step.reps or 1) * (step.hold_seconds or 0)
            steps.append(step.model_copy(update={"seconds": max(holds, step.seconds - cut)}))
    return routine(*steps)


@settings(max_examples=150, deadline=None)
@given(routines(), st.sampled_from([1.0, 0.5, 0.05, 0.013]))
def test_segments_are_contiguous_and_add_up_to_the_routine(r: Routine, scale: float):
    tl = compile_timeline(r, CATALOG, time_scale=scale)
    segs = tl.segments
    assert segs[0].start == 0
    for a, b in itertools.pairwise(segs):
        assert math.isclose(a.end, b.start, abs_tol=1e-9)  # contiguous: no gap, no overlap
        assert b.step >= a.step
        assert a.duration > 0
    assert math.isclose(tl.total, r.total_seconds * scale, rel_tol=1e-9)
    assert [s.index for s in segs] == list(range(len(segs)))
    for i, step in enumerate(r.steps):
        if step.kind == "stretch" and step.style == "static":
            holds = [s for s in segs if s.step == i and s.kind == "hold"]
            assert len(holds) == len(step.sides) * (step.reps or 1)
            assert all(math.isclose(h.duration, (step.hold_seconds or 0) * scale) for h in holds)
            lefts = [h for h in holds if h.side == "left"]
            rights = [h for h in holds if h.side == "right"]
            assert len(lefts) == len(rights)


def test_a_stretch_without_sides_never_hears_both_sides_and_next_names_the_stretch():
    """Child's pose and cat-cow have no sides: no cue says "both sides"; a change of position
    says which stretch comes next by name."""
    from supple.data.loader import shipped
    from supple.domain.planner import PlanRequest, plan

    data = shipped()
    r = plan(
        data.catalog,
        PlanRequest(minutes=15, places=["floor"], warm=True, focus=["lower-back"]),
        data.anatomy,
    )
    tl = compile_timeline(r, data.catalog)
    unsided = {s.id for s in data.catalog if not s.one_sided}
    assert any(r.steps[seg.step].id in unsided for seg in tl.segments)
    for seg in tl.segments:
        step = r.steps[seg.step]
        if step.id in unsided:
            assert "both sides" not in seg.cue, seg.cue
        if seg.kind == "transition" and "Next:" in seg.cue:
            following = next(s for s in r.steps[seg.step + 1 :] if s.kind != "transition")
            assert f"Next: {following.name}." in seg.cue


def test_the_cues_come_in_the_words_a_front_end_passes():
    """Every cue the timeline writes is a template looked up through `words` (a front end's
    `_`): a reworded catalog changes what the player says; stretch names stay as they are."""
    polish = {
        "Breathe in.": "Wdech.",
        "Get ready: {name}, left side.": "Przygotuj się: {name}, lewa strona.",
        "Release slowly and switch sides: right side next.": "Zmień stronę: teraz prawa.",
        "Move from {start} to {end}": "Przejdź z pozycji {start} do {end}",
        "all-fours": "klęk podparty",
        "lying": "leżenie",
        "{move}. Next: {name}.": "{move}. Dalej: {name}.",
    }
    english = compile_timeline(FULL, CATALOG)
    shown = compile_timeline(FULL, CATALOG, words=lambda m: polish.get(m, m))
    cues = {s.cue for s in shown.segments}
    assert "Wdech." in cues and "Breathe in." not in cues
    assert "Przygotuj się: Supine figure-four (piriformis), lewa strona." in cues, cues
    assert "Zmień stronę: teraz prawa." in cues
    assert (
        "Przejdź z pozycji klęk podparty do leżenie. Dalej: Supine figure-four (piriformis)."
        in cues
    ), cues
    # What the words do not hold stays English; the timing is the same in every language.
    assert "Breathe out as you ease in, then hold." in cues
    assert [(s.kind, s.start, s.duration) for s in shown.segments] == [
        (s.kind, s.start, s.duration) for s in english.segments
    ]
