"""Weekly goal, streaks and discomfort trends as a user reads them in `supple progress`."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from supple.domain.progress import (
    LoggedItem,
    LoggedSession,
    ProgressLog,
    Tally,
    log_of,
    trend,
    week_start,
)
from supple.domain.progress import progress as progress_of_log

WED = date(2026, 11, 25)  # a Wednesday


def progress(sessions: list[LoggedSession], weekly_goal: int, today: date):
    """Progress of whole sessions: the one computation production runs, over their log."""
    return progress_of_log(log_of(sessions), weekly_goal, today)


def session(day: date, *items: LoggedItem, status: str = "completed") -> LoggedSession:
    start = datetime(day.year, day.month, day.day, 7, 30)
    return LoggedSession(
        id=f"s-{day}-{len(items)}",
        started_at=start,
        ended_at=start + timedelta(minutes=10),
        status=status,
        items=tuple(items),
    )


def hold(sid: str = "cat-cow", secs: float = 30, discomfort: int | None = None, pain: bool = False):
    return LoggedItem(id=sid, side="both", held_seconds=secs, discomfort=discomfort, pain=pain)


def test_this_week_counts_sessions_with_a_hold_against_the_goal():
    monday = week_start(WED)
    logs = [
        session(monday, hold()),
        session(monday + timedelta(days=1), hold()),
        session(WED),
    ]  # no hold done: does not count
    p = progress(logs, weekly_goal=3, today=WED)
    assert p.this_week.sessions == 2 and not p.this_week.met
    p = progress([*logs, session(WED, hold())], weekly_goal=3, today=WED)
    assert p.this_week.met and p.streak_weeks == 1


def test_streak_counts_consecutive_met_weeks_and_breaks_on_a_missed_one():
    monday = week_start(WED)
    logs = []
    for k in (1, 2, 3, 5):  # weeks ago; week 4 missed
        logs += [session(monday - timedelta(weeks=k) + timedelta(days=d), hold()) for d in range(3)]
    p = progress(logs, weekly_goal=3, today=WED)
    assert p.streak_weeks == 3  # this week not met yet, it does not break the streak
    assert p.best_streak_weeks == 3
    assert p.total_sessions == 12
    assert p.total_minutes == 6.0
    assert len(p.weeks) == 12 and p.weeks[-1].week_start == monday


def test_trend_meaningful_at_two_points_or_thirty_percent():
    t = trend("cat-cow", [6, 6, 6, 4, 4, 4])
    assert t is not None and t.meaningful and t.direction == "easier" and t.change == -2
    t = trend("cat-cow", [3, 3, 2, 2])  # 1 point of 3 = 33 %
    assert t is not None and t.meaningful
    t = trend("cat-cow", [5, 5, 4, 4])  # 1 point of 5 = 20 %
    assert t is not None and not t.meaningful and t.direction == "steady"
    t = trend("x", [2, 4, 5])
    assert t is not None and t.direction == "harder"
    assert trend("x", [3]) is None


def test_trends_follow_time_order_not_log_order():
    logs = [
        session(WED - timedelta(days=10 - d), hold(discomfort=r))
        for d, r in enumerate([7, 7, 7, 3, 3, 3])
    ]
    p = progress(list(reversed(logs)), weekly_goal=3, today=WED)
    (t,) = p.trends
    assert t.first_average == 7 and t.recent_average == 3 and t.direction == "easier"


@given(st.lists(st.tuples(st.integers(0, 120), st.integers(0, 10)), max_size=60), st.integers(1, 7))
def test_streak_never_exceeds_weeks_with_sessions(days_and_ratings, goal):
    logs = [session(WED - timedelta(days=d), hold(discomfort=r)) for d, r in days_and_ratings]
    p = progress(logs, weekly_goal=goal, today=WED)
    weeks_met = len({week_start(s.started_at.date()) for s in logs})
    assert 0 <= p.streak_weeks <= p.best_streak_weeks <= weeks_met
    assert p.total_sessions == len(logs)
    for t in p.trends:
        assert 0 <= t.recent_average <= 10 and t.meaningful == (t.direction != "steady")


def test_thirty_percent_is_enough_without_a_minimum_of_points():
    # The stated rule: 2 points OR 30 %. 2.0 -> 1.33 is -33 %: a real change.
    t = trend("cat-cow", [2, 2, 2, 1, 1, 2])
    assert t is not None and t.recent_average == 1.33 and t.meaningful
    assert t.direction == "easier"
    t = trend("cat-cow", [2, 1.4])  # exactly 30 %
    assert t is not None and t.meaningful
    t = trend("cat-cow", [2, 1.5])  # 25 %, half a point
    assert t is not None and not t.meaningful
    t = trend("cat-cow", [0, 1])  # from nothing: only the 2 points can count
    assert t is not None and not t.meaningful


def test_a_rating_copied_onto_every_hold_counts_once_per_session():
    days = [WED - timedelta(days=d) for d in (3, 2, 1)]
    logs = [
        # One rating of the stretch, saved on each of its four holds (2 sides x 2 reps).
        session(day, *[hold("supine-figure-four", discomfort=r) for _ in range(4)])
        for day, r in zip(days, [6, 5, 3], strict=True)
    ]
    (t,) = progress(logs, weekly_goal=3, today=WED).trends
    assert t.ratings == 3
    # Window of one session at each end (3 // 2): the first session against the last.
    assert (t.first_average, t.recent_average) == (6, 3)


def test_skips_and_empty_holds_are_no_time_held_and_do_not_make_a_session_count():
    skip = LoggedItem(id="cat-cow", side="both", held_seconds=30, skipped=True)
    empty = hold(secs=0)
    p = progress([session(WED, skip, empty)], weekly_goal=1, today=WED)
    assert p.total_sessions == 0 and p.this_week.sessions == 0 and p.total_minutes == 0
    p = progress([session(WED, skip, empty, hold(secs=90))], weekly_goal=1, today=WED)
    assert (p.total_sessions, p.total_minutes, p.this_week.met) == (1, 1.5, True)


def test_pain_reports_are_counted_per_item_and_shown_with_the_trend():
    logs = [
        session(WED - timedelta(days=2), hold(discomfort=4, pain=True), hold(pain=True)),
        session(WED, hold(discomfort=2), hold("childs-pose", pain=True)),
    ]
    log = log_of(logs)
    assert log.pain_reports == {"cat-cow": 2, "childs-pose": 1}
    (t,) = progress_of_log(log, weekly_goal=3, today=WED).trends  # childs-pose was never rated
    assert (t.id, t.pain_reports, t.ratings) == ("cat-cow", 2, 2)


def test_a_tally_adds_up_its_items_and_keeps_the_first_rating_time():
    early, late = datetime(2026, 1, 1, 7), datetime(2026, 1, 1, 8)
    total = (
        Tally.of_item(30, False, 5, False, late)
        + Tally.of_item(20, True, None, True, early)  # a skip, unrated: no time, no rating time
        + Tally.of_item(10, False, 3, False, early)
    )
    assert total == Tally(held=40.0, rated=2, rating_sum=8, rated_at=early, pains=1)


def test_an_empty_log_shows_twelve_empty_weeks_and_no_trends():
    p = progress_of_log(ProgressLog(), weekly_goal=3, today=WED)
    assert (p.total_sessions, p.streak_weeks, p.best_streak_weeks, p.trends) == (0, 0, 0, [])
    assert [w.sessions for w in p.weeks] == [0] * 12
