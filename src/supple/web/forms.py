"""Reading a posted page form: its fields, after checking its CSRF field.

Pages read the url-encoded body themselves rather than through FastAPI's `Form`, so they do not
need python-multipart for plain forms, and the CSRF check sees the raw body (a dependency that
parsed the form first would consume it).
"""

from __future__ import annotations

import secrets
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import HTMLResponse

from supple.web.security import CSRF_FIELD, csrf_token
from supple.web.templating import render
from supple.wording.i18n import _

Form = dict[str, list[str]]


class CsrfError(Exception):
    """The form's csrf_token field is missing or does not match the cookie."""


async def read_form(request: Request) -> Form:
    """The posted form, after checking its CSRF field (raises CsrfError)."""
    body = (await request.body()).decode("utf-8", errors="replace")
    form = parse_qs(body, keep_blank_values=True)
    sent = (form.get(CSRF_FIELD) or [""])[0]
    if not secrets.compare_digest(sent.encode(), csrf_token(request).encode()):
        raise CsrfError
    return form


def csrf_refused(request: Request) -> HTMLResponse:
    return render(
        request,
        "error.html",
        status_code=403,
        title=_("Form expired"),
        message=_(
            "This form's security token did not match. Reload the page and send the form again."
        ),
    )


def first(form: Form, key: str, default: str = "") -> str:
    """The field's first value, stripped ("" when it was not sent)."""
    return (form.get(key) or [default])[0].strip()
