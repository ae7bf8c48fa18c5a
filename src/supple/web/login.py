"""The login form of remote mode (`supple serve --allow-remote`) and of a multi-user server
(`--multi-user`: email and password, an account's login session), and logging out.

In local mode there is no password: the form's POST goes straight on to where it was headed.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from supple.services.accounts import AccountProblem, LoginThrottled, log_in, log_out
from supple.web.accounts import clear_login_cookie, set_login_cookie
from supple.web.security import (
    SESSION_COOKIE,
    SESSION_SECONDS,
    SecurityConfig,
    csrf_protect,
    session_cookie_value,
    verify_password,
)
from supple.web.templating import render, settings_of
from supple.web.throttle import LoginThrottle
from supple.wording import FORM, word
from supple.wording.i18n import _, ngettext

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])


def _throttle(request: Request) -> LoginThrottle:
    """The app's login throttle (one per app, made on first use)."""
    found: LoginThrottle | None = getattr(request.app.state, "login_throttle", None)
    if found is None:
        found = request.app.state.login_throttle = LoginThrottle()
    return found


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never `//evil.example` or `https://...`."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _login_page(
    request: Request, error: str = "", next_url: str = "/", status_code: int = 200
) -> HTMLResponse:
    """The login form, in the app's own page layout and stylesheet (light and dark)."""
    return render(
        request,
        "login.html",
        status_code=status_code,
        error=error,
        next_url=_safe_next(next_url),
        multi_user=request.app.state.security.multi_user,
    )


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return _login_page(request, next_url=next)


@router.post("/login", response_class=HTMLResponse, response_model=None)
def login(
    request: Request,
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
    email: Annotated[str, Form(max_length=300)] = "",
) -> HTMLResponse | RedirectResponse:
    config: SecurityConfig = request.app.state.security
    if config.multi_user:
        return _account_login(request, email, password, next)
    if config.password_hash is None:
        return RedirectResponse(_safe_next(next), 303)
    throttle = _throttle(request)
    address = request.client.host if request.client else "unknown"
    wait = throttle.wait_seconds(address)
    if wait:
        page = _login_page(
            request,
            ngettext(
                "Too many wrong passwords from this address; try again in {wait} second.",
                "Too many wrong passwords from this address; try again in {wait} seconds.",
                wait,
            ).format(wait=wait),
            next,
            status_code=429,
        )
        page.headers["Retry-After"] = str(wait)
        return page
    if not verify_password(config.password_hash, password):
        throttle.failed(address)
        return _login_page(request, _("Wrong password; try again."), next, status_code=401)
    throttle.succeeded(address)
    response = RedirectResponse(_safe_next(next), 303)
    response.set_cookie(
        SESSION_COOKIE,
        session_cookie_value(config),
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


def _account_login(
    request: Request, email: str, password: str, next_url: str
) -> HTMLResponse | RedirectResponse:
    """A multi-user server's login: the account's email and password, throttled per account and
    per address in the database (every worker counts the same tries)."""
    address = request.client.host if request.client else "unknown"
    try:
        _account, token = log_in(settings_of(request), email, password, address)
    except LoginThrottled as e:
        page = _login_page(request, word(e, FORM), next_url, status_code=429)
        page.headers["Retry-After"] = str(e.params["seconds"])
        return page
    except AccountProblem as e:
        return _login_page(request, word(e, FORM), next_url, status_code=401)
    response = RedirectResponse(_safe_next(next_url), 303)
    set_login_cookie(request, response, token)
    return response


@router.post("/logout")
def logout(request: Request) -> RedirectResponse:
    response = RedirectResponse("/login", 303)
    if request.app.state.security.multi_user:
        log_out(settings_of(request), getattr(request.state, "account_token", None))
        clear_login_cookie(response)
    response.delete_cookie(SESSION_COOKIE)
    return response
