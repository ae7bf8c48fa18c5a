"""GET /catalog and /catalog/{id}: the shipped and imported stretches (`supple catalog --json`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from supple.data.loader import shipped
from supple.domain.catalog import Place, Stretch, Style
from supple.services.catalog import filter_catalog, full_catalog
from supple.web.api.deps import SettingsDep
from supple.web.errors.body import NOT_FOUND

router = APIRouter(tags=["catalog"])


@router.get("/catalog", response_model=list[Stretch], response_model_exclude_none=True)
def list_stretches(
    settings: SettingsDep,
    place: Annotated[Place | None, Query(description="floor, chair or standing")] = None,
    region: Annotated[str | None, Query(max_length=100, description="e.g. lower-back")] = None,
    style: Annotated[Style | None, Query(description="static, dynamic or warmup")] = None,
) -> list[Stretch]:
    # A bad filter is a Problem (BadFilter): 422 naming the query parameter.
    return filter_catalog(full_catalog(settings), shipped(), place, region, style)


@router.get(
    "/catalog/{stretch_id}",
    response_model=Stretch,
    response_model_exclude_none=True,
    responses=NOT_FOUND,
)
def show_stretch(
    settings: SettingsDep, stretch_id: Annotated[str, Path(max_length=200)]
) -> Stretch:
    return full_catalog(settings).get(stretch_id)  # UnknownStretch -> 404 with suggestions
