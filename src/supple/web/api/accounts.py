"""A multi-user server's accounts API: log in and out, who is signed in, a new password.

Included only by `supple serve --multi-user` (create_app with `multi_user`). A login sets the
same HttpOnly cookie as the login page; writes need the CSRF header as every write does (the
`supple_csrf` cookie is set by any page, e.g. GET /login).
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from supple.services.accounts import (
    MAX_PASSWORD,
    AccountProblem,
    LoginThrottled,
    change_password,
    log_in,
    log_out,
)
from supple.web.accounts import clear_login_cookie, current_account, set_login_cookie
from supple.web.errors.body import ApiError, ErrorOut, error_response
from supple.web.templating import settings_of
from supple.wording import API, word

router = APIRouter(tags=["accounts"])


class AccountOut(BaseModel):
    id: int
    email: str
    role: Literal["person", "coach"]
    coach_id: int | None


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=300)
    password: str = Field(max_length=MAX_PASSWORD)


class PasswordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current: str = Field(max_length=MAX_PASSWORD)
    new: str = Field(max_length=MAX_PASSWORD)


def _problem(status: int, e: AccountProblem) -> ApiError:
    return ApiError(status, e.code.id, word(e, API), e.field, **dict(e.params))


@router.post(
    "/auth/login",
    response_model=AccountOut,
    responses={
        401: {"model": ErrorOut, "description": "Wrong email or password."},
        429: {"model": ErrorOut, "description": "Too many wrong passwords; Retry-After says."},
    },
)
def api_login(request: Request, body: LoginIn, response: Response) -> Any:
    address = request.client.host if request.client else "unknown"
    try:
        account, token = log_in(settings_of(request), body.email, body.password, address)
    except LoginThrottled as e:
        throttled = error_response(429, e.code.id, word(e, API), e.field, dict(e.params))
        throttled.headers["Retry-After"] = str(e.params["seconds"])
        return throttled
    except AccountProblem as e:
        raise _problem(401, e) from None
    set_login_cookie(request, response, token)
    return account.as_dict()


@router.post("/auth/logout", status_code=204)
def api_logout(request: Request) -> Response:
    log_out(settings_of(request), getattr(request.state, "account_token", None))
    response = Response(status_code=204)
    clear_login_cookie(response)
    return response


@router.get("/account", response_model=AccountOut)
def me(request: Request) -> dict[str, Any]:
    account = current_account(request)
    assert account is not None  # the middleware answered 401 otherwise
    return account.as_dict()


@router.put("/account/password", status_code=204)
def new_password(request: Request, body: PasswordIn) -> Response:
    account = current_account(request)
    assert account is not None
    try:
        change_password(
            settings_of(request), account, body.current, body.new, request.state.account_token
        )
    except AccountProblem as e:
        raise _problem(422, e) from None
    return Response(status_code=204)
