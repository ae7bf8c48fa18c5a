"""Server-side SVG charts for the history page, drawn by pygal (no JavaScript, nothing to download).

pygal lays out the axes, bars, lines and labels; an XML filter (pygal's own `xml_filters` hook)
then keeps only the drawing: it drops the `<style>` and `<script>` pygal puts in every chart
(the CSP has no 'unsafe-inline'; `js=[]` already stops the external tooltip script) and the
hidden tooltip group with its inline `style` and data for that script. Colours and font sizes
come from pygal's CSS classes, styled in static/app.css, so the charts follow dark mode. Every
chart has a text title for screen readers and the page shows the same numbers in a table.

SVG text scales with the drawing, so one drawing cannot have readable labels both on a phone
and on a wide screen: `weekly_bars` draws for a width (`WIDE` or `NARROW`) and the page shows
the one that fits (CSS media query).

pygal is imported inside the functions, so starting the app and `supple --help` do not pay for it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from supple.wording.i18n import _, ngettext


@dataclass(frozen=True)
class Size:
    width: int
    height: int
    font: int  # px of the tick labels, in drawing units (pygal lays out with it; app.css draws it)
    labels: int  # at most this many week labels under the bars


WIDE = Size(640, 220, 12, 8)
NARROW = Size(320, 200, 13, 3)
LINE = Size(320, 150, 13, 2)


@dataclass(frozen=True)
class WeekBar:
    week_start: date
    sessions: int
    met: bool


def _half_label(text: str, font: int) -> float:
    return len(text) * font * 0.3


def _options(size: Size, classes: list[str]) -> dict[str, Any]:
    """pygal settings shared by every chart: our size and classes, no legend, no scripts."""
    from pygal.style import Style  # lazy on purpose: see the module docstring

    return {
        "width": size.width,
        "height": size.height,
        "explicit_size": False,  # a viewBox only: the CSS sizes the drawing
        "disable_xml_declaration": True,
        "no_prefix": True,  # no generated id or id-prefixed CSS
        "classes": classes,
        "css": [],  # pygal's own CSS would be dropped anyway (inline <style>)
        "js": [],  # no tooltip script from another site
        "show_legend": False,
        "truncate_label": -1,  # we pick which labels to show instead
        "margin": 6,
        "spacing": 8,
        # Fonts only for pygal's layout: the sizes app.css gives the same labels.
        "style": Style(
            font_family="inherit",
            label_font_size=size.font,
            major_label_font_size=size.font,
        ),
    }


def _render(chart: Any, title: str) -> str:
    chart.add_xml_filter(lambda root: _our_css_only(root, title))
    return str(chart.render(is_unicode=True))


def _our_css_only(root: Any, title: str) -> Any:
    """Keep pygal's drawing and classes; drop what the CSP blocks or our page has no use for."""
    for parent in list(root.iter()):
        for child in list(parent):
            tag = child.tag if isinstance(child.tag, str) else ""
            cls = child.get("class", "")
            if tag in ("style", "script", "desc") or "tooltip-overlay" in cls.split():
                parent.remove(child)  # inline CSS/JS, and the JS tooltip and its data
            elif tag == "defs" and not any(c.tag not in ("style", "script") for c in child):
                parent.remove(child)
    for el in root.iter():
        el.attrib.pop("style", None)  # none left after the above; never let one through
        if el.get("class") == "":
            del el.attrib["class"]
    if not root.get("id"):
        root.attrib.pop("id", None)
    root.set("role", "img")
    root.set("aria-label", title)
    root.find("title").text = title  # pygal writes "Pygal" unless it also draws a visible title
    return root


def weekly_bars(weeks: list[WeekBar], goal: int, size: Size = WIDE) -> str:
    """Sessions per week as bars, with the weekly goal as a dashed guide labelled on the axis.
    The newest week is always labelled; older labels are spread so at most `size.labels` fit."""
    import pygal  # lazy on purpose: see the module docstring

    title = ngettext(
        "Sessions per week over {weeks} week against a goal of {goal}",
        "Sessions per week over {weeks} weeks against a goal of {goal}",
        len(weeks),
    ).format(weeks=len(weeks), goal=goal)
    variant = "narrow" if size is NARROW else "wide"
    labels = [f"{wk.week_start:%d %b}" for wk in weeks]
    every = max(1, -(-len(weeks) // size.labels))
    shown = [t for i, t in enumerate(labels) if (len(weeks) - 1 - i) % every == 0]
    top = max([goal, *(wk.sessions for wk in weeks), 1])
    ticks: list[Any] = [v for v in range(0, top + 1, max(1, top // 4)) if v != goal]
    ticks.append({"value": goal, "label": _("goal {goal}").format(goal=goal)})
    # The newest label is centred under the last bar: leave room for its half past the bar.
    plot_guess = size.width * 0.85
    overhang = _half_label(labels[-1], size.font) - plot_guess / max(1, len(weeks)) / 2
    chart = pygal.Bar(
        **_options(size, ["chart", "chart-weeks", f"chart-{variant}"]),
        x_labels=labels,
        x_labels_major=shown,
        show_minor_x_labels=False,
        y_labels=ticks,
        y_labels_major=[goal],  # the goal's guide and label get pygal's "major" class
        margin_right=max(6, round(overhang) + 4),
    )
    tooltip = _("week of {day}: {sessions} session(s)")
    chart.add(
        _("sessions"),
        [
            {
                "value": wk.sessions,
                "tooltip": tooltip.format(day=f"{wk.week_start:%d %b}", sessions=wk.sessions),
                "node": {"class": "rect met" if wk.met else "rect"},
            }
            for wk in weeks
        ],
    )
    return _render(chart, title)


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
    import pygal  # lazy on purpose: see the module docstring

    title = ngettext(
        "{name}: discomfort from 0 to 10 in {sessions} sessions",
        "{name}: discomfort from 0 to 10 in {sessions} sessions",
        len(points),
    ).format(name=name, sessions=len(points))
    first, last = f"{points[0][0]:%d %b}", f"{points[-1][0]:%d %b}"
    # Only the first and last dates are written (once if they are the same day).
    labels = [first] + [""] * (len(points) - 2) + [last if last != first else ""]
    chart = pygal.Line(
        **_options(LINE, ["chart", "chart-line"]),
        x_labels=labels,
        x_labels_major=[t for t in (first, last) if t],
        show_minor_x_labels=False,
        range=(0, 10),
        y_labels=[0, 5, 10],
        dots_size=4,
        # pygal centres the last date on the last dot, near the right edge: room for its half.
        margin_right=round(_half_label(last, LINE.font)) + 4,
    )
    rated = _("{day}: {value} of 10")
    chart.add(
        name,
        [
            {"value": v, "tooltip": rated.format(day=f"{when:%d %b}", value=f"{v:.1f}")}
            for when, v in points
        ],
    )
    return _render(chart, title)


def level_line(name: str, points: list[tuple[date, int]], steps: int) -> str:
    """One stretch's level over time (1 = its easier version at the lowest dose, `steps` = its
    top), a point at each change and at today. Needs two points or more."""
    if len(points) < 2:
        raise ValueError("a level line needs two points")
    import pygal  # lazy on purpose: see the module docstring

    title = _("{name}: level over time, now {level} of {steps}").format(
        name=name, level=points[-1][1] + 1, steps=steps
    )
    first, last = f"{points[0][0]:%d %b}", f"{points[-1][0]:%d %b}"
    labels = [first] + [""] * (len(points) - 2) + [last if last != first else ""]
    chart = pygal.Line(
        **_options(LINE, ["chart", "chart-line", "chart-level"]),
        x_labels=labels,
        x_labels_major=[t for t in (first, last) if t],
        show_minor_x_labels=False,
        range=(1, steps),
        y_labels=sorted({1, steps}),
        dots_size=4,
        margin_right=round(_half_label(last, LINE.font)) + 4,
    )
    at = _("{day}: level {level}")
    chart.add(
        name,
        [{"value": s + 1, "tooltip": at.format(day=f"{d:%d %b}", level=s + 1)} for d, s in points],
    )
    return _render(chart, title)
