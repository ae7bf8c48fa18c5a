"""Server-side SVG charts for the history page: no JavaScript chart library, nothing to download.

Colours and font sizes come from CSS classes (static/app.css), so the charts follow dark mode
and no inline style is needed (the CSP has no 'unsafe-inline'); every chart has a text title
for screen readers and the page shows the same numbers in a table.

SVG text scales with the drawing, so one drawing cannot have readable labels both on a phone
and on a wide screen: `weekly_bars` draws for a width (`WIDE` or `NARROW`) and the page shows
the one that fits (CSS media query).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import Any


@dataclass(frozen=True)
class Size:
    width: int
    height: int
    font: int  # px of the tick labels, in drawing units
    labels: int  # at most this many week labels under the bars


WIDE = Size(640, 220, 12, 8)
NARROW = Size(320, 200, 13, 3)
_PAD_L, _PAD_R, _PAD_T, _PAD_B = 30, 10, 18, 30


@dataclass(frozen=True)
class WeekBar:
    week_start: date
    sessions: int
    met: bool


def _svg(title: str, body: list[str], width: int, height: int, cls: str = "chart") -> str:
    t = escape(title)
    return (
        f'<svg class="{cls}" viewBox="0 0 {width} {height}" role="img" aria-label="{t}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{t}</title>' + "".join(body) + "</svg>"
    )


def _label_x(x: float, text: str, font: int, left: float, right: float) -> float:
    """A centred label's x, moved in so the whole text stays inside [left, right]."""
    half = len(text) * font * 0.3
    return min(max(x, left + half), right - half)


def weekly_bars(weeks: list[WeekBar], goal: int, size: Size = WIDE) -> str:
    """Sessions per week as bars, with the weekly goal as a dashed line. The newest week is
    always labelled; older labels are spread so at most `size.labels` fit."""
    w, h, font = size.width, size.height, size.font
    top = max([goal, *(wk.sessions for wk in weeks), 1])
    plot_w = w - _PAD_L - _PAD_R
    plot_h = h - _PAD_T - _PAD_B
    slot = plot_w / max(1, len(weeks))

    def y(v: float) -> float:
        return _PAD_T + plot_h * (1 - v / top)

    body = [f'<line class="axis" x1="{_PAD_L}" y1="{y(0):.1f}" x2="{w - _PAD_R}" y2="{y(0):.1f}"/>']
    for v in range(0, top + 1, max(1, top // 4)):
        body.append(
            f'<text class="tick" x="{_PAD_L - 6}" y="{y(v) + font / 3:.1f}" '
            f'text-anchor="end">{v}</text>'
        )
    every = max(1, -(-len(weeks) // size.labels))
    for i, wk in enumerate(weeks):
        x = _PAD_L + i * slot + slot * 0.15
        cls = "bar met" if wk.met else "bar"
        label = f"week of {wk.week_start:%d %b}: {wk.sessions} session(s)"
        body.append(
            f'<rect class="{cls}" x="{x:.1f}" y="{y(wk.sessions):.1f}" width="{slot * 0.7:.1f}" '
            f'height="{y(0) - y(wk.sessions):.1f}"><title>{escape(label)}</title></rect>'
        )
        if (len(weeks) - 1 - i) % every == 0:
            text = f"{wk.week_start:%d %b}"
            lx = _label_x(x + slot * 0.35, text, font, 0, w)
            body.append(
                f'<text class="tick" x="{lx:.1f}" y="{h - 10}" text-anchor="middle">{text}</text>'
            )
    body.append(
        f'<line class="goal" x1="{_PAD_L}" y1="{y(goal):.1f}" x2="{w - _PAD_R}" '
        f'y2="{y(goal):.1f}"/>'
        f'<text class="goal-label" x="{w - _PAD_R}" y="{y(goal) - 5:.1f}" '
        f'text-anchor="end">goal {goal}</text>'
    )
    return _svg(
        f"Sessions per week over {len(weeks)} weeks against a goal of {goal}",
        body,
        w,
        h,
        f"chart chart-{'narrow' if size is NARROW else 'wide'}",
    )


def discomfort_series(history: list[dict[str, Any]]) -> dict[str, list[tuple[datetime, float]]]:
    """Stretch id -> (session start, mean discomfort rated in that session), oldest first."""
    out: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    for session in history:
        when = datetime.fromisoformat(session["started_at"])
        per: dict[str, list[int]] = defaultdict(list)
        for item in session["items"]:
            if item.get("discomfort") is not None:
                per[item["id"]].append(int(item["discomfort"]))
        for sid, values in per.items():
            out[sid].append((when, sum(values) / len(values)))
    return dict(out)


def discomfort_line(name: str, points: list[tuple[datetime, float]]) -> str:
    """Discomfort 0-10 per session for one stretch (lower is better). Needs two points or more:
    one rating is a number to state, not a line (the page says it in words)."""
    if len(points) < 2:
        raise ValueError("a discomfort line needs ratings from two sessions")
    w, h, font = 320, 150, 13
    pl, pr, pt, pb = 26, 12, 10, 28
    plot_w, plot_h = w - pl - pr, h - pt - pb

    def xy(i: int, v: float) -> tuple[float, float]:
        return pl + plot_w * i / (len(points) - 1), pt + plot_h * (1 - v / 10)

    body = [f'<line class="axis" x1="{pl}" y1="{pt + plot_h}" x2="{w - pr}" y2="{pt + plot_h}"/>']
    for tick in (0, 5, 10):
        ty = xy(0, tick)[1] + font / 3
        body.append(f'<text class="tick" x="{pl - 5}" y="{ty:.1f}" text-anchor="end">{tick}</text>')
    coords = [xy(i, v) for i, (_, v) in enumerate(points)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    body.append(f'<polyline class="line" points="{path}"/>')
    for (x, y), (when, v) in zip(coords, points, strict=True):
        body.append(
            f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="4">'
            f"<title>{when:%d %b}: {v:.1f} of 10</title></circle>"
        )
    first, last = f"{points[0][0]:%d %b}", f"{points[-1][0]:%d %b}"
    body.append(f'<text class="tick" x="{pl}" y="{h - 8}">{first}</text>')
    if last != first:
        body.append(f'<text class="tick" x="{w - pr}" y="{h - 8}" text-anchor="end">{last}</text>')
    return _svg(f"{name}: discomfort from 0 to 10 in {len(points)} sessions", body, w, h)
