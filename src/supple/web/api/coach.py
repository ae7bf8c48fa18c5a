"""Coach mode's API (a multi-user server): invitations, clients and their summaries,
prescriptions; a client's own prescription; signing up by an invitation.

Included only by `supple serve --multi-user`. A coach reaches only their own clients (404 for
any other account's number); a person gets 404 from the coach routes.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from supple.domain.prescription import Prescription
from supple.domain.problems import Problem
from supple.services import coaching
from supple.services.accounts import MAX_PASSWORD, AccountProblem
from supple.web.accounts import current_account, set_login_cookie
from supple.web.api.accounts import AccountOut
from supple.web.errors.body import NOT_FOUND, ApiError, ErrorOut
from supple.web.errors.problems import STATUS
from supple.web.templating import settings_of
from supple.wording import API, word

router = APIRouter(tags=["coach"])


def _error(e: Problem, status: int | None = None) -> ApiError:
    return ApiError(status or STATUS[e.kind], e.code.id, word(e, API), e.field, **dict(e.params))


class InvitationOut(BaseModel):
    link: str
    expires_at: str


class SignUpIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(max_length=200)
    email: str = Field(max_length=300)
    password: str = Field(max_length=MAX_PASSWORD)


class PainOut(BaseModel):
    stretch: str
    name: str
    day: str | None


class TrendOut(BaseModel):
    name: str
    first: int
    last: int
    ratings: int


class ClientSummaryOut(BaseModel):
    client: AccountOut
    prescribed_days: int = Field(description="Days a week prescribed (0: none).")
    done: int = Field(description="Days with a completed session, the last 4 weeks.")
    expected: int = Field(description="Prescribed days in the last 4 weeks.")
    adherence: float | None
    pain: list[PainOut] = Field(description="Sharp-pain reports, the last 4 weeks.")
    trends: list[TrendOut] = Field(description="Discomfort per stretch, first and last rating.")


class ClientOut(ClientSummaryOut):
    prescription: Prescription | None
    left_out: list[str] = Field(
        description="Prescribed stretches the client's screen leaves out (their names only)."
    )


def _summary(s: coaching.ClientSummary) -> dict[str, Any]:
    return {
        "client": s.client.as_dict(),
        "prescribed_days": s.prescribed_days,
        "done": s.done,
        "expected": s.expected,
        "adherence": s.adherence,
        "pain": [{**p, "day": p["day"].isoformat() if p["day"] else None} for p in s.pain],
        "trends": s.trends,
    }


def _coach(request: Request) -> Any:
    try:
        return coaching.require_coach(current_account(request))
    except coaching.CoachProblem as e:
        raise _error(e) from None


@router.post(
    "/coach/invitations", response_model=InvitationOut, status_code=201, responses=NOT_FOUND
)
def new_invitation(request: Request) -> dict[str, Any]:
    coach = _coach(request)
    invitation = coaching.invite(settings_of(request), coach)
    link = str(request.base_url).rstrip("/") + "/signup?token=" + invitation.token
    return {"link": link, "expires_at": invitation.expires_at.isoformat()}


@router.get("/coach/clients", response_model=list[ClientSummaryOut], responses=NOT_FOUND)
def list_clients(request: Request) -> list[dict[str, Any]]:
    """Every client of the signed-in coach, sharp-pain reports first."""
    coach = _coach(request)
    return [_summary(s) for s in coaching.dashboard(settings_of(request), coach)]


@router.get("/coach/clients/{client_id}", response_model=ClientOut, responses=NOT_FOUND)
def show_client(request: Request, client_id: int) -> dict[str, Any]:
    settings = settings_of(request)
    coach = _coach(request)
    try:
        client = coaching.client_of(settings, coach, client_id)
    except coaching.CoachProblem as e:
        raise _error(e) from None
    current = coaching.prescription_for(settings, client)
    return {
        **_summary(coaching.summary(settings, coach, client)),
        "prescription": current.model_dump() if current else None,
        "left_out": coaching.left_out_for_client(settings, client, current) if current else [],
    }


@router.put("/coach/clients/{client_id}/prescription", status_code=204, responses=NOT_FOUND)
def put_prescription(request: Request, client_id: int, body: Prescription) -> Response:
    coach = _coach(request)
    try:
        coaching.prescribe(settings_of(request), coach, client_id, body)
    except Problem as e:
        raise _error(e) from None
    return Response(status_code=204)


@router.get("/prescription", response_model=Prescription, responses=NOT_FOUND)
def my_prescription(request: Request) -> dict[str, Any]:
    """The signed-in client's routine from their coach (404 when there is none)."""
    account = current_account(request)
    found = coaching.prescription_for(settings_of(request), account) if account else None
    if found is None:
        raise _error(coaching.CoachProblem(coaching.NO_PRESCRIPTION))
    return found.model_dump()


@router.post(
    "/auth/signup",
    response_model=AccountOut,
    status_code=201,
    responses={404: {"model": ErrorOut, "description": "Used or expired invitation."}},
)
def api_signup(request: Request, body: SignUpIn, response: Response) -> dict[str, Any]:
    try:
        account, token = coaching.sign_up(
            settings_of(request), body.token, body.email, body.password
        )
    except (coaching.CoachProblem, AccountProblem) as e:
        raise _error(e) from None
    set_login_cookie(request, response, token)
    return account.as_dict()
