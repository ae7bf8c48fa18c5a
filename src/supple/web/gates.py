"""What a page checks before it offers a plan: the planner's own safety gate, and an urgent
screen (then a page shows only where to go)."""

from __future__ import annotations

from supple.config import Settings
from supple.domain.screening import ScreeningResult
from supple.services import screening
from supple.services.planning import SafetyRefusal, check_screening
from supple.web.errors.problems import Refusal, refusal
from supple.wording import FORM


def screen_refusal(settings: Settings) -> Refusal | None:
    """Why no routine may be planned now (no screen, expired, consult, urgent, sharp pain since
    the screen), in the page's words, or None. The planner's own check, so the pages and the
    planner agree."""
    try:
        check_screening(settings)
    except SafetyRefusal as e:
        return refusal(e, FORM)
    return None


def urgent(settings: Settings) -> ScreeningResult | None:
    """The latest screen when its outcome is urgent."""
    result = screening.latest(settings)
    return result if result is not None and result.outcome == "urgent" else None
