"""POST /plan: a routine for the plan options (`supple plan --json`)."""

from __future__ import annotations

from fastapi import APIRouter

from supple.domain.routine import Routine
from supple.services.planning import PlanOptions
from supple.web.api.deps import SettingsDep
from supple.web.errors import REFUSED

router = APIRouter(tags=["plan"])


@router.post("/plan", response_model=Routine, responses=REFUSED)
def make_plan(settings: SettingsDep, options: PlanOptions) -> Routine:
    """409 when no routine may be made for safety reasons (no or expired screen, consult,
    urgent, pain since the screen); 422 when the options cannot be met."""
    from supple.services.planning import build_plan

    return build_plan(settings, options)
