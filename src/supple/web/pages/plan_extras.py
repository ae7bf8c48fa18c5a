"""What the plan page offers around a routine, as links and hidden fields: swap a stretch
(plan again without it, every other choice kept), put a left-out one back, another variation
(the planner's seed), and the fields the save form sends back.

Pure URL building from the plan form's values, so the plan page works without JavaScript.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from supple.config import Settings
from supple.domain.routine import Routine
from supple.services.catalog import full_catalog
from supple.services.planning import get_routine

#: Kept from the page's own address: the player's time scale (tests and demos).
PASSED_ON = ("scale",)


def plan_fields(values: dict[str, Any], q: QueryParams, **changes: Any) -> list[tuple[str, str]]:
    """The plan form's fields as (name, value) pairs, with `changes` applied (a list for
    places, focus and avoid; None leaves a field out)."""
    merged = {**values, **changes}
    out: list[tuple[str, str]] = [("minutes", str(merged["minutes"]))]
    out += [("places", p) for p in merged["places"]]
    out.append(("context", merged["context"]))
    out += [("focus", f) for f in merged["focus"]]
    if merged["warm"]:
        out.append(("warm", "on"))
    out += [("avoid", a) for a in merged["avoid"]]
    if merged["seed"] is not None:
        out.append(("seed", str(merged["seed"])))
    out += [(k, q[k]) for k in PASSED_ON if k in q]
    return out


def plan_url(values: dict[str, Any], q: QueryParams, path: str = "/plan", **changes: Any) -> str:
    return f"{path}?{urlencode(plan_fields(values, q, **changes))}"


def plan_extras(
    settings: Settings, values: dict[str, Any], routine: Routine | None, q: QueryParams
) -> dict[str, Any]:
    """{"swap": stretch id -> url, "put_back": [(name, url)], "variation": url, "fields": the
    plan's fields as one query string (the save form's hidden `plan`), "saved": the name just
    saved or ""}. Put back is offered even when no routine could be made (leaving out too
    much is one reason)."""
    catalog = full_catalog(settings)
    avoid = list(values["avoid"])
    put_back = [
        (
            catalog.get(a).name if a in catalog else a,
            plan_url(values, q, avoid=[x for x in avoid if x != a]),
        )
        for a in avoid
    ]
    if routine is None:
        return {"swap": {}, "put_back": put_back, "variation": "", "fields": "", "saved": ""}
    saved = q.get("saved", "")
    return {
        "swap": {
            s.id: plan_url(values, q, avoid=[*avoid, s.id])
            for s in routine.stretch_steps()
            if s.id is not None
        },
        "put_back": put_back,
        "variation": plan_url(values, q, path="/plan/variation"),
        "fields": urlencode(plan_fields(values, q)),
        "saved": saved if saved and get_routine(settings, saved) is not None else "",
    }
