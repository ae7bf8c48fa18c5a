"""A broken data file fails loudly: the DataError names the file, the field and the problem.

Each test copies the shipped data to a temp dir, breaks one thing the way a person adding a
stretch might, and checks the message is one they could act on.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from supple.data.loader import DataError, load_dataset
from tests.data.test_catalog_data import copy_data

TEMPLATE = "stretches/supine-figure-four.toml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


def edit(root: Path, name: str, old: str, new: str) -> None:
    """Replace `old` (which must be present) with `new` in one data file."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def error(root: Path) -> DataError:
    with pytest.raises(DataError) as e:
        load_dataset(root)
    return e.value


def test_the_untouched_copy_loads(root: Path) -> None:
    shipped_files = list((root / "stretches").glob("*.toml"))
    assert len(load_dataset(root).catalog) == len(shipped_files) >= 30


def test_unknown_muscle_names_the_target_and_lists_known_ones(root: Path) -> None:
    edit(root, TEMPLATE, 'primary = ["piriformis"', 'primary = ["piriformus"')
    e = error(root)
    assert (e.file, e.field) == (TEMPLATE, "targets.primary[0]")
    assert "unknown muscle 'piriformus'" in str(e)
    assert "piriformis" in e.problem  # the list of known ids points at the fix
    assert str(e).startswith(f"{TEMPLATE}: targets.primary[0]: ")


def test_unknown_source_names_the_list_position(root: Path) -> None:
    edit(root, TEMPLATE, 'sources = ["seed-000", "seed-002"]', 'sources = ["seed-000", "seed-9"]')
    e = error(root)
    assert (e.file, e.field) == (TEMPLATE, "sources[1]")
    assert "unknown source 'seed-9'" in str(e) and "sources.toml" in str(e)


def test_unknown_source_on_a_caution(root: Path) -> None:
    edit(root, TEMPLATE, 'source = "general-anatomy"', 'source = "my-book"')
    e = error(root)
    assert e.file == TEMPLATE
    assert e.field.startswith("cautions[") and e.field.endswith("].source")
    assert "my-book" in str(e)


def test_unknown_condition_lists_the_known_conditions(root: Path) -> None:
    edit(root, TEMPLATE, 'condition = "pregnancy"', 'condition = "pregnant"')
    e = error(root)
    assert e.file == TEMPLATE
    assert e.field.startswith("cautions[") and e.field.endswith("].condition")
    assert "unknown condition 'pregnant'" in str(e) and "pregnancy" in str(e)


def test_missing_steps(root: Path) -> None:
    path = root / TEMPLATE
    text = path.read_text(encoding="utf-8")
    start = text.index("steps = [")
    end = text.index("]\n", start) + 2
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    e = error(root)
    assert (e.file, e.field) == (TEMPLATE, "steps")
    assert "required" in e.problem.lower()


def test_too_few_steps(root: Path) -> None:
    name = "stretches/knee-to-chest.toml"
    path = root / name
    text = path.read_text(encoding="utf-8")
    start = text.index("steps = [")
    end = text.index("]\n", start) + 2
    path.write_text(text[:start] + 'steps = ["Lie down.", "Hug a knee."]\n' + text[end:])
    e = error(root)
    assert (e.file, e.field) == (name, "steps")
    assert "at least 3" in e.problem


def test_wrong_style_value_lists_the_allowed_ones(root: Path) -> None:
    edit(root, TEMPLATE, 'style = "static"', 'style = "stretchy"')
    e = error(root)
    assert (e.file, e.field) == (TEMPLATE, "style")
    for allowed in ("static", "dynamic", "warmup"):
        assert allowed in e.problem


def test_static_without_hold_seconds_says_what_is_missing(root: Path) -> None:
    edit(root, TEMPLATE, "[hold_seconds]\nmin = 20\nmax = 30\n", "")
    e = error(root)
    assert e.file == TEMPLATE
    assert "static" in e.problem and "hold_seconds" in e.problem


def test_dynamic_without_tempo(root: Path) -> None:
    path = root / "stretches/cat-cow.toml"
    raw = path.read_text(encoding="utf-8")
    start = raw.index("[tempo]")
    end = raw.index("[[modifications]]")
    path.write_text(raw[:start] + raw[end:], encoding="utf-8")
    e = error(root)
    assert e.file == "stretches/cat-cow.toml"
    assert "tempo" in e.problem


def test_min_greater_than_max(root: Path) -> None:
    edit(root, TEMPLATE, "min = 20\nmax = 30", "min = 40\nmax = 30")
    e = error(root)
    assert (e.file, e.field) == (TEMPLATE, "hold_seconds")
    assert "min (40) is greater than max (30)" in e.problem


def test_id_not_matching_the_file_name(root: Path) -> None:
    src = root / TEMPLATE
    (root / "stretches" / "my-new-stretch.toml").write_text(src.read_text(), encoding="utf-8")
    e = error(root)
    assert (e.file, e.field) == ("stretches/my-new-stretch.toml", "id")
    assert "supine-figure-four" in e.problem and "my-new-stretch.toml" in e.problem


def test_invalid_toml_names_the_file_and_the_line(root: Path) -> None:
    edit(root, TEMPLATE, 'style = "static"', 'style = "static')
    e = error(root)
    assert e.file == TEMPLATE
    assert "not valid TOML" in e.problem and "line" in e.problem


def test_top_level_key_after_a_table_is_caught_as_an_unknown_field(root: Path) -> None:
    # The classic TOML slip: a key written after a [table] belongs to that table.
    path = root / TEMPLATE
    path.write_text(path.read_text(encoding="utf-8") + 'aliases2 = ["x"]\n', encoding="utf-8")
    e = error(root)
    assert e.file == TEMPLATE
    # It lands in the file's last table (the figure's last keyframe, in a shipped file).
    assert e.field == "figure.keyframes.stretch.aliases2"
    assert "extra" in e.problem.lower()


def test_unknown_field_on_a_stretch(root: Path) -> None:
    edit(root, TEMPLATE, 'style = "static"', 'style = "static"\ndifficulty = "easy"')
    e = error(root)
    assert (e.file, e.field) == (TEMPLATE, "difficulty")


def test_wrong_modification_kind(root: Path) -> None:
    edit(root, TEMPLATE, 'kind = "deeper"', 'kind = "harder"')
    e = error(root)
    assert (e.file, e.field) == (TEMPLATE, "modifications[1].kind")


def test_duplicate_question_id(root: Path) -> None:
    path = root / "questions.toml"
    text = path.read_text(encoding="utf-8")
    questions = tomllib.loads(text)["question"]
    first = questions[0]["id"]
    path.write_text(
        text
        + f"""
[[question]]
id = "{first}"
category = "caution"
kind = "yes-no"
text = "Asked twice?"
source = "seed-002"
outcome = "caution"
""",
        encoding="utf-8",
    )
    e = error(root)
    assert (e.file, e.field) == ("questions.toml", f"question[{len(questions)}].id")
    assert f"duplicate id '{first}'" in e.problem


def test_unknown_source_in_learn(root: Path) -> None:
    edit(root, "learn.toml", 'source = "garber-2011"', 'source = "garber2011"')
    e = error(root)
    assert e.file == "learn.toml"
    assert e.field.startswith("topic[") and e.field.endswith(".source")
    assert "garber2011" in e.problem


def test_unknown_muscle_in_an_anatomy_region(root: Path) -> None:
    edit(root, "anatomy.toml", 'muscles = ["erector-spinae",', 'muscles = ["erector-spine",')
    e = error(root)
    assert (e.file, e.field) == ("anatomy.toml", "region[0].muscles[0]")
    assert "erector-spine" in e.problem


def test_missing_sources_file(root: Path) -> None:
    (root / "sources.toml").unlink()
    e = error(root)
    assert e.file == "sources.toml" and "not found" in e.problem


# --- texts, types and fields that do not fit -------------------------------------------------


def append(root: Path, name: str, text: str) -> None:
    path = root / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("steps = [\n", 'steps = [\n  "   ",\n', "steps[0]"),
        ("cues = [", 'cues = ["",', "cues[0]"),
        ("tips = [", 'tips = [" ",', "tips[0]"),
        ('summary = "', 'summary = "  " # ', "summary"),
        ('name = "', 'name = "  " # ', "name"),
    ],
)
def test_an_empty_text_names_its_field(root: Path, old: str, new: str, field: str) -> None:
    edit(root, TEMPLATE, old, new)
    e = error(root)
    assert (e.file, e.field) == (TEMPLATE, field)
    assert "empty" in e.problem or "only spaces" in e.problem


def test_texts_are_stored_without_surrounding_spaces(root: Path) -> None:
    edit(root, TEMPLATE, "steps = [\n", 'steps = [\n  "  Breathe in first.  ",\n')
    s = load_dataset(root).catalog.get("supine-figure-four")
    assert s.steps[0] == "Breathe in first."


def test_a_number_written_as_text_is_refused(root: Path) -> None:
    edit(root, TEMPLATE, "min = 20", 'min = "20"')
    e = error(root)
    assert (e.file, e.field) == (TEMPLATE, "hold_seconds.min")
    assert "integer" in e.problem and '"20"' in e.problem and "quotes" in e.problem


def test_a_flag_written_as_text_is_refused(root: Path) -> None:
    edit(root, "questions.toml", "required = false", 'required = "no"')
    e = error(root)
    assert e.file == "questions.toml" and e.field.endswith(".required")
    assert "boolean" in e.problem


def test_a_dose_that_does_not_fit_the_style(root: Path) -> None:
    append(root, "stretches/cat-cow.toml", "\n[hold_seconds]\nmin = 20\nmax = 30\n")
    e = error(root)
    assert (e.file, e.field) == ("stretches/cat-cow.toml", "hold_seconds")
    assert "does not fit a dynamic stretch" in e.problem and "repetitions" in e.problem


def test_a_static_stretch_with_minutes(root: Path) -> None:
    append(root, TEMPLATE, "\n[minutes]\nmin = 5\nmax = 10\n")
    e = error(root)
    assert (e.file, e.field) == (TEMPLATE, "minutes")
    assert "static" in e.problem


@pytest.mark.parametrize(
    ("old", "new", "field", "repeated"),
    [
        ('places = ["floor"]', 'places = ["floor", "floor"]', "places", "floor"),
        (
            'sources = ["seed-000", "seed-002"]',
            'sources = ["seed-002", "seed-002"]',
            "sources",
            "seed-002",
        ),
    ],
)
def test_a_list_naming_something_twice(
    root: Path, old: str, new: str, field: str, repeated: str
) -> None:
    edit(root, TEMPLATE, old, new)
    e = error(root)
    assert (e.file, e.field) == (TEMPLATE, field)
    assert f"'{repeated}' more than once" in e.problem


def test_a_duplicate_source_id_is_not_silently_replaced(root: Path) -> None:
    append(root, "sources.toml", '\n[[source]]\nid = "seed-002"\ntitle = "Another article"\n')
    e = error(root)
    assert e.file == "sources.toml" and e.field.startswith("source[") and e.field.endswith("].id")
    assert "duplicate id 'seed-002'" in e.problem


def test_a_duplicate_muscle_id_is_not_silently_replaced(root: Path) -> None:
    append(
        root,
        "anatomy.toml",
        '\n[[muscle]]\nid = "piriformis"\nname = "Piriformis again"\n'
        'description = "A second entry."\nsources = ["general-anatomy"]\n',
    )
    e = error(root)
    assert e.file == "anatomy.toml" and e.field.startswith("muscle[") and e.field.endswith("].id")
    assert "duplicate id 'piriformis'" in e.problem


def test_a_number_question_whose_maximum_is_below_its_minimum(root: Path) -> None:
    edit(root, "questions.toml", "minimum = 5\nmaximum = 120", "minimum = 50\nmaximum = 12")
    e = error(root)
    assert (e.file, e.field) == ("questions.toml", "question[0].maximum")
    assert "(12) is less than `minimum` (50)" in e.problem


def test_a_choice_listing_an_option_twice(root: Path) -> None:
    edit(
        root,
        "questions.toml",
        'options = ["none", "posterior"',
        'options = ["none", "none", "posterior"',
    )
    e = error(root)
    assert e.file == "questions.toml" and "same option twice" in e.problem


# --- files and folders -------------------------------------------------------------------------


def test_a_file_that_is_not_utf8(root: Path) -> None:
    path = root / TEMPLATE
    path.write_bytes(path.read_bytes().replace(b"Lie", b"Li\xe9", 1))
    e = error(root)
    assert (e.file, e.field) == (TEMPLATE, "")
    assert "not UTF-8" in e.problem and "line" in e.problem


def test_a_missing_stretches_folder(root: Path) -> None:
    shutil.rmtree(root / "stretches")
    e = error(root)
    assert e.file == "stretches/" and "folder not found" in e.problem


def test_an_empty_stretches_folder(root: Path) -> None:
    for p in (root / "stretches").iterdir():
        p.unlink()
    e = error(root)
    assert e.file == "stretches/" and "no stretch files" in e.problem


@pytest.mark.parametrize(
    ("name", "table"),
    [
        ("anatomy.toml", "muscle"),
        ("questions.toml", "question"),
        ("sources.toml", "source"),
        ("learn.toml", "topic"),
    ],
)
def test_an_empty_file_is_blamed_on_itself(root: Path, name: str, table: str) -> None:
    (root / name).write_text("# nothing here yet\n", encoding="utf-8")
    e = error(root)
    assert (e.file, e.field) == (name, table)
    assert f"[[{table}]]" in e.problem


def test_anatomy_without_regions(root: Path) -> None:
    path = root / "anatomy.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[[region]]")], encoding="utf-8")
    e = error(root)
    assert (e.file, e.field) == ("anatomy.toml", "region")
