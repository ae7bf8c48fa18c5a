"""The history page: sessions, the weekly goal chart and each stretch's discomfort trend."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.domain.level import StretchProgress
from supple.domain.problems import Problem
from supple.domain.progress import Progress, Trend
from supple.services import pain, sessions
from supple.services.catalog import full_catalog
from supple.web import charts
from supple.web.forms import CsrfError, csrf_refused, first, read_form
from supple.web.templating import render, settings_of
from supple.wording import FORM, word

router = APIRouter(include_in_schema=False)


@router.get("/history", response_class=HTMLResponse)
def history_page(request: Request, done: str = "") -> HTMLResponse:
    return _page(request, notice=done if done in ("checked", "goal") else "")


@router.post("/history/pain-checked", response_class=HTMLResponse, response_model=None)
async def pain_checked(request: Request) -> Response:
    """Mark a stretch checked after sharp pain (the web's `supple pain checked`)."""
    try:
        form = await read_form(request)
    except CsrfError:
        return csrf_refused(request)
    try:
        pain.mark_checked(settings_of(request), first(form, "stretch"), first(form, "reason"))
    except Problem as e:
        return _page(request, error=word(e, FORM), status_code=409)
    return RedirectResponse("/history?done=checked", status_code=303)


@router.post("/history/accept-goal", response_class=HTMLResponse, response_model=None)
async def accept_goal(request: Request) -> Response:
    """Take the weekly goal progress suggests (the web's `supple progress --accept-goal`)."""
    try:
        await read_form(request)
    except CsrfError:
        return csrf_refused(request)
    try:
        sessions.accept_goal(settings_of(request))
    except Problem as e:
        return _page(request, error=word(e, FORM), status_code=409)
    return RedirectResponse("/history?done=goal", status_code=303)


def _page(
    request: Request, notice: str = "", error: str = "", status_code: int = 200
) -> HTMLResponse:
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
    waiting = [
        {
            "id": sid,
            "name": names.get(sid) or sid,
            "day": at.date(),
            "today": at.date() >= date.today(),
        }
        for sid, at in sorted(pain.waiting(settings).items(), key=lambda kv: kv[1])
    ]
    return render(
        request,
        "history.html",
        status_code=status_code,
        sessions=list(reversed(rows)),
        progress=progress,
        week_charts=week_charts,
        stretches=_stretch_rows(rows, progress.trends, names),
        levels=_level_rows(progress, names),
        waiting=waiting,
        notice=notice,
        error=error,
        names=names,
    )


def dose_words(level: StretchProgress) -> str:
    """A level's dose in words for the page (the domain's words, which know the sides)."""
    return level.dose_words


def _level_rows(progress: Progress, names: dict[str, str]) -> list[dict[str, Any]]:
    """Per stretch done: its name, level now in words, why, and its level chart."""
    out = []
    for lv in progress.levels:
        name = names.get(lv.id) or lv.id
        shown = progress.weeks[0].week_start if progress.weeks else progress.today
        points = [(p.day, p.step) for p in lv.history]
        if lv.start and lv.start.day >= shown and (not points or lv.start.day < points[0][0]):
            points.insert(0, (lv.start.day, lv.start.step))
        if points:
            points.append((progress.today, lv.step))
        out.append(
            {
                "id": lv.id,
                "name": name,
                "level": lv,
                "dose": dose_words(lv),
                # A line needs two different days (one session is a level to state, not a line).
                "chart": charts.level_line(name, points, lv.steps)
                if len({d for d, _ in points}) > 1
                else "",
            }
        )
    out.sort(key=lambda r: str(r["name"]).lower())
    return out


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
