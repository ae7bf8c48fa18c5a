"""The plan page: the plan form, and the routine it makes (or why it cannot)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from supple.data.loader import shipped
from supple.domain.catalog import PLACES
from supple.domain.planner_model import PlanError
from supple.services.catalog import full_catalog
from supple.services.planning import PlanOptions, SafetyRefusal, build_plan
from supple.services.profile import get_profile
from supple.web.gates import urgent
from supple.web.templating import render, settings_of
from supple.web.wording import FORM_LABELS
from supple.wording import FORM, word

router = APIRouter(include_in_schema=False)


def _plan_options(request: Request) -> tuple[dict[str, Any], PlanOptions | None, str | None]:
    """(form values to redisplay, PlanOptions or None, error message)."""
    q = request.query_params
    values: dict[str, Any] = {
        "minutes": q.get("minutes", "10"),
        "places": q.getlist("places"),
        "context": q.get("context", "anytime"),
        "focus": q.getlist("focus"),
        "warm": q.get("warm") == "on",
    }
    if "minutes" not in q:
        return values, None, None
    try:
        options = PlanOptions(
            minutes=values["minutes"],
            places=values["places"] or None,
            context=values["context"],
            focus=values["focus"] or None,
            warm=values["warm"],
        )
    except ValidationError as e:
        err = e.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else ""
        label = FORM_LABELS.get(field, field)
        return values, None, f"{label}: {err['msg']} (you gave '{err.get('input', '')}')."
    return values, options, None


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request) -> HTMLResponse:
    settings = settings_of(request)
    emergency = urgent(settings)
    if emergency is not None:  # no plan form under the emergency text: only where to go
        return render(request, "urgent.html", status_code=409, result=emergency)
    values, options, error = _plan_options(request)
    if not values["places"]:
        values["places"] = list(get_profile(settings).places)
    routine = refusal = None
    status = 200
    if options is not None:
        try:
            routine = build_plan(settings, options)
        except SafetyRefusal as e:
            refusal, status = e, 409
        except PlanError as e:
            error, status = word(e, FORM), 422
    elif error:
        status = 422
    return render(
        request,
        "plan.html",
        status_code=status,
        values=values,
        places=PLACES,
        routine=routine,
        routine_json=routine.model_dump_json().replace("</", "<\\/") if routine else "",
        refusal=refusal,
        error=error,
        catalog=full_catalog(settings),
        muscles=shipped().anatomy.muscles,
    )
