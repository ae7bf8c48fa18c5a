"""The free-exercise-db importer: what a user gets from `supple catalog import FILE.json`.

The real file (../shared/data/free-exercise-db/exercises.json, public domain) is used when present;
the shipped fixture tests/fixtures/free-exercise-db-sample.json is a verbatim subset of it.
"""

from __future__ import annotations

import copy
import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple.data.loader import check_stretch_refs, load_anatomy, load_sources
from supple.domain.catalog import Catalog, Stretch
from supple.importers import (
    ImportFormatError,
    generate_variations,
    import_file,
    parse_entries,
)
from supple.importers.muscle_map import map_muscles
from supple.importers.text_inference import infer_position, infer_sides, split_steps

ROOT = Path(__file__).resolve().parents[2]
_FEDB = Path("shared", "data", "free-exercise-db", "exercises.json")
# Beside the repository (/work/main -> /work/shared), or further up for a worktree of it.
REAL = next((p / _FEDB for p in ROOT.parents if (p / _FEDB).exists()), ROOT.parent / _FEDB)
SAMPLE = ROOT / "tests" / "fixtures" / "free-exercise-db-sample.json"

needs_real = pytest.mark.skipif(
    not REAL.exists(),
    reason=f"real free-exercise-db file not found at {REAL} (the sample fixture covers the rest)",
)


@pytest.fixture(scope="module")
def refs() -> tuple[Any, Any]:
    root = resources.files("supple.data")
    sources = load_sources(root)
    return sources, load_anatomy(root, sources)


@pytest.fixture(scope="module")
def real() -> Any:
    if not REAL.exists():
        pytest.skip(f"real free-exercise-db file not found at {REAL}")
    return import_file(REAL)


@pytest.fixture(scope="module")
def sample() -> Any:
    return import_file(SAMPLE)


def by_id(report: Any) -> dict[str, Stretch]:
    return {s.id: s for s in report.stretches}


def sample_entries() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


# --- the real file -------------------------------------------------------------------------


@needs_real
def test_real_file_imports_only_lower_back_and_glute_stretches_and_counts_the_rest(real):
    raw = json.loads(REAL.read_bytes())
    assert real.entries == len(raw) == 873
    assert len(real.stretches) + len(real.skipped) == 873
    counts = real.skip_counts()
    # 750 non-stretching entries are reported as counts per category, not as 750 lines.
    assert counts["not a stretch (category strength)"] == 581
    assert sum(n for r, n in counts.items() if r.startswith("not a stretch")) == 873 - 123
    assert sorted(by_id(real)) == [
        "fedb-ankle-on-the-knee",
        "fedb-cat-stretch",
        "fedb-childs-pose",
        "fedb-dancers-stretch",
        "fedb-hug-knees-to-chest",
        "fedb-knee-across-the-body",
        "fedb-one-knee-to-chest",
        "fedb-pelvic-tilt-into-bridge",
        "fedb-seated-overhead-stretch",
        "fedb-standing-lateral-stretch",
        "fedb-standing-pelvic-tilt",
    ]
    # The one entry whose text does not say where it is done is stored incomplete.
    assert [e.id for e in real.incomplete] == ["fedb-standing-pelvic-tilt"]
    # The full list stays available, with the entry's own id and name.
    skipped = {s.id: s for s in real.skipped}
    assert skipped["Lower_Back-SMR"].reason == "needs equipment (foam roll)"
    assert skipped["Lying_Glute"].reason == "needs a partner"
    assert skipped["Superman"].reason == "a repeated movement, not a static hold"
    assert skipped["Chair_Lower_Back_Stretch"].reason == (
        "targets no lower-back or upper-glute muscle"
    )
    assert "Standing_Pelvic_Tilt" not in skipped
    assert skipped["Hamstring_Stretch"].detail == "primary: hamstrings"


@needs_real
def test_real_glute_stretch_is_mapped_one_sided_and_lying(real):
    s = by_id(real)["fedb-ankle-on-the-knee"]
    assert s.name == "Ankle On The Knee"
    assert s.targets.primary == ["gluteus-maximus"]
    assert s.targets.secondary == ["gluteus-medius"]
    assert (s.position, s.places, s.sides) == ("lying", ["floor"], "each")  # "switch sides"
    assert {"sides", "position", "places", "targets", "hold_seconds"} <= set(s.inferred)
    assert s.style == "static" and (s.hold_seconds.min, s.hold_seconds.max) == (20, 30)
    assert s.sources == ["import:exercises.json"]
    # A figure-four: matched by name to the shipped supine figure-four, shown in its origin.
    assert s.origin == "free-exercise-db:exercises.json (same movement as supine-figure-four)"
    # Their hold (10-20 s) differs from ours: the report says so.
    assert any(
        w.startswith("fedb-ankle-on-the-knee: the text says hold 10-20 s") for w in real.warnings
    )


@needs_real
def test_real_lower_back_stretches_keep_their_position_and_symmetry(real):
    got = by_id(real)
    cat = got["fedb-cat-stretch"]
    assert (cat.position, cat.sides, cat.targets.primary) == (
        "all-fours",
        "both",
        ["erector-spinae"],
    )
    # "sit on your heels" is kneeling, as in the shipped child's pose.
    assert got["fedb-childs-pose"].position == "kneeling"
    assert "gluteus-maximus" in got["fedb-childs-pose"].targets.secondary
    assert (got["fedb-hug-knees-to-chest"].position, got["fedb-hug-knees-to-chest"].sides) == (
        "lying",
        "both",
    )
    dancer = got["fedb-dancers-stretch"]
    assert (dancer.position, dancer.sides) == ("seated", "each")
    # abductors (secondary) → gluteus medius and minimus
    assert {"gluteus-medius", "gluteus-minimus"} <= set(dancer.targets.secondary)
    # "abdominals" with a side-bend in the text → obliques; standing from "stance".
    lateral = got["fedb-standing-lateral-stretch"]
    assert (lateral.targets.primary, lateral.position, lateral.places) == (
        ["obliques"],
        "standing",
        ["standing"],
    )
    # The text names the hip flexor of the straight leg.
    assert "hip-flexors" in got["fedb-one-knee-to-chest"].targets.secondary


#: Every imported entry of the real file that is the same movement as a shipped stretch, read
#: side by side (docs/importer.md): their id -> ours.
REAL_TWINS = {
    "fedb-ankle-on-the-knee": "supine-figure-four",  # ankle on the opposite knee, lying
    "fedb-cat-stretch": "cat-cow",
    "fedb-childs-pose": "childs-pose",
    "fedb-dancers-stretch": "seated-glute-stretch",  # seated cross-over, turning toward the knee
    "fedb-hug-knees-to-chest": "knee-to-chest",
    "fedb-knee-across-the-body": "knee-to-opposite-shoulder",
    "fedb-one-knee-to-chest": "knee-to-chest",
    "fedb-pelvic-tilt-into-bridge": "bridge",  # the shipped bridge starts with the pelvic tilt
    "fedb-standing-lateral-stretch": "standing-side-bend",
}
#: Imported entries that are no shipped stretch's twin: a side bend sitting on the floor with
#: the soles together (ours is on a chair, legs down), and a standing pelvic tilt (ours lie down
#: or sit; the entry does not say where, so it is stored incomplete and matched once completed).
REAL_LONE = {"fedb-seated-overhead-stretch", "fedb-standing-pelvic-tilt"}


@needs_real
def test_real_twins_are_recognised_and_nothing_else_is_matched(real):
    from supple.data.loader import shipped
    from supple.domain.planner_imported import twin_of

    got = {s.id: twin_of(s) for s in real.stretches}
    assert {k: v for k, v in got.items() if v is not None} == REAL_TWINS
    assert {k for k, v in got.items() if v is None} == REAL_LONE
    ours = {s.id: s for s in shipped().catalog}
    for sid, twin in REAL_TWINS.items():
        s, t = by_id(real)[sid], ours[twin]
        # No false match: the same position and places, and a muscle of ours in common.
        assert (s.position, s.places) == (t.position, t.places), sid
        theirs = {*s.targets.primary, *s.targets.secondary}
        assert theirs & {*t.targets.primary, *t.targets.secondary}, sid
        assert f"Matched by name to supple's {t.name} ({twin})" in s.summary


@needs_real
def test_real_twins_are_listed_once_and_never_planned_beside_their_stretch(real):
    from supple.data.loader import shipped
    from supple.domain.planner import PlanRequest, plan
    from supple.domain.planner_imported import movement, one_per_movement

    data = shipped()
    merged = data.catalog.merged(real.stretches)
    listed = one_per_movement(merged, set(merged.ids()))
    # Each movement once: the shipped stretches and the imported entries with no twin.
    assert sorted(s.id for s in listed) == sorted([*data.catalog.ids(), *REAL_LONE])
    for places in (["floor"], ["standing"], ["floor", "chair", "standing"]):
        for seed in (None, *range(14)):
            req = PlanRequest(minutes=20, places=places, context="after", seed=seed)
            r = plan(merged, req, data.anatomy)
            ids = [s.id or "" for s in r.stretch_steps()]
            assert not set(ids) & set(REAL_TWINS), (places, seed, ids)
            keys = [movement(merged.get(i)) for i in ids]
            assert len(keys) == len(set(keys))
            reasons = {e.id: e.kind for e in r.excluded}
            for twin, ours in REAL_TWINS.items():
                if set(merged.get(ours).places) & set(places):
                    assert reasons[twin] == "same-movement", (twin, reasons[twin])


@needs_real
def test_real_steps_are_their_text_verbatim_and_attributed(real):
    raw = {e["id"]: e for e in json.loads(REAL.read_bytes())}
    cat = by_id(real)["fedb-cat-stretch"]
    assert cat.steps == raw["Cat_Stretch"]["instructions"]
    # Two long instructions are split into sentences, every word kept.
    knee = by_id(real)["fedb-knee-across-the-body"]
    assert len(knee.steps) >= 3
    assert " ".join(knee.steps) == " ".join(raw["Knee_Across_The_Body"]["instructions"])
    assert "not supple's" in cat.summary and "exercises.json" in cat.summary


@needs_real
def test_real_import_hash_is_the_file_sha256_and_import_is_deterministic(real):
    assert real.source_hash == hashlib.sha256(REAL.read_bytes()).hexdigest()
    again = import_file(REAL)
    assert again.stretches == real.stretches
    assert again.skipped == real.skipped and again.source_hash == real.source_hash


@needs_real
def test_real_stretches_pass_the_catalog_cross_reference_checks(real, refs):
    sources, anatomy = refs
    for s in real.stretches:
        check_stretch_refs(s, f"import:{s.id}", sources, anatomy, set())
        regions = {r for m in s.targets.primary for r in anatomy.region_of(m)}
        assert regions & {"lower-back", "upper-glutes"}, s.id


# --- the shipped sample (always runs) ------------------------------------------------------


def test_sample_is_a_verbatim_subset_of_the_real_file():
    if not REAL.exists():
        pytest.skip(f"real free-exercise-db file not found at {REAL}")
    real = {e["id"]: e for e in json.loads(REAL.read_bytes())}
    for e in sample_entries():
        assert real[e["id"]] == e


def test_sample_imports_seven_one_incomplete_and_reports_each_skip(sample, refs):
    assert sorted(by_id(sample)) == [
        "fedb-ankle-on-the-knee",
        "fedb-cat-stretch",
        "fedb-childs-pose",
        "fedb-hug-knees-to-chest",
        "fedb-knee-across-the-body",
        "fedb-standing-lateral-stretch",
        "fedb-standing-pelvic-tilt",
    ]
    assert sample.skip_counts() == {
        "not a stretch (category strength)": 2,
        "targets no lower-back or upper-glute muscle": 2,
        "a repeated movement, not a static hold": 1,
        "needs a partner": 1,
        "needs equipment (foam roll)": 1,
        "not a stretch (category cardio)": 1,
    }
    lines = sample.summary_lines()
    assert lines[0] == (
        "free-exercise-db-sample.json: 15 entries read, 7 stretches imported (1 incomplete), "
        "8 skipped."
    )
    assert any("supple catalog set fedb-standing-pelvic-tilt" in line for line in lines)
    assert "  skipped 2: not a stretch (category strength)" in lines
    sources, anatomy = refs
    for s in sample.stretches:
        check_stretch_refs(s, s.id, sources, anatomy, set())
    # The stretches join the shipped catalog without clashing ids.
    from supple.data.loader import shipped

    merged = shipped().catalog.merged(sample.stretches)
    assert len(merged) == len(shipped().catalog) + 7


def test_parse_entries_matches_import_file_and_its_hash_is_stable(sample):
    raw = sample_entries()
    a = parse_entries(raw, "free-exercise-db-sample.json")
    b = parse_entries(copy.deepcopy(raw), "free-exercise-db-sample.json")
    assert a.stretches == sample.stretches and a.skipped == sample.skipped
    assert a.source_hash == b.source_hash
    raw[1]["name"] = "Cat Stretch (edited)"
    assert parse_entries(raw, "free-exercise-db-sample.json").source_hash != a.source_hash


def test_report_as_dict_keeps_the_full_skipped_list(sample):
    d = sample.as_dict()
    assert d["entries"] == 15 and len(d["skipped"]) == 8
    assert d["incomplete"] == [
        {
            "index": d["incomplete"][0]["index"],
            "id": "fedb-standing-pelvic-tilt",
            "name": "Standing Pelvic Tilt",
            "missing": ["places", "position"],
        }
    ]
    assert {"index", "id", "name", "reason", "detail"} == set(d["skipped"][0])
    json.dumps(d)  # printable as JSON for `--json`


# --- malformed files: exit 2 naming the entry and field ------------------------------------


def _write(tmp_path: Path, text: str, name: str = "bad.json") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_not_json_names_the_file_and_the_position(tmp_path):
    with pytest.raises(ImportFormatError) as e:
        import_file(_write(tmp_path, '[{"id": "x",,}]'))
    assert str(e.value).startswith("bad.json: not valid JSON (")
    assert "line 1, column" in str(e.value)


def test_missing_file_is_a_format_error(tmp_path):
    with pytest.raises(ImportFormatError, match="cannot read the file"):
        import_file(tmp_path / "nope.json")


def test_object_instead_of_list(tmp_path):
    with pytest.raises(ImportFormatError) as e:
        import_file(_write(tmp_path, '{"exercises": []}'))
    assert str(e.value) == (
        "bad.json: expected a JSON list of exercises at the top level, found an object"
    )


@pytest.mark.parametrize(
    ("index", "edit", "message"),
    [
        (
            1,
            lambda e: e.pop("name"),
            "s.json: entry 1 (id 'Cat_Stretch'), field 'name': required field is missing",
        ),
        (
            2,
            lambda e: e.update(primaryMuscles="lower back"),
            "s.json: entry 2 (id 'Childs_Pose'), field 'primaryMuscles': expected a list, "
            "found string",
        ),
        (
            0,
            lambda e: e["instructions"].insert(1, 42),
            "s.json: entry 0 (id 'Ankle_On_The_Knee'), field 'instructions[1]': expected a string, "
            "found number",
        ),
        (
            3,
            lambda e: e["primaryMuscles"].append("toes"),
            "s.json: entry 3 (id 'Knee_Across_The_Body'), field 'primaryMuscles[1]': 'toes' is not "
            "one of: abdominals, abductors",
        ),
        (
            4,
            lambda e: e.update(category=None),
            "s.json: entry 4 (id 'Standing_Lateral_Stretch'), field 'category': expected a string, "
            "found null",
        ),
        (
            5,
            lambda e: e.update(id="has space"),
            "s.json: entry 5 (id 'has space'), field 'id': 'has space' may hold only letters",
        ),
    ],
)
def test_malformed_entry_names_entry_and_field(index, edit, message):
    raw = sample_entries()
    edit(raw[index])
    with pytest.raises(ImportFormatError) as e:
        parse_entries(raw, "s.json")
    assert str(e.value).startswith(message)
    assert e.value.index == index


def test_non_object_entry_and_missing_id_still_name_the_index():
    with pytest.raises(
        ImportFormatError,
        match=r"^s\.json: entry 1: expected an object, found "
        r"list$",
    ):
        parse_entries([sample_entries()[0], []], "s.json")
    raw = sample_entries()
    del raw[0]["id"]
    with pytest.raises(ImportFormatError, match=r"^s\.json: entry 0, field 'id': required"):
        parse_entries(raw, "s.json")


def test_a_malformed_entry_late_in_the_file_imports_nothing():
    raw = sample_entries()
    raw[-1]["images"] = "one.jpg"
    with pytest.raises(ImportFormatError, match="field 'images'"):
        parse_entries(raw, "s.json")


def test_duplicate_ids_after_slugging_keep_the_first_and_report_the_second():
    raw = sample_entries()
    twin = copy.deepcopy(raw[1])
    twin["id"] = "cat-stretch"  # slugs to the same fedb-cat-stretch
    report = parse_entries([*raw, twin], "s.json")
    assert [s.id for s in report.stretches].count("fedb-cat-stretch") == 1
    dup = [s for s in report.skipped if s.reason == "duplicate id"]
    assert [(d.id, d.detail) for d in dup] == [
        ("cat-stretch", "'fedb-cat-stretch' is also made by entry 1")
    ]


# --- inference rules, one by one -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position", "places"),
    [
        ("Lie on your back and hug your knees.", "lying", ("floor",)),
        ("Get on your hands and knees.", "all-fours", ("floor",)),
        ("Kneel on a mat with one foot forward.", "kneeling", ("floor",)),
        ("Start on all fours, then sit back on your heels.", "kneeling", ("floor",)),
        ("Sit upright on a chair.", "chair", ("chair",)),
        ("Sit on the edge of a bench and lean forward.", "chair", ("chair",)),
        ("Sit on the floor with legs crossed.", "seated", ("floor",)),
        ("Stand next to a chair and hold it.", "standing", ("standing",)),
        ("Take a wide stance.", "standing", ("standing",)),
    ],
)
def test_position_rules(text, position, places):
    rule = infer_position(text)
    assert rule is not None and (rule.position, rule.places) == (position, places)


def test_position_not_stated_is_none():
    assert infer_position("Bend your knees slightly and tilt the pelvis.") is None


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("Hold, then switch sides.", "each"),
        ("Repeat with the other leg.", "each"),
        ("Do the same on each side.", "each"),
        ("Repeat for your other side.", "each"),
        ("Alternate legs.", "each"),
        ("Pull both knees to your chest and hold.", "both"),
    ],
)
def test_sides_rules(text, sides):
    assert infer_sides(text) == sides


def test_muscle_mapping_table():
    m = map_muscles(["lower back"], ["glutes", "hamstrings"], "Lie down.")
    assert m.primary == ["erector-spinae"]
    assert m.secondary == ["quadratus-lumborum", "gluteus-maximus", "gluteus-medius"]
    assert m.unmapped == ["hamstrings"]
    assert map_muscles(["abductors"], [], "").primary == ["gluteus-medius", "gluteus-minimus"]
    # abdominals only mean obliques when the text twists or side-bends
    assert map_muscles(["abdominals"], [], "Twist at the waist.").primary == ["obliques"]
    plain = map_muscles(["abdominals"], [], "Reach up tall.")
    assert plain.primary == [] and plain.unmapped == ["abdominals"]
    # a muscle primary through one name is not repeated as secondary
    both = map_muscles(["glutes", "abductors"], [], "")
    assert both.primary == ["gluteus-maximus", "gluteus-medius", "gluteus-minimus"]
    assert both.secondary == []


def test_short_instructions_are_split_into_sentences_word_for_word():
    steps = split_steps(["Sit down. Cross a leg. Turn right.", "Hold."], 3)
    assert steps == ["Sit down.", "Cross a leg.", "Turn right.", "Hold."]
    assert split_steps(["One.", "Two.", "Three."], 3) == ["One.", "Two.", "Three."]


def test_entry_with_too_few_steps_is_skipped():
    raw = sample_entries()[:1]
    raw[0]["instructions"] = ["Lie on your back, cross an ankle over the knee and switch sides"]
    report = parse_entries(raw, "s.json")
    assert report.stretches == []
    assert report.skipped[0].reason == "fewer than 3 instruction steps"


# --- generated variations for the benchmark ------------------------------------------------


def test_variations_make_a_thousand_stretch_catalog(sample):
    from supple.data.loader import shipped

    base = [*shipped().catalog, *sample.stretches]
    extra = generate_variations(base, 1000 - len(base), seed=7)
    catalog = Catalog([*base, *extra])  # raises on a duplicate id
    assert len(catalog) == 1000
    real_positions = {(s.position, tuple(s.places)) for s in base if s.style != "warmup"}
    for s in extra:
        # shipped bases keep their cautions, so the screening condition ids are checked too
        shipped().check_stretch(s, s.id)
        assert (s.position, tuple(s.places)) in real_positions
        assert s.origin.startswith("generated:") and "targets" in s.inferred
        assert s.style != "warmup"
    assert len({(s.position, s.sides, tuple(s.targets.primary)) for s in extra}) > 20
    assert generate_variations(base, 50, seed=7) == extra[:50]
    assert generate_variations(base, 50, seed=8) != extra[:50]


def test_variations_need_something_to_vary():
    assert generate_variations([], 0, seed=1) == []
    with pytest.raises(ValueError, match="no stretches to vary"):
        generate_variations([], 3, seed=1)


@settings(max_examples=40, deadline=None)
@given(
    picks=st.lists(st.integers(min_value=0, max_value=14), max_size=15),
    names=st.lists(
        st.text(min_size=2, max_size=20).filter(lambda t: len(t.strip()) >= 2),
        min_size=15,
        max_size=15,
    ),
)
def test_any_subset_imports_deterministically_into_valid_stretches(picks, names):
    raw = sample_entries()
    for e, n in zip(raw, names, strict=True):
        e["name"] = n
    subset = [raw[i] for i in picks]
    a = parse_entries(subset, "p.json")
    b = parse_entries(copy.deepcopy(subset), "p.json")
    assert a.stretches == b.stretches and a.skipped == b.skipped
    assert len(a.stretches) + len(a.skipped) == len(subset)
    for s in a.stretches:
        assert s.id.startswith("fedb-") and s.targets.primary
        Stretch.model_validate(s.model_dump())
