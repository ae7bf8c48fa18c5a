"""A wrong figure in a stretch file fails loudly: the loader names the file, the keyframe and
the joint or body part, and says what to change."""

from __future__ import annotations

from pathlib import Path

import pytest

from supple.data.loader import DataError, load_dataset
from tests.data.test_catalog_data import copy_data
from tests.data.test_loader_errors import edit, error


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


def test_a_knee_bent_backwards_names_file_keyframe_and_joint(root: Path) -> None:
    name = "stretches/knee-to-chest.toml"
    edit(root, name, "knee_left = 125", "knee_left = -30")
    e = error(root)
    assert (e.file, e.field) == (name, "figure.keyframes.stretch.knee_left")
    assert "-30° is outside the normal range of this joint, 0° to 130°" in e.problem
    assert "merck-rom" in e.problem


def test_a_foot_under_the_floor_names_the_foot(root: Path) -> None:
    name = "stretches/light-cardio-warmup.toml"
    edit(root, name, "at = [0, 92.5]", "at = [0, 89]")
    e = error(root)
    assert (e.file, e.field) == (name, "figure.keyframes.start.foot_right")
    assert "below the floor" in e.problem and "`at`" in e.problem


def test_a_typo_in_a_joint_name_is_an_error_not_a_silent_zero(root: Path) -> None:
    name = "stretches/childs-pose.toml"
    edit(root, name, "knee = 130", "kne = 130")
    e = error(root)
    assert (e.file, e.field) == (name, "figure.keyframes.stretch.kne")


def test_a_dynamic_stretch_needs_its_breath_cycle(root: Path) -> None:
    name = "stretches/cat-cow.toml"
    edit(root, name, 'cycle = { inhale = "cow", exhale = "stretch" }\n', "")
    e = error(root)
    assert (e.file, e.field) == (name, "figure.cycle")


def test_a_cycle_names_keyframes_that_exist(root: Path) -> None:
    name = "stretches/cat-cow.toml"
    edit(root, name, 'inhale = "cow"', 'inhale = "cows"')
    e = error(root)
    assert e.file == name and "'cows'" in e.problem


def test_a_figure_may_be_left_out(root: Path) -> None:
    # Imported entries come without one; so may a shipped stretch while its figure is drawn.
    name = root / "stretches/knee-to-chest.toml"
    text = name.read_text(encoding="utf-8")
    name.write_text(text[: text.index("# Figure:")], encoding="utf-8")
    assert load_dataset(root).catalog.get("knee-to-chest").figure is None


def test_data_error_is_raised_for_every_figure_fault_kind(root: Path) -> None:
    name = "stretches/seated-figure-four.toml"
    edit(root, name, "at = [-24, 56]", "at = [-24, 49]")
    e = error(root)
    assert e.file == name and e.field.startswith("figure.keyframes.start.")
    assert "chair" in e.problem
    assert isinstance(e, DataError)
