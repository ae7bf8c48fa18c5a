"""The seed rule (variety): the cycle of near-best selections that successive seeds rotate through.

A person who plans the same request every day with the day number as the seed should meet every
stretch that fits, not the same four. So the seeds do not draw at random among near-best
selections; they walk a fixed cycle of them (docs/planner.md, rule `variety`):

- day 0 is the best selection;
- each next day is the best selection that holds at least one stretch not met yet in this cycle,
  found by giving the stretches not met yet a bonus (the largest bonus first: it packs the most
  of them into one day) and keeping the first result whose real objective is within
  VARIETY_TOLERANCE of the best; when no bonus gives one, the best selection holding a single
  stretch not met yet (the first in candidate order that stays within the tolerance);
- the cycle ends when every stretch that some near-best selection can hold has been met, and
  seed k plans day k modulo the cycle's length.

Everything here is a pure function of the problem: the same catalog and request give the same
cycle, whatever the seed.
"""

from __future__ import annotations

import dataclasses

from supple.domain.planner_model import SearchProblem
from supple.domain.planner_rules import FILL_SHARE, VARIETY_TOLERANCE
from supple.domain.planner_search import heuristic
from supple.domain.planner_selection import EPS, Solution, evaluate

#: Objective points given to each stretch not met yet in the cycle, tried in turn: a large
#: bonus packs several of them into one day, a smaller one trades fewer for quality.
BONUSES = (8.0, 5.0, 3.0, 2.0, 1.2)
#: A bonus no selection can refuse: the best selection that holds this stretch.
FORCE = 1000.0


def floor_of(best: Solution) -> float:
    """The lowest objective a seeded selection may have."""
    return best.objective - VARIETY_TOLERANCE * abs(best.objective)


def _favoured(p: SearchProblem, bonus: dict[int, float]) -> Solution | None:
    """The heuristic's selection when candidate ci is worth bonus[ci] more, scored with the
    real objective (None when it has none or breaks a rule of `p`)."""
    cands = tuple(
        dataclasses.replace(c, fixed=c.fixed + bonus[ci]) if ci in bonus else c
        for ci, c in enumerate(p.candidates)
    )
    sol = heuristic(dataclasses.replace(p, candidates=cands))
    if sol is None:
        return None
    real = evaluate(p, sol.doses, sol.warm)
    if real is None:
        return None
    if p.fill_limit is not None and real[1] < FILL_SHARE * p.fill_limit:
        return None  # shorter than the relaxed floor allows (rule time-budget)
    return Solution(sol.doses, sol.warm, real[0], real[1])


def rotation(p: SearchProblem, best: Solution) -> list[Solution]:
    """The cycle of near-best selections, the best first (see the module's docstring)."""
    floor = floor_of(best) - EPS
    days = [best]
    # The best selection holding each stretch the best one does not: those within the
    # tolerance can be met; the dearest is brought in first, so the cheap ones can join it.
    alone: dict[int, Solution] = {}
    for ci in range(len(p.candidates)):
        if ci not in best.doses:
            sol = _favoured(p, {ci: FORCE})
            if sol is not None and sol.objective >= floor and ci in sol.doses:
                alone[ci] = sol
    left = set(alone)
    while left:
        ci = min(left, key=lambda k: (alone[k].objective, k))
        day = alone[ci]
        for bonus in BONUSES:
            sol = _favoured(p, {**dict.fromkeys(left, bonus), ci: FORCE})
            if sol is not None and sol.objective >= floor and ci in sol.doses:
                day = sol
                break
        days.append(day)
        left -= set(day.doses)
    return days


def day(days: list[Solution], seed: int) -> Solution:
    """The selection seed `seed` plans: day `seed` of the cycle, which repeats."""
    return days[seed % len(days)]
