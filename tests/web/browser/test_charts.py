"""The history page's SVG charts, drawn by pygal on the server from logged sessions, with only
our CSS classes left in them (the CSP allows no inline style or script)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from supple.web.charts import (
    NARROW,
    WIDE,
    WeekBar,
    discomfort_line,
    discomfort_series,
    weekly_bars,
)

SVG = "{http://www.w3.org/2000/svg}"


def _tag(el: ET.Element) -> str:
    return el.tag.removeprefix(SVG)


def assert_csp_safe(svg: str) -> ET.Element:
    """Nothing the CSP would block and nothing that loads: no <style>, <script>, style=, on*=,
    links; a text title first, also given as the accessible name."""
    root = ET.fromstring(svg)
    for el in root.iter():
        assert _tag(el) not in {"style", "script", "a", "image", "foreignObject"}, _tag(el)
        for name in el.attrib:
            assert name != "style" and not name.startswith("on"), (_tag(el), name)
            assert "href" not in name, (_tag(el), name)
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        "<!--http", "<!--"
    ), "no URL but pygal's credit comments"
    first = next(iter(root))
    assert _tag(first) == "title" and first.text == root.get("aria-label")
    assert root.get("role") == "img"
    return root


def test_weekly_bars_draw_one_bar_per_week_and_the_goal_line() -> None:
    start = date(2026, 9, 7)
    weeks = [WeekBar(start + timedelta(weeks=i), n, n >= 3) for i, n in enumerate([0, 2, 3, 5])]
    svg = weekly_bars(weeks, goal=3)
    root = assert_csp_safe(svg)
    bars = [el for el in root.iter() if (el.get("class") or "").split()[:1] == ["rect"]]
    assert len(bars) == 4
    assert svg.count('class="rect met"') == 2
    # The goal: pygal's "major" guide on the y axis, labelled, styled as a dashed line by CSS.
    assert re.search(r'class="major guide line" /><text [^>]*class="major">goal 3</text>', svg)
    assert "against a goal of 3" in svg  # the text title a screen reader reads
    assert "week of 21 Sep: 3 session(s)" in svg, "each bar says its number on hover"


def test_discomfort_series_averages_each_session_per_stretch_oldest_first() -> None:
    history: list[dict[str, Any]] = [
        {
            "started_at": "2026-11-02T08:00:00+00:00",
            "items": [
                {"id": "cat-cow", "discomfort": 4},
                {"id": "cat-cow", "discomfort": 2},
                {"id": "childs-pose", "discomfort": None},
            ],
        },
        {"started_at": "2026-11-05T08:00:00+00:00", "items": [{"id": "cat-cow", "discomfort": 1}]},
    ]
    series = discomfort_series(history)
    assert list(series) == ["cat-cow"], "a stretch never rated has no line"
    assert [v for _, v in series["cat-cow"]] == [3.0, 1.0]
    svg = discomfort_line("Cat <cow>", series["cat-cow"])
    assert_csp_safe(svg)
    assert 'class="line reactive nofill"' in svg and svg.count("<circle") == 2
    assert "Cat &lt;cow&gt;" in svg, "names are escaped"
    assert "02 Nov: 3.0 of 10" in svg and "05 Nov: 1.0 of 10" in svg


def _x_labels(svg: str) -> list[tuple[float, str]]:
    """(x in the whole drawing, text) of each label under the chart."""
    root = ET.fromstring(svg)
    plot = next(el for el in root.iter() if el.get("class") == "plot")
    dx = float(re.findall(r"[\d.]+", plot.get("transform", ""))[0])
    axis = next(el for el in plot if el.get("class") == "axis x")
    return [(dx + float(t.get("x", 0)), t.text or "") for t in axis.iter(f"{SVG}text") if t.text]


def test_the_newest_week_is_labelled_and_labels_stay_inside_the_drawing() -> None:
    start = date(2026, 9, 21)
    weeks = [WeekBar(start + timedelta(weeks=i), i % 3, False) for i in range(12)]
    for size in (WIDE, NARROW):
        svg = weekly_bars(weeks, goal=3, size=size)
        labels = _x_labels(svg)
        assert labels[-1][1] == f"{weeks[-1].week_start:%d %b}", "this week has its date"
        assert len(labels) <= size.labels
        for x, text in labels:
            half = len(text) * size.font * 0.3
            assert half <= x <= size.width - half, (x, text)
    assert "chart-narrow" in weekly_bars(weeks, 3, NARROW)


def test_a_line_names_its_first_and_last_day_once_each() -> None:
    points = [
        (datetime(2026, 12, 1), 4.0),
        (datetime(2026, 12, 1), 3.0),
        (datetime(2026, 12, 9), 2.0),
    ]
    labels = _x_labels(discomfort_line("Cat-cow", points))
    assert [t for _, t in labels] == ["01 Dec", "09 Dec"]
    for x, text in labels:
        assert len(text) * 13 * 0.3 <= x <= 320 - len(text) * 13 * 0.3, (x, text)
    same_day = _x_labels(discomfort_line("Cat-cow", points[:2]))
    assert [t for _, t in same_day] == ["01 Dec"]


def test_one_rated_session_is_not_a_line() -> None:
    with pytest.raises(ValueError, match="two sessions"):
        discomfort_line("Cat-cow", [(datetime(2026, 12, 2), 3.0)])


def test_pygal_is_imported_only_when_a_chart_is_drawn() -> None:
    import subprocess
    import sys

    code = "import sys, supple.web.app, supple.cli.app; print('pygal' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _play(client: Any, rating: int) -> None:
    """One 8-minute session through the API, every stretch rated `rating`."""
    routine = client.write(
        "POST", "/api/v1/plan", json={"minutes": 8, "places": ["floor"], "warm": True}
    ).json()
    created = client.write(
        "POST", "/api/v1/sessions", json={"routine": routine, "time_scale": 0.5}
    ).json()
    sid, timeline = created["id"], created["timeline"]
    ends = {seg["hold_group"]: seg for seg in timeline if seg["hold_group"] is not None}
    rated: set[int] = set()
    for seg in ends.values():
        keys = ("step", "id", "side", "kind")
        hold = {"event": "hold-complete", "t": seg["end"], "held_seconds": 5.0}
        hold.update({k: seg[k] for k in keys})
        client.write("POST", f"/api/v1/sessions/{sid}/events", json=hold)
        if routine["steps"][seg["step"]]["kind"] == "stretch" and seg["step"] not in rated:
            rated.add(seg["step"])
            rate = {"event": "rated", "t": seg["end"], "step": seg["step"], "discomfort": rating}
            client.write("POST", f"/api/v1/sessions/{sid}/events", json=rate)
    end = {"event": "finished", "t": timeline[-1]["end"]}
    assert client.write("POST", f"/api/v1/sessions/{sid}/events", json=end).is_success


def test_the_history_page_draws_pygal_charts_under_the_same_csp(settings: Any) -> None:
    """No sessions: words, no chart. One: the weekly bars (wide and narrow) and each stretch's
    single rating in words. Two: a line per stretch. The CSP is as strict as on every page."""
    from supple.services.context import close_all
    from supple.web.app import create_app
    from tests.web.conftest import api_client, clear_answers

    try:
        with api_client(create_app(settings)) as c:
            page = c.get("/history")
            assert 'id="no-weeks"' in page.text and "<svg" not in page.text
            csp = page.headers["content-security-policy"]
            assert "unsafe-inline" not in csp
            c.write("POST", "/api/v1/screening", json=clear_answers())
            _play(c, 5)
            page = c.get("/history")
            assert page.headers["content-security-policy"] == csp
            svgs = re.findall(r"<svg.*?</svg>", page.text, re.S)
            assert [s.split('"')[3] for s in svgs] == [
                "chart chart-weeks chart-wide",
                "chart chart-weeks chart-narrow",
            ]
            for svg in svgs:
                assert_csp_safe(svg)
            assert "Rated in one session so far: <strong>5.0</strong>" in page.text
            _play(c, 3)
            page = c.get("/history")
            lines = re.findall(r'<svg[^>]*class="chart chart-line".*?</svg>', page.text, re.S)
            assert lines and "Rated in one session so far" not in page.text
            for svg in lines:
                assert_csp_safe(svg)
                assert "5.0 of 10" in svg and "3.0 of 10" in svg, "each session's rating"
    finally:
        close_all()
