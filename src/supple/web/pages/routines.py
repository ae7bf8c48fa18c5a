"""Saved routines: save the plan on the plan page, list them, start or delete one; and the
plan page's "another variation". Every action is a plain form or link (no JavaScript), and
starting goes through the same safety gate as any session (planning.check_allowed)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import QueryParams

from supple.domain.problems import Problem
from supple.domain.routine import Routine
from supple.services import coaching, saved_routines, web_sessions
from supple.services.catalog import has_database
from supple.services.context import store_for
from supple.services.planning import SafetyRefusal, build_plan
from supple.services.variations import next_variation
from supple.web.accounts import current_account
from supple.web.errors.problems import refusal
from supple.web.forms import CsrfError, Form, csrf_refused, first, read_form
from supple.web.gates import screen_refusal, urgent
from supple.web.pages.plan import plan_options, plan_response
from supple.web.pages.plan_extras import plan_url
from supple.web.templating import render, settings_of
from supple.wording import FORM, word

router = APIRouter(include_in_schema=False)


@router.get("/plan/variation", response_model=None)
def variation(request: Request) -> Response:
    """Plan again with the next seed that gives another routine, and show it at its own
    address (so it can be saved or shared); say so when there is none."""
    q = request.query_params
    values, options, _ = plan_options(q)
    if options is None:
        return plan_response(request, q)
    try:
        other = next_variation(settings_of(request), options)
    except (SafetyRefusal, Problem):
        return plan_response(request, q)  # the plan page says why
    if other is None:
        return plan_response(request, q, no_variation=True)
    return RedirectResponse(plan_url(values, q, seed=other.seed), status_code=303)


@router.post("/plan/save", response_model=None)
async def save(request: Request) -> Response:
    """Plan with the posted options (the routine on the page: the planner is deterministic)
    and save it under the name given; a bad name is shown by its field."""
    try:
        form = await read_form(request)
    except CsrfError:
        return csrf_refused(request)
    q = QueryParams(first(form, "plan"))  # the plan's fields, as the page's address had them
    values, options, _ = plan_options(q)
    name = first(form, "name")
    if options is None:
        return plan_response(request, q)
    settings = settings_of(request)
    try:
        routine = build_plan(settings, options)
        saved = saved_routines.save_as(settings, name, routine, options)
    except SafetyRefusal:
        return plan_response(request, q)
    except Problem as e:
        if e.field != "save":  # not about the name: the plan page says it with the plan
            return plan_response(request, q)
        return plan_response(request, q, save_error=word(e, FORM), save_name=name)
    return RedirectResponse(
        plan_url(values, q) + "&" + urlencode({"saved": saved}) + "#saved-notice", status_code=303
    )


def _prescribed(request: Request) -> dict[str, object] | None:
    """A multi-user server's client: the routine their coach prescribed (None elsewhere), with
    the stretches their own screen leaves out for them."""
    account = current_account(request)
    if account is None or account.coach_id is None:
        return None
    server = request.app.state.settings
    found = coaching.prescription_for(server, account)
    if found is None:
        return None
    names = {s.id: s.name for s in coaching._catalog(server).values()}
    return {
        "p": found,
        "names": names,
        "left_out": coaching.left_out_for_client(server, account, found),
    }


def _routines_page(request: Request, status_code: int = 200, **context: object) -> HTMLResponse:
    settings = settings_of(request)
    return render(
        request,
        "routines.html",
        status_code=status_code,
        prescribed=_prescribed(request),
        routines=saved_routines.saved(settings),
        gate=screen_refusal(settings),
        scale=request.query_params.get("scale", ""),
        **context,
    )


@router.get("/routines", response_class=HTMLResponse)
def routines_page(request: Request) -> HTMLResponse:
    emergency = urgent(settings_of(request))
    if emergency is not None:
        return render(request, "urgent.html", status_code=409, result=emergency)
    return _routines_page(request)


def start_session(request: Request, routine: Routine, form: Form) -> Response:
    """Open a session for the routine (already through the gate) and go to the player; the
    `scale` field carries the player's time scale for tests and demos."""
    session_id, _ = web_sessions.create(settings_of(request), routine)
    query = {"id": session_id}
    scale = first(form, "scale")
    if scale:
        query["scale"] = scale
    return RedirectResponse(f"/session?{urlencode(query)}", status_code=303)


@router.post("/routines/start", response_model=None)
async def start(request: Request) -> Response:
    try:
        form = await read_form(request)
    except CsrfError:
        return csrf_refused(request)
    name = first(form, "name")
    settings = settings_of(request)
    if urgent(settings) is not None:
        return routines_page(request)
    try:
        routine = saved_routines.routine_to_start(settings, name)
    except saved_routines.RoutineNameError as e:
        return _routines_page(request, 404, error=word(e, FORM), error_for=name)
    except SafetyRefusal as e:
        return _routines_page(request, 409, refusal=refusal(e, FORM), error_for=name)
    return start_session(request, routine, form)


@router.post("/routines/start-prescribed", response_model=None)
async def start_prescribed(request: Request) -> Response:
    """A client's routine from their coach, through the same gate as any session: their own
    screen leaves out what it excludes."""
    try:
        form = await read_form(request)
    except CsrfError:
        return csrf_refused(request)
    settings = settings_of(request)
    account = current_account(request)
    if urgent(settings) is not None:
        return routines_page(request)
    if account is None:
        return _routines_page(request, 404)
    try:
        routine = coaching.prescribed_routine_to_start(request.app.state.settings, account)
    except SafetyRefusal as e:
        return _routines_page(request, 409, refusal=refusal(e, FORM), error_for="")
    except Problem as e:
        return _routines_page(request, 404, error=word(e, FORM), error_for="")
    return start_session(request, routine, form)


@router.post("/routines/delete", response_model=None)
async def delete(request: Request) -> Response:
    try:
        form = await read_form(request)
    except CsrfError:
        return csrf_refused(request)
    name = first(form, "name")
    settings = settings_of(request)
    if has_database(settings):
        store_for(settings).routines.delete(name)
    return RedirectResponse("/routines", status_code=303)
