"""Coach mode's pages (a multi-user server): the coach's clients and dashboard, invitations
(a link and its QR code), prescribing a routine, a printable handout; and signing up by an
invitation (public).

A coach reaches a client's data only through `services.coaching` (`client_of`: the client must
be theirs), which shares what coach mode shares and nothing else.
"""

from __future__ import annotations

import io

import anyio.to_thread
import segno
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import ValidationError

from supple.data.loader import shipped
from supple.domain.catalog import Stretch
from supple.domain.prescription import Prescription
from supple.domain.problems import Problem
from supple.figures.svg import figure_svg
from supple.services import coaching
from supple.services.accounts import AccountProblem
from supple.web.accounts import current_account, set_login_cookie
from supple.web.forms import CsrfError, Form, csrf_refused, first, read_form
from supple.web.templating import render, settings_of
from supple.wording import FORM, word
from supple.wording.i18n import _
from supple.wording.validation import form_errors

router = APIRouter(include_in_schema=False)


def qr_svg(text: str) -> Markup:
    """`text` as a QR code: inline SVG drawn on the server (segno; no script, no style
    attribute, so the CSP holds; dark modules on a light square whatever the theme)."""
    out = io.BytesIO()
    segno.make(text, error="m").save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        scale=5,
        border=4,
        dark="#000",
        light="#fff",
        title=_("QR code of the invitation link"),
        svgclass="qr",
        lineclass=None,
    )
    return Markup(out.getvalue().decode())


def _not_found(request: Request, e: Problem) -> HTMLResponse:
    return render(
        request, "error.html", status_code=404, title=_("Not found"), message=word(e, FORM)
    )


def _stretches() -> list[Stretch]:
    return [s for s in shipped().catalog if s.style != "warmup"]


@router.get("/coach", response_class=HTMLResponse, response_model=None)
def coach_home(request: Request) -> Response:
    settings = settings_of(request)
    try:
        coach = coaching.require_coach(current_account(request))
    except coaching.CoachProblem as e:
        return _not_found(request, e)
    return render(request, "coach.html", rows=coaching.dashboard(settings, coach))


@router.post("/coach/invite", response_class=HTMLResponse, response_model=None)
async def coach_invite(request: Request) -> Response:
    try:
        await read_form(request)
    except CsrfError:
        return csrf_refused(request)
    try:
        coach = coaching.require_coach(current_account(request))
    except coaching.CoachProblem as e:
        return _not_found(request, e)
    invitation = coaching.invite(settings_of(request), coach)
    link = str(request.base_url).rstrip("/") + "/signup?token=" + invitation.token
    return render(
        request,
        "coach_invite.html",
        link=link,
        qr=qr_svg(link),
        expires=invitation.expires_at.strftime("%Y-%m-%d"),
    )


def _client_page(
    request: Request, client_id: int, status_code: int = 200, **context: object
) -> Response:
    settings = settings_of(request)
    try:
        coach = coaching.require_coach(current_account(request))
        client = coaching.client_of(settings, coach, client_id)
    except coaching.CoachProblem as e:
        return _not_found(request, e)
    current = coaching.prescription_for(settings, client)
    chosen = {s.stretch: s for s in current.stretches} if current else {}
    return render(
        request,
        "coach_client.html",
        status_code=status_code,
        client=client,
        prescription=current,
        chosen=chosen,
        left_out=coaching.left_out_for_client(settings, client, current) if current else [],
        summary=coaching.summary(settings, coach, client),
        stretches=_stretches(),
        errors=context.pop("errors", {}),
        **context,
    )


@router.get("/coach/clients/{client_id}", response_class=HTMLResponse, response_model=None)
def coach_client(request: Request, client_id: int, saved: int = 0) -> Response:
    return _client_page(request, client_id, saved=bool(saved))


def _prescription_from(form: Form) -> dict[str, object]:
    picked = form.get("pick", [])
    items = []
    for sid in picked:
        item: dict[str, object] = {"stretch": sid}
        hold = first(form, f"hold-{sid}")
        reps = first(form, f"reps-{sid}")
        if hold:
            item["hold_seconds"] = hold
        if reps:
            item["reps"] = reps
        items.append(item)
    return {
        "name": first(form, "name") or _("From your coach"),
        "stretches": items,
        "days_per_week": first(form, "days_per_week") or 3,
        "notes": first(form, "notes"),
    }


@router.post(
    "/coach/clients/{client_id}/prescription", response_class=HTMLResponse, response_model=None
)
async def coach_prescribe(request: Request, client_id: int) -> Response:
    try:
        form = await read_form(request)
    except CsrfError:
        return csrf_refused(request)
    settings = settings_of(request)
    try:
        coach = coaching.require_coach(current_account(request))
        prescription = Prescription.model_validate(_prescription_from(form), strict=False)
        coaching.prescribe(settings, coach, client_id, prescription)
    except coaching.CoachProblem as e:
        return _not_found(request, e)
    except ValidationError as e:
        return _client_page(request, client_id, 422, errors=form_errors(e.errors(), Prescription))
    except Problem as e:
        return _client_page(request, client_id, 422, errors={"stretches": word(e, FORM)})
    return RedirectResponse(f"/coach/clients/{client_id}?saved=1", 303)


@router.get("/coach/clients/{client_id}/handout", response_class=HTMLResponse, response_model=None)
def coach_handout(request: Request, client_id: int) -> Response:
    """The prescribed routine on paper: each stretch with its figures, steps and dose (the
    print stylesheet gives a clean page; the browser's "save as PDF" keeps it)."""
    settings = settings_of(request)
    try:
        coach = coaching.require_coach(current_account(request))
        client = coaching.client_of(settings, coach, client_id)
    except coaching.CoachProblem as e:
        return _not_found(request, e)
    current = coaching.prescription_for(settings, client)
    catalog = {s.id: s for s in shipped().catalog}
    left_out = coaching.left_out_for_client(settings, client, current) if current else []
    items = []
    for item in current.stretches if current else []:
        s = catalog.get(item.stretch)
        # What the client's screen leaves out is not on their handout either (named above it).
        if s is not None and s.name not in left_out:
            figures = [Markup(figure_svg(s, pose)) for pose in ("start", "stretch")]
            items.append({"stretch": s, "dose": item, "figures": figures})
    return render(
        request,
        "coach_handout.html",
        client=client,
        prescription=current,
        items=items,
        left_out=left_out,
    )


# --- Signing up by an invitation (public) --------------------------------------------------


@router.get("/signup", response_class=HTMLResponse)
def signup_form(request: Request, token: str = "") -> HTMLResponse:
    ok = coaching.invitation_open(settings_of(request), token)
    return render(
        request, "signup.html", status_code=200 if ok else 404, token=token, ok=ok, errors={}
    )


@router.post("/signup", response_class=HTMLResponse, response_model=None)
async def signup(request: Request) -> Response:
    try:
        form = await read_form(request)
    except CsrfError:
        return csrf_refused(request)
    token = first(form, "token")
    email = first(form, "email")
    try:
        # Off the event loop: hashing the password and making the account's schema take a
        # while, and would hold up every other request of this worker meanwhile.
        _account, login = await anyio.to_thread.run_sync(
            coaching.sign_up, settings_of(request), token, email, (form.get("password") or [""])[0]
        )
    except coaching.CoachProblem:
        return render(request, "signup.html", status_code=404, token=token, ok=False, errors={})
    except AccountProblem as e:
        return render(
            request,
            "signup.html",
            status_code=422,
            token=token,
            ok=True,
            email=email,
            errors={e.field or "password": word(e, FORM)},
        )
    response = RedirectResponse("/screen", 303)
    set_login_cookie(request, response, login)
    return response
