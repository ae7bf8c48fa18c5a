"""Another variation of a plan: the next planner seed whose routine differs from this one.

The planner's seed picks among the near-best routines (rule variety), but neighbouring seeds
often pick the same one; a person who asks for another variation expects to see a change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple.services.planning import PlanOptions, build_plan

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.domain.routine import Routine

#: How many seeds to try before saying there is no other routine close to the best.
TRIES = 12


def _shape(routine: Routine) -> list[tuple[str | None, int]]:
    """What a person sees change: the stretches, in order, and their lengths."""
    return [(s.id, s.seconds) for s in routine.steps]


def next_variation(settings: Settings, options: PlanOptions) -> PlanOptions | None:
    """The options with the first seed after `options.seed` whose routine differs from the
    routine for `options`; None when none of the next TRIES seeds gives another one."""
    now = _shape(build_plan(settings, options))
    start = options.seed or 0
    for seed in range(start + 1, start + 1 + TRIES):
        other = options.model_copy(update={"seed": seed})
        if _shape(build_plan(settings, other)) != now:
            return other
    return None
