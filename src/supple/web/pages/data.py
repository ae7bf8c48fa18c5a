"""The data page: download everything (JSON or CSV, through the API's export) and import a
file made by an export, with what was added and what was skipped (services.transfer)."""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from supple.domain.problems import Problem
from supple.services.transfer import import_report
from supple.web.api.transfer import MAX_UPLOAD_BYTES
from supple.web.forms import csrf_refused
from supple.web.security import CSRF_FIELD, csrf_token
from supple.web.templating import render, settings_of
from supple.wording import FORM, word
from supple.wording.i18n import N_, _

router = APIRouter(include_in_schema=False)

#: How the report names each kind of record.
KIND_NAMES = {
    "profile": N_("Profile"),
    "screenings": N_("Safety screens"),
    "routines": N_("Saved routines"),
    "sessions": N_("Sessions"),
    "user_stretches": N_("Imported stretches"),
    "pain_checks": N_("Pain checks"),
}


def _page(
    request: Request, status_code: int = 200, file_error: str = "", **context: object
) -> HTMLResponse:
    return render(
        request,
        "data.html",
        status_code=status_code,
        home=settings_of(request).home,
        kind_names=KIND_NAMES,
        errors={"file": file_error} if file_error else {},
        **context,
    )


@router.get("/data", response_class=HTMLResponse)
def data_page(request: Request) -> HTMLResponse:
    return _page(request)


def _file_name(label: str) -> str:
    """The last part of an uploaded file's name, safe as a file name (no folders, no control
    characters, at most 100 characters)."""
    name = "".join(c for c in label.replace("\\", "/").rsplit("/", 1)[-1] if c.isprintable())
    name = name.strip().lstrip(".")[:100]
    return name or "upload"


@router.post("/data/import", response_model=None)
async def import_file(request: Request) -> Response:
    async with request.form(max_files=1, max_fields=5) as form:
        sent = form.get(CSRF_FIELD)
        if not isinstance(sent, str) or not secrets.compare_digest(
            sent.encode(), csrf_token(request).encode()
        ):
            return csrf_refused(request)
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return _page(request, 422, file_error=_("Choose a file made by Export (JSON or CSV)."))
        raw = await upload.read(MAX_UPLOAD_BYTES + 1)
        label = upload.filename
    if len(raw) > MAX_UPLOAD_BYTES:
        return _page(
            request,
            422,
            file_error=_("{file} is over {size} MB: that is not a supple export.").format(
                file=label, size=MAX_UPLOAD_BYTES // 2**20
            ),
        )
    with tempfile.TemporaryDirectory() as tmp:
        # Under the uploaded file's own name, so every problem names the file the person chose.
        path = Path(tmp) / _file_name(label)
        path.write_bytes(raw)
        try:
            report = import_report(settings_of(request), path)
        except Problem as e:  # every TransferError is one
            return _page(request, 422, file_error=word(e, FORM))
        except (AttributeError, KeyError, TypeError, ValueError):
            return _page(
                request,
                422,
                file_error=_(
                    "{file} is not a complete supple export: make a new one with Export and "
                    "import that."
                ).format(file=label),
            )
    return _page(request, report=report, imported=label)
