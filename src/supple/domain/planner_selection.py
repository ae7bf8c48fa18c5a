"""A selection (chosen stretches, their doses, the warm-up length) and how it scores.

Shared by the fast search (planner_search), the exact one (planner_exact) and the pool pruning.
"""

from __future__ import annotations

from dataclasses import dataclass

from supple.domain.planner_model import SearchProblem
from supple.domain.planner_rules import TRANSITION_SECONDS

#: Objective differences smaller than this are ties.
EPS = 1e-9


@dataclass(frozen=True)
class Solution:
    doses: dict[int, int]
    """Candidate index -> dose index."""
    warm: int
    """Index into the warm-up's options (0 when there is no warm-up)."""
    objective: float
    seconds: int


def evaluate(p: SearchProblem, doses: dict[int, int], warm: int) -> tuple[float, int] | None:
    """(objective, total seconds) of a selection, or None if it breaks a hard rule."""
    regions, muscles, pos, dyn, stat, value, secs = aggregate(p, doses)
    if p.warmup is not None:
        secs += p.warmup.options[warm]
    tr = p.transitions(pos, dyn, stat)
    if tr is None:
        return None
    secs += tr * TRANSITION_SECONDS
    if secs > p.budget:
        return None
    return p.score(regions, muscles, len(doses), value, secs), secs


def aggregate(
    p: SearchProblem, doses: dict[int, int]
) -> tuple[int, int, int, int, int, float, int]:
    regions = muscles = pos = dyn = stat = 0
    value = 0.0
    secs = 0
    for ci, di in doses.items():
        c = p.candidates[ci]
        regions |= c.region_mask
        muscles |= c.muscle_mask
        pos |= c.pos_bit
        if c.dynamic:
            dyn |= c.pos_bit
        else:
            stat |= c.pos_bit
        value += c.fixed + c.doses[di].value
        secs += c.doses[di].seconds
    return regions, muscles, pos, dyn, stat, value, secs
