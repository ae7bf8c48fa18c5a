"""Planning use cases: gather what the planner needs (screening, profile, history), plan, save."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from supple.domain.catalog import Place

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.domain.routine import Routine


class PlanOptions(BaseModel):
    """The plan options of `supple plan` and `POST /api/v1/plan` (one shape for both).
    Strict: `"minutes": true` or `"minutes": "10"` is refused, not read as a number."""

    model_config = ConfigDict(extra="forbid", strict=True)

    minutes: int = Field(ge=1, le=240, description="Whole session, warm-up included.")
    places: list[Place] | None = Field(
        default=None, description="Any of floor, chair, standing; default: the profile's places."
    )
    context: Literal["before", "after", "anytime"] = "anytime"
    focus: list[Literal["upper-glutes", "lower-back"]] | None = None
    warm: bool = False
    avoid: list[str] = []
    seed: int | None = None


class SafetyRefusal(Exception):
    """No routine for safety reasons (exit 3 / HTTP 409); `reasons` are shown to the user."""

    def __init__(self, message: str, reasons: list[str] | None = None, command: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.reasons = reasons or []
        self.command = command


def check_screening(
    settings: Settings, today: date | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """The screening's exclusions and modifications, or SafetyRefusal when no plan may be made."""
    excluded, modified, _ = screening_effects(settings, today)
    return excluded, modified


def screening_effects(
    settings: Settings, today: date | None = None
) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(excluded id -> the screen's reason, modified id -> the change, the caution conditions
    the screen names), or SafetyRefusal when no plan may be made."""
    from supple.services.screening import latest_with_time

    today = today or date.today()
    found = latest_with_time(settings)
    if found is None:
        raise SafetyRefusal(
            "No safety screen on record: supple plans a routine only after the screen.",
            [
                "A short safety screen comes before any routine, to find conditions that rule "
                "stretches out or call for a professional first [parq-plus, nice-ng59]."
            ],
            command="supple screen",
        )
    result, taken_at = found
    if result.valid_until < today:
        raise SafetyRefusal(
            f"Your safety screen expired on {result.valid_until} (it lasts 12 months, parq-plus).",
            [
                f"The screen taken on {result.screened_on} was valid until "
                f"{result.valid_until}; health changes, so it is taken again every 12 months "
                "[parq-plus]."
            ],
            command="supple screen",
        )
    if result.outcome in ("urgent", "consult"):
        raise SafetyRefusal(
            result.message,
            [f"{r.text} [{r.source}]" for r in result.reasons],
            command="supple screen" if result.outcome == "consult" else "",
        )
    last_pain = latest_pain(settings)
    if last_pain is not None and last_pain[1] > taken_at:
        raise SafetyRefusal(
            f"You reported sharp pain during {last_pain[0]} on {last_pain[1]:%Y-%m-%d}. "
            "Take the safety screen again before the next routine (seed-002, nice-ng59).",
            [
                f"Sharp pain during {last_pain[0]} on {last_pain[1]:%Y-%m-%d}, after your last "
                "screen: stop, and answer the screen again before stretching [seed-002]."
            ],
            command="supple screen",
        )
    # The screen's own words for each stretch it leaves out (its caution texts).
    why = {n.id: n.text for n in result.exclusions}
    excluded = {sid: why.get(sid) or "your safety screen leaves it out" for sid in result.excluded}
    modified = {m.id: m.text for m in result.modified}
    return excluded, modified, list(result.conditions)


def pain_history(settings: Settings) -> dict[str, str]:
    """Stretch id -> why it is left out or eased: every stretch with a logged sharp pain."""
    from supple.services.catalog import has_database

    if not has_database(settings):
        return {}
    from supple.services.context import store_for

    out: dict[str, str] = {}
    for stretch_id, when in store_for(settings).sessions.pain_reports():
        out[stretch_id] = f"you reported sharp pain in it on {when:%Y-%m-%d} (seed-002)"
    return out


def latest_pain(settings: Settings) -> tuple[str, datetime] | None:
    from supple.services.catalog import has_database

    if not has_database(settings):
        return None
    from supple.services.context import store_for

    reports = store_for(settings).sessions.pain_reports()
    return max(reports, key=lambda r: r[1]) if reports else None


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
    from supple.services.context import store_for

    day = today or date.today()
    stamp = store_for(settings).stamp.current()
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
    from supple.services.catalog import full_catalog
    from supple.services.profile import get_profile

    excluded, modified, conditions = screening_effects(settings, today)
    profile = get_profile(settings)
    request = PlanRequest(
        minutes=options.minutes,
        places=options.places or profile.places,
        context=options.context,
        focus=list(options.focus or DEFAULT_FOCUS),
        warm=options.warm,
        avoid=options.avoid,
        seed=options.seed,
        age=profile.age,
        excluded=excluded,
        modified=modified,
        pain_history=pain_history(settings),
        conditions=conditions,
    )
    return plan(full_catalog(settings), request, shipped().anatomy)


def save_routine(
    settings: Settings, name: str, routine: Routine, options: PlanOptions, overwrite: bool = False
) -> None:
    from supple.services.context import store_for

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


def checked_saved_routine(settings: Settings, name: str) -> Routine:
    """A saved routine that the latest screening still allows (what `supple start --routine`
    checks). Raises LookupError, or SafetyRefusal when it may not be played now."""
    routine = get_routine(settings, name)
    if routine is None:
        names = [r["name"] for r in list_routines(settings)]
        hint = f" Saved: {', '.join(names)}." if names else " Save one first."
        raise LookupError(f"routine_name '{name}': no saved routine by that name.{hint}")
    check_allowed(settings, routine, f"The routine '{name}'")
    return routine


def check_allowed(settings: Settings, routine: Routine, label: str) -> None:
    """SafetyRefusal when no routine may be played now (no valid screen, consult, urgent, pain
    since the screen) or when this one holds a stretch the latest screen leaves out."""
    excluded, _ = check_screening(settings)
    now_out = sorted({s.id for s in routine.steps if s.id in excluded})
    if now_out:
        raise SafetyRefusal(
            f"{label} holds {', '.join(now_out)}, which your latest safety screen leaves out; "
            "plan a new routine.",
            [f"{sid}: {excluded[sid]}" for sid in now_out],
        )
