"""The planner: request + catalog + anatomy -> an ordered, explained routine.

    routine = plan(catalog, PlanRequest(minutes=12, places=["floor"]), anatomy)

Selection is an optimisation (objective in `SearchProblem.score`, docs/planner.md): `plan` uses a
fast greedy search with local improvement; `optimal_objective` runs the exhaustive search on small
catalogs so tests and the benchmark can measure how close the fast one gets.
"""

from __future__ import annotations

import dataclasses
import math
import random

from supple.domain.catalog import Catalog
from supple.domain.planner_exact import EXACT_LIMIT, exact
from supple.domain.planner_model import (
    DEFAULT_FOCUS,
    NO_FIT,
    NO_STRETCHES,
    TOO_SHORT,
    TOO_SHORT_WARMUP,
    Candidate,
    PlanError,
    PlanRequest,
    Regions,
    SearchProblem,
    build_problem,
)
from supple.domain.planner_pool import prune
from supple.domain.planner_routine import build_routine
from supple.domain.planner_rules import (
    FILL_SHARE,
    RULES,
    TRANSITION_SECONDS,
    VARIETY_TOLERANCE,
    WARMUP_MINUTES,
)
from supple.domain.planner_search import heuristic
from supple.domain.planner_selection import Solution
from supple.domain.planner_variety import day, rotation
from supple.domain.routine import Excluded, Routine
from supple.domain.words import say, say_n

__all__ = [
    "DEFAULT_FOCUS",
    "RULES",
    "PlanError",
    "PlanRequest",
    "heuristic_objective",
    "optimal_objective",
    "plan",
]


def _shortest(p: SearchProblem, c: Candidate) -> int:
    """Seconds of the shortest routine holding the warm-up and this one stretch."""
    secs = c.doses[0].seconds
    if p.warmup is not None:
        secs += p.warmup.options[0]
        if c.pos_bit != p.warmup.pos_bit:
            secs += TRANSITION_SECONDS
    return secs


def _longest(p: SearchProblem) -> int:
    """Seconds of the longest routine the candidates allow (every stretch at its longest dose,
    the longest warm-up, every position change), an upper bound on what can be filled."""
    secs = sum(c.doses[-1].seconds for c in p.candidates)
    positions = {c.pos_bit for c in p.candidates}
    secs += (len(positions) - 1) * TRANSITION_SECONDS
    if p.warmup is not None:
        secs += p.warmup.options[-1] + TRANSITION_SECONDS
    return secs


def _movement_only(p: SearchProblem) -> SearchProblem | None:
    """The problem without the warm-up and its static holds (rule movement-only), for when the
    warm-up and one stretch do not fit: gentle dynamic movement warms as it goes. None when no
    dynamic stretch fits."""
    assert p.warmup is not None
    moving = tuple(c for c in p.candidates if c.dynamic)
    if not moving:
        return None
    why = say_n(
        "A static hold needs warm muscles, and {minutes} minute leaves no room for the warm-up "
        "and a stretch after it.",
        "A static hold needs warm muscles, and {minutes} minutes leave no room for the warm-up "
        "and a stretch after it.",
        p.request.minutes,
    ).format(minutes=p.request.minutes)
    rules = ["movement-only"]
    left = [
        Excluded(id=c.stretch.id, reason=why, kind="warm-up", name=c.stretch.name, rules=rules)
        for c in p.candidates
        if not c.dynamic
    ]
    warm_name = p.warmup.stretch.name if p.warmup.stretch is not None else ""
    left.append(Excluded(id=p.warmup.id, reason=why, kind="warm-up", name=warm_name, rules=rules))
    return dataclasses.replace(
        p,
        warmup=None,
        candidates=moving,
        excluded=[*p.excluded, *left],
        movement_only=True,
    )


def _problem(catalog: Catalog, request: PlanRequest, regions: Regions) -> SearchProblem:
    p = build_problem(catalog, request, regions)
    if not p.candidates:
        left_out = [e for e in p.excluded if catalog.get(e.id).style != "warmup"]
        raise PlanError(
            NO_STRETCHES,
            places=list(request.places),
            focus=list(request.focus),
            left_out=[catalog.get(e.id).name if e.id in catalog else e.id for e in left_out],
            left_out_ids=[e.id for e in left_out],
        )
    need = min(_shortest(p, c) for c in p.candidates)
    if need > p.budget and p.warmup is not None:
        moving = _movement_only(p)
        if moving is not None and min(_shortest(moving, c) for c in moving.candidates) <= p.budget:
            p = moving
            need = min(_shortest(p, c) for c in p.candidates)
    if need > p.budget:
        minutes = math.ceil(need / 60)
        if p.warmup is not None:
            raise PlanError(
                TOO_SHORT_WARMUP,
                given=request.minutes,
                need=minutes,
                warmup=WARMUP_MINUTES[0],
                source="seed-002",
            )
        raise PlanError(TOO_SHORT, given=request.minutes, need=minutes)
    longest = _longest(p)
    if longest < p.lower:
        # Every fitting stretch at its fullest cannot fill the share: the routine takes them
        # all (distinct stretches, never repeats) and says it is shorter (rule time-budget).
        p = dataclasses.replace(p, lower=int(FILL_SHARE * longest), fill_limit=longest)
    return p


def _solve(
    catalog: Catalog, request: PlanRequest, regions: Regions
) -> tuple[SearchProblem, Solution]:
    full = _problem(catalog, request, regions)
    p = dataclasses.replace(full, candidates=prune(full.candidates))
    sol = heuristic(p)
    if sol is None and p.lower and len(p.candidates) <= EXACT_LIMIT:
        # A small candidate set that the greedy search could not fit into the time bounds is
        # searched exhaustively before the floor is given up.
        sol = exact(p)
    if sol is None and p.lower:
        # The order rules can keep some stretches apart, so the bound on what they fill may
        # not be reachable: plan without the floor and say how much the routine fills.
        relaxed = dataclasses.replace(p, lower=0)
        sol = heuristic(relaxed)
        if sol is not None:
            p = dataclasses.replace(relaxed, fill_limit=sol.seconds)
    if sol is None:
        raise PlanError(NO_FIT, given=request.minutes, low=p.lower // 60)
    return p, sol


def plan(catalog: Catalog, request: PlanRequest, regions: Regions) -> Routine:
    """The routine for `request`; raises PlanError (always exit 2) when none can be made.

    Without a seed it is the best selection found. With one (rule variety) the seed is a day
    number: seed k plans day k of a cycle of selections scoring within VARIETY_TOLERANCE of the
    best (planner_variety.rotation, which brings in the stretches not met yet), in an order the
    seed draws within each position block; when there is nothing to rotate, a caution says so."""
    p, sol = _solve(catalog, request, regions)
    if request.seed is None:
        return build_routine(catalog, p, sol)
    days = rotation(p, sol)
    pick = day(days, request.seed)
    notes: list[str] = []
    if len(days) == 1 and not _reorderable(p, pick):
        notes.append(_no_variety(p, sol))
    return build_routine(catalog, p, pick, random.Random(request.seed), notes)


def _reorderable(p: SearchProblem, sol: Solution) -> bool:
    """Whether some position block holds two stretches of the same kind (so a seed can
    change their order)."""
    blocks = [(p.candidates[ci].pos_bit, p.candidates[ci].dynamic) for ci in sol.doses]
    return len(set(blocks)) < len(blocks)


def _no_variety(p: SearchProblem, sol: Solution) -> str:
    used = sorted(p.candidates[ci].stretch.name for ci in sol.doses)
    return say(
        "No other routine fits these choices within {tolerance} % of the best one, so every "
        "variation gives this routine. To change it, leave a stretch out (for example "
        "{example}), or add a place or a few minutes."
    ).format(tolerance=round(VARIETY_TOLERANCE * 100), example=used[0])


def heuristic_objective(catalog: Catalog, request: PlanRequest, regions: Regions) -> float:
    """The objective value of the selection `plan` makes (the seed's day, given one)."""
    p, sol = _solve(catalog, request, regions)
    if request.seed is None:
        return sol.objective
    return day(rotation(p, sol), request.seed).objective


def optimal_objective(catalog: Catalog, request: PlanRequest, regions: Regions) -> float | None:
    """The best objective any selection can reach, by exhaustive search (small catalogs only:
    ValueError beyond planner_search.EXACT_LIMIT candidates). None if no selection meets the
    time bounds."""
    p = _problem(catalog, request, regions)
    sol = exact(p)
    if sol is None and p.lower:
        # As `plan` does: when nothing reaches the fill floor, the best routine without it.
        sol = exact(dataclasses.replace(p, lower=0))
    return None if sol is None else sol.objective
