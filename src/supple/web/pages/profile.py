"""The profile form: name, places, weekly goal, voice, age."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from supple.domain.catalog import PLACES
from supple.domain.profile import Profile
from supple.services.profile import get_profile, save_profile
from supple.web.api.profile import ProfileUpdate
from supple.web.forms import CsrfError, csrf_refused, first, read_form
from supple.web.templating import render, settings_of
from supple.wording.validation import form_errors

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
    current = get_profile(settings).model_dump()
    try:
        # The API's rules for each field (ranges, lengths); form fields are text, so numbers
        # are read from it here (the JSON API is strict).
        given = ProfileUpdate.model_validate(raw, strict=False).model_dump(exclude_none=True)
        profile = Profile.model_validate(current | given)
    except ValidationError as e:
        # What was typed goes back into the form, next to what was wrong with it.
        typed = (
            current | raw | {"age": first(form, "age"), "weekly_goal": first(form, "weekly_goal")}
        )
        return render(
            request,
            "profile.html",
            status_code=422,
            values=typed,
            places=PLACES,
            errors=form_errors(e.errors(), ProfileUpdate, Profile),
            saved=False,
        )
    save_profile(settings, profile)
    return RedirectResponse("/profile?saved=1", status_code=303)
