"""A stretch's figure as inline SVG, drawn on the server from the stretch's `[figure]` data.

CSP-safe: no `style` attribute, no script, no SMIL. Colours come from classes that
`figure.css` (next to this module) defines for the light and the dark theme; stroke widths are
presentation attributes, so a figure keeps its shape even before the stylesheet loads.

    figure_svg(stretch, pose="stretch" | "start" | "both", size=160, side="left" | "right")

`pose="both"` draws every keyframe as its own group (`fig-pose fig-pose-<name>`); only the group
with the class `fig-on` shows, so a page moves the figure by moving that class (the player does
this during "get ready" and with the breath; `figure.css` fades between poses unless the person
prefers reduced motion). The root carries `data-poses`, and for a dynamic movement
`data-inhale`, `data-exhale` and their seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

from supple.domain.catalog import Stretch
from supple.domain.figure import Figure, Keyframe, Side
from supple.domain.figure_check import chair_parts
from supple.domain.figure_kinematics import Body, Point, mirrored, pose

PoseName = Literal["start", "stretch", "both"]

#: Where each target muscle is shaded on the figure (supple's drawing choice, by general
#: anatomy): the lower back, the side of the waist, the buttock, the front of the hip.
MUSCLE_AREA = {
    "erector-spinae": "lower-back",
    "quadratus-lumborum": "lower-back",
    "obliques": "waist",
    "gluteus-maximus": "buttock",
    "gluteus-medius": "buttock",
    "gluteus-minimus": "buttock",
    "piriformis": "buttock",
    "hip-flexors": "hip-front",
}
AREAS = ("lower-back", "waist", "buttock", "hip-front")

PLACEHOLDER = Figure.model_validate(
    {
        "view": "side",
        "props": ["floor"],
        "keyframes": {
            "start": {"at": [0, 92]},
            "stretch": {"at": [0, 92], "shoulder": 10, "elbow": 10},
        },
    }
)
"""The neutral standing figure shown for an imported stretch without a figure of its own."""

MARGIN = 6.0
LEG_PARTS = ("thigh", "shin", "foot")


@dataclass(frozen=True, slots=True)
class _Drawn:
    name: str
    body: Body


def figure_svg(
    stretch: Stretch,
    pose: PoseName = "stretch",
    size: int = 160,
    side: Side | None = None,
    *,
    standalone: bool = False,
    uid: str = "",
) -> str:
    """The figure of `stretch` as an `<svg>` element `size` pixels wide.

    `side` is the side doing the stretch (default: the side the data shows); the other side's
    drawing is the mirror image of the same data. `standalone` adds the stylesheet inside the
    SVG, for a file on its own (never for a page: its CSP forbids inline styles). `uid` keeps
    the title's id unique when a page shows the same figure twice.
    """
    fig = stretch.figure or PLACEHOLDER
    shown_side: Side = side or fig.side
    names = fig.poses() if pose == "both" else [pose]
    drawn = [_Drawn(n, _posed(fig, fig.keyframes[n], shown_side)) for n in names]
    x0, y0, x1, y1 = _bounds(fig, drawn, shown_side)
    width, height = x1 - x0, y1 - y0
    px_h = max(1, round(size * height / width))
    title_id = f"fig-{stretch.id}-{shown_side}-{pose}{'-' + uid if uid else ''}"
    classes = ["supple-figure", f"fig-view-{fig.view}", f"fig-side-{shown_side}"]
    if stretch.figure is None:
        classes.append("fig-placeholder")
    attrs = {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"{_n(x0)} {_n(-y1)} {_n(width)} {_n(height)}",
        "width": str(size),
        "height": str(px_h),
        "class": " ".join(classes),
        "role": "img",
        "aria-labelledby": title_id,
        "data-poses": " ".join(names),
    }
    if fig.cycle and stretch.tempo:
        attrs |= {
            "data-inhale": fig.cycle.inhale,
            "data-exhale": fig.cycle.exhale,
            "data-inhale-seconds": str(stretch.tempo.inhale_seconds),
            "data-exhale-seconds": str(stretch.tempo.exhale_seconds),
        }
    out = ["<svg " + " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items()) + ">"]
    out.append(f"<title id={quoteattr(title_id)}>{escape(alt_text(stretch, pose, side))}</title>")
    if standalone:
        out.append(f"<style>{stylesheet()}</style>")
    out += _props(fig, x0, x1, drawn, shown_side)
    target_areas = _target_areas(stretch)
    shown = "stretch" if "stretch" in names else names[0]
    for d in drawn:
        on = " fig-on" if d.name == shown else ""
        out.append(f'<g class="fig-pose fig-pose-{d.name}{on}">')
        out += _body(d.body, fig, stretch, shown_side)
        out += _targets(d.body, fig, target_areas, shown_side)
        if fig.strap:
            a, b = (d.body.points[p] for p in fig.strap)
            out.append(_line(a, b, "fig-strap", 2))
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def alt_text(stretch: Stretch, pose: PoseName = "stretch", side: Side | None = None) -> str:
    """What the figure shows, in the stretch's own steps (the start pose: its first step)."""
    if stretch.figure is None:
        return f"{stretch.name}: no drawing of this stretch yet (a plain standing figure)."
    which = f", {side or stretch.figure.side} side" if stretch.one_sided else ""
    steps = stretch.steps[:1] if pose == "start" else stretch.steps[:-1]
    return f"Figure of {stretch.name}{which}. " + " ".join(steps)


@cache
def stylesheet() -> str:
    """The figure's CSS (light and dark themes, the pose fade), as the web includes it."""
    return resources.files("supple.figures").joinpath("figure.css").read_text(encoding="utf-8")


def _posed(fig: Figure, frame: Keyframe, side: Side) -> Body:
    body = pose(frame, fig.view)
    return body if side == fig.side else mirrored(body)


def _flip(fig: Figure, side: Side) -> bool:
    return side != fig.side


def _bounds(fig: Figure, drawn: list[_Drawn], side: Side) -> tuple[float, float, float, float]:
    """The box round every pose and prop, so all poses share one viewBox (for animation)."""
    xs: list[float] = []
    ys: list[float] = []
    for d in drawn:  # bodies are already mirrored for the other side
        for seg in d.body.segments:
            for p in (seg.a, seg.b):
                xs += [p[0] - seg.radius, p[0] + seg.radius]
                ys += [p[1] - seg.radius, p[1] + seg.radius]
    props_x: list[float] = []  # props are placed for the data's side; mirror them here
    for box in chair_parts(fig.chair, fig.view) if fig.chair else []:
        props_x += [box.x0, box.x1]
        ys += [box.y0, box.y1]
    if fig.wall_x is not None:
        props_x.append(fig.wall_x + 3)
    sign = -1.0 if _flip(fig, side) else 1.0
    xs += [sign * x for x in props_x]
    if fig.view != "top":
        ys.append(0.0)
    return min(xs) - MARGIN, min(ys) - MARGIN, max(xs) + MARGIN, max(ys) + MARGIN


def _props(fig: Figure, x0: float, x1: float, drawn: list[_Drawn], side: Side) -> list[str]:
    sign = -1.0 if _flip(fig, side) else 1.0
    out = ['<g class="fig-props">']
    if "floor" in fig.props:
        out.append(_line((x0, -1.0), (x1, -1.0), "fig-floor", 2))
    if "mat" in fig.props:
        ys = [p[1] for d in drawn for s in d.body.segments for p in (s.a, s.b)]
        top, bottom = max(ys) + 4, min(ys) - 4
        out.append(
            f'<rect class="fig-mat" x="{_n(x0 + 2)}" y="{_n(-top)}" width="{_n(x1 - x0 - 4)}" '
            f'height="{_n(top - bottom)}" rx="4"/>'
        )
    if fig.chair:
        for box in chair_parts(fig.chair, fig.view):
            bx0, bx1 = sorted((sign * box.x0, sign * box.x1))
            out.append(
                f'<rect class="fig-chair" x="{_n(bx0)}" y="{_n(-box.y1)}" '
                f'width="{_n(bx1 - bx0)}" height="{_n(box.y1 - box.y0)}" rx="1"/>'
            )
    if fig.wall_x is not None:
        wx = sign * (fig.wall_x + 1.5)
        top = max(p[1] for d in drawn for s in d.body.segments for p in (s.a, s.b)) + 10
        out.append(_line((wx, 0.0), (wx, top), "fig-wall", 3))
    out.append("</g>")
    return out


def _body(body: Body, fig: Figure, stretch: Stretch, side: Side) -> list[str]:
    out = []
    for seg in body.segments:
        classes = ["fig-seg", f"fig-{seg.part.replace('_', '-')}"]
        if seg.side is not None:
            if fig.view == "side":
                classes.append("fig-near" if seg.side == side else "fig-far")
            # The stretched side's leg: every shipped target is a hip or trunk muscle, and a
            # highlighted arm would point at the wrong place.
            if stretch.one_sided and seg.side == side and seg.part in LEG_PARTS:
                classes.append("fig-stretched")
        if seg.name == "head":
            out.append(_head(body, fig))
        elif seg.name == "trunk_lower":
            continue  # drawn with the upper trunk as one curved back
        elif seg.name == "trunk_upper":
            hip, waist, neck = (body.points[p] for p in ("hip_centre", "waist", "neck_base"))
            out.append(_spine(hip, waist, neck))
        else:
            out.append(_line(seg.a, seg.b, " ".join(classes), 2 * seg.radius))
    return out


def _spine(hip: Point, waist: Point, neck: Point) -> str:
    # A quadratic curve through the waist: its control point is where the curve at t=0.5 meets
    # the waist, so a rounded (cat) or hollow (cow) back reads as a curve, not a kink.
    ctrl = (2 * waist[0] - (hip[0] + neck[0]) / 2, 2 * waist[1] - (hip[1] + neck[1]) / 2)
    d = f"M{_p(hip)}Q{_p(ctrl)} {_p(neck)}"
    return f'<path class="fig-seg fig-trunk" d="{d}" stroke-width="22" fill="none"/>'


def _head(body: Body, fig: Figure) -> str:
    cx, cy = body.head
    out = f'<circle class="fig-head" cx="{_n(cx)}" cy="{_n(-cy)}" r="10"/>'
    fx, fy = body.face
    if fig.view == "side":  # the nose shows which way the face points
        nose = (cx + 11 * fx, cy + 11 * fy)
        out += _line(body.head, nose, "fig-face", 3)
    elif (share := math.hypot(fx, fy)) > 0.1:  # a head turned from the viewer: nose aside
        ux, uy = fx / share, fy / share
        k = 10 + 3 * share
        out += _line((cx + 6 * ux, cy + 6 * uy), (cx + k * ux, cy + k * uy), "fig-face", 3)
    return out


def _target_areas(stretch: Stretch) -> dict[str, str]:
    """Area -> `primary` or `secondary` (a primary target wins an area both name)."""
    out: dict[str, str] = {}
    for m in stretch.targets.secondary:
        if m in MUSCLE_AREA:
            out[MUSCLE_AREA[m]] = "secondary"
    for m in stretch.targets.primary:
        if m in MUSCLE_AREA:
            out[MUSCLE_AREA[m]] = "primary"
    return out


def _targets(body: Body, fig: Figure, areas: dict[str, str], side: Side) -> list[str]:
    hip, waist = body.points["hip_centre"], body.points["waist"]
    up = _unit(waist[0] - hip[0], waist[1] - hip[1])
    thigh_seg = next(s for s in body.segments if s.name == f"thigh_{side}")
    thigh = _unit(thigh_seg.b[0] - thigh_seg.a[0], thigh_seg.b[1] - thigh_seg.a[1])
    out = []
    for area in AREAS:
        if area not in areas:
            continue
        if fig.view == "side":
            centre, rx, ry, along = _side_area(area, hip, up, body.front, thigh)
        else:
            centre, rx, ry, along = _top_area(area, hip, up, thigh_seg.a)
        angle = -math.degrees(math.atan2(along[1], along[0]))
        cls = "fig-target" + (" fig-target-secondary" if areas[area] == "secondary" else "")
        cx, cy = _n(centre[0]), _n(-centre[1])
        out.append(
            f'<ellipse class="{cls} fig-area-{area}" cx="{cx}" cy="{cy}" rx="{_n(rx)}" '
            f'ry="{_n(ry)}" transform="rotate({_n(angle)} {cx} {cy})"/>'
        )
    return out


def _shift(p: Point, *terms: tuple[Point, float]) -> Point:
    x, y = p
    for v, k in terms:
        x, y = x + k * v[0], y + k * v[1]
    return x, y


def _side_area(
    area: str, hip: Point, up: Point, front: Point, thigh: Point
) -> tuple[Point, float, float, Point]:
    """An area seen from the side: the back and buttock behind the body line, the hip's front
    ahead of it."""
    if area == "lower-back":
        return _shift(hip, (up, 13), (front, -7)), 12, 5, up
    if area == "waist":
        return _shift(hip, (up, 14)), 7, 8, up
    if area == "buttock":
        return _shift(hip, (front, -6), (thigh, 3), (up, -1)), 9, 8, thigh
    return _shift(hip, (thigh, 8), (front, 4)), 9, 5, thigh  # hip-front


def _top_area(
    area: str, hip: Point, up: Point, hip_joint: Point
) -> tuple[Point, float, float, Point]:
    """An area seen from above: on the stretched side's half of the body where it is one-sided."""
    out = _unit(hip_joint[0] - hip[0], hip_joint[1] - hip[1])
    if area == "lower-back":
        return _shift(hip, (up, 13)), 11, 9, up
    if area == "waist":
        return _shift(hip, (up, 15), (out, 9)), 8, 5, up
    return _shift(hip_joint, (out, 2)), 8, 8, up


def _unit(x: float, y: float) -> Point:
    n = math.hypot(x, y) or 1.0
    return x / n, y / n


def _line(a: Point, b: Point, cls: str, width: float) -> str:
    return (
        f'<line class="{cls}" x1="{_n(a[0])}" y1="{_n(-a[1])}" x2="{_n(b[0])}" '
        f'y2="{_n(-b[1])}" stroke-width="{_n(width)}"/>'
    )


def _p(p: Point) -> str:
    return f"{_n(p[0])} {_n(-p[1])}"


def _n(v: float) -> str:
    r = round(v, 1)
    return str(int(r)) if r == int(r) else str(r)
