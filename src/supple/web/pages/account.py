"""A multi-user server's account page: who is signed in, a new password, logging out."""

from __future__ import annotations

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.services.accounts import AccountProblem, change_password
from supple.web.accounts import current_account
from supple.web.forms import CsrfError, csrf_refused, read_form
from supple.web.templating import render, settings_of
from supple.wording import FORM, word

router = APIRouter(include_in_schema=False)


def _page(request: Request, status_code: int = 200, **context: object) -> HTMLResponse:
    context.setdefault("errors", {})
    return render(request, "account.html", status_code=status_code, **context)


@router.get("/account", response_class=HTMLResponse, response_model=None)
def account_page(request: Request, saved: int = 0) -> Response:
    if current_account(request) is None:
        return RedirectResponse("/", 303)
    return _page(request, saved=bool(saved))


@router.post("/account/password", response_class=HTMLResponse, response_model=None)
async def password_submit(request: Request) -> Response:
    try:
        form = await read_form(request)
    except CsrfError:
        return csrf_refused(request)
    account = current_account(request)
    if account is None:
        return RedirectResponse("/", 303)
    current = (form.get("current") or [""])[0]
    new = (form.get("new") or [""])[0]
    try:
        # Off the event loop: hashing the password, and waiting out the login lease while
        # other workers listen (services.accounts), would hold up every request of this worker.
        await anyio.to_thread.run_sync(
            change_password,
            settings_of(request),
            account,
            current,
            new,
            request.state.account_token,
        )
    except AccountProblem as e:
        field = "current" if e.code.id == "accounts.wrong-password" else "new"
        return _page(request, status_code=422, errors={field: word(e, FORM)})
    return RedirectResponse("/account?saved=1", 303)
