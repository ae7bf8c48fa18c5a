"""Who may use the app, and the headers and tokens that keep a browser from being tricked.

* Local mode (the default): no login; the app only answers requests whose Host is this machine
  (127.0.0.1, localhost, ::1), so a web page elsewhere cannot reach it by DNS rebinding.
* Remote mode (`supple serve --allow-remote` with a password): every page and API call needs
  the login; the password is kept only as an argon2 hash; the session cookie is signed with
  HMAC-SHA256 and a random secret kept in SUPPLE_HOME (so a restart keeps you logged in).
* CSRF: a random token in the `supple_csrf` cookie (double submit). Writes through the API must
  send it back in the `X-Supple-CSRF` header; HTML forms send it as the `csrf_token` field.
  Pages put it in `<meta name="csrf-token">` with the Jinja helper `csrf_token(request)`.
  A header cannot be added by a form or a cross-site request without CORS, which the app never
  allows; in local mode a client with no cookie at all (curl) may send any non-empty value.
* Same-origin only (`SAME_ORIGIN_PATHS`, the cue audio): a request another site's page makes
  (`Sec-Fetch-Site: cross-site` or `same-site`, or an `Origin` that is not this server) gets 403,
  so no web page can make the server render and store text of its choosing. A request with
  neither header (curl, an old browser) or from the address bar (`Sec-Fetch-Site: none`) is served.
* Every response gets a Content-Security-Policy without 'unsafe-inline', nosniff,
  no-referrer and frame-ancestors 'none'.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse

from supple.web.errors.body import ApiError, error_body
from supple.wording.i18n import _

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, MutableMapping

    Scope = MutableMapping[str, Any]
    Message = MutableMapping[str, Any]
    Receive = Callable[[], Awaitable[Message]]
    Send = Callable[[Message], Awaitable[None]]
    ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSRF_COOKIE = "supple_csrf"
CSRF_HEADER = "X-Supple-CSRF"
CSRF_FIELD = "csrf_token"
SESSION_COOKIE = "supple_session"
#: Where a request's state records a CSRF token minted for it (to set as the cookie).
_MINTED = "csrf_minted"
#: Where SecurityMiddleware leaves the cookies it read, for the rest of the request.
_COOKIES = "supple_cookies"
SESSION_SECONDS = 30 * 24 * 3600
SECRET_FILE = "web-secret"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; media-src 'self' blob:; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), screen-wake-lock=(self)"),
)
#: Paths only the app's own pages may ask for (the cue audio costs espeak-ng time and disk).
SAME_ORIGIN_PATHS = ("/audio/",)
#: Sec-Fetch-Site values of a request our own pages (or the address bar) make.
OWN_FETCH_SITES = frozenset({"same-origin", "none"})
#: Paths reachable without the login in remote mode (the login form and what it loads).
PUBLIC_PATHS = ("/login", "/static/")


@dataclass(frozen=True)
class SecurityConfig:
    secret: bytes
    password_hash: str | None = None
    """None: local mode, no login. Else the argon2 hash of the one user's password."""
    allowed_hosts: frozenset[str] | None = LOOPBACK_HOSTS
    """Host names the app answers to; None for any (remote mode)."""
    multi_user: bool = False
    """A shared server with accounts (`supple serve --multi-user`, web/accounts.py): each
    request is signed in to one account, or sees only the login and sign-up pages."""

    @property
    def remote(self) -> bool:
        """Whether some login guards the app (so CSRF is strict: a cookie is required)."""
        return self.password_hash is not None or self.multi_user


def load_secret(home: Path) -> bytes:
    """The cookie-signing secret kept in SUPPLE_HOME (created on first use, owner-only)."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / SECRET_FILE
    try:
        return bytes.fromhex(path.read_text().strip())
    except (OSError, ValueError):
        secret = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secret.hex())
        return secret


def hash_password(password: str) -> str:
    return PasswordHasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return PasswordHasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _sign(config: SecurityConfig, expires: int) -> str:
    # The hash is part of the message: a new password ends every earlier login.
    msg = f"{expires}|{config.password_hash}".encode()
    return hmac.new(config.secret, msg, hashlib.sha256).hexdigest()


def session_cookie_value(config: SecurityConfig, now: float | None = None) -> str:
    expires = int((now or time.time()) + SESSION_SECONDS)
    return f"{expires}.{_sign(config, expires)}"


def valid_session(config: SecurityConfig, value: str | None, now: float | None = None) -> bool:
    if not value or "." not in value:
        return False
    expires_text, signature = value.split(".", 1)
    if not expires_text.isdigit() or int(expires_text) < (now or time.time()):
        return False
    return hmac.compare_digest(signature, _sign(config, int(expires_text)))


#: Cookie headers parsed, kept per process up to this many (then started afresh): a client
#: sends the same header on every request, and parsing it was a few percent of a cached plan's
#: time. A longer header is parsed each time (the memo stays a few megabytes).
_PARSED_MAX = 4096
_PARSED_HEADER_MAX = 1000
_parsed: dict[bytes, dict[str, str]] = {}
_NO_COOKIES: dict[str, str] = {}


def _cookies(scope: Scope) -> dict[str, str]:
    """The request's cookies (shared between requests with the same header: read only)."""
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            found = _parsed.get(value)
            if found is None:
                found = _parse_cookies(value)
                if len(value) <= _PARSED_HEADER_MAX:
                    if len(_parsed) >= _PARSED_MAX:
                        _parsed.clear()
                    _parsed[value] = found
            return found
    return _NO_COOKIES


def _parse_cookies(header: bytes) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header.decode("latin-1"))
    except Exception:  # a malformed Cookie header is treated as no cookies
        return _NO_COOKIES
    return {k: m.value for k, m in jar.items()}


def request_cookies(scope: Scope) -> dict[str, str]:
    """The cookies SecurityMiddleware read for this request (read only)."""
    state = scope.get("state") or {}
    found: dict[str, str] | None = state.get(_COOKIES)
    return found if found is not None else _cookies(scope)


def _host(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"host":
            host: str = value.decode("latin-1").strip().lower()
            if host.startswith("["):  # [::1]:8000
                return host[1:].split("]", 1)[0]
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return ""


def _header(scope: Scope, wanted: bytes) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == wanted:
            text: str = value.decode("latin-1").strip()
            return text
    return None


def foreign_request(scope: Scope) -> str | None:
    """The header that shows this request comes from another site's page ("Sec-Fetch-Site" or
    "Origin"), or None when it is the app's own (or says nothing about where it comes from)."""
    site = _header(scope, b"sec-fetch-site")
    if site is not None and site.lower() not in OWN_FETCH_SITES:
        return "Sec-Fetch-Site"
    origin = _header(scope, b"origin")
    if origin is not None:
        # Host and port must be this server's (the scheme may differ behind a TLS proxy).
        # "null" (a sandboxed frame, a file: page) is never our own.
        parts = urlsplit(origin.lower())
        host = (_header(scope, b"host") or "").lower()
        default = {"http": 80, "https": 443}.get(parts.scheme)
        given = parts.netloc
        if default is not None and given.endswith(f":{default}"):
            given = given[: -len(f":{default}")]
        if host.endswith((":80", ":443")):
            host = host.rsplit(":", 1)[0]
        if not parts.scheme.startswith("http") or not given or given != host:
            return "Origin"
    return None


def _cookie_header(name: str, value: str, *, http_only: bool, max_age: int | None) -> bytes:
    parts = [f"{name}={value}", "Path=/", "SameSite=Strict"]
    if http_only:
        parts.append("HttpOnly")
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    return "; ".join(parts).encode()


def login_needed(scope: Scope, api_message: str) -> Any:
    """The answer to a request that needs a login: 401 with `api_message` under the API, else
    a redirect to the login page that comes back to the page asked for."""
    path: str = scope["path"]
    if path.startswith("/api/"):
        return JSONResponse(
            error_body("http.login-needed", api_message),
            status_code=401,
            headers={"WWW-Authenticate": 'Cookie realm="supple"'},
        )
    query = scope.get("query_string", b"").decode("latin-1")
    target = path + (f"?{query}" if query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", 303)


class SecurityMiddleware:
    """Host check, login check, the CSRF cookie and the security headers, for every request.

    A plain ASGI middleware (not BaseHTTPMiddleware): it adds no task or stream per request,
    which matters for the API's latency.
    """

    def __init__(self, app: ASGIApp, config: SecurityConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        cookies = _cookies(scope)
        token = cookies.get(CSRF_COOKIE)
        state = scope.setdefault("state", {})
        state[_COOKIES] = cookies
        # A missing (or absurd) token is minted only when a page asks for one (`csrf_token`),
        # not for every API call or static file of a client that keeps no cookies.
        state["csrf_token"] = token if token and len(token) <= 100 else None

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += SECURITY_HEADERS
                if path.startswith("/api/"):
                    headers.append((b"cache-control", b"no-store"))
                new_token = state.get(_MINTED)
                if new_token is not None:
                    cookie = _cookie_header(CSRF_COOKIE, new_token, http_only=True, max_age=None)
                    headers.append((b"set-cookie", cookie))
                message["headers"] = headers
            await send(message)

        allowed = self.config.allowed_hosts
        if allowed is not None and _host(scope) not in allowed:
            response: Any = JSONResponse(
                error_body(
                    "http.host-not-local",
                    _(
                        "This server only answers requests addressed to this machine "
                        "(127.0.0.1 or localhost); open it at http://127.0.0.1:PORT."
                    ),
                    "Host",
                ),
                status_code=400,
            )
            await response(scope, receive, send_with_headers)
            return
        if path.startswith(SAME_ORIGIN_PATHS):
            foreign = foreign_request(scope)
            if foreign is not None:
                response = JSONResponse(
                    error_body(
                        "http.cross-site",
                        _(
                            "Only supple's own pages can ask for this; open the session page "
                            "of this server to hear the cues."
                        ),
                        foreign,
                    ),
                    status_code=403,
                )
                await response(scope, receive, send_with_headers)
                return
        if (
            self.config.password_hash is not None
            and not path.startswith(PUBLIC_PATHS)
            and not valid_session(self.config, cookies.get(SESSION_COOKIE))
        ):
            response = login_needed(scope, _("Log in first: POST /login with the password."))
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def csrf_token(request: Request) -> str:
    """The CSRF token of this request (for `<meta name="csrf-token">` and hidden form fields):
    the browser's cookie, or a new one that the response sets as the cookie."""
    token: str | None = getattr(request.state, "csrf_token", None)
    if token is None:
        token = request.state.csrf_token = secrets.token_urlsafe(32)
        setattr(request.state, _MINTED, token)
    return token


async def csrf_protect(request: Request) -> None:
    """A dependency on every router: a write must prove it comes from our own pages."""
    if request.method in SAFE_METHODS:
        return
    config: SecurityConfig = request.app.state.security
    cookie = request_cookies(request.scope).get(CSRF_COOKIE)
    header = request.headers.get(CSRF_HEADER)
    if header is not None:
        if cookie is None and not config.remote and header.strip():
            return
        if cookie is not None and hmac.compare_digest(header.encode(), cookie.encode()):
            return
        raise ApiError(
            403,
            "http.csrf-mismatch",
            _(
                "The {header} header does not match the {cookie} cookie; reload the page and "
                "try again."
            ).format(header=CSRF_HEADER, cookie=CSRF_COOKIE),
            CSRF_HEADER,
        )
    ctype = request.headers.get("content-type", "")
    if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        sent = form.get(CSRF_FIELD)
        if cookie and isinstance(sent, str) and hmac.compare_digest(sent.encode(), cookie.encode()):
            return
        raise ApiError(
            403,
            "http.csrf-form",
            _("This form has no valid CSRF token; reload the page and send it again."),
            CSRF_FIELD,
        )
    raise ApiError(
        403,
        "http.csrf-missing",
        _(
            "Writes need the {header} header (the value of the csrf-token meta tag or the "
            "{cookie} cookie)."
        ).format(header=CSRF_HEADER, cookie=CSRF_COOKIE),
        CSRF_HEADER,
    )
