"""The profile form: name, places, weekly goal, voice, age."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from supple.domain.catalog import PLACES
from supple.domain.profile import Profile
from supple.services.profile import get_profile, save_profile
from supple.web.forms import CsrfError, csrf_refused, first, read_form
from supple.web.templating import render, settings_of

router = APIRouter(include_in_schema=False)


@router.get("/profile", response_class=HTMLResponse)
def profile_form(request: Request, saved: int = 0) -> HTMLResponse:
    profile = get_profile(settings_of(request))
    return render(
        request,
        "profile.html",
        values=profile.model_dump(),
        places=PLACES,
        errors={},
        saved=bool(saved),
    )


@router.post("/profile", response_class=HTMLResponse, response_model=None)
async def profile_submit(request: Request) -> Response:
    try:
        form = await read_form(request)
    except CsrfError:
        return csrf_refused(request)
    settings = settings_of(request)
    raw: dict[str, Any] = {
        "name": first(form, "name"),
        "places": form.get("places", []),
        "weekly_goal": first(form, "weekly_goal") or None,
        "voice": first(form, "voice") == "on",
        "age": first(form, "age") or None,
    }
    raw = {k: v for k, v in raw.items() if v is not None}
    try:
        current = get_profile(settings).model_dump()
        profile = Profile.model_validate(current | raw)
    except ValidationError as e:
        errors: dict[str, str] = {}
        for err in e.errors():
            errors.setdefault(
                str(err["loc"][0]), f"{err['msg']} (you gave '{err.get('input', '')}')."
            )
        # What was typed goes back into the form, next to what was wrong with it.
        typed = current | {
            "name": first(form, "name"),
            "age": first(form, "age"),
            "places": form.get("places", []),
            "weekly_goal": first(form, "weekly_goal"),
            "voice": first(form, "voice") == "on",
        }
        return render(
            request,
            "profile.html",
            status_code=422,
            values=typed,
            places=PLACES,
            errors=errors,
            saved=False,
        )
    save_profile(settings, profile)
    return RedirectResponse("/profile?saved=1", status_code=303)
