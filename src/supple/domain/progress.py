"""Consistency and progress from the session log: weekly goal, streaks, minutes, discomfort trends.

Pure: takes the sessions as plain values and `today`, so tests need no database or clock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import BaseModel

#: A change of about 2 points or 30 % on the 0-10 scale is one a person notices
#: (farrar-2001, ostelo-2008). Either is enough, as the rule says: no minimum number of points
#: is added to the 30 % (so 2.0 -> 1.33 counts, and so does 1.0 -> 0.67).
MEANINGFUL_POINTS = 2.0
MEANINGFUL_SHARE = 0.30
#: Float rounding slack, so an exact 30 % (2.0 -> 1.4) counts.
_EPSILON = 1e-9
#: Ratings averaged at each end of a trend: enough to smooth one odd day, few enough to move.
TREND_WINDOW = 3


@dataclass(frozen=True, slots=True)
class LoggedItem:
    id: str
    side: str
    held_seconds: float
    planned_seconds: float | None = None
    discomfort: int | None = None
    pain: bool = False
    skipped: bool = False


@dataclass(frozen=True, slots=True)
class LoggedSession:
    id: str
    started_at: datetime
    status: str
    items: tuple[LoggedItem, ...] = ()
    ended_at: datetime | None = None

    @property
    def counts(self) -> bool:
        """A session counts toward the goal once at least one hold was done."""
        return any(i.held_seconds > 0 and not i.skipped for i in self.items)

    @property
    def seconds(self) -> float:
        return sum(i.held_seconds for i in self.items if not i.skipped)


class Week(BaseModel):
    week_start: date
    sessions: int
    minutes: float
    met: bool


class Trend(BaseModel):
    id: str
    ratings: int
    """Sessions in which the stretch was rated: one rating per session and stretch (a rating
    given once for a stretch covers all its holds and sides, and is counted once)."""
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


@dataclass(frozen=True, slots=True)
class RatingEnds:
    """A stretch's ratings in time order (one per session), reduced to what a trend needs: how
    many there are and the first and last TREND_WINDOW of them (a database can compute this
    without sending all)."""

    id: str
    count: int
    first: tuple[float, ...]
    last: tuple[float, ...]


def rating_ends(stretch_id: str, ratings: Sequence[float]) -> RatingEnds:
    return RatingEnds(
        stretch_id, len(ratings), tuple(ratings[:TREND_WINDOW]), tuple(ratings[-TREND_WINDOW:])
    )


def trend(stretch_id: str, ratings: Sequence[float], pain_reports: int = 0) -> Trend | None:
    """First vs recent average discomfort over one rating per session, in time order; None
    until there are two sessions to compare."""
    return trend_of(rating_ends(stretch_id, ratings), pain_reports)


def trend_of(ends: RatingEnds, pain_reports: int = 0) -> Trend | None:
    if ends.count < 2:
        return None
    window = min(TREND_WINDOW, ends.count // 2)
    first = sum(ends.first[:window]) / window
    recent = sum(ends.last[-window:]) / window
    change = recent - first
    meaningful = abs(change) >= MEANINGFUL_POINTS - _EPSILON or (
        first > 0 and abs(change) >= MEANINGFUL_SHARE * first - _EPSILON
    )
    direction: Literal["easier", "harder", "steady"] = "steady"
    if meaningful:
        direction = "easier" if change < 0 else "harder"
    return Trend(
        id=ends.id,
        ratings=ends.count,
        first_average=round(first, 2),
        recent_average=round(recent, 2),
        change=round(change, 2),
        meaningful=meaningful,
        direction=direction,
        pain_reports=pain_reports,
    )


def progress(
    sessions: Iterable[LoggedSession], weekly_goal: int, today: date, weeks_shown: int = 12
) -> Progress:
    """Progress from whole logged sessions (what tests and small logs have at hand)."""
    done: list[tuple[datetime, float]] = []
    by_stretch: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    pains: dict[str, int] = defaultdict(int)
    for s in sessions:
        rated: dict[str, list[int]] = defaultdict(list)
        for item in s.items:
            if item.discomfort is not None:
                rated[item.id].append(item.discomfort)
            if item.pain:
                pains[item.id] += 1
        for sid, values in rated.items():  # one rating per session and stretch
            by_stretch[sid].append((s.started_at, sum(values) / len(values)))
        if s.counts:
            done.append((s.started_at, s.seconds))
    ends = [
        rating_ends(sid, [r for _, r in sorted(rs, key=lambda x: x[0])])
        for sid, rs in by_stretch.items()
    ]
    return summarise(done, ends, pains, weekly_goal, today, weeks_shown)


def summarise(
    done: Iterable[tuple[datetime, float]],
    ratings: Iterable[RatingEnds],
    pains: Mapping[str, int],
    weekly_goal: int,
    today: date,
    weeks_shown: int = 12,
) -> Progress:
    """Progress from what a database can aggregate: (start, seconds held) of every session that
    counts (at least one hold done), each stretch's rating ends, and pain reports per stretch."""
    per_week: dict[date, list[float]] = defaultdict(list)
    total = 0
    seconds = 0.0
    for started_at, held in done:
        total += 1
        seconds += held
        per_week[week_start(started_at.date())].append(held)

    def week(start: date) -> Week:
        held = per_week.get(start, [])
        return Week(
            week_start=start,
            sessions=len(held),
            minutes=round(sum(held) / 60, 1),
            met=len(held) >= weekly_goal,
        )

    current = week_start(today)
    this = week(current)
    streak = 1 if this.met else 0
    start = current - timedelta(weeks=1)
    while len(per_week.get(start, ())) >= weekly_goal:
        streak += 1
        start -= timedelta(weeks=1)
    best = run = 0
    if per_week:
        w = min(per_week)
        while w <= current:
            run = run + 1 if len(per_week.get(w, ())) >= weekly_goal else 0
            best = max(best, run)
            w += timedelta(weeks=1)
    trends = []
    for ends in sorted(ratings, key=lambda e: e.id):
        t = trend_of(ends, pains.get(ends.id, 0))
        if t is not None:
            trends.append(t)
    shown = [week(current - timedelta(weeks=k)) for k in range(weeks_shown - 1, -1, -1)]
    return Progress(
        today=today,
        weekly_goal=weekly_goal,
        this_week=this,
        streak_weeks=streak,
        best_streak_weeks=best,
        total_sessions=total,
        total_minutes=round(seconds / 60, 1),
        weeks=shown,
        trends=trends,
        rules=[
            {
                "id": "weekly-goal",
                "source": "acsm-2021",
                "text": "At least 2-3 days a week; daily is most effective. supple's default goal "
                "is 3, inside both of seed-002's ranges.",
            },
            {
                "id": "meaningful-change",
                "source": "farrar-2001",
                "text": "A change of about 2 points or 30 % on the 0-10 scale is a real one "
                "(also ostelo-2008). Each session counts once per stretch: its ratings of "
                "that stretch are averaged; the first and the latest three sessions are "
                "compared.",
            },
        ],
    )
