"""The login form of remote mode (`supple serve --allow-remote`), and logging out.

In local mode there is no password: the form's POST goes straight on to where it was headed.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from supple.web.security import (
    SESSION_COOKIE,
    SESSION_SECONDS,
    SecurityConfig,
    csrf_protect,
    session_cookie_value,
    verify_password,
)
from supple.web.templating import render
from supple.web.throttle import LoginThrottle
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
    )


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return _login_page(request, next_url=next)


@router.post("/login", response_class=HTMLResponse, response_model=None)
def login(
    request: Request,
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> HTMLResponse | RedirectResponse:
    config: SecurityConfig = request.app.state.security
    if config.password_hash is None:
        return RedirectResponse(_safe_next(next), 303)
    throttle = _throttle(request)
    address = request.client.host if request.client else "unknown"
    wait = throttle.wait_seconds(address)
    if wait:
        page = _login_page(
            request,
            ngettext(
                "Too many wrong passwords from this address; try again in {wait} seconds.",
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


@router.post("/logout")
def logout() -> RedirectResponse:
    response = RedirectResponse("/login", 303)
    response.delete_cookie(SESSION_COOKIE)
    return response
