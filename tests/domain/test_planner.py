"""The planner's rules one by one, its error paths, and the shipped catalog end to end."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from supple.domain.catalog import Catalog, Stretch
from supple.domain.planner import (
    RULES,
    PlanError,
    PlanRequest,
    heuristic_objective,
    optimal_objective,
    plan,
)
from supple.domain.planner_rules import (
    HOLD_65_PLUS,
    HOLD_UNDER_65,
    POSITION_ORDER,
    PREPARE_SECONDS,
    REST_SECONDS,
    SWITCH_SECONDS,
    TRANSITION_SECONDS,
)
from supple.domain.routine import Routine
from supple.wording import CLI, word

REGIONS: dict[str, list[str]] = {
    "lower-back": ["erector-spinae", "quadratus-lumborum", "obliques"],
    "upper-glutes": ["gluteus-medius", "gluteus-minimus", "gluteus-maximus", "piriformis"],
}

PLACE_OF = {
    "standing": "standing",
    "chair": "chair",
    "kneeling": "floor",
    "all-fours": "floor",
    "seated": "floor",
    "lying": "floor",
}


def make_stretch(
    sid: str,
    *,
    position: str = "lying",
    primary: Sequence[str] = ("piriformis",),
    sides: str = "each",
    style: str = "static",
    places: Sequence[str] | None = None,
    hold: tuple[int, int] = (20, 30),
    reps: tuple[int, int] = (6, 10),
    tempo: tuple[int, int] = (4, 4),
    easier: str | None = "Go only part of the way into it.",
) -> Stretch:
    """A valid Stretch with just what the planner reads; the rest is filler text."""
    raw: dict[str, Any] = {
        "id": sid,
        "name": sid.replace("-", " ").title(),
        "style": style,
        "places": list(places) if places is not None else [PLACE_OF[position]],
        "position": position,
        "sides": sides,
        "targets": {"primary": list(primary)},
        "steps": ["Get into position.", "Ease into it.", "Hold and breathe."],
        "cues": ["Breathe out as you ease in."],
        "sources": ["seed-002"],
    }
    if style == "static":
        raw["hold_seconds"] = {"min": hold[0], "max": hold[1]}
    elif style == "dynamic":
        raw["repetitions"] = {"min": reps[0], "max": reps[1]}
        raw["tempo"] = {
            "inhale_seconds": tempo[0],
            "exhale_seconds": tempo[1],
            "inhale_cue": "Breathe in and arch.",
            "exhale_cue": "Breathe out and round.",
        }
    else:
        raw["minutes"] = {"min": 5, "max": 10}
    if easier:
        raw["modifications"] = [{"kind": "easier", "text": easier, "source": "seed-002"}]
    return Stretch.model_validate(raw)


def sample_catalog() -> Catalog:
    """A stand-in for the shipped catalog with the same shape (ten entries, one warm-up)."""
    return Catalog(
        [
            make_stretch(
                "warmup",
                style="warmup",
                position="standing",
                sides="both",
                places=["floor", "chair", "standing"],
                primary=["gluteus-maximus"],
            ),
            make_stretch(
                "standing-four", position="standing", primary=["gluteus-medius", "piriformis"]
            ),
            make_stretch("chair-four", position="chair", primary=["gluteus-medius", "piriformis"]),
            make_stretch("lunge", position="kneeling", primary=["hip-flexors", "gluteus-maximus"]),
            make_stretch(
                "child",
                position="kneeling",
                sides="both",
                primary=["erector-spinae", "quadratus-lumborum"],
                easier=None,
            ),
            make_stretch(
                "catcow",
                position="all-fours",
                sides="both",
                style="dynamic",
                primary=["erector-spinae", "quadratus-lumborum"],
            ),
            make_stretch(
                "seated-cross",
                position="seated",
                primary=["piriformis", "gluteus-medius", "gluteus-maximus"],
            ),
            make_stretch(
                "supine-four",
                position="lying",
                primary=["piriformis", "gluteus-medius", "gluteus-maximus"],
            ),
            make_stretch(
                "knee-chest", position="lying", primary=["erector-spinae", "gluteus-maximus"]
            ),
            make_stretch(
                "twist",
                position="lying",
                primary=["erector-spinae", "quadratus-lumborum", "obliques", "gluteus-medius"],
            ),
        ]
    )


CATALOG = sample_catalog()


def req(**kw: Any) -> PlanRequest:
    kw.setdefault("places", ["floor", "chair", "standing"])
    return PlanRequest(**kw)


def run(**kw: Any) -> Routine:
    return plan(CATALOG, req(**kw), REGIONS)


def stretch_ids(r: Routine) -> list[str]:
    return [s.id for s in r.stretch_steps() if s.id]


def rule_ids(r: Routine) -> set[str]:
    return {n.id for n in r.rules}


# --- warm-up ---------------------------------------------------------------------------------


def test_a_cold_start_opens_with_a_five_to_ten_minute_warm_up() -> None:
    r = run(minutes=12)
    first = r.steps[0]
    assert first.kind == "warmup" and first.id == "warmup"
    assert 300 <= first.seconds <= 600 and first.seconds % 60 == 0
    assert "warm-up" in rule_ids(r) and not r.warmed_up


@pytest.mark.parametrize("kw", [{"warm": True}, {"context": "after"}])
def test_no_warm_up_when_already_warm_or_after_activity(kw: dict[str, Any]) -> None:
    r = run(minutes=12, **kw)
    assert all(s.kind != "warmup" for s in r.steps)
    assert r.warmed_up and "already-warm" in rule_ids(r)
    assert any(e.id == "warmup" and e.kind == "warm-up" for e in r.excluded)


def test_five_minutes_with_cold_muscles_is_gentle_movement_only() -> None:
    r = run(minutes=5)
    assert r.movement_only and not r.warmed_up
    assert all(s.kind != "warmup" for s in r.steps)
    assert r.stretch_steps() and all(s.style == "dynamic" for s in r.stretch_steps())
    assert "movement-only" in rule_ids(r)
    assert any("gentle movement only" in c for c in r.cautions)
    assert any(
        e.kind == "warm-up" and e.reason.startswith("A static hold needs warm muscles")
        for e in r.excluded
    )


def test_too_short_for_warm_up_and_one_stretch_says_how_many_minutes_or_warm() -> None:
    # No dynamic stretch fits a chair here, so there is no movement-only routine either.
    with pytest.raises(PlanError) as e:
        run(minutes=5, places=["chair"], focus=["upper-glutes"])
    assert e.value.code.id == "plan.too-short-with-warmup" and e.value.kind == "bad-input"
    need = e.value.params["need"]
    assert e.value.field == "minutes" and need >= 6
    text = word(e.value, CLI)
    assert f"--minutes to at least {need}" in text and "--warm" in text


def test_one_minute_is_enough_for_one_stretch_when_warm() -> None:
    r = run(minutes=1, warm=True)
    assert len(r.stretch_steps()) == 1 and r.total_seconds <= 60


def test_older_adults_one_minute_is_too_short_and_the_message_gives_the_minimum() -> None:
    # Two sides of one 30 s hold plus the switch do not fit in 60 s.
    with pytest.raises(PlanError) as e:
        run(minutes=1, warm=True, age=70, places=["floor"], focus=["upper-glutes"])
    assert e.value.code.id == "plan.too-short" and e.value.params["need"] == 2
    assert "--minutes to at least 2" in word(e.value, CLI)


# --- dose ------------------------------------------------------------------------------------


def test_hold_time_is_twenty_to_thirty_seconds_under_65() -> None:
    r = run(minutes=20, age=40)
    for s in r.stretch_steps():
        if s.style == "static":
            assert HOLD_UNDER_65[0] <= (s.hold_seconds or 0) <= HOLD_UNDER_65[1]
    assert "hold-time" in rule_ids(r)


def test_hold_time_is_thirty_to_sixty_seconds_from_65() -> None:
    r = run(minutes=20, age=65)
    for s in r.stretch_steps():
        if s.style == "static":
            assert HOLD_65_PLUS[0] <= (s.hold_seconds or 0) <= HOLD_65_PLUS[1]
    assert RULES["hold-time-older"] in r.rules and RULES["hold-time-older"].source == "acsm-2021"


def test_plenty_of_time_builds_every_stretch_to_about_sixty_seconds_a_side() -> None:
    r = run(minutes=25, warm=True)
    for s in r.stretch_steps():
        if s.style == "static":
            assert (s.hold_seconds or 0) * (s.reps or 0) >= 60
            assert 2 <= (s.reps or 0) <= 4


def test_short_time_prefers_fuller_doses_of_fewer_stretches_but_covers_both_regions() -> None:
    r = run(minutes=4, warm=True, places=["floor"])
    targets = {m for s in r.stretch_steps() for m in s.targets}
    assert targets & set(REGIONS["lower-back"]) and targets & set(REGIONS["upper-glutes"])
    assert len(r.stretch_steps()) <= 3
    assert any((s.reps or 0) >= 2 for s in r.stretch_steps())


def test_step_seconds_count_every_side_rep_rest_and_switch() -> None:
    r = run(minutes=15, warm=True)
    for s in r.stretch_steps():
        if s.style != "static":
            continue
        n = len(s.sides)
        hold, reps = s.hold_seconds or 0, s.reps or 0
        per_side = hold * reps + REST_SECONDS * (reps - 1)
        assert s.seconds == PREPARE_SECONDS + n * per_side + SWITCH_SECONDS * (n - 1)


def test_one_sided_stretches_list_left_and_right_with_one_dose() -> None:
    r = run(minutes=15)
    one_sided = [s for s in r.stretch_steps() if s.id not in {"child", "catcow"}]
    assert one_sided and all(s.sides == ["left", "right"] for s in one_sided)
    assert all(s.sides == ["both"] for s in r.stretch_steps() if s.id in {"child", "catcow"})
    assert "equal-sides" in rule_ids(r)


# --- context ---------------------------------------------------------------------------------


def test_before_activity_cat_cow_comes_before_any_static_hold_and_holds_are_short() -> None:
    r = run(minutes=15, context="before")
    kinds = [s.style for s in r.stretch_steps()]
    assert "dynamic" in kinds
    assert kinds.index("dynamic") < min(i for i, k in enumerate(kinds) if k == "static")
    for s in r.stretch_steps():
        if s.style == "static":
            assert s.hold_seconds == HOLD_UNDER_65[0]
    assert "context-before" in rule_ids(r)


def test_dynamic_step_holds_tempo_seconds_and_breath_cycles() -> None:
    r = run(minutes=15, context="before")
    cc = next(s for s in r.stretch_steps() if s.id == "catcow")
    assert cc.hold_seconds == 8 and 6 <= (cc.reps or 0) <= 10
    assert cc.seconds == PREPARE_SECONDS + 8 * (cc.reps or 0) and cc.sides == ["both"]


def test_after_activity_static_holds_are_the_core() -> None:
    r = run(minutes=15, context="after")
    statics = [s for s in r.stretch_steps() if s.style == "static"]
    assert len(statics) >= len(r.stretch_steps()) - 1 and statics
    assert "context-after" in rule_ids(r)


# --- place, position, transitions ------------------------------------------------------------


def test_only_stretches_for_the_chosen_places_and_the_rest_is_explained() -> None:
    r = run(minutes=5, places=["chair"], focus=["upper-glutes"], warm=True)
    assert stretch_ids(r) == ["chair-four"]
    kinds = {e.id: e.kind for e in r.excluded}
    assert kinds["standing-four"] == kinds["supine-four"] == "place"


def test_positions_flow_forward_and_each_change_costs_a_transition() -> None:
    r = run(minutes=30, warm=True)
    seen: list[str] = []
    for s in r.steps:
        if s.kind == "stretch" and (not seen or seen[-1] != s.position):
            assert s.position not in seen, "returned to a position already left"
            seen.append(s.position or "")
    ranks = [POSITION_ORDER.index(p) for p in seen]
    assert ranks == sorted(ranks)
    transitions = [s for s in r.steps if s.kind == "transition"]
    assert len(transitions) == len(seen) - 1
    assert all(t.seconds == TRANSITION_SECONDS and t.id is None for t in transitions)
    assert "transitions" in rule_ids(r)


def test_a_transition_leads_from_the_warm_up_to_the_first_stretch_position() -> None:
    r = run(minutes=12, places=["floor"])
    assert r.steps[1].kind == "transition"
    assert r.steps[1].from_position == "standing"
    assert r.steps[1].to_position == r.steps[2].position


# --- focus -----------------------------------------------------------------------------------


@pytest.mark.parametrize("region", ["lower-back", "upper-glutes"])
def test_one_region_focus_means_every_stretch_targets_it(region: str) -> None:
    r = run(minutes=20, focus=[region])
    assert r.stretch_steps()
    for s in r.stretch_steps():
        assert set(s.targets) & set(REGIONS[region]), s.id
    assert "focus" in rule_ids(r)


def test_lunge_is_left_out_of_a_lower_back_focus_with_the_reason() -> None:
    r = run(minutes=20, focus=["lower-back"])
    left = {e.id: e for e in r.excluded}
    assert left["lunge"].kind == "focus" and "None of its main targets" in left["lunge"].reason


# --- time budget -----------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [10, 12, 15, 20, 25])
def test_total_fits_the_minutes_and_uses_at_least_80_percent(minutes: int) -> None:
    r = run(minutes=minutes)
    assert r.total_seconds == sum(s.seconds for s in r.steps)
    assert 0.8 * minutes * 60 <= r.total_seconds <= minutes * 60


def test_more_minutes_than_the_stretches_fill_give_every_one_and_say_it_is_shorter() -> None:
    r = run(minutes=60, places=["chair"], focus=["upper-glutes"])
    assert r.fill_limit_seconds is not None and r.fill_limit_seconds < 0.8 * 3600
    assert r.total_seconds >= int(0.8 * r.fill_limit_seconds)
    ids = stretch_ids(r)
    assert len(ids) == len(set(ids))
    note = next(c for c in r.cautions if "shorter than the 60 minutes" in c)
    assert "--" not in note and "(time-budget" not in note and "time-budget" in rule_ids(r)


# --- screening, avoid, pain ------------------------------------------------------------------


def test_screening_exclusions_never_appear_and_say_why() -> None:
    r = run(minutes=20, excluded={"supine-four": "posterior hip replacement"})
    assert "supine-four" not in stretch_ids(r)
    reasons = {e.id: e.reason for e in r.excluded}
    assert reasons["supine-four"] == "Posterior hip replacement."
    assert next(e for e in r.excluded if e.id == "supine-four").rules == ["screening"]
    assert "screening" in rule_ids(r)


def test_modified_stretches_carry_the_modification_text() -> None:
    r = run(minutes=25, warm=True, modified={"twist": "Keep a pillow between the knees."})
    twist = next(s for s in r.stretch_steps() if s.id == "twist")
    assert twist.modification == "Keep a pillow between the knees."
    assert any("pillow" in c for c in r.cautions)


def test_avoided_ids_are_left_out() -> None:
    r = run(minutes=20, avoid=["twist", "child"])
    assert not {"twist", "child"} & set(stretch_ids(r))
    left = {e.id: e for e in r.excluded}
    assert left["twist"].kind == "avoid" and left["twist"].reason == "You asked to leave it out."


def test_unknown_avoid_id_is_bad_input_with_suggestions() -> None:
    with pytest.raises(PlanError) as e:
        run(minutes=20, avoid=["twst"])
    assert e.value.code.id == "plan.unknown-avoid" and e.value.field == "avoid"
    assert e.value.params["given"] == "twst" and e.value.params["suggestion_ids"][0] == "twist"
    assert '"twst" (in --avoid)' in word(e.value, CLI)


def test_pain_history_swaps_in_the_easier_version_with_the_reason() -> None:
    r = run(minutes=25, warm=True, pain_history={"supine-four": "sharp pain on 2026-11-20"})
    s = next(s for s in r.stretch_steps() if s.id == "supine-four")
    assert s.modification and "sharp pain on 2026-11-20" in s.modification
    assert "part of the way" in s.modification
    assert "pain-history" in rule_ids(r)


def test_pain_history_leaves_out_a_stretch_without_an_easier_version() -> None:
    r = run(minutes=25, warm=True, pain_history={"child": "sharp pain"})
    assert "child" not in stretch_ids(r)
    child = next(e for e in r.excluded if e.id == "child")
    assert child.kind == "pain" and child.reason.startswith("Sharp pain")


# --- other errors ----------------------------------------------------------------------------


def test_nothing_fits_the_place_and_focus() -> None:
    with pytest.raises(PlanError) as e:
        run(minutes=10, places=["chair"], focus=["lower-back"])
    assert e.value.code.id == "plan.no-stretches" and e.value.field == "places"
    assert "--place" in word(e.value, CLI)


@pytest.mark.parametrize(
    ("kw", "needle"),
    [
        ({"minutes": 0}, "--minutes must be a whole number from 1 to 240; 0 is not"),
        ({"minutes": 1000}, "1000 is not"),
        ({"minutes": 10, "focus": ["neck"]}, 'region called "neck" for --focus'),
        ({"minutes": 10, "focus": []}, "region for --focus"),
        ({"minutes": 10, "places": []}, "place for --place"),
    ],
)
def test_bad_input_names_the_option(kw: dict[str, Any], needle: str) -> None:
    with pytest.raises(PlanError) as e:
        plan(CATALOG, PlanRequest(**{"places": ["floor"], **kw}), REGIONS)
    assert e.value.kind == "bad-input" and needle in word(e.value, CLI)


# --- explanation, output, determinism --------------------------------------------------------


def test_every_catalog_stretch_is_used_or_explained() -> None:
    r = run(minutes=8, places=["floor"])
    used = {s.id for s in r.steps if s.id}
    left = {e.id for e in r.excluded}
    assert used | left == set(CATALOG.ids()) and not used & left


def test_every_stretch_says_why_in_words_and_names_its_rules_as_data() -> None:
    r = run(minutes=15, context="before")
    for s in r.stretch_steps():
        assert s.why.endswith(".") and "seed-" not in s.why and "garber" not in s.why
        assert "context-before" in s.rules and all(RULES[x].source for x in s.rules)


def test_rules_name_a_source_and_are_unique_entries_of_the_registry() -> None:
    r = run(minutes=12, avoid=["twist"], seed=3)
    assert len({n.id for n in r.rules}) == len(r.rules)
    for n in r.rules:
        assert RULES[n.id] == n and n.source and n.text


def test_rule_sources_are_known_sources() -> None:
    try:
        from importlib import resources

        from supple.data.loader import load_sources

        known = set(load_sources(resources.files("supple.data")))
    except Exception as exc:  # pragma: no cover - data under construction elsewhere
        pytest.skip(f"sources.toml does not load yet: {exc}")
    unknown = {r.source for r in RULES.values()} - known - {"supple"}
    assert not unknown


def test_json_shape_is_the_issue_contract() -> None:
    data = run(minutes=12).model_dump(mode="json")
    for key in ("total_seconds", "warmed_up", "context", "steps", "excluded", "cautions", "rules"):
        assert key in data
    step = next(s for s in data["steps"] if s["kind"] == "stretch")
    for key in (
        "id",
        "seconds",
        "style",
        "position",
        "sides",
        "hold_seconds",
        "reps",
        "targets",
        "why",
    ):
        assert key in step


def test_same_inputs_and_seed_give_the_same_routine() -> None:
    assert run(minutes=14, seed=7) == run(minutes=14, seed=7)
    assert run(minutes=14) == run(minutes=14)


def test_different_seeds_vary_among_interchangeable_stretches() -> None:
    twins = Catalog(
        [make_stretch(f"twin-{i}", primary=["piriformis", "erector-spinae"]) for i in range(4)]
    )
    chosen = set()
    for seed in range(12):
        r = plan(twins, req(minutes=1, warm=True, places=["floor"], seed=seed), REGIONS)
        assert len(r.stretch_steps()) == 1
        chosen.add(stretch_ids(r)[0])
    assert len(chosen) > 1


# --- the optimiser ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kw",
    [
        {"minutes": 3, "warm": True},
        {"minutes": 8},
        {"minutes": 12, "context": "before"},
        {"minutes": 10, "context": "after", "age": 70},
    ],
)
def test_heuristic_is_within_two_percent_of_the_optimum(kw: dict[str, Any]) -> None:
    small = Catalog([s for s in CATALOG if s.id not in {"standing-four", "chair-four"}])
    best = optimal_objective(small, req(**kw), REGIONS)
    got = heuristic_objective(small, req(**kw), REGIONS)
    assert best is not None and got >= 0.98 * best and got <= best + 1e-6


# --- the shipped catalog ---------------------------------------------------------------------


def _shipped() -> Any:
    try:
        from supple.data.loader import shipped

        return shipped()
    except Exception as exc:  # pragma: no cover - data under construction elsewhere
        pytest.skip(f"the shipped data does not load yet: {exc}")


def test_shipped_catalog_twelve_minutes_on_the_floor() -> None:
    data = _shipped()
    r = plan(data.catalog, PlanRequest(minutes=12, places=["floor"]), data.anatomy)
    # Floor only: the warm-up is the lying movement warm-up, never one standing.
    assert r.steps[0].id == "floor-warm-up" and r.steps[0].position == "lying"
    assert 0.8 * 720 <= r.total_seconds <= 720
    assert {e.id for e in r.excluded} | {s.id for s in r.steps if s.id} == set(data.catalog.ids())


def test_shipped_catalog_chair_only_upper_glutes() -> None:
    data = _shipped()
    r = plan(
        data.catalog,
        PlanRequest(minutes=6, places=["chair"], focus=["upper-glutes"], warm=True),
        data.anatomy,
    )
    ids = stretch_ids(r)
    assert any(data.catalog.get(sid).style == "static" for sid in ids)  # a held stretch
    for sid in ids:
        s = data.catalog.get(sid)
        assert s.places == ["chair"]
        assert set(s.targets.primary) & set(data.anatomy.regions["upper-glutes"].muscles)


@pytest.mark.parametrize(
    ("places", "warmup"),
    [
        (["floor"], "floor-warm-up"),
        (["chair"], "seated-warm-up"),
        (["standing"], "standing-warm-up"),
        (["floor", "chair"], "seated-warm-up"),
        (["floor", "standing"], "standing-warm-up"),
    ],
)
def test_the_warm_up_is_movement_at_a_place_you_chose(places: list[str], warmup: str) -> None:
    data = _shipped()
    r = plan(data.catalog, PlanRequest(minutes=10, places=places), data.anatomy)
    first = r.steps[0]
    assert first.kind == "warmup" and first.id == warmup
    assert set(data.catalog.get(warmup).places) <= set(places)
    assert 300 <= first.seconds <= 600 and "warm-up-place" in first.rules
    walk = {e.id: e for e in r.excluded}["light-cardio-warmup"]
    assert walk.kind == "warm-up"


def test_a_desk_worker_gets_a_lower_back_routine_at_the_chair() -> None:
    data = _shipped()
    for places in (["chair"], ["chair", "standing"]):
        for minutes in (5, 10, 15, 30):
            r = plan(
                data.catalog,
                PlanRequest(minutes=minutes, places=places, focus=["lower-back"]),
                data.anatomy,
            )
            assert r.stretch_steps() and r.uncovered == []
            assert r.total_seconds <= minutes * 60


# --- documentation ---------------------------------------------------------------------------


def test_docs_list_every_rule_with_its_source_and_every_constant() -> None:
    from pathlib import Path

    from supple.domain import planner_rules

    doc = (Path(__file__).resolve().parents[2] / "docs" / "planner.md").read_text()
    for rule in RULES.values():
        assert f"| `{rule.id}` | `{rule.source}` | {rule.text} |" in doc, rule.id
    for name in (
        "TRANSITION_SECONDS",
        "SWITCH_SECONDS",
        "REST_SECONDS",
        "PREPARE_SECONDS",
        "MAX_REPS",
    ):
        assert f"| `{name}` | {getattr(planner_rules, name)} |" in doc, name


# --- audit fixes: imported entries, flow, warm-up, dose, variety, focus, explain -------------


def imported_copy(base_id: str, sid: str, twin: str | None) -> Stretch:
    base = next(s for s in CATALOG if s.id == base_id)
    origin = "free-exercise-db:x.json" + (f" (same movement as {twin})" if twin else "")
    return base.model_copy(update={"id": sid, "origin": origin, "modifications": []})


def test_imported_stretch_without_cautions_is_left_out_when_the_screen_names_a_condition() -> None:
    cat = Catalog([*CATALOG, imported_copy("knee-chest", "imp-knee", None)])
    free = plan(cat, req(minutes=30, avoid=["knee-chest"]), REGIONS)
    assert "imp-knee" in stretch_ids(free)  # usable when the screen names nothing
    r = plan(cat, req(minutes=30, conditions=["osteoporosis"]), REGIONS)
    assert "imp-knee" not in stretch_ids(r)
    reason = next(e.reason for e in r.excluded if e.id == "imp-knee")
    left = next(e for e in r.excluded if e.id == "imp-knee")
    assert left.kind == "screening" and left.rules == ["imported-safety"]
    assert "no safety notes of its own" in reason and "imported-safety" in rule_ids(r)


def test_a_twin_follows_its_shipped_stretch_and_never_joins_it() -> None:
    cat = Catalog([*CATALOG, imported_copy("child", "imp-child", "child")])
    # Excluded with the shipped one, with the screen's words.
    r = plan(cat, req(minutes=30, excluded={"child": "Deep trunk flexion."}), REGIONS)
    assert not {"child", "imp-child"} & set(stretch_ids(r))
    reason = next(e.reason for e in r.excluded if e.id == "imp-child")
    assert "The same movement as " in reason and "deep trunk flexion" in reason
    # Never both in one routine; the shipped one is the version used.
    r = plan(cat, req(minutes=30, places=["floor"]), REGIONS)
    assert "imp-child" not in stretch_ids(r)
    assert next(e.kind for e in r.excluded if e.id == "imp-child") == "same-movement"
    # Alone (its shipped twin not in this catalog), it carries the twin's modification.
    only = Catalog([s for s in cat if s.id != "child"])
    r = plan(only, req(minutes=30, places=["floor"], modified={"child": "Knees wide."}), REGIONS)
    step = next(s for s in r.stretch_steps() if s.id == "imp-child")
    assert step.modification and "Knees wide." in step.modification
    assert "screening" in step.rules
    # Unless the screen names a condition with no verdict for the twin: it is then usable.
    r = plan(only, req(minutes=30, places=["floor"], conditions=["osteoporosis"]), REGIONS)
    assert "imp-child" in stretch_ids(r)


def test_warm_up_position_is_never_returned_to_before_activity() -> None:
    # Standing warm-up, a dynamic stretch on all fours, a static one standing: the standing
    # stretch may not follow the cat-cow (that would go back to standing).
    cat = Catalog([s for s in CATALOG if s.id in {"warmup", "standing-four", "catcow"}])
    r = plan(cat, req(minutes=10, places=["floor", "standing"], context="before"), REGIONS)
    positions = [s.position for s in r.steps if s.kind != "transition"]
    assert positions[0] == "standing"
    left = positions.index(next(p for p in positions if p != "standing"), 0)
    assert "standing" not in positions[left:]


def test_warm_up_carries_the_screens_change_and_the_easier_version_after_pain() -> None:
    r = run(minutes=12, modified={"warmup": "Use a bike."})
    assert r.steps[0].modification == "Use a bike."
    assert r.steps[0].rules == ["warm-up", "warm-up-place", "screening"]
    assert any("Use a bike." in c for c in r.cautions)
    r = run(minutes=12, pain_history={"warmup": "sharp pain on 2026-01-02"})
    assert r.steps[0].modification is not None
    assert r.steps[0].modification.startswith("Easier version after sharp pain on 2026-01-02")
    assert "pain-history" in r.steps[0].rules


@pytest.mark.parametrize(("age", "holds"), [(64, (20, 30)), (65, (30, 60)), (80, (30, 60))])
def test_older_adults_build_60_s_over_two_or_more_repetitions(
    age: int, holds: tuple[int, int]
) -> None:
    from supple.domain.planner_model import dose_options

    stretch = next(s for s in CATALOG if s.id == "supine-four")
    opts = dose_options(stretch, age, before=False)
    assert {d.hold for d in opts} <= set(range(holds[0], holds[1] + 1))
    # garber-2011: ~60 s per side over 2-4 repetitions; never one hold of 60 s.
    assert not any(d.reps == 1 and d.hold > 30 for d in opts)
    assert any(d.reps >= 2 and d.hold * d.reps >= 60 for d in opts)
    r = run(minutes=20, places=["floor"], age=age, warm=True)
    statics = [s for s in r.stretch_steps() if s.style == "static"]
    assert statics and all(holds[0] <= (s.hold_seconds or 0) <= holds[1] for s in statics)
    assert all((s.reps or 0) >= 2 for s in statics), [(s.id, s.reps) for s in statics]


def test_a_seed_picks_among_near_best_routines_and_no_seed_gives_the_best() -> None:
    from supple.domain.planner_rules import VARIETY_TOLERANCE

    kw: dict[str, Any] = {"minutes": 15, "places": ["floor"]}
    best = heuristic_objective(CATALOG, req(**kw), REGIONS)
    assert run(**kw) == run(**kw)
    seen = set()
    for seed in range(20):
        r = run(seed=seed, **kw)
        assert r == run(seed=seed, **kw)
        seen.add(tuple((s.id, s.reps, s.hold_seconds) for s in r.stretch_steps()))
        got = heuristic_objective(CATALOG, req(seed=seed, **kw), REGIONS)
        assert got >= (1 - VARIETY_TOLERANCE) * best - 1e-9
    assert len(seen) >= 3
    assert VARIETY_TOLERANCE <= 0.08 and best > 0


def test_when_no_other_routine_fits_the_seed_says_so_and_suggests_avoid() -> None:
    cat = Catalog([s for s in CATALOG if s.id in {"warmup", "chair-four"}])
    r = plan(cat, req(minutes=8, places=["chair"], focus=["upper-glutes"], seed=5), REGIONS)
    note = [c for c in r.cautions if "every variation gives this routine" in c]
    chair_four = next(s for s in CATALOG if s.id == "chair-four").name
    assert note and f"leave a stretch out (for example {chair_four})" in note[0]
    assert "--" not in note[0] and "variety" in rule_ids(r)


def test_an_uncovered_focus_region_gets_a_caution_naming_why_and_what_would_cover_it() -> None:
    r = run(minutes=8, places=["chair", "standing"])
    assert "focus-both" in rule_ids(r)
    caution = next(c for c in r.cautions if "is not covered" in c)
    assert caution.startswith("The lower back is not covered")
    assert "where you chose to be (a chair and room to stand)" in caution
    assert "Adding floor to your places" in caution and "--" not in caution
    gap = next(u for u in r.uncovered if u.region == "lower-back")
    assert gap.reasons == ["place"] and gap.places == ["floor"]


def test_one_sided_steps_show_their_switch_and_every_step_names_its_rules() -> None:
    r = run(minutes=12, places=["floor"])
    for s in r.steps:
        assert s.rules and all(rule in RULES for rule in s.rules)
        if s.kind == "stretch":
            assert s.switch_seconds == (SWITCH_SECONDS if s.sides == ["left", "right"] else None)
    by_kind = {
        e.kind: e
        for e in run(
            minutes=12, places=["floor"], avoid=["lunge"], excluded={"child": "No."}
        ).excluded
    }
    assert by_kind["place"].rules == ["place-fit"]
    assert by_kind["avoid"].rules == ["avoid"]
    assert by_kind["screening"].rules == ["screening"]
    # The words people read name no rule or source.
    for e in by_kind.values():
        assert "(" not in e.reason and "seed-" not in e.reason and ":" not in e.reason
