"""Saved routines: list, save (plan now or a given routine), show, delete (`supple routine`)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, ConfigDict, model_validator

from supple.domain.names import RoutineNameStr as NameStr
from supple.domain.routine import Routine
from supple.services.catalog import has_database
from supple.services.context import store_for
from supple.services.planning import (
    PlanOptions,
    build_plan,
    get_routine,
    list_routines,
    save_routine,
)
from supple.services.web_sessions import compile_for
from supple.store import RoutineExists
from supple.web.api.deps import SettingsDep
from supple.web.api.limits import check_routine
from supple.web.errors.body import NOT_FOUND, REFUSED, ApiError, ErrorOut
from supple.wording.i18n import _

router = APIRouter(tags=["routines"])


class SavedRoutine(BaseModel):
    """One row of `supple routine list --json`."""

    name: str
    created_at: datetime
    routine: Routine
    options: dict[str, Any]


class SaveRoutine(BaseModel):
    """Plan with `options` and save the result, or save the `routine` given."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: NameStr
    options: PlanOptions | None = None
    routine: Routine | None = None
    overwrite: bool = False

    @model_validator(mode="after")
    def _one_source(self) -> SaveRoutine:
        if (self.options is None) == (self.routine is None):
            raise ValueError(_("give either options (to plan now) or a routine, not both"))
        return self


@router.get("/routines", response_model=list[SavedRoutine])
def list_saved(settings: SettingsDep) -> list[dict[str, Any]]:
    return list_routines(settings)


@router.post(
    "/routines",
    response_model=SavedRoutine,
    status_code=201,
    responses={**REFUSED, 409: {"model": ErrorOut, "description": "Refused, or name taken."}},
)
def save(settings: SettingsDep, body: SaveRoutine) -> dict[str, Any]:
    if body.options is not None:
        options = body.options
        routine = build_plan(settings, options)
    else:
        assert body.routine is not None
        routine = body.routine
        check_routine(routine)
        compile_for(settings, routine, 1.0)  # TimelineError -> 422: only playable routines
        options = PlanOptions(
            minutes=max(1, min(240, routine.minutes or -(-routine.total_seconds // 60))),
            context=routine.context,
        )
    try:
        save_routine(settings, body.name, routine, options, overwrite=body.overwrite)
    except RoutineExists:
        raise ApiError(
            409,
            "api.routine-name-taken",
            _(
                "A routine named '{name}' is already saved; choose another name or send "
                '"overwrite": true to replace it.'
            ).format(name=body.name.strip()),
            "name",
        ) from None
    row = store_for(settings).routines.get(body.name)
    assert row is not None
    return row


@router.get("/routines/{name}", response_model=Routine, responses=NOT_FOUND)
def show(settings: SettingsDep, name: Annotated[str, Path(max_length=200)]) -> Routine:
    routine = get_routine(settings, name)
    if routine is None:
        raise ApiError(404, "api.unknown-routine", _missing(settings, name), "name")
    return routine


@router.delete("/routines/{name}", status_code=204, responses=NOT_FOUND)
def delete(settings: SettingsDep, name: Annotated[str, Path(max_length=200)]) -> Response:
    if not has_database(settings) or not store_for(settings).routines.delete(name):
        raise ApiError(404, "api.unknown-routine", _missing(settings, name), "name")
    return Response(status_code=204)


def _missing(settings: Any, name: str) -> str:
    names = [r["name"] for r in list_routines(settings)]
    missing = _("No saved routine '{name}'.").format(name=name)
    if names:
        return missing + " " + _("Saved: {names}.").format(names=", ".join(names))
    return missing + " " + _("None is saved yet.")
