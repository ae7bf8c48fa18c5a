"""The history page's SVG charts, built on the server from logged sessions."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from supple.web.charts import (
    NARROW,
    WIDE,
    WeekBar,
    discomfort_line,
    discomfort_series,
    weekly_bars,
)


def test_weekly_bars_draw_one_bar_per_week_and_the_goal_line() -> None:
    start = date(2026, 9, 7)
    weeks = [WeekBar(start + timedelta(weeks=i), n, n >= 3) for i, n in enumerate([0, 2, 3, 5])]
    svg = weekly_bars(weeks, goal=3)
    assert svg.count("<rect") == 4
    assert svg.count('class="bar met"') == 2
    assert 'class="goal"' in svg and "goal 3" in svg
    assert "against a goal of 3" in svg  # the text title a screen reader reads


def test_discomfort_series_averages_each_session_per_stretch_oldest_first() -> None:
    history = [
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
    assert "<polyline" in svg and svg.count("<circle") == 2
    assert "Cat &lt;cow&gt;" in svg, "names are escaped"


def test_the_newest_week_is_labelled_and_labels_stay_inside_the_drawing() -> None:
    start = date(2026, 9, 21)
    weeks = [WeekBar(start + timedelta(weeks=i), i % 3, False) for i in range(11)]
    for size in (WIDE, NARROW):
        svg = weekly_bars(weeks, goal=3, size=size)
        labels = re.findall(
            r'<text class="tick" x="([\d.]+)" y="[\d.]+" text-anchor="middle">'
            r"([^<]+)</text>",
            svg,
        )
        assert labels[-1][1] == f"{weeks[-1].week_start:%d %b}", "this week has its date"
        assert len(labels) <= size.labels
        for x, text in labels:
            half = len(text) * size.font * 0.3
            assert half <= float(x) <= size.width - half, (x, text)
    assert "chart-narrow" in weekly_bars(weeks, 3, NARROW)


def test_one_rated_session_is_not_a_line() -> None:
    with pytest.raises(ValueError, match="two sessions"):
        discomfort_line("Cat-cow", [(datetime(2026, 12, 2), 3.0)])
