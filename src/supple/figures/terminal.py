"""A stretch's figure in the terminal: Unicode braille dots drawn from the same data as the SVG.

`TerminalFigure` is a Rich renderable that measures the space it gets: where the terminal is
too narrow to draw a readable figure it draws nothing, so a narrow screen keeps its text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from supple.domain.catalog import Stretch
from supple.domain.figure import Side
from supple.domain.figure_kinematics import Body, Point, mirrored, pose
from supple.figures.svg import LEG_PARTS, PLACEHOLDER

MIN_WIDTH = 60
"""Narrower than this (in cells) the terminal shows no figure."""
CELLS = 28
"""The figure's width in cells, at most (each cell holds 2 x 4 braille dots)."""
LINES = 10
"""The figure's height in lines, at most."""
BRAILLE = 0x2800
# Dot (column, row) -> bit in a braille cell (Unicode order).
_BITS = {(0, 0): 0, (0, 1): 1, (0, 2): 2, (1, 0): 3, (1, 1): 4, (1, 2): 5, (0, 3): 6, (1, 3): 7}
STRETCHED = "bold cyan"
BODY = ""
FLOOR = "dim"


@dataclass(frozen=True, slots=True)
class TerminalFigure:
    """The figure of `stretch` in keyframe `pose` (a missing keyframe draws the stretch)."""

    stretch: Stretch
    pose: str = "stretch"
    side: Side | None = None
    cells: int = CELLS
    min_height: int = 0
    """Draw nothing on a terminal with fewer lines (a full-screen view keeps its controls)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width < MIN_WIDTH or console.size.height < self.min_height:
            return
        yield _cached(self.stretch, self.pose, self.side, min(self.cells, options.max_width))


_CACHE: dict[tuple[int, str, Side | None, int], tuple[Stretch, Text]] = {}


def _cached(stretch: Stretch, pose_name: str, side: Side | None, cells: int) -> Text:
    # The player redraws ten times a second; the dots of one pose never change.
    key = (id(stretch), pose_name, side, cells)
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not stretch:
        if len(_CACHE) > 256:
            _CACHE.clear()
        hit = _CACHE[key] = (stretch, figure_text(stretch, pose_name, side, cells))
    return hit[1]


def figure_text(
    stretch: Stretch, pose_name: str = "stretch", side: Side | None = None, cells: int = CELLS
) -> Text:
    """The figure as braille text `cells` wide, the stretched leg in colour."""
    fig = stretch.figure or PLACEHOLDER
    frame = fig.keyframes.get(pose_name, fig.keyframes["stretch"])
    body = pose(frame, fig.view)
    shown: Side = side or fig.side
    if shown != fig.side:
        body = mirrored(body)
    shapes = list(_shapes(body, stretch.one_sided, shown))
    xs = [x for (a, b, r, _) in shapes for x in (a[0] - r, a[0] + r, b[0] - r, b[0] + r)]
    ys = [y for (a, b, r, _) in shapes for y in (a[1] - r, a[1] + r, b[1] - r, b[1] + r)]
    floor = fig.view != "top"
    x0, x1 = min(xs), max(xs)
    y0, y1 = (min(0.0, *ys) if floor else min(ys)), max(ys)
    scale = min((cells * 2 - 1) / (x1 - x0), (LINES * 4 - 1) / (y1 - y0))
    # A hair below: float error in the scale must not round one dot (and a cell) too many.
    cols = math.ceil((x1 - x0) * scale - 1e-9) + 1
    cols += cols % 2
    rows = max(4, math.ceil((y1 - y0) * scale) + 1)
    rows += (-rows) % 4
    dots: dict[tuple[int, int], str] = {}
    for a, b, r, style in shapes:
        _stroke(dots, a, b, r, style, x0, y1, scale, cols, rows)
    if floor:
        for c in range(cols):
            dots.setdefault((c, rows - 1), FLOOR)
    return _cells(dots, cols, rows)


def _shapes(body: Body, one_sided: bool, side: Side) -> Iterable[tuple[Point, Point, float, str]]:
    for seg in body.segments:
        stretched = one_sided and seg.side == side and seg.part in LEG_PARTS
        yield seg.a, seg.b, seg.radius, STRETCHED if stretched else BODY


def _stroke(
    dots: dict[tuple[int, int], str],
    a: Point,
    b: Point,
    radius: float,
    style: str,
    x0: float,
    y1: float,
    scale: float,
    cols: int,
    rows: int,
) -> None:
    # Thinner than the SVG: at a few dots per segment a full-width trunk would fill the figure.
    r = max(0.7, radius * scale * 0.6)
    ax, ay = (a[0] - x0) * scale, (y1 - a[1]) * scale
    bx, by = (b[0] - x0) * scale, (y1 - b[1]) * scale
    for cy in range(max(0, int(min(ay, by) - r)), min(rows, int(max(ay, by) + r) + 2)):
        for cx in range(max(0, int(min(ax, bx) - r)), min(cols, int(max(ax, bx) + r) + 2)):
            # The highlight wins where parts overlap.
            inside = _distance((cx, cy), (ax, ay), (bx, by)) <= r
            if inside and dots.get((cx, cy)) != STRETCHED:
                dots[(cx, cy)] = style


def _distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    along = (p[0] - a[0]) * dx + (p[1] - a[1]) * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, along / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def _cells(dots: dict[tuple[int, int], str], cols: int, rows: int) -> Text:
    out = Text(no_wrap=True)
    for row in range(0, rows, 4):
        if row:
            out.append("\n")
        for col in range(0, cols, 2):
            bits, styles = 0, set()
            for (dc, dr), bit in _BITS.items():
                s = dots.get((col + dc, row + dr))
                if s is not None:
                    bits |= 1 << bit
                    styles.add(s)
            # One style per cell: the highlight first, then the body, then the floor.
            style = next((s for s in (STRETCHED, BODY, FLOOR) if s in styles), None)
            out.append(chr(BRAILLE + bits), style=style or None)
    return out
