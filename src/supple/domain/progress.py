"""Consistency and progress from the session log: weekly goal, streaks, minutes, discomfort trends.

Every rule of progress lives here, once: what one saved item adds to its session (`Tally`: time
held, a rating, a pain report), what counts as a session (`counts`), weeks and streaks against the
goal, one rating per session and stretch placed in time at its first rated item, and when a change
in discomfort is a real one (`trend`). `progress` is the one computation, and production and tests
both run it.

It reads the log in a compact shape, `ProgressLog`: each session's day and seconds held, each
stretch's number of rated sessions with the first and last `TREND_WINDOW` of them, and pain reports
per stretch. A database keeps those sums as items are saved (store/repositories/session_summary.py
adds each item's `Tally`), so ten years of sessions are read without reading their items;
`log_of` makes the same shape from whole sessions (tests, small logs).

Pure: the log comes in as plain values and `today` as an argument, so tests need no database or
clock. Days are the person's local days: whoever builds a `ProgressLog` converts to local time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from supple.domain.level import StretchProgress
from supple.domain.words import say, say_n

#: A change of about 2 points or 30 % on the 0-10 scale is one a person notices
#: (farrar-2001, ostelo-2008). Either is enough, as the rule says: no minimum number of points
#: is added to the 30 % (so 2.0 -> 1.33 counts, and so does 1.0 -> 0.67).
MEANINGFUL_POINTS = 2.0
MEANINGFUL_SHARE = 0.30
#: Float rounding slack, so an exact 30 % (2.0 -> 1.4) counts.
_EPSILON = 1e-9
#: Sessions averaged at each end of a trend: enough to smooth one odd day, few enough to move.
TREND_WINDOW = 3


# --- what one item adds ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tally:
    """Items of a session summed for progress: seconds held, how many were rated and the sum of
    those ratings, when the first rated one was saved, and how many reported sharp pain. One
    item is a tally of one (`of_item`); tallies add up (`+`)."""

    held: float = 0.0
    rated: int = 0
    rating_sum: int = 0
    rated_at: datetime | None = None
    pains: int = 0

    @classmethod
    def of_item(
        cls,
        held_seconds: float,
        skipped: bool,
        discomfort: int | None,
        pain: bool,
        recorded_at: datetime | None,
    ) -> Tally:
        rated = discomfort is not None
        return cls(
            # Skips and empty holds are not time held.
            held=float(held_seconds) if not skipped and held_seconds > 0 else 0.0,
            rated=int(rated),
            rating_sum=discomfort if discomfort is not None else 0,
            rated_at=recorded_at if rated else None,
            pains=int(bool(pain)),
        )

    def __add__(self, other: Tally) -> Tally:
        at = self.rated_at
        if other.rated_at is not None and (at is None or other.rated_at < at):
            at = other.rated_at
        return Tally(
            held=self.held + other.held,
            rated=self.rated + other.rated,
            rating_sum=self.rating_sum + other.rating_sum,
            rated_at=at,
            pains=self.pains + other.pains,
        )


def counts(seconds_held: float) -> bool:
    """A session counts toward the goal once at least one hold was done."""
    return seconds_held > 0


# --- the compact log progress reads ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RatedSession:
    """One session's rating of one stretch. The player copies a stretch's rating onto each of its
    holds (sides, repetitions), which must count once: a session rates a stretch once, with the
    average of its rated items, placed in time at the first of them (ties: by session id)."""

    at: datetime
    session_id: str
    rating_sum: int
    rated: int

    @property
    def rating(self) -> float:
        return self.rating_sum / self.rated

    @property
    def order(self) -> tuple[datetime, str]:
        return (self.at, self.session_id)


@dataclass(frozen=True, slots=True)
class StretchRatings:
    """The sessions that rated one stretch, as far as its trend needs them: how many there are,
    and at least the first and the last `TREND_WINDOW` of them, each in time order (a database
    sends only these). Made by `stretch_ratings` or `rating_ends`."""

    id: str
    sessions: int
    first: tuple[RatedSession, ...]
    last: tuple[RatedSession, ...]


def stretch_ratings(stretch_id: str, rated: Iterable[RatedSession]) -> StretchRatings:
    """A stretch's `StretchRatings` from all the sessions that rated it, in any order."""
    ordered = sorted(rated, key=_in_time)
    return rating_ends(stretch_id, len(ordered), ordered[:TREND_WINDOW], ordered[-TREND_WINDOW:])


def rating_ends(
    stretch_id: str, sessions: int, first: Iterable[RatedSession], last: Iterable[RatedSession]
) -> StretchRatings:
    """A stretch's `StretchRatings` from a count and the two ends as a database finds them
    (in any order)."""
    return StretchRatings(
        stretch_id, sessions, tuple(sorted(first, key=_in_time)), tuple(sorted(last, key=_in_time))
    )


def _in_time(r: RatedSession) -> tuple[datetime, str]:
    return r.order


@dataclass(frozen=True, slots=True)
class ProgressLog:
    """The session log as progress reads it."""

    sessions: Sequence[tuple[date, float]] = ()
    """Every session, oldest first (in any order among those that started together): the
    (local) day it started and its seconds held (the `Tally.held` of its items), whether it
    counts or not."""
    ratings: Sequence[StretchRatings] = ()
    """Every stretch rated in at least one session, by id."""
    pain_reports: Mapping[str, int] = field(default_factory=dict)
    """Items that reported sharp pain, per stretch (stretches with none left out)."""


@dataclass(frozen=True, slots=True)
class LoggedItem:
    id: str
    side: str
    held_seconds: float
    planned_seconds: float | None = None
    discomfort: int | None = None
    pain: bool = False
    skipped: bool = False
    recorded_at: datetime | None = None

    @property
    def tally(self) -> Tally:
        return Tally.of_item(
            self.held_seconds, self.skipped, self.discomfort, self.pain, self.recorded_at
        )


@dataclass(frozen=True, slots=True)
class LoggedSession:
    id: str
    started_at: datetime
    """In the person's local time (its date is the day the session counts for)."""
    status: str
    items: tuple[LoggedItem, ...] = ()
    ended_at: datetime | None = None


def log_of(sessions: Iterable[LoggedSession]) -> ProgressLog:
    """The `ProgressLog` of whole sessions (oldest first). An item saved without a time is
    placed at its session's start; give all times with a zone or all without."""
    days: list[tuple[date, float]] = []
    rated: dict[str, list[RatedSession]] = defaultdict(list)
    pains: dict[str, int] = defaultdict(int)
    for s in sessions:
        held = 0.0
        per_stretch: dict[str, Tally] = {}
        for item in s.items:
            tally = item.tally
            held += tally.held
            per_stretch[item.id] = per_stretch.get(item.id, Tally()) + tally
        days.append((s.started_at.date(), held))
        for stretch_id, t in per_stretch.items():
            if t.rated:
                at = t.rated_at if t.rated_at is not None else s.started_at
                rated[stretch_id].append(RatedSession(at, s.id, t.rating_sum, t.rated))
            if t.pains:
                pains[stretch_id] += t.pains
    return ProgressLog(
        sessions=tuple(days),
        ratings=tuple(stretch_ratings(sid, rated[sid]) for sid in sorted(rated)),
        pain_reports=dict(pains),
    )


# --- what progress shows -----------------------------------------------------------------------


class Week(BaseModel):
    model_config = ConfigDict(defer_build=True)

    week_start: date
    sessions: int
    minutes: float
    met: bool


class Trend(BaseModel):
    model_config = ConfigDict(defer_build=True)

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


class GoalSuggestion(BaseModel):
    """An offer to change the weekly goal, with why (rule `goal-suggestion`)."""

    model_config = ConfigDict(defer_build=True)

    current: int
    suggested: int
    direction: Literal["more", "fewer"]
    weeks: int
    """The weeks in a row behind it (at or above the goal, or below it)."""
    since: date
    """The first of those weeks."""
    why: str


#: Weeks in a row at or above the goal before one more day is offered, and below it before a
#: smaller goal is offered; the most a goal is offered up to (daily).
GOAL_UP_WEEKS = 3
GOAL_DOWN_WEEKS = 2
GOAL_MOST = 7


def goal_suggestion(
    per_week: Mapping[date, int], goal: int, today: date, since: date | None
) -> GoalSuggestion | None:
    """One more day a week after `GOAL_UP_WEEKS` finished weeks in a row at or above the goal
    (up to daily); a smaller goal (what the better of the weeks reached, at least 1) after
    `GOAL_DOWN_WEEKS` below it. Only weeks that started on or after `since` (the day the goal
    was set) count, and never the week under way. `per_week`: week start -> sessions."""
    current = week_start(today)
    first = min(per_week) if per_week else current
    if since is not None:
        first = max(
            first,
            week_start(since) + (timedelta(0) if since.weekday() == 0 else timedelta(weeks=1)),
        )
    done: list[tuple[date, int]] = []
    w = current - timedelta(weeks=1)
    while w >= first and len(done) < max(GOAL_UP_WEEKS, GOAL_DOWN_WEEKS):
        done.append((w, per_week.get(w, 0)))
        w -= timedelta(weeks=1)
    up = done[:GOAL_UP_WEEKS]
    if goal < GOAL_MOST and len(up) == GOAL_UP_WEEKS and all(n >= goal for _, n in up):
        return GoalSuggestion(
            current=goal,
            suggested=goal + 1,
            direction="more",
            weeks=GOAL_UP_WEEKS,
            since=up[-1][0],
            why=say_n(
                "You met your goal of {goal} session in each of the last {weeks} weeks; "
                "{more} a week would build flexibility faster.",
                "You met your goal of {goal} sessions in each of the last {weeks} weeks; "
                "{more} a week would build flexibility faster.",
                goal,
            ).format(goal=goal, weeks=GOAL_UP_WEEKS, more=goal + 1),
        )
    down = done[:GOAL_DOWN_WEEKS]
    if goal > 1 and len(down) == GOAL_DOWN_WEEKS and all(n < goal for _, n in down):
        smaller = max(1, min(goal - 1, max(n for _, n in down)))
        return GoalSuggestion(
            current=goal,
            suggested=smaller,
            direction="fewer",
            weeks=GOAL_DOWN_WEEKS,
            since=down[-1][0],
            why=say_n(
                "The last {weeks} weeks were below your goal of {goal} sessions; a goal of "
                "{smaller} you keep does more than one you miss.",
                "The last {weeks} weeks were below your goal of {goal} sessions; a goal of "
                "{smaller} you keep does more than one you miss.",
                goal,
            ).format(weeks=GOAL_DOWN_WEEKS, goal=goal, smaller=smaller),
        )
    return None


class Progress(BaseModel):
    model_config = ConfigDict(defer_build=True)

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
    goal_suggestion: GoalSuggestion | None = None
    """An offer to change the weekly goal (the person decides: nothing changes by itself)."""
    levels: list[StretchProgress] = []
    """Each stretch done at least once: its level now and over time (supple.domain.progression)."""


def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def trend(stretch_id: str, ratings: Sequence[float], pain_reports: int = 0) -> Trend | None:
    """First vs recent average discomfort over one rating per session, in time order; None
    until there are two sessions to compare."""
    return _trend(stretch_id, len(ratings), ratings, ratings, pain_reports)


def _trend(
    stretch_id: str,
    count: int,
    first: Sequence[float],
    last: Sequence[float],
    pain_reports: int,
) -> Trend | None:
    """`first` and `last` are at least the first and the last `TREND_WINDOW` of the `count`
    ratings, in time order."""
    if count < 2:
        return None
    window = min(TREND_WINDOW, count // 2)
    earliest = sum(first[:window]) / window
    recent = sum(last[-window:]) / window
    change = recent - earliest
    meaningful = abs(change) >= MEANINGFUL_POINTS - _EPSILON or (
        earliest > 0 and abs(change) >= MEANINGFUL_SHARE * earliest - _EPSILON
    )
    direction: Literal["easier", "harder", "steady"] = "steady"
    if meaningful:
        direction = "easier" if change < 0 else "harder"
    return Trend(
        id=stretch_id,
        ratings=count,
        first_average=round(earliest, 2),
        recent_average=round(recent, 2),
        change=round(change, 2),
        meaningful=meaningful,
        direction=direction,
        pain_reports=pain_reports,
    )


def progress(
    log: ProgressLog,
    weekly_goal: int,
    today: date,
    weeks_shown: int = 12,
    goal_since: date | None = None,
) -> Progress:
    """This week against the goal, streaks of weeks that met it, totals, the last `weeks_shown`
    weeks and each rated stretch's discomfort trend."""
    per_week: dict[date, list[float]] = defaultdict(list)
    total = 0
    seconds = 0.0
    for day, held in log.sessions:
        if counts(held):
            total += 1
            seconds += held
            per_week[week_start(day)].append(held)

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
    for r in sorted(log.ratings, key=lambda r: r.id):
        pains = log.pain_reports.get(r.id, 0)
        first = [x.rating for x in r.first]
        t = _trend(r.id, r.sessions, first, [x.rating for x in r.last], pains)
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
        goal_suggestion=goal_suggestion(
            {w: len(v) for w, v in per_week.items()}, weekly_goal, today, goal_since
        ),
        rules=[
            {
                "id": "weekly-goal",
                "source": "acsm-2021",
                "text": say(
                    "At least 2-3 days a week; daily is most effective. supple's default goal "
                    "is 3, inside both ranges the stretching article gives."
                ),
            },
            {
                "id": "meaningful-change",
                "source": "farrar-2001",
                "text": say(
                    "A change of about 2 points or 30 % on the 0-10 scale is a real one "
                    "(Ostelo et al. agree). Each session counts once per stretch: its ratings of "
                    "that stretch are averaged; the first and the latest three sessions are "
                    "compared."
                ),
            },
            {
                "id": "goal-suggestion",
                "source": "acsm-2021",
                "text": say(
                    "After {up} weeks in a row at or above your weekly goal, supple offers one "
                    "more day (up to daily, which is most effective); after {down} weeks below "
                    "it, a smaller goal. You decide: the goal never changes by itself."
                ).format(up=GOAL_UP_WEEKS, down=GOAL_DOWN_WEEKS),
            },
        ],
    )
