"""The server-side SVG: valid, CSP-safe, small, the stretched side and targets marked, the other
side the mirror image of the same data, and alt text from the stretch's own steps."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from supple.data.loader import shipped
from supple.domain.catalog import Stretch
from supple.figures.svg import figure_svg, stylesheet

NS = "{http://www.w3.org/2000/svg}"
STRETCHES = list(shipped().catalog)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


@pytest.mark.parametrize("s", STRETCHES, ids=lambda s: s.id)
def test_each_figure_is_csp_safe_small_svg_with_alt_text(s: Stretch) -> None:
    svg = figure_svg(s, "both", size=200)
    root = parse(svg)
    assert root.tag == f"{NS}svg" and root.get("role") == "img"
    assert len(svg.encode()) < 2500 * len(s.figure.poses())  # a few KB each pose
    for el in root.iter():
        assert "style" not in el.attrib, el.tag
        assert not any(k.startswith("on") for k in el.attrib), el.tag
        assert el.tag not in (f"{NS}script", f"{NS}style", f"{NS}animate", f"{NS}set")
    title = root.find(f"{NS}title")
    assert title is not None and title.get("id") == root.get("aria-labelledby")
    assert s.name in (title.text or "") and s.steps[0] in (title.text or "")
    assert root.get("width") == "200"


@pytest.mark.parametrize("s", STRETCHES, ids=lambda s: s.id)
def test_the_target_areas_are_shaded(s: Stretch) -> None:
    root = parse(figure_svg(s))
    areas = {
        c.split("fig-area-")[1]
        for e in root.iter(f"{NS}ellipse")
        for c in (e.get("class") or "").split()
        if c.startswith("fig-area-")
    }
    expected = {"lower-back", "waist", "buttock", "hip-front"}
    assert areas and areas <= expected
    if "piriformis" in s.targets.primary:
        assert "buttock" in areas
    if "erector-spinae" in s.targets.primary:
        assert "lower-back" in areas


def test_only_the_stretched_leg_is_highlighted() -> None:
    s = shipped().catalog.get("supine-figure-four")
    for side in ("left", "right"):
        root = parse(figure_svg(s, side=side))
        marked = [e.get("class", "") for e in root.iter() if "fig-stretched" in e.get("class", "")]
        assert len(marked) == 3  # thigh, shin and foot
        assert all(re.search(r"fig-(thigh|shin|foot)\b", c) for c in marked)
    both_sides = shipped().catalog.get("cat-cow")
    assert "fig-stretched" not in figure_svg(both_sides)


def _coords(root: ET.Element) -> list[tuple[str, list[float]]]:
    """(tag, x coordinates) of every drawn shape, in document order."""
    out = []
    for e in root.iter():
        tag = e.tag.removeprefix(NS)
        if tag == "line":
            out.append((tag, [float(e.get("x1", 0)), float(e.get("x2", 0))]))
        elif tag in ("circle", "ellipse"):
            out.append((tag, [float(e.get("cx", 0))]))
        elif tag == "path":
            out.append(
                (tag, [float(v) for v in re.findall(r"[MQ ](-?[\d.]+) -?[\d.]+", e.get("d", ""))])
            )
    return out


@pytest.mark.parametrize("s", [s for s in STRETCHES if s.one_sided], ids=lambda s: s.id)
def test_the_right_side_is_the_mirror_of_the_left(s: Stretch) -> None:
    left, right = (parse(figure_svg(s, "both", side=side)) for side in ("left", "right"))
    lx, ly, lw, lh = (float(v) for v in left.get("viewBox", "").split())
    rx, ry, rw, rh = (float(v) for v in right.get("viewBox", "").split())
    assert (lw, lh, ly) == (rw, rh, ry)
    assert rx == pytest.approx(-(lx + lw), abs=0.11)
    for (ltag, lxs), (rtag, rxs) in zip(_coords(left), _coords(right), strict=True):
        assert ltag == rtag
        # Each x on the left drawing sits as far from the left edge as its twin on the right
        # drawing sits from the right edge (a line's two ends may come in either order).
        mirrored = sorted(1 - (b - rx) / rw for b in rxs)
        if ltag != "line":
            mirrored = [1 - (b - rx) / rw for b in rxs]
        ours = (
            sorted((a - lx) / lw for a in lxs) if ltag == "line" else [(a - lx) / lw for a in lxs]
        )
        assert ours == pytest.approx(mirrored, abs=0.002)


def test_both_poses_are_groups_and_only_one_shows() -> None:
    s = shipped().catalog.get("cat-cow")
    root = parse(figure_svg(s, "both"))
    groups = [g for g in root.iter(f"{NS}g") if "fig-pose" in g.get("class", "")]
    assert [g.get("class", "").split()[1] for g in groups] == [
        "fig-pose-start",
        "fig-pose-stretch",
        "fig-pose-cow",
    ]
    assert [("fig-on" in g.get("class", "").split()) for g in groups] == [False, True, False]
    assert root.get("data-poses") == "start stretch cow"
    assert (root.get("data-inhale"), root.get("data-exhale")) == ("cow", "stretch")
    assert root.get("data-inhale-seconds") == "4"


def test_the_start_pose_alone_says_its_first_step() -> None:
    s = shipped().catalog.get("knee-to-chest")
    title = parse(figure_svg(s, "start", side="right")).find(f"{NS}title")
    assert title is not None and title.text == f"Figure of {s.name}, right side. {s.steps[0]}"


def test_an_imported_stretch_without_a_figure_gets_the_neutral_placeholder() -> None:
    s = shipped().catalog.get("knee-to-chest").model_copy(update={"figure": None, "id": "imp-x"})
    root = parse(figure_svg(s))
    assert "fig-placeholder" in root.get("class", "").split()
    assert "no drawing" in (root.find(f"{NS}title").text or "")  # type: ignore[union-attr]


def test_the_stylesheet_gives_both_themes_and_honours_reduced_motion() -> None:
    css = stylesheet()
    assert "prefers-color-scheme: dark" in css and ".fig-dark" in css and ".theme-dark" in css
    assert "prefers-reduced-motion: reduce" in css
    used = set(re.findall(r'class="([^"]+)"', figure_svg(STRETCHES[0], "both")))
    for cls in ("fig-seg", "fig-head", "fig-target", "fig-floor", "fig-pose", "fig-on"):
        assert any(cls in u.split() for u in used) and f".{cls}" in css


def test_a_standalone_file_carries_its_stylesheet() -> None:
    svg = figure_svg(STRETCHES[0], standalone=True)
    assert "<style>" in svg and "--fig-body" in svg
    parse(svg)
