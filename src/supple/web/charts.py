"""Server-side SVG charts for the history page: no JavaScript chart library, nothing to download.

Colours come from CSS classes (static/app.css), so the charts follow dark mode; every chart has a
text title for screen readers and the page shows the same numbers in a table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import Any

WIDTH = 640
HEIGHT = 220
_PAD_L, _PAD_R, _PAD_T, _PAD_B = 36, 12, 16, 36


@dataclass(frozen=True)
class WeekBar:
    week_start: date
    sessions: int
    met: bool


def _svg(title: str, body: list[str], width: int = WIDTH, height: int = HEIGHT) -> str:
    t = escape(title)
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{t}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{t}</title>' + "".join(body) + "</svg>"
    )


def weekly_bars(weeks: list[WeekBar], goal: int) -> str:
    """Sessions per week as bars, with the weekly goal as a dashed line."""
    top = max([goal, *(w.sessions for w in weeks), 1])
    plot_w = WIDTH - _PAD_L - _PAD_R
    plot_h = HEIGHT - _PAD_T - _PAD_B
    slot = plot_w / max(1, len(weeks))

    def y(v: float) -> float:
        return _PAD_T + plot_h * (1 - v / top)

    body = [
        f'<line class="axis" x1="{_PAD_L}" y1="{y(0):.1f}" x2="{WIDTH - _PAD_R}" y2="{y(0):.1f}"/>'
    ]
    for v in range(0, top + 1, max(1, top // 4)):
        body.append(
            f'<text class="tick" x="{_PAD_L - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v}</text>'
        )
    for i, w in enumerate(weeks):
        x = _PAD_L + i * slot + slot * 0.15
        h = y(0) - y(w.sessions)
        cls = "bar met" if w.met else "bar"
        label = f"week of {w.week_start:%d %b}: {w.sessions} session(s)"
        body.append(
            f'<rect class="{cls}" x="{x:.1f}" y="{y(w.sessions):.1f}" width="{slot * 0.7:.1f}" '
            f'height="{h:.1f}"><title>{escape(label)}</title></rect>'
        )
        if i % max(1, len(weeks) // 6) == 0:
            body.append(
                f'<text class="tick" x="{x + slot * 0.35:.1f}" y="{HEIGHT - 12}" '
                f'text-anchor="middle">{w.week_start:%d %b}</text>'
            )
    body.append(
        f'<line class="goal" x1="{_PAD_L}" y1="{y(goal):.1f}" x2="{WIDTH - _PAD_R}" '
        f'y2="{y(goal):.1f}"/>'
        f'<text class="goal-label" x="{WIDTH - _PAD_R}" y="{y(goal) - 5:.1f}" '
        f'text-anchor="end">goal {goal}</text>'
    )
    return _svg(f"Sessions per week over {len(weeks)} weeks against a goal of {goal}", body)


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
    """Discomfort 0-10 per session for one stretch (lower is better)."""
    w, h = 320, 140
    pl, pr, pt, pb = 28, 10, 10, 24
    plot_w, plot_h = w - pl - pr, h - pt - pb

    def xy(i: int, v: float) -> tuple[float, float]:
        x = pl + (plot_w * i / (len(points) - 1) if len(points) > 1 else plot_w / 2)
        return x, pt + plot_h * (1 - v / 10)

    body = [f'<line class="axis" x1="{pl}" y1="{pt + plot_h}" x2="{w - pr}" y2="{pt + plot_h}"/>']
    for tick in (0, 5, 10):
        ty = xy(0, tick)[1] + 4
        body.append(f'<text class="tick" x="{pl - 5}" y="{ty:.1f}" text-anchor="end">{tick}</text>')
    coords = [xy(i, v) for i, (_, v) in enumerate(points)]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        body.append(f'<polyline class="line" points="{path}"/>')
    for (x, y), (when, v) in zip(coords, points, strict=True):
        body.append(
            f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="4">'
            f"<title>{when:%d %b}: {v:.1f} of 10</title></circle>"
        )
    if points:
        body.append(
            f'<text class="tick" x="{pl}" y="{h - 6}">{points[0][0]:%d %b}</text>'
            f'<text class="tick" x="{w - pr}" y="{h - 6}" text-anchor="end">'
            f"{points[-1][0]:%d %b}</text>"
        )
    return _svg(f"{name}: discomfort from 0 to 10 in {len(points)} session(s)", body, w, h)
