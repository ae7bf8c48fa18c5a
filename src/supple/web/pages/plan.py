"""The plan page: the plan form, and the routine it makes (or why it cannot), each problem
by the form field it concerns."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError
from starlette.datastructures import QueryParams

from supple.data.loader import shipped
from supple.domain.catalog import PLACES
from supple.domain.problems import Problem
from supple.services.catalog import full_catalog
from supple.services.planning import PlanOptions, SafetyRefusal, build_plan
from supple.services.profile import get_profile
from supple.web.errors.problems import refusal
from supple.web.gates import urgent
from supple.web.pages.figures import routine_thumbnails
from supple.web.pages.plan_extras import plan_extras
from supple.web.templating import render, settings_of
from supple.wording import FORM, word
from supple.wording.validation import form_errors

router = APIRouter(include_in_schema=False)


def plan_options(q: QueryParams) -> tuple[dict[str, Any], PlanOptions | None, dict[str, str]]:
    """(form values to redisplay, PlanOptions or None, field -> problem in the form's words),
    from the plan form's fields (a query string, or a posted form with the same fields)."""
    values: dict[str, Any] = {
        "minutes": q.get("minutes", "10"),
        "places": q.getlist("places"),
        "context": q.get("context", "anytime"),
        "focus": q.getlist("focus"),
        "warm": q.get("warm") == "on",
        "avoid": q.getlist("avoid"),
        "seed": q.get("seed") or None,
    }
    if "minutes" not in q:
        return values, None, {}
    raw = {
        "minutes": values["minutes"].strip(),
        "places": values["places"] or None,
        "context": values["context"],
        "focus": values["focus"] or None,
        "warm": values["warm"],
        "avoid": values["avoid"],
        "seed": values["seed"],
    }
    try:
        # Form fields are text: read "12" as a number here (the JSON API is strict).
        return values, PlanOptions.model_validate(raw, strict=False), {}
    except ValidationError as e:
        return values, None, form_errors(e.errors(), PlanOptions)


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request) -> HTMLResponse:
    return plan_response(request, request.query_params)


def plan_response(request: Request, q: QueryParams, **extra: Any) -> HTMLResponse:
    """The plan page for these plan fields; `extra` goes to the template (plan_extras.html)."""
    settings = settings_of(request)
    emergency = urgent(settings)
    if emergency is not None:  # no plan form under the emergency text: only where to go
        return render(request, "urgent.html", status_code=409, result=emergency)
    values, options, errors = plan_options(q)
    if not values["places"]:
        values["places"] = list(get_profile(settings).places)
    routine = refused = None
    error = ""
    status = 422 if errors else 200
    if options is not None:
        try:
            routine = build_plan(settings, options)
        except SafetyRefusal as e:
            refused, status = refusal(e, FORM), 409
        except Problem as e:
            status = 422
            error = word(e, FORM)
            if e.field:
                errors[e.field] = error
    catalog = full_catalog(settings)
    return render(
        request,
        "plan.html",
        status_code=status if extra.get("save_error") is None else 422,
        values=values,
        places=PLACES,
        routine=routine,
        routine_json=routine.model_dump_json().replace("</", "<\\/") if routine else "",
        refusal=refused,
        error=error or " ".join(errors.values()),
        errors=errors,
        catalog=catalog,
        figures=routine_thumbnails(routine, catalog),
        muscles=shipped().anatomy.muscles,
        extras=plan_extras(settings, values, routine, q),
        **extra,
    )
