"""A coach that adapts over weeks: each stretch's level, worked out from the session log.

A level is a rung on the stretch's ladder (`ladder`): doses inside the dose rules
(`routine_dose`, `planner_rules`) in the order a person moves on through them, with the easier
variation below and the deeper one above. Nothing is stored apart from the log: `level_of`
walks one stretch's sessions, oldest first, and applies the rules (`RULES`, each with its
source and a plain-words reason) one session at a time:

- **progress** one rung (a longer hold within the age band's range, then another repetition,
  then the deeper variation) after at least `PROGRESS_SESSIONS` sessions over at least
  `PROGRESS_DAYS` days rated at discomfort `COMFORTABLE` or less, none with sharp pain
  (garber-2011: flexibility builds over weeks of regular stretching). A session rated higher
  starts the count again; one not rated neither counts nor breaks it.
- **ease** one rung (a shorter hold, down to the easier variation) when a session's discomfort
  is `EASE_AT` or more, or rose meaningfully (2 points or 30 %, farrar-2001, the rule
  `progress.trend` uses) above the average of the `TREND_WINDOW` rated sessions before it.
- **pain**: a sharp-pain report puts the stretch back on the lowest rung, the easier variation
  at its lowest dose, which is where it starts once the person has marked it checked (the gate
  keeps it out until then: `gate.py`).
- **break**: after `BREAK_DAYS` or more without the stretch (between two sessions, or from the
  last one to today) it starts one rung lower.

A stretch never done starts at `START`: the standard variation, the shortest hold of the band,
2 repetitions (garber-2011: 2-4). Every rung keeps the dose rules, so no level is ever beyond
them (a property test checks every rung with `routine_dose.check_dose`).

Pure: sessions come in as plain values and `today` as an argument.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import itemgetter
from typing import Any, NamedTuple

from supple.domain.catalog import Stretch
from supple.domain.level import LevelDose, LevelPoint, StretchProgress, Variation, WeekRating
from supple.domain.planner_model import hold_range
from supple.domain.planner_rules import MAX_REPS, TARGET_SECONDS_PER_SIDE
from supple.domain.progress import (
    _EPSILON,
    MEANINGFUL_POINTS,
    MEANINGFUL_SHARE,
    TREND_WINDOW,
    LoggedSession,
    week_start,
)
from supple.domain.routine import RuleNote
from supple.domain.rule_notes import rule
from supple.domain.words import N_, say, say_n

#: Sessions at low discomfort, and the days they must span, before a step up (garber-2011).
PROGRESS_SESSIONS = 3
PROGRESS_DAYS = 7
#: The highest rating that counts as comfortable for a step up (0-10 scale).
COMFORTABLE = 3
#: A rating this high eases the stretch at once.
EASE_AT = 7
#: Days without the stretch after which it starts one rung lower.
BREAK_DAYS = 14
#: Seconds a longer hold adds.
HOLD_STEP = 5
#: Repetitions a side on the first rung of the standard variation (garber-2011: 2-4).
START_REPS = 2


#: The rules of progression, by id: each with its source and what it says in plain words.
RULES: dict[str, RuleNote] = {
    r.id: r
    for r in [
        rule(
            "progression-start",
            "garber-2011",
            N_(
                "A stretch starts at the standard version, the shortest hold of your age band "
                "and {reps} repetitions a side, and builds up from there."
            ),
            reps=START_REPS,
        ),
        rule(
            "progression-up",
            "garber-2011",
            N_(
                "After {sessions} sessions over at least a week at discomfort {comfortable} or "
                "less, with no sharp pain, a stretch moves up one step: a hold {step} seconds "
                "longer within your age band's range, then another repetition, then the deeper "
                "version. Flexibility builds over weeks of regular stretching."
            ),
            sessions=PROGRESS_SESSIONS,
            comfortable=COMFORTABLE,
            step=HOLD_STEP,
        ),
        rule(
            "progression-ease",
            "farrar-2001",
            N_(
                "When discomfort rises by about 2 points or 30 %, a change a person notices, or "
                "is {ease_at} or more, the stretch goes down one step: a shorter hold, then the "
                "easier version."
            ),
            ease_at=EASE_AT,
        ),
        rule(
            "progression-break",
            "garber-2011",
            N_(
                "After {weeks} weeks or more without a stretch, it starts one step lower, as "
                "flexibility gained fades without practice."
            ),
            weeks=BREAK_DAYS // 7,
        ),
        rule(
            "progression-pain",
            "seed-002",
            N_(
                "After sharp pain a stretch is left out until you mark it checked; it then comes "
                "back at the easier version and its lowest dose."
            ),
        ),
        rule(
            "progression-dose",
            "garber-2011",
            N_(
                "No level goes beyond the dose rules: holds within your age band's range, at "
                "most {reps} repetitions, and about {target} seconds a side built over them "
                "(never more than {most})."
            ),
            reps=MAX_REPS,
            target=TARGET_SECONDS_PER_SIDE,
            most=2 * TARGET_SECONDS_PER_SIDE,
        ),
    ]
}


# --- the ladder ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rung:
    """One level: static, `hold` seconds for at most `reps` repetitions a side; dynamic, at
    most `reps` breath cycles (`hold` is one cycle's seconds)."""

    hold: int
    reps: int
    variation: Variation


def ladder(stretch: Stretch, age: int | None) -> tuple[Rung, ...]:
    """The stretch's levels, lowest first: the easier variation at the lowest dose (when the
    stretch has one), the standard variation from `START` up, and the deeper variation at the
    top dose (when it has one). Empty for a warm-up."""
    kinds = {m.kind for m in stretch.modifications}
    out: list[Rung] = []
    if stretch.style == "warmup":
        return ()
    if stretch.style == "dynamic":
        if stretch.repetitions is None or stretch.tempo is None:
            return ()
        lo, hi = stretch.repetitions.min, stretch.repetitions.max
        cycle = stretch.tempo.rep_seconds
        if "easier" in kinds:
            out.append(Rung(cycle, lo, "easier"))
        out += [Rung(cycle, reps, "standard") for reps in sorted({lo, (lo + hi) // 2, hi})]
    else:
        lo, hi = hold_range(age, stretch)
        if "easier" in kinds:
            out.append(Rung(lo, 1, "easier"))
        holds = sorted({*range(lo, hi + 1, HOLD_STEP), hi})
        out += [Rung(h, START_REPS, "standard") for h in holds if h * START_REPS <= _MOST]
        top = out[-1].hold
        reps = START_REPS + 1
        while reps <= MAX_REPS and top * reps <= _MOST:
            out.append(Rung(top, reps, "standard"))
            reps += 1
    if "deeper" in kinds:
        out.append(Rung(out[-1].hold, out[-1].reps, "deeper"))
    return tuple(out)


#: The most seconds of holding a side, the planner's own limit (routine_dose.check_dose).
_MOST = 2 * TARGET_SECONDS_PER_SIDE


def start(rungs: Sequence[Rung]) -> int:
    """The rung a stretch never done starts at: the first of the standard variation."""
    return next((k for k, r in enumerate(rungs) if r.variation == "standard"), 0)


# --- the log as progression reads it -----------------------------------------------------------


Part = tuple[date, str, float | None, int]
"""One session's part of one stretch as the store sends it: (day, session id, rating, pains),
a `StretchSession`'s fields (a plain tuple: ten years of them are made quickly)."""


class StretchSession(NamedTuple):
    """One session's part of one stretch: its (local) day, the session id (orders sessions of
    one day), the average of its ratings (None when not rated) and its sharp-pain reports.
    A tuple, so ten years of them are made and put in order quickly (a session holds a stretch
    once, so no two compare equal on day and id)."""

    day: date
    session_id: str
    rating: float | None = None
    pains: int = 0


def sessions_of(log: Iterable[LoggedSession]) -> dict[str, list[StretchSession]]:
    """Each stretch's sessions from whole sessions (tests, small logs); the store reads the
    same shape from its summaries."""
    out: dict[str, list[StretchSession]] = {}
    for s in log:
        rated: dict[str, list[int]] = {}
        pains: dict[str, int] = {}
        for item in s.items:
            r = rated.setdefault(item.id, [])
            pains[item.id] = pains.get(item.id, 0) + int(item.pain)
            if item.discomfort is not None:
                r.append(item.discomfort)
        for sid, ratings in rated.items():
            rating = sum(ratings) / len(ratings) if ratings else None
            out.setdefault(sid, []).append(
                StretchSession(s.started_at.date(), s.id, rating, pains[sid])
            )
    return out


#: A session's place in time: its day, then its id.
_ORDER = itemgetter(0, 1)


# --- the level -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LevelChange:
    """A step the rules took: on `day`, to rung `step`, by `rule` (an id of `RULES`), with
    what the reason says (`params`: sessions, worst, since, rating, base, gap_days)."""

    day: date
    step: int
    rule: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Level:
    stretch: str
    step: int
    rungs: tuple[Rung, ...]
    changes: tuple[LevelChange, ...] = ()
    sessions: int = 0
    last_day: date | None = None
    parts: tuple[Part, ...] = ()
    """Its sessions in time order (what progress shows of them)."""
    sided: bool = True
    """Whether it is done on each side in turn (its dose is then said "a side")."""

    @property
    def rung(self) -> Rung:
        return self.rungs[self.step]

    @property
    def rule(self) -> str:
        return self.changes[-1].rule if self.changes else "progression-start"

    def dose(self, dynamic: bool = False) -> LevelDose:
        r = self.rung
        return LevelDose(
            stretch=self.stretch,
            step=self.step,
            steps=len(self.rungs),
            hold=0 if dynamic else r.hold,
            reps=r.reps,
            variation=r.variation,
            why=why(self, dynamic),
            rules=[self.rule, "progression-dose"],
        )


def _meaningful_rise(base: float, rating: float) -> bool:
    rise = rating - base
    if rise <= 0:
        return False
    return rise >= MEANINGFUL_POINTS - _EPSILON or (
        base > 0 and rise >= MEANINGFUL_SHARE * base - _EPSILON
    )


def level_of(stretch: Stretch, age: int | None, sessions: Iterable[Part], today: date) -> Level:
    """The stretch's level today from its sessions (in any order): the rules of the module
    docstring applied one session at a time, oldest first. The same sessions always give the
    same level."""
    rungs = ladder(stretch, age)
    if not rungs:
        return Level(stretch.id, 0, (Rung(0, 0, "standard"),))
    ordered = sorted(sessions, key=_ORDER)
    top = len(rungs) - 1
    step = start(rungs)
    changes: list[LevelChange] = []
    recent: deque[float] = deque(maxlen=TREND_WINDOW)
    total = 0.0
    good = 0
    worst = 0.0
    since: date | None = None
    last: date | None = None

    def move(to: int, day: date, rule: str, **params: Any) -> None:
        nonlocal step, good, since, worst
        good, since, worst = 0, None, 0.0
        to = max(0, min(top, to))
        if to != step:
            step = to
            changes.append(LevelChange(day, step, rule, params))

    gap = timedelta(days=BREAK_DAYS)
    week = timedelta(days=PROGRESS_DAYS)
    for day, _, rating, pains in ordered:
        if last is not None and day - last >= gap:
            move(step - 1, day, "progression-break", gap_days=(day - last).days, last=last)
        last = day
        if pains:
            move(0, day, "progression-pain")
            continue
        if rating is None:
            continue
        base = total / len(recent) if recent else None
        if len(recent) == TREND_WINDOW:
            total -= recent[0]
        recent.append(rating)
        total += rating
        if rating >= EASE_AT:
            move(step - 1, day, "progression-ease", rating=rating)
            continue
        if base is not None and rating > base and _meaningful_rise(base, rating):
            move(step - 1, day, "progression-ease", rating=rating, base=round(base, 1))
            continue
        if rating > COMFORTABLE:
            good, since, worst = 0, None, 0.0
            continue
        if since is None:
            since = day
        good += 1
        if rating > worst:
            worst = rating
        if good >= PROGRESS_SESSIONS and day - since >= week:
            move(step + 1, day, "progression-up", sessions=good, worst=worst, since=since)
    if last is not None and (today - last).days >= BREAK_DAYS:
        move(step - 1, today, "progression-break", gap_days=(today - last).days, last=last)
    return Level(
        stretch.id,
        step,
        rungs,
        tuple(changes),
        len(ordered),
        last,
        tuple(ordered),
        stretch.one_sided,
    )


def levels(
    stretches: Iterable[Stretch],
    age: int | None,
    log: Mapping[str, Sequence[Part]],
    today: date,
) -> dict[str, Level]:
    """Every stretch's level (warm-ups have none)."""
    return {
        s.id: level_of(s, age, log.get(s.id, ()), today) for s in stretches if s.style != "warmup"
    }


# --- in plain words ----------------------------------------------------------------------------

_MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)


def day_words(d: date) -> str:
    """A day as "20 Nov" (the year too when it is not `today`'s: callers pass it)."""
    return say("{day} {month}").format(day=d.day, month=say(_MONTHS[d.month - 1]))


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def dose_words(r: Rung, dynamic: bool, sided: bool = True) -> str:
    if dynamic:
        what = say_n("{reps} slow breath cycle", "{reps} slow breath cycles", r.reps)
    elif sided:
        what = say_n("one {hold} s hold a side", "{hold} s holds, up to {reps} a side", r.reps)
    else:
        # No side to name for a stretch done on both at once ("a side" would be wrong).
        what = say_n("a {hold} s hold", "{hold} s holds, up to {reps}", r.reps)
    what = what.format(reps=r.reps, hold=r.hold)
    if r.variation == "easier":
        return say("the easier version, {dose}").format(dose=what)
    if r.variation == "deeper":
        return say("the deeper version, {dose}").format(dose=what)
    return what


def why(level: Level, dynamic: bool = False) -> str:
    """Why the stretch is at its level, in plain words for people."""
    r = level.rung
    if not level.changes:
        return say_n(
            "Starting at {dose}; it builds up after {sessions} easy sessions over a week.",
            "Starting at {dose}; it builds up after {sessions} easy sessions over a week.",
            PROGRESS_SESSIONS,
        ).format(dose=dose_words(r, dynamic, level.sided), sessions=PROGRESS_SESSIONS)
    c = level.changes[-1]
    p = c.params
    if c.rule == "progression-up":
        before = level.rungs[c.step - 1]
        if r.variation != before.variation:
            now = _VARIATION_NOW.get(r.variation, N_("The {variation} version now"))
            now = say(now).format(variation=r.variation)
        elif r.hold != before.hold and not dynamic:
            now = say("Held {hold} s now").format(hold=r.hold)
        elif dynamic:
            now = say_n("{reps} breath cycle now", "{reps} breath cycles now", r.reps)
            now = now.format(reps=r.reps)
        else:
            now = say_n("{reps} repetition now", "{reps} repetitions now", r.reps)
            now = now.format(reps=r.reps)
        return say_n(
            "{now}: {sessions} sessions at discomfort {worst} or less since {since}.",
            "{now}: {sessions} sessions at discomfort {worst} or less since {since}.",
            p["sessions"],
        ).format(
            now=now,
            sessions=p["sessions"],
            worst=_number(p["worst"]),
            since=day_words(p["since"]),
        )
    dose = dose_words(r, dynamic, level.sided)
    if c.rule == "progression-ease":
        if "base" in p:
            return say("Down to {dose}: discomfort rose from {base} to {rating} on {day}.").format(
                dose=dose,
                base=_number(p["base"]),
                rating=_number(p["rating"]),
                day=day_words(c.day),
            )
        return say("Down to {dose}: discomfort was {rating} on {day}.").format(
            dose=dose, rating=_number(p["rating"]), day=day_words(c.day)
        )
    if c.rule == "progression-break":
        return say_n(
            "Down to {dose}: {days} days without it since {last}.",
            "Down to {dose}: {days} days without it since {last}.",
            p["gap_days"],
        ).format(dose=dose, days=p["gap_days"], last=day_words(p["last"]))
    return say("Back at {dose} after sharp pain on {day}.").format(dose=dose, day=day_words(c.day))


#: "The easier version now" / "The deeper version now", whole for translators.
_VARIATION_NOW = {
    "easier": N_("The easier version now"),
    "deeper": N_("The deeper version now"),
    "standard": N_("The standard version now"),
}


def history(level: Level) -> list[dict[str, Any]]:
    """The level over time as data: where it started and each change (day, step, rule, dose)."""
    out: list[dict[str, Any]] = []
    for c in level.changes:
        r = level.rungs[c.step]
        out.append(
            {
                "day": c.day.isoformat(),
                "step": c.step,
                "rule": c.rule,
                "source": RULES[c.rule].source,
                "hold": r.hold,
                "reps": r.reps,
                "variation": r.variation,
            }
        )
    return out


def stretch_progress(
    level: Level, today: date, weeks_shown: int = 12, dynamic: bool = False
) -> StretchProgress:
    """A stretch's level now and over time, and its average discomfort in each of the last
    `weeks_shown` weeks that rated it: what the progress views show."""
    first_week = week_start(today) - timedelta(weeks=weeks_shown - 1)
    sums: dict[date, list[float]] = {}
    parts = level.parts
    first_day = parts[0][0] if parts else None
    for day, _, rating, _ in parts[bisect_left(parts, (first_week,)) :]:
        if rating is not None:
            sums.setdefault(week_start(day), []).append(rating)
    weeks = [
        WeekRating(week_start=w, average=round(sum(v) / len(v), 2), sessions=len(v))
        for w, v in sorted(sums.items())
    ]
    # The changes within the weeks shown (ten noisy years hold thousands), and where the
    # level stood as they began.
    shown = [c for c in level.changes if c.day >= first_week]
    earlier = [c for c in level.changes if c.day < first_week]
    points = [_point(level, c.day, c.step, c.rule) for c in shown]
    begin = start(level.rungs)
    if earlier:
        c = earlier[-1]
        points.insert(0, _point(level, first_week, c.step, c.rule))
    dose = level.dose(dynamic)
    return StretchProgress(
        id=level.stretch,
        step=level.step,
        steps=len(level.rungs),
        hold=dose.hold,
        reps=dose.reps,
        variation=dose.variation,
        why=dose.why,
        rules=dose.rules,
        dose_words=dose_words(level.rung, dynamic, level.sided),
        sessions=level.sessions,
        last_day=level.last_day,
        history=points,
        changes=len(level.changes),
        start=_point(level, first_day, begin, "progression-start") if first_day else None,
        weeks=weeks,
    )


def _point(level: Level, day: date, step: int, rule: str) -> LevelPoint:
    r = level.rungs[step]
    return LevelPoint(
        day=day,
        step=step,
        hold=r.hold,
        reps=r.reps,
        variation=r.variation,
        rule=rule,
        source=RULES[rule].source,
    )
