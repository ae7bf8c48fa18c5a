"""GET /export (download) and POST /import (upload): all of a user's data, JSON or CSV."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Query, Response, UploadFile
from pydantic import BaseModel

from supple.domain.problems import Problem
from supple.services.transfer import TransferError, export_bytes, import_data
from supple.web.api.deps import SettingsDep
from supple.web.errors.body import ApiError, ErrorOut
from supple.web.errors.problems import problem_body
from supple.wording.i18n import _

router = APIRouter(tags=["transfer"])

#: An export of ten years of daily sessions is a few MB; refuse anything far beyond.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class Counts(BaseModel):
    """How many records were imported, as `supple import --json` prints them, and what the
    file cannot prove about itself (`warnings`: made before exports were counted, or changed
    since; the import went on)."""

    profile: int
    screenings: int
    routines: int
    sessions: int
    user_stretches: int
    #: Stretches that gave sharp pain and were marked as checked (format 3 on).
    pain_checks: int = 0
    warnings: list[ErrorOut] = []


@router.get(
    "/export",
    response_class=Response,
    responses={
        200: {
            "content": {
                "application/json": {"schema": {"type": "object"}},
                "text/csv": {"schema": {"type": "string"}},
            }
        }
    },
)
def export(
    settings: SettingsDep,
    format: Annotated[Literal["json", "csv"], Query()] = "json",
) -> Response:
    name = f"supple-export-{date.today().isoformat()}.{format}"
    body, _counts = export_bytes(settings, format)
    media = "application/json" if format == "json" else "text/csv; charset=utf-8"
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.post("/import", response_model=Counts)
def import_(
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="A file made by supple export (JSON or CSV).")],
) -> dict[str, Any]:
    raw = file.file.read(MAX_UPLOAD_BYTES + 1)
    if len(raw) > MAX_UPLOAD_BYTES:
        raise ApiError(
            422,
            "api.file-too-large",
            _("The file is over {megabytes} MB.").format(megabytes=MAX_UPLOAD_BYTES // 2**20),
            "file",
        )
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(
            422,
            "api.file-not-text",
            _("The file is not UTF-8 text: upload a supple export."),
            "file",
        ) from None
    with tempfile.TemporaryDirectory() as tmp:
        # Saved under the upload's own name (when it is a plain one), so problems name it.
        path = Path(tmp) / upload_name(file.filename)
        path.write_bytes(raw)
        warnings: list[Problem] = []
        try:
            added: dict[str, Any] = import_data(settings, path, warnings=warnings)
            return added | {"warnings": [problem_body(w) for w in warnings]}
        except TransferError:
            raise
        except (AttributeError, KeyError, TypeError, ValueError) as e:
            raise TransferError(
                _("{file}: not a complete supple export ({error}).").format(file=path.name, error=e)
            ) from None


def upload_name(name: str | None) -> str:
    """The uploaded file's name as problems quote it: its last part when it is plain text of
    letters, digits, spaces, dots, dashes and underscores; else "upload"."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if base and len(base) <= 100 and base not in (".", "..") and re.fullmatch(r"[\w .-]+", base):
        return base
    return "upload"
