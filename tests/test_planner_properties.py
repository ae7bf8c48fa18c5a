"""Invariants of every plan, over random requests and random catalogs (hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supple.domain.catalog import Catalog, Stretch
from supple.domain.planner import (
    PlanError,
    PlanRequest,
    heuristic_objective,
    optimal_objective,
    plan,
)
from supple.domain.planner_rules import (
    FILL_SHARE,
    HOLD_65_PLUS,
    HOLD_UNDER_65,
    MAX_REPS,
    POSITION_ORDER,
    PREPARE_SECONDS,
    REST_SECONDS,
    SWITCH_SECONDS,
    TRANSITION_SECONDS,
    WARMUP_MINUTES,
)
from supple.domain.routine import Routine
from tests.test_planner import CATALOG, REGIONS, make_stretch

IDS = [s.id for s in CATALOG if s.style != "warmup"]
MUSCLES = [*REGIONS["lower-back"], *REGIONS["upper-glutes"], "hip-flexors"]
PLACES = ["floor", "chair", "standing"]
FOCI = [["lower-back"], ["upper-glutes"], ["upper-glutes", "lower-back"]]


@st.composite
def requests(draw: st.DrawFn, ids: list[str] = IDS) -> PlanRequest:
    excluded = draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
    rest = [i for i in ids if i not in excluded]
    return PlanRequest(
        minutes=draw(st.integers(1, 90)),
        places=draw(st.lists(st.sampled_from(PLACES), min_size=1, max_size=3, unique=True)),
        context=draw(st.sampled_from(["before", "after", "anytime"])),
        focus=draw(st.sampled_from(FOCI)),
        warm=draw(st.booleans()),
        age=draw(st.none() | st.integers(18, 95)),
        seed=draw(st.none() | st.integers(0, 2**16)),
        excluded={i: "screening said so" for i in excluded},
        avoid=draw(st.lists(st.sampled_from(rest), unique=True, max_size=2)) if rest else [],
        modified=draw(st.dictionaries(st.sampled_from(ids), st.just("Go gently."), max_size=2)),
    )


def plan_or_none(catalog: Catalog, req: PlanRequest) -> Routine | None:
    """The plan, or None when the planner refuses with one of its documented errors."""
    try:
        return plan(catalog, req, REGIONS)
    except PlanError as e:
        assert e.code in {"too-short", "too-long", "no-stretches"}, e.message
        assert e.exit_code == 2 and e.message
        if e.code == "too-short":
            assert "--minutes" in e.message
            assert ("--warm" in e.message) == (not req.warm and req.context != "after")
        return None


def check_invariants(catalog: Catalog, req: PlanRequest, r: Routine) -> None:
    budget = req.minutes * 60
    stretches = r.stretch_steps()
    by_id = {s.id: s for s in catalog}

    # Time: counted honestly, never over, and at least 80 % from 10 minutes.
    assert r.total_seconds == sum(s.seconds for s in r.steps)
    assert r.total_seconds <= budget
    if req.minutes >= 10:
        assert r.total_seconds >= FILL_SHARE * budget

    # Warm-up first iff not warm and not after activity; 5-10 whole minutes.
    wants_warmup = not req.warm and req.context != "after"
    warmups = [s for s in r.steps if s.kind == "warmup"]
    assert (len(warmups) == 1 and r.steps[0].kind == "warmup") == wants_warmup
    assert len(warmups) <= 1
    for w in warmups:
        assert WARMUP_MINUTES[0] * 60 <= w.seconds <= WARMUP_MINUTES[1] * 60
        assert w.seconds % 60 == 0
    assert stretches

    ids = [s.id for s in stretches]
    assert len(ids) == len(set(ids))
    # Screening exclusions and avoided ids never appear; modifications are carried.
    assert not set(ids) & set(req.excluded)
    assert not set(ids) & set(req.avoid)
    for s in stretches:
        if s.id in req.modified:
            assert s.modification and req.modified[s.id] in s.modification

    # Places fit; one-region focus means a primary target in it.
    for s in stretches:
        stretch = by_id[s.id or ""]
        assert set(stretch.places) & set(req.places)
        assert s.position == stretch.position
        if len(req.focus) == 1:
            assert set(stretch.targets.primary) & set(REGIONS[req.focus[0]])
        else:
            assert set(stretch.targets.primary) & {m for f in req.focus for m in REGIONS[f]}

    # Positions: each visited once, as one block; transitions between blocks, counted.
    blocks: list[str] = []
    for s in stretches:
        if not blocks or blocks[-1] != s.position:
            assert s.position not in blocks, f"returned to {s.position}"
            blocks.append(s.position or "")
    moves = [s for s in r.steps if s.kind == "transition"]
    starts_elsewhere = bool(warmups) and warmups[0].position != blocks[0]
    assert len(moves) == len(blocks) - 1 + int(starts_elsewhere)
    assert all(m.seconds == TRANSITION_SECONDS for m in moves)
    for i, step in enumerate(r.steps):
        if step.kind == "transition":
            assert r.steps[i + 1].position == step.to_position != step.from_position

    # Order: before activity every dynamic stretch precedes every static one; otherwise the
    # blocks follow the flow order.
    styles = [s.style for s in stretches]
    if req.context == "before":
        if "dynamic" in styles and "static" in styles:
            last_dynamic = max(i for i, k in enumerate(styles) if k == "dynamic")
            first_static = min(i for i, k in enumerate(styles) if k == "static")
            assert last_dynamic < first_static
    else:
        ranks = [POSITION_ORDER.index(b) for b in blocks]
        assert ranks == sorted(ranks)

    # Doses: equal sides, holds in range for age, the whole duration counted.
    lo, hi = HOLD_65_PLUS if req.age is not None and req.age >= 65 else HOLD_UNDER_65
    for s in stretches:
        stretch = by_id[s.id or ""]
        hold, reps = s.hold_seconds or 0, s.reps or 0
        n = 2 if stretch.one_sided else 1
        assert s.sides == (["left", "right"] if stretch.one_sided else ["both"])
        if stretch.style == "static":
            assert lo <= hold <= hi and 1 <= reps <= MAX_REPS
            own = stretch.hold_seconds
            # Under 65 the stretch's own range narrows the seeds' 20-30 s where they overlap.
            short = lo
            if hi == HOLD_UNDER_65[1] and own is not None and own.min <= hi and own.max >= lo:
                short = max(lo, own.min)
                assert hold <= min(hi, own.max)
            if req.context == "before":
                assert hold == short
            per_side = hold * reps + REST_SECONDS * (reps - 1)
            assert s.seconds == PREPARE_SECONDS + n * per_side + SWITCH_SECONDS * (n - 1)
        else:
            assert stretch.tempo is not None and stretch.repetitions is not None
            assert hold == stretch.tempo.rep_seconds
            assert stretch.repetitions.min <= reps <= stretch.repetitions.max
        assert s.why and s.targets == list(stretch.targets.primary)

    # Everything in the catalog is either used or explained, never both.
    used = {s.id for s in r.steps if s.id}
    left = {e.id for e in r.excluded}
    assert used | left == set(catalog.ids()) and not used & left
    for e in r.excluded:
        if e.id in req.excluded:
            assert e.reason.startswith("screening:")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_every_plan_keeps_every_rule(req: PlanRequest) -> None:
    r = plan_or_none(CATALOG, req)
    if r is not None:
        check_invariants(CATALOG, req, r)


@settings(max_examples=60, deadline=None)
@given(requests())
def test_same_inputs_and_seed_give_the_same_routine(req: PlanRequest) -> None:
    first = plan_or_none(CATALOG, req)
    assert first == plan_or_none(CATALOG, req)


@settings(max_examples=60, deadline=None)
@given(st.integers(10, 20), st.booleans(), st.sampled_from(["before", "after", "anytime"]))
def test_ten_to_20_minutes_on_the_floor_always_plans(minutes: int, warm: bool, ctx: Any) -> None:
    # The floor holds enough stretches for both regions to fill 20 minutes at the right dose.
    r = plan(CATALOG, PlanRequest(minutes=minutes, warm=warm, context=ctx), REGIONS)
    assert r.total_seconds >= FILL_SHARE * minutes * 60


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 90), st.sampled_from(FOCI))
def test_too_long_is_refused_only_when_even_the_longest_routine_falls_short(
    minutes: int, focus: list[str]
) -> None:
    req = PlanRequest(minutes=minutes, focus=focus, places=["chair", "standing"], warm=True)
    try:
        plan(CATALOG, req, REGIONS)
    except PlanError as e:
        if e.code == "too-long":
            most = int(e.message.split("at most about ")[1].split(" ")[0])
            assert most < FILL_SHARE * minutes
            assert "--minutes" in e.message


# --- random catalogs and the optimum ---------------------------------------------------------

POSITIONS = list(POSITION_ORDER)


@st.composite
def stretches(draw: st.DrawFn, i: int) -> Stretch:
    dynamic = draw(st.integers(0, 4)) == 0
    position = draw(st.sampled_from(POSITIONS))
    kw: dict[str, Any] = {
        "position": position,
        "primary": draw(st.lists(st.sampled_from(MUSCLES), min_size=1, max_size=3, unique=True)),
        "style": "dynamic" if dynamic else "static",
        "sides": "both" if dynamic else draw(st.sampled_from(["each", "each", "both"])),
        "hold": draw(st.sampled_from([(20, 30), (15, 30), (30, 45), (20, 20)])),
        "reps": draw(st.sampled_from([(6, 10), (4, 8)])),
        "tempo": draw(st.sampled_from([(4, 4), (3, 3), (2, 3)])),
    }
    return make_stretch(f"s{i}", **kw)


@st.composite
def small_catalogs(draw: st.DrawFn) -> Catalog:
    n = draw(st.integers(1, 6))
    warmup = make_stretch(
        "warmup",
        style="warmup",
        position="standing",
        sides="both",
        places=PLACES,
        primary=["gluteus-maximus"],
    )
    return Catalog([warmup, *(draw(stretches(i)) for i in range(n))])


@st.composite
def small_requests(draw: st.DrawFn) -> PlanRequest:
    return PlanRequest(
        minutes=draw(st.integers(1, 25)),
        places=PLACES,
        context=draw(st.sampled_from(["before", "after", "anytime"])),
        focus=draw(st.sampled_from(FOCI)),
        warm=draw(st.booleans()),
        age=draw(st.none() | st.integers(18, 95)),
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_catalogs(), small_requests())
def test_random_catalogs_keep_every_rule(catalog: Catalog, req: PlanRequest) -> None:
    r = plan_or_none(catalog, req)
    if r is not None:
        check_invariants(catalog, req, r)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_catalogs(), small_requests())
def test_heuristic_is_within_two_percent_of_the_exhaustive_optimum(
    catalog: Catalog, req: PlanRequest
) -> None:
    try:
        best = optimal_objective(catalog, req, REGIONS)
    except PlanError:
        return
    if best is None:
        # No selection meets the time bounds: the planner must refuse too.
        assert plan_or_none(catalog, req) is None
        return
    got = heuristic_objective(catalog, req, REGIONS)
    assert got <= best + 1e-6
    assert got >= 0.98 * best, (got, best)
