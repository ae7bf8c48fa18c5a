""" "Do this stretch now" on a stretch's page: a short session of that one stretch, through the
same safety gate as any session (services.stretch_now), then the player."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from supple.data.loader import shipped
from supple.domain.catalog import Stretch, UnknownStretch
from supple.domain.planner_model import PlanError
from supple.services.catalog import full_catalog
from supple.services.planning import SafetyRefusal
from supple.services.stretch_now import StretchNowError, one_stretch_routine
from supple.web.errors.problems import refusal
from supple.web.forms import CsrfError, csrf_refused, first, read_form
from supple.web.gates import urgent
from supple.web.pages.figures import stretch_figures
from supple.web.pages.routines import start_session
from supple.web.templating import render, settings_of
from supple.wording import FORM, word
from supple.wording.i18n import _

router = APIRouter(include_in_schema=False)


@router.post("/catalog/{stretch_id}/now", response_model=None)
async def do_it_now(request: Request, stretch_id: str) -> Response:
    try:
        form = await read_form(request)
    except CsrfError:
        return csrf_refused(request)
    settings = settings_of(request)
    emergency = urgent(settings)
    if emergency is not None:
        return render(request, "urgent.html", status_code=409, result=emergency)
    try:
        stretch = full_catalog(settings).get(stretch_id)
    except UnknownStretch:
        return render(
            request,
            "error.html",
            status_code=404,
            title=_("No such stretch"),
            message=_("There is no such stretch: pick one from the Stretches page."),
        )
    warm = first(form, "warm") == "on"
    try:
        routine = one_stretch_routine(settings, stretch_id, warm)
    except SafetyRefusal as e:
        return _again(request, stretch, 409, now_refusal=refusal(e, FORM), now_warm=warm)
    except StretchNowError as e:
        return _again(request, stretch, 409, now_error=word(e, FORM), now_warm=warm)
    except PlanError as e:
        return _again(request, stretch, 422, now_error=word(e, FORM), now_warm=warm)
    return start_session(request, routine, form)


def _again(request: Request, stretch: Stretch, status: int, **context: object) -> HTMLResponse:
    """The stretch's page again, with why it cannot be done now by the button."""
    return render(
        request,
        "stretch.html",
        status_code=status,
        s=stretch,
        muscles=shipped().anatomy.muscles,
        figures=stretch_figures(stretch),
        **context,
    )
