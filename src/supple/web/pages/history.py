"""The history page: sessions, the weekly goal chart and each stretch's discomfort trend."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from supple.domain.progress import Trend
from supple.services import sessions
from supple.services.catalog import full_catalog
from supple.web import charts
from supple.web.templating import render, settings_of

router = APIRouter(include_in_schema=False)


@router.get("/history", response_class=HTMLResponse)
def history_page(request: Request) -> HTMLResponse:
    settings = settings_of(request)
    rows = sessions.history(settings)
    progress = sessions.progress(settings)
    weeks = [charts.WeekBar(w.week_start, w.sessions, w.met) for w in progress.weeks]
    names = {s.id: s.name for s in full_catalog(settings)}
    for row in rows:  # shown in the user's local time, not the stored UTC
        row["when"] = datetime.fromisoformat(row["started_at"]).astimezone()
    week_charts = []
    if weeks and progress.total_sessions:  # a new user gets words, not a row of empty weeks
        week_charts = [
            charts.weekly_bars(weeks, progress.weekly_goal, size)
            for size in (charts.WIDE, charts.NARROW)
        ]
    return render(
        request,
        "history.html",
        sessions=list(reversed(rows)),
        progress=progress,
        week_charts=week_charts,
        stretches=_stretch_rows(rows, progress.trends, names),
        names=names,
    )


def _stretch_rows(
    rows: list[dict[str, Any]], trends: list[Trend], names: dict[str, str]
) -> list[dict[str, Any]]:
    """One entry per rated stretch, for its chart and its row of the trend table alike (so no
    stretch has one without the other): its name, the chart (two rated sessions or more), the
    single rating otherwise, and its trend (None until the trend has two ratings)."""
    series = charts.discomfort_series(rows)
    by_id = {t.id: t for t in trends}
    out = []
    for sid in sorted(set(series) | set(by_id), key=lambda i: (names.get(i) or i).lower()):
        points = series.get(sid, [])
        name = names.get(sid) or sid
        out.append(
            {
                "id": sid,
                "name": name,
                "chart": charts.discomfort_line(name, points) if len(points) > 1 else "",
                "single": points[0] if len(points) == 1 else None,
                "trend": by_id.get(sid),
            }
        )
    return out
