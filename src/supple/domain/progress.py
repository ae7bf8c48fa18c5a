"""Consistency and progress from the session log: weekly goal, streaks, minutes, discomfort trends.

Pure: takes the sessions as plain values and `today`, so tests need no database or clock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

#: A change of about 2 points or 30 % on the 0-10 scale is one a person notices
#: (farrar-2001, ostelo-2008).
MEANINGFUL_POINTS = 2.0
MEANINGFUL_SHARE = 0.30
#: Ratings averaged at each end of a trend: enough to smooth one odd day, few enough to move.
TREND_WINDOW = 3


class LoggedItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    side: str
    held_seconds: float
    planned_seconds: float | None = None
    discomfort: int | None = None
    pain: bool = False


class LoggedSession(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    started_at: datetime
    ended_at: datetime | None = None
    status: str
    items: list[LoggedItem] = []

    @property
    def counts(self) -> bool:
        """A session counts toward the goal once at least one hold was done."""
        return any(i.held_seconds > 0 for i in self.items)

    @property
    def seconds(self) -> float:
        return sum(i.held_seconds for i in self.items)


class Week(BaseModel):
    week_start: date
    sessions: int
    minutes: float
    met: bool


class Trend(BaseModel):
    id: str
    ratings: int
    first_average: float
    recent_average: float
    change: float
    meaningful: bool
    direction: Literal["easier", "harder", "steady"]
    """`easier` when discomfort went down meaningfully, `harder` when it went up."""
    pain_reports: int


class Progress(BaseModel):
    today: date
    weekly_goal: int
    this_week: Week
    streak_weeks: int
    """Consecutive weeks that met the goal, up to last week (this week joins once met)."""
    best_streak_weeks: int
    total_sessions: int
    total_minutes: float
    weeks: list[Week]
    """The last `weeks_shown` weeks, oldest first: the chart's data."""
    trends: list[Trend]
    rules: list[dict[str, str]]


def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def trend(stretch_id: str, ratings: Sequence[int], pain_reports: int = 0) -> Trend | None:
    """First vs recent average discomfort; None until there are two ratings to compare."""
    if len(ratings) < 2:
        return None
    window = min(TREND_WINDOW, len(ratings) // 2)
    first = sum(ratings[:window]) / window
    recent = sum(ratings[-window:]) / window
    change = recent - first
    meaningful = abs(change) >= MEANINGFUL_POINTS or (
        first > 0 and abs(change) / first >= MEANINGFUL_SHARE and abs(change) >= 1
    )
    direction: Literal["easier", "harder", "steady"] = "steady"
    if meaningful:
        direction = "easier" if change < 0 else "harder"
    return Trend(
        id=stretch_id, ratings=len(ratings), first_average=round(first, 2),
        recent_average=round(recent, 2), change=round(change, 2), meaningful=meaningful,
        direction=direction, pain_reports=pain_reports,
    )


def progress(
    sessions: Iterable[LoggedSession], weekly_goal: int, today: date, weeks_shown: int = 12
) -> Progress:
    per_week: dict[date, list[LoggedSession]] = defaultdict(list)
    ratings: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
    pains: dict[str, int] = defaultdict(int)
    total = 0
    seconds = 0.0
    for s in sessions:
        for item in s.items:
            if item.discomfort is not None:
                ratings[item.id].append((s.started_at, item.discomfort))
            if item.pain:
                pains[item.id] += 1
        if not s.counts:
            continue
        total += 1
        seconds += s.seconds
        per_week[week_start(s.started_at.date())].append(s)

    def week(start: date) -> Week:
        done = per_week.get(start, [])
        return Week(
            week_start=start, sessions=len(done),
            minutes=round(sum(x.seconds for x in done) / 60, 1), met=len(done) >= weekly_goal,
        )

    current = week_start(today)
    this = week(current)
    streak = 1 if this.met else 0
    start = current - timedelta(weeks=1)
    while week(start).met:
        streak += 1
        start -= timedelta(weeks=1)
    best = run = 0
    if per_week:
        w = min(per_week)
        while w <= current:
            run = run + 1 if week(w).met else 0
            best = max(best, run)
            w += timedelta(weeks=1)
    trends = []
    for sid in sorted(ratings):
        ordered = [r for _, r in sorted(ratings[sid], key=lambda x: x[0])]
        t = trend(sid, ordered, pains.get(sid, 0))
        if t is not None:
            trends.append(t)
    shown = [week(current - timedelta(weeks=k)) for k in range(weeks_shown - 1, -1, -1)]
    return Progress(
        today=today, weekly_goal=weekly_goal, this_week=this, streak_weeks=streak,
        best_streak_weeks=best, total_sessions=total, total_minutes=round(seconds / 60, 1),
        weeks=shown, trends=trends,
        rules=[
            {"id": "weekly-goal", "source": "acsm-2021",
             "text": "At least 2-3 days a week; daily is most effective. supple's default goal "
                     "is 3, inside both of seed-002's ranges."},
            {"id": "meaningful-change", "source": "farrar-2001",
             "text": "A change of about 2 points or 30 % on the 0-10 scale is a real one "
                     "(also ostelo-2008)."},
        ],
    )
