"""The safety screen: its questions, submitting answers, and the latest result."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body
from pydantic import BaseModel

from supple.domain.screening import ScreeningResult
from supple.services import screening
from supple.web.api.deps import SettingsDep
from supple.web.errors.body import NOT_FOUND, ApiError
from supple.wording.i18n import _

router = APIRouter(tags=["screening"])


class QuestionOut(BaseModel):
    """One question, as `supple screen --questions --json` lists it."""

    id: str
    text: str
    kind: Literal["yes-no", "choice", "number"]
    options: list[str]
    category: str
    help: str
    required: bool
    minimum: int | None
    maximum: int | None
    source: str


@router.get("/screening/questions", response_model=list[QuestionOut])
def questions() -> list[dict[str, Any]]:
    return screening.questions_json()


ANSWERS_EXAMPLE = {"age": 40, "red-flag-bladder": False}


@router.post("/screening", response_model=ScreeningResult)
def submit(
    settings: SettingsDep,
    answers: Annotated[
        dict[str, Any],
        Body(
            description="Question id -> answer (true/false, a number, or one of the options); "
            "the same object as `supple screen --answers FILE.json`.",
            examples=[ANSWERS_EXAMPLE],
        ),
    ],
) -> ScreeningResult:
    # AnswersError (every bad answer, by question id) -> 422
    return screening.submit(settings, answers)


@router.get("/screening/latest", response_model=ScreeningResult, responses=NOT_FOUND)
def latest(settings: SettingsDep) -> ScreeningResult:
    result = screening.latest(settings)
    if result is None:
        raise ApiError(
            404,
            "api.no-screen",
            _("No safety screen on record yet; take it with POST /api/v1/screening."),
        )
    return result
