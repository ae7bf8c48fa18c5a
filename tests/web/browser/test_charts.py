"""The history page's SVG charts, built on the server from logged sessions."""

from __future__ import annotations

from datetime import date, timedelta

from supple.web.charts import WeekBar, discomfort_line, discomfort_series, weekly_bars


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
