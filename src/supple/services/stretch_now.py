"""A short session of one stretch ("do this stretch now" on a stretch's page).

It is planned by the planner itself with every other stretch left out, so it goes through the
same safety gate (screen on record and in date, no consult or urgent outcome, no sharp pain
since), takes the screen's changes ("do it this way") and the age's holds, and a stretch the
screen or a pain report leaves out is refused with the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple.domain.problems import Kind, Problem, code
from supple.services.catalog import full_catalog
from supple.services.planning import PlanOptions, allowed_now, build_plan
from supple.wording.i18n import _

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.domain.routine import Routine

#: Enough minutes for the planner to give the stretch its whole dose (it stops at the dose);
#: when one stretch cannot fill that much, the planner says how much it can and that is asked.
MINUTES = 12
#: The planner's shortest warm-up (seed-002: 5 minutes) and a change of position after it.
WARMUP_SECONDS = 5 * 60 + 15

LEFT_OUT = code("stretch-now.left-out", Kind.SAFETY, field="stretch")
NOT_A_STRETCH = code("stretch-now.not-a-stretch", field="stretch")


class StretchNowError(Problem):
    """This stretch cannot be done on its own now."""


def one_stretch_routine(settings: Settings, stretch_id: str, warm: bool) -> Routine:
    """The routine of that one stretch (after the warm-up unless `warm`). Raises
    SafetyRefusal when no routine may be played now, StretchNowError when the screen or a
    pain report leaves this stretch out (or it is the warm-up), UnknownStretch, PlanError."""
    catalog = full_catalog(settings)
    stretch = catalog.get(stretch_id)  # UnknownStretch
    if stretch.style == "warmup":
        raise StretchNowError(NOT_A_STRETCH, name=stretch.name)
    allowed = allowed_now(settings)  # SafetyRefusal: the gate every session passes
    pain = allowed.pain_texts().get(stretch_id)
    why = allowed.excluded.get(stretch_id) or (
        _("You reported sharp pain in it on {day}.").format(day=pain) if pain else None
    )
    if why:
        raise StretchNowError(LEFT_OUT, name=stretch.name, reason=why)
    options = PlanOptions(
        minutes=MINUTES,
        places=list(stretch.places),
        warm=True,
        avoid=[i for i in catalog.ids() if i != stretch_id],
    )
    alone = _plan(settings, options)
    if warm:
        return alone
    # Just enough minutes for the shortest warm-up before the same stretch: the planner
    # stretches a warm-up to fill whatever time is left.
    minutes = -(-(alone.total_seconds + WARMUP_SECONDS) // 60)
    return _plan(settings, options.model_copy(update={"minutes": minutes, "warm": False}))


def _plan(settings: Settings, options: PlanOptions) -> Routine:
    # One stretch that fills less than the minutes is planned at its fullest dose, and the
    # routine says it is shorter (rule time-budget): no retry with fewer minutes is needed.
    return build_plan(settings, options)
