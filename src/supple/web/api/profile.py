"""GET and PUT /profile (`supple profile --json` and `supple profile set`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field, Strict

from supple.domain.catalog import Place
from supple.domain.names import PERSON_NAME_MAX
from supple.domain.numbers import WHOLE
from supple.domain.profile import Profile
from supple.services.profile import get_profile, save_profile
from supple.web.api.deps import SettingsDep
from supple.web.errors.body import ApiError
from supple.wording.i18n import _
from supple.wording.render import clip

router = APIRouter(tags=["profile"])


class ProfileOut(BaseModel):
    """The profile as `supple profile --json` prints it."""

    name: str
    age: int | None
    places: list[Place]
    weekly_goal: int
    voice: bool
    timezone: str
    age_band: Literal["under-65", "65-plus"]


class ProfileUpdate(BaseModel):
    """The fields to change; the ones left out keep their value."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str | None = Field(default=None, max_length=PERSON_NAME_MAX)
    age: Annotated[int, Strict(), Field(ge=5, le=120), WHOLE] | None = None
    places: list[Place] | None = Field(default=None, min_length=1)
    weekly_goal: Annotated[int, Strict(), Field(ge=1, le=14), WHOLE] | None = None
    voice: bool | None = None
    timezone: str | None = Field(
        default=None, max_length=64, description="IANA name like Europe/Berlin; '' for local."
    )


def profile_json(p: Profile) -> dict[str, Any]:
    return {**p.model_dump(mode="json"), "age_band": p.age_band}


@router.get("/profile", response_model=ProfileOut)
def show(settings: SettingsDep) -> dict[str, Any]:
    return profile_json(get_profile(settings))


@router.put("/profile", response_model=ProfileOut)
def update(settings: SettingsDep, changes: ProfileUpdate) -> dict[str, Any]:
    given = changes.model_dump(exclude_unset=True)
    given = {k: v for k, v in given.items() if v is not None or k == "age"}
    if "name" in given:
        given["name"] = given["name"].strip()
    if given.get("places"):
        given["places"] = list(dict.fromkeys(given["places"]))
    if given.get("timezone"):
        _check_timezone(given["timezone"])
    updated = Profile.model_validate({**get_profile(settings).model_dump(), **given})
    return profile_json(save_profile(settings, updated))


def _check_timezone(tz: str) -> None:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ApiError(
            422,
            "api.unknown-timezone",
            _(
                "The time zone '{given}' is not a known time zone; use a name like Europe/Paris."
            ).format(given=clip(tz)),
            "timezone",
        ) from None
