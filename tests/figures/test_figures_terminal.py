"""The terminal figure: braille dots drawn from the stretch's figure, shown by `catalog show`
and the player where the terminal has room, and nothing where it is too narrow."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from rich.console import Console

from supple.data.loader import shipped
from supple.figures.terminal import STRETCHED, TerminalFigure, figure_text
from tests.cli.conftest import cli, home  # noqa: F401 (fixtures)


def braille(text: str) -> int:
    return sum(1 for ch in text if 0x2801 <= ord(ch) <= 0x28FF)


def printed(renderable: object, width: int, height: int = 50) -> str:
    out = io.StringIO()
    Console(file=out, width=width, height=height, color_system=None).print(renderable)
    return out.getvalue()


def test_every_shipped_figure_draws_in_braille_within_its_box() -> None:
    for s in shipped().catalog:
        for pose in ("start", "stretch"):
            lines = figure_text(s, pose).plain.split("\n")
            assert 1 <= len(lines) <= 10 and all(len(line) <= 28 for line in lines), s.id
            assert braille("".join(lines)) > 20, (s.id, pose)


def test_the_start_and_the_stretch_look_different() -> None:
    s = shipped().catalog.get("childs-pose")
    assert figure_text(s, "start").plain != figure_text(s, "stretch").plain


def test_the_stretched_leg_is_in_colour_and_the_other_side_is_the_mirror() -> None:
    s = shipped().catalog.get("knee-to-chest")
    left, right = figure_text(s, side="left"), figure_text(s, side="right")
    assert any(span.style == STRETCHED for span in left.spans)
    flipped = "\n".join(line[::-1] for line in left.plain.split("\n"))

    # Braille cells mirror dot by dot, so compare which cells hold any dot at all.
    def ink(t: str) -> list[str]:
        return ["".join("#" if c != "\u2800" else "." for c in line) for line in t.split("\n")]

    assert ink(right.plain) == ink(flipped)


def test_nothing_is_drawn_on_a_narrow_terminal() -> None:
    s = shipped().catalog.get("cat-cow")
    assert braille(printed(TerminalFigure(s), width=100)) > 20
    assert printed(TerminalFigure(s), width=50).strip() == ""
    assert printed(TerminalFigure(s, min_height=36), width=100, height=24).strip() == ""


def test_catalog_show_draws_the_figure_where_there_is_room(
    cli: Callable[..., object],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    r = cli("catalog", "show", "supine-figure-four")
    assert braille(r.out) > 20  # type: ignore[attr-defined]
    assert "Steps" in r.out  # type: ignore[attr-defined]
    monkeypatch.setenv("COLUMNS", "50")
    narrow = cli("catalog", "show", "supine-figure-four")
    assert braille(narrow.out) == 0 and "Steps" in narrow.out  # type: ignore[attr-defined]
