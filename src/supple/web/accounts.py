"""A multi-user server's requests: each one signed in to one account, or only public pages.

`AccountMiddleware` reads the login cookie (`supple_account`: a random token; the server keeps
only its hash, services.accounts), finds the account and puts that account's settings on the
request (`request.state.settings`), which every page and API route reads through
`templating.settings_of` and `api.deps.app_settings`. So every existing route is scoped to the
signed-in account without a change to its queries (services.context opens the account's own
schema). Without a valid login, an API call gets 401 and a page goes to the login form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse

from supple.domain.problems import Problem
from supple.services.accounts import (
    SESSION_DAYS,
    Account,
    account_settings,
    known_login,
    login_key,
    session_account,
)
from supple.store.shared import warm_up
from supple.web.errors.body import error_body
from supple.web.errors.problems import STATUS
from supple.web.security import login_needed, request_cookies
from supple.wording import API, word
from supple.wording.i18n import _

if TYPE_CHECKING:
    from fastapi import Response

    from supple.config import Settings
    from supple.web.security import ASGIApp, Receive, Scope, Send

ACCOUNT_COOKIE = "supple_account"
#: Reachable without a login: the login form, signing up by an invitation, static files, the
#: API's own login and its schema (which holds no one's data).
PUBLIC_PATHS = (
    "/login",
    "/signup",
    "/static/",
    "/api/v1/auth/",
    "/api/v1/openapi.json",
    "/sw.js",
    "/offline",
)


#: Login tokens seen (with their login_key), and accounts' settings made, kept per process up
#: to this many each (then started afresh): a client sends the same cookie on every request.
_MEMO_MAX = 4096


class AccountMiddleware:
    """Which account a request is signed in to. Its cost on every request is kept to what a
    person's own server pays (bench/bench_multi_user.py): the cookies are the ones
    SecurityMiddleware read (parsed once per distinct header) and each token's login_key is
    hashed once; the login is found without a round trip while the logins are unchanged
    (services.accounts.known_login); and each account's settings are made once, so the plan and
    store caches keyed on them find their keys at once."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        #: Login token -> its login_key.
        self._keys: dict[str, str] = {}
        #: Account id -> its settings (which depend on the id alone: its schema and folder).
        self._settings: dict[int, Settings] = {}
        # Built when the server starts (Starlette builds its middleware on the lifespan
        # event), before the app's warm-up freezes what is loaded out of the collector's way.
        warm_up()

    def _login_of(self, scope: Scope) -> tuple[str | None, str | None]:
        token = request_cookies(scope).get(ACCOUNT_COOKIE)
        if token is None:
            return None, None
        key = self._keys.get(token)
        if key is None:
            key = login_key(token)
            if key is None:  # no token, or an absurd one: not kept (the memo stays small)
                return token, None
            if len(self._keys) >= _MEMO_MAX:
                self._keys.clear()
            self._keys[token] = key
        return token, key

    def _settings_of(self, account: Account) -> Settings:
        made = self._settings.get(account.id)
        if made is None:
            made = account_settings(self.settings, account)
            if len(self._settings) >= _MEMO_MAX:
                self._settings.clear()
            self._settings[account.id] = made
        return made

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        token, key = self._login_of(scope)
        account: Account | None = None
        if key is not None:
            try:
                # A login this process saw, while the database is unchanged since (no round
                # trip); else asked of the database, off the event loop.
                account = known_login(self.settings, key)
                if account is None:
                    account = await anyio.to_thread.run_sync(session_account, self.settings, token)
            except Problem as problem:  # the database cannot be reached
                response: Any = JSONResponse(
                    error_body(
                        problem.code.id, word(problem, API), problem.field, dict(problem.params)
                    ),
                    status_code=STATUS[problem.kind],
                )
                await response(scope, receive, send)
                return
        state = scope.setdefault("state", {})
        if account is not None:
            state["account"] = account
            state["account_token"] = token
            state["settings"] = self._settings_of(account)
        elif not path.startswith(PUBLIC_PATHS):
            message = _("Log in first: POST /api/v1/auth/login with your email and password.")
            await login_needed(scope, message)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def current_account(request: Request) -> Account | None:
    """The signed-in account of this request (None in single-person modes)."""
    found: Account | None = getattr(request.state, "account", None)
    return found


def set_login_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        ACCOUNT_COOKIE,
        token,
        max_age=SESSION_DAYS * 24 * 3600,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def clear_login_cookie(response: Response) -> None:
    response.delete_cookie(ACCOUNT_COOKIE, httponly=True, samesite="strict")
