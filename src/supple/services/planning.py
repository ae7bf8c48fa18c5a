"""Planning use cases: gather what the planner needs (screening, profile, history), plan, save."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from supple.domain import gate
from supple.domain.catalog import Place
from supple.domain.numbers import WholeNumber
from supple.domain.problems import Kind, Problem, code
from supple.domain.words import say

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.domain.level import LevelDose
    from supple.domain.progression import Level
    from supple.domain.routine import Routine


NO_SUCH_ROUTINE = code("routine.not-found", Kind.NOT_FOUND, field="routine")


class RoutineNotFound(Problem, LookupError):
    """No saved routine by that name (a LookupError too, for callers that catch one)."""


class PlanOptions(BaseModel):
    """The plan options of `supple plan` and `POST /api/v1/plan` (one shape for both).
    Strict: `"minutes": true` or `"minutes": "10"` is refused, not read as a number."""

    model_config = ConfigDict(extra="forbid", strict=True)

    minutes: WholeNumber = Field(ge=1, le=240, description="Whole session, warm-up included.")
    places: list[Place] | None = Field(
        default=None, description="Any of floor, chair, standing; default: the profile's places."
    )
    context: Literal["before", "after", "anytime"] = "anytime"
    focus: list[Literal["upper-glutes", "lower-back"]] | None = None
    warm: bool = False
    avoid: list[str] = []
    seed: WholeNumber | None = None


class SafetyRefusal(gate.SafetyRefusal):
    """The domain's refusal (`supple.domain.gate.SafetyRefusal`, a Problem of kind SAFETY),
    as the services raise it.

    Transitional: `message`, `reasons` (as lines) and `command` are the shape web/ read
    before it worded problems itself; they word the problem through `supple.wording` (the
    API's wording). Remove them once web/ words `Problem`s; the CLI never reads them.
    """

    @classmethod
    def of(cls, problem: gate.SafetyRefusal) -> SafetyRefusal:
        params = dict(problem.params)
        return cls(problem.code, problem.field, **params)

    @property
    def message(self) -> str:
        from supple.wording import API, word

        return word(self, API)

    @property
    def reasons(self) -> list[str]:
        return [f"{r['text']} [{r['source']}]" for r in self.params.get("reasons", [])]

    @property
    def command(self) -> str:
        return "supple screen" if self.params.get("next") == gate.SCREEN_AGAIN else ""


def allowed_now(settings: Settings, today: date | None = None) -> gate.Allowed:
    """The one gate (`supple.domain.gate.may_start`) run on the stored screen, pain log and
    profile: what every routine started now gets, or SafetyRefusal."""
    from supple.services.pain import checks
    from supple.services.profile import get_profile
    from supple.services.screening import latest_with_time

    found = latest_with_time(settings)
    result, taken_at = found if found is not None else (None, None)
    day = today or date.today()
    age = get_profile(settings).age
    try:
        return gate.may_start(
            result,
            taken_at,
            pain_reports(settings),
            day,
            age=age,
            why_screen=[why_screen()],
            checks=checks(settings),
            levels=level_doses(settings, day, age),
        )
    except gate.SafetyRefusal as e:
        raise SafetyRefusal.of(e) from None


def why_screen() -> dict[str, str]:
    """Why there is a screen at all (the first point of learn.toml's `safety` topic)."""
    from supple.data.loader import shipped

    point = next(t for t in shipped().learn if t.id == "safety").points[0]
    return gate.reason(point.text, point.source)


def check_screening(
    settings: Settings, today: date | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """The screening's exclusions and modifications, or SafetyRefusal when no plan may be made."""
    allowed = allowed_now(settings, today)
    return allowed.excluded, allowed.modified


def stretch_levels(
    settings: Settings, today: date | None = None, age: int | None = None
) -> dict[str, Level]:
    """Every stretch's level from the log (supple.domain.progression, which holds the rules):
    what the planner plans each stretch at, and what progress shows over time. Kept, like
    plans, under the store's data stamp, the day and the age: ten years of sessions are read
    and walked again only after a write."""
    from supple.domain.progression import levels
    from supple.services.catalog import full_catalog, has_database

    if age is None:
        from supple.services.profile import get_profile

        age = get_profile(settings).age
    day = today or date.today()
    if not has_database(settings):
        return levels(full_catalog(settings), age, {}, day)
    from supple.services.context import reader_for, session_log

    stamp = reader_for(settings).stamp.current()
    key = (str(settings.home), settings.database_url, stamp, day, age)
    with _plans_lock:
        found = _levels.get(key) if stamp is not None else None
    if found is not None:
        return found
    log = session_log(settings).stretch_sessions()
    made = levels(full_catalog(settings), age, log, day)
    if stamp is not None:
        with _plans_lock:
            _levels[key] = made
            while len(_levels) > LEVELS_KEPT:
                _levels.popitem(last=False)
    return made


#: Levels kept for different data, days or ages (one user: a few suffice).
LEVELS_KEPT = 8
_levels: OrderedDict[tuple[Any, ...], dict[str, Level]] = OrderedDict()


def level_doses(
    settings: Settings, today: date | None = None, age: int | None = None
) -> dict[str, LevelDose]:
    """`stretch_levels` as the planner and the gate read them (dose, variation, why)."""
    from supple.services.catalog import full_catalog

    dynamic = {s.id for s in full_catalog(settings) if s.style == "dynamic"}
    return {
        sid: level.dose(sid in dynamic)
        for sid, level in stretch_levels(settings, today, age).items()
    }


def pain_reports(settings: Settings) -> list[gate.PainReport]:
    """Every sharp-pain stop in the log, with the stretch's name (in local time: the gate
    compares days)."""
    from supple.services.catalog import full_catalog, has_database

    if not has_database(settings):
        return []
    from supple.services.context import reader_for

    reports = reader_for(settings).sessions.pain_reports()
    if not reports:
        return []
    names = {s.id: s.name for s in full_catalog(settings)}
    return [gate.PainReport(sid, names.get(sid, sid), when.astimezone()) for sid, when in reports]


def latest_pain(settings: Settings) -> tuple[str, datetime] | None:
    reports = pain_reports(settings)
    last = max(reports, key=lambda r: r.at) if reports else None
    return None if last is None else (last.stretch, last.at)


def _pain_history(allowed: gate.Allowed, warmups: set[str]) -> dict[str, str]:
    """The planner's `pain_history`: a warm-up with a sharp-pain report (never left out, it is
    eased) -> the planner's phrase for the report. Any other stretch is left out (`pain_out`)."""
    return {
        sid: say("you reported sharp pain in it on {day}").format(day=day)
        for sid, day in allowed.pain_texts().items()
        if sid in warmups
    }


#: Plans kept for the same options and the same data (the web app asks again and again).
PLAN_CACHE_SIZE = 64


@dataclass
class _Kept:
    """A plan and, once the API has sent it, its JSON body."""

    routine: Routine
    body: bytes | None = None


_plans: OrderedDict[tuple[Any, ...], _Kept] = OrderedDict()
_plans_lock = threading.Lock()


def build_plan(settings: Settings, options: PlanOptions, today: date | None = None) -> Routine:
    """Plan a routine; raises SafetyRefusal (exit 3) or PlanError (exit 2).

    The planner is deterministic, so a plan depends only on the options, the day (screen
    expiry, age) and the stored data (screen, profile, pain reports, imported stretches). The
    store's stamp changes with any committed write, from this process or another, so a plan
    cached under it is never stale; only successful plans are kept."""
    return _kept_plan(settings, options, today).routine


def plan_json(settings: Settings, options: PlanOptions) -> bytes:
    """`build_plan` as the JSON body the API sends, serialised once per kept plan."""
    kept = _kept_plan(settings, options, None)
    if kept.body is None:
        kept.body = kept.routine.model_dump_json().encode()
    return kept.body


def _kept_plan(settings: Settings, options: PlanOptions, today: date | None) -> _Kept:
    from supple.services.catalog import has_database

    if not has_database(settings):
        return _Kept(_build_plan(settings, options, today))
    from supple.services.context import reader_for

    day = today or date.today()
    stamp = reader_for(settings).stamp.current()
    if stamp is None:
        return _Kept(_build_plan(settings, options, day))
    key = (
        str(settings.home),
        settings.database_url,
        stamp,
        day,
        # Every option, whatever fields PlanOptions grows (lists made hashable).
        *(tuple(v) if isinstance(v, list) else v for v in options.__dict__.values()),
    )
    with _plans_lock:
        found = _plans.get(key)
        if found is not None:
            _plans.move_to_end(key)
            return found
    kept = _Kept(_build_plan(settings, options, day))
    with _plans_lock:
        _plans[key] = kept
        while len(_plans) > PLAN_CACHE_SIZE:
            _plans.popitem(last=False)
    return kept


def _build_plan(settings: Settings, options: PlanOptions, today: date | None) -> Routine:
    from supple.data.loader import shipped
    from supple.domain.planner import DEFAULT_FOCUS, PlanRequest, plan
    from supple.domain.planner_model import PlanError
    from supple.services.catalog import full_catalog
    from supple.services.profile import get_profile

    allowed = allowed_now(settings, today)
    profile = get_profile(settings)
    catalog = full_catalog(settings)
    places = options.places or profile.places
    by_place = gate.planner_exclusions(allowed, list(catalog), places)
    warmups = {s.id for s in catalog if s.style == "warmup"}
    request = PlanRequest(
        minutes=options.minutes,
        places=places,
        context=options.context,
        focus=list(options.focus or DEFAULT_FOCUS),
        warm=options.warm,
        avoid=options.avoid,
        seed=options.seed,
        age=profile.age,
        excluded={**by_place, **allowed.excluded},
        modified=allowed.modified,
        pain_history=_pain_history(allowed, warmups),
        pain_out=allowed.pain_out(sorted(warmups)),
        levels=allowed.levels,
        conditions=allowed.conditions,
    )
    try:
        routine = plan(catalog, request, shipped().anatomy)
    except PlanError:
        if not by_place:
            raise
        # The chair (or standing) versions are preferred, not the only ones: when they
        # cannot fill the time, plan with every stretch (the gate still keeps at most one
        # lying on the back in later pregnancy, and the floor advice stays in the result).
        routine = plan(
            catalog, request.model_copy(update={"excluded": allowed.excluded}), shipped().anatomy
        )
    return _gated(settings, routine, allowed)


def _gated(settings: Settings, routine: Routine, allowed: gate.Allowed) -> Routine:
    from supple.services.catalog import full_catalog

    try:
        gated, _ = gate.gate_routine(routine, allowed, {s.id: s for s in full_catalog(settings)})
    except gate.SafetyRefusal as e:
        raise SafetyRefusal.of(e) from None
    return gated


def start_routine(settings: Settings, routine: Routine, today: date | None = None) -> Routine:
    """The gate for a routine that was not planned just now (saved, imported, sent to the
    API): its doses checked (a Problem naming the step, e.g. field "steps.2.hold_seconds"),
    then the latest screen and the pain log applied. Returns the routine to play, with
    `changes` saying what was left out or changed and why; raises SafetyRefusal."""
    from supple.domain.routine_dose import check_dose
    from supple.services.catalog import full_catalog

    allowed = allowed_now(settings, today)
    check_dose(routine, {s.id: s for s in full_catalog(settings)}, allowed.age)
    return _gated(settings, routine, allowed)


def save_routine(
    settings: Settings, name: str, routine: Routine, options: PlanOptions, overwrite: bool = False
) -> None:
    from supple.domain.names import routine_name
    from supple.services.context import store_for

    name = routine_name(name)  # the same rule for `plan --save`, the API and the pages
    store_for(settings).routines.save(
        name, routine.model_dump(mode="json"), options.model_dump(mode="json"), overwrite=overwrite
    )


def list_routines(settings: Settings) -> list[dict[str, Any]]:
    from supple.services.catalog import has_database

    if not has_database(settings):
        return []
    from supple.services.context import store_for

    return list(store_for(settings).routines.list())


def get_routine(settings: Settings, name: str) -> Routine | None:
    from supple.domain.routine import Routine
    from supple.services.catalog import has_database

    if not has_database(settings):
        return None
    from supple.services.context import store_for

    row = store_for(settings).routines.get(name)
    if row is None:
        return None
    return Routine.model_validate(row["routine"])


def checked_saved_routine(settings: Settings, name: str, today: date | None = None) -> Routine:
    """A saved routine as the latest screen and the pain log allow it now (`start_routine`):
    what `supple start --routine` and `POST /api/v1/sessions` with a routine name play.
    Raises a not-found Problem, SafetyRefusal, or a dose Problem naming the step."""
    routine = get_routine(settings, name)
    if routine is None:
        names = [r["name"] for r in list_routines(settings)]
        raise RoutineNotFound(NO_SUCH_ROUTINE, given=name, saved=names)
    return start_routine(settings, routine, today)


def check_allowed(settings: Settings, routine: Routine, label: str = "") -> Routine:
    """Transitional name of `start_routine` for web/ (its `label` is no longer used)."""
    return start_routine(settings, routine)
