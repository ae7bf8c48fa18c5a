"""POST /plan: a routine for the plan options (`supple plan --json`)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from supple.config import Settings
from supple.domain.routine import Routine
from supple.services.planning import PlanOptions, plan_json
from supple.web.errors.body import REFUSED

router = APIRouter(tags=["plan"])


@router.post("/plan", response_model=Routine, responses=REFUSED)
async def make_plan(request: Request, options: PlanOptions) -> Response:
    """409 when no routine may be made for safety reasons (no or expired screen, consult,
    urgent, pain since the screen); 422 when the options cannot be met.

    `async def` on purpose (here and on the other hot routes): the work is a few milliseconds
    of CPU and local database calls, which run faster inline on the event loop than handed to
    the thread pool; one user's requests never need to overlap."""
    # The settings straight from the app, not through the SettingsDep dependency: resolving
    # one dependency fewer is a tenth of this route's time once the plan is kept.
    # (On a multi-user server, the signed-in account's settings: web/accounts.py.)
    settings: Settings = getattr(request.state, "settings", None) or request.app.state.settings
    return Response(plan_json(settings, options), media_type="application/json")
