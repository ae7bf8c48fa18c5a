"""Exact answers for small problems: the best selection by exhaustive search, the best doses for
a fixed set of stretches, and an upper bound on the objective of any selection."""

from __future__ import annotations

import itertools

from supple.domain.planner_model import SearchProblem
from supple.domain.planner_rules import (
    EXTRA_STRETCH_COST,
    FEW_EXERCISES,
    MUSCLE_WEIGHT,
    REGION_WEIGHT,
    TIME_WEIGHT,
    TRANSITION_SECONDS,
)
from supple.domain.planner_selection import EPS, Solution, aggregate

#: The exhaustive search refuses catalogs with more candidates than this.
EXACT_LIMIT = 12
#: Largest dynamic programme (states times options) `exact_doses` runs.
EXACT_DOSES_WORK = 6000


def upper_bound(p: SearchProblem) -> float:
    """An objective no selection can beat: every reachable region and muscle covered, the whole
    time used, and the dose values of a fractional knapsack (each candidate's options reduced
    to the upper hull of value against seconds, filled by best value per second) in the time
    left after the shortest warm-up. Ignoring transitions and the cost of a fifth stretch
    only loosens it."""
    regions = muscles = 0
    segments: list[tuple[float, int, float]] = []  # (value per second, seconds, value)
    for c in p.candidates:
        regions |= c.region_mask
        muscles |= c.muscle_mask
        # Upper hull from (0, 0) through the options' (seconds, fixed + value) points.
        pts = sorted((d.seconds, c.fixed + d.value) for d in c.doses)
        hull: list[tuple[int, float]] = [(0, 0.0)]
        for pt in pts:
            if pt[1] <= hull[-1][1]:
                continue
            while len(hull) >= 2:
                (x1, y1), (x2, y2) = hull[-2], hull[-1]
                if (y2 - y1) * (pt[0] - x1) <= (pt[1] - y1) * (x2 - x1):
                    hull.pop()
                else:
                    break
            hull.append(pt)
        for (x1, y1), (x2, y2) in itertools.pairwise(hull):
            segments.append(((y2 - y1) / (x2 - x1), x2 - x1, y2 - y1))
    # Without the time limit: the best number of stretches, each at its best dose.
    gains = sorted((c.fixed + max(d.value for d in c.doses) for c in p.candidates), reverse=True)
    total = by_count = 0.0
    for k, g in enumerate(gains, start=1):
        total += g - (EXTRA_STRETCH_COST if k > FEW_EXERCISES else 0.0)
        by_count = max(by_count, total)
    room = p.budget - (p.warmup.options[0] if p.warmup is not None else 0)
    value = 0.0
    for rate, secs, gain in sorted(segments, reverse=True):
        if room <= 0 or rate <= 0:
            break
        take = min(secs, room)
        value += gain * take / secs
        room -= take
    coverage = REGION_WEIGHT * regions.bit_count() + MUSCLE_WEIGHT * muscles.bit_count()
    return coverage + min(value, by_count) + TIME_WEIGHT


def exact_doses(p: SearchProblem, sol: Solution) -> Solution:
    """The chosen set with the best doses and warm-up length (dynamic programme), if the
    programme is small enough; otherwise `sol` unchanged."""
    work, states = 0, 1
    for ci in sol.doses:
        n = len(p.candidates[ci].doses)
        work += states * n
        states = min(p.budget, states * n)
    if work > EXACT_DOSES_WORK:
        return sol
    regions, muscles, pos, dyn, stat, _, _ = aggregate(p, sol.doses)
    tr = p.transitions(pos, dyn, stat)
    if tr is None:
        return sol
    idx = sorted(sol.doses)
    fixed = sum(p.candidates[i].fixed for i in idx)
    better = best_doses(p, idx, regions, muscles, fixed, tr)
    return better if better is not None and better.objective > sol.objective + EPS else sol


def best_doses(
    p: SearchProblem, idx: list[int], regions: int, muscles: int, fixed: float, tr: int
) -> Solution | None:
    """The best dose for each of the stretches `idx` and the best warm-up length: an exact
    dynamic programme over total seconds (values are additive once the set is fixed)."""
    cands = p.candidates
    warm_opts = p.warmup.options if p.warmup is not None else (0,)
    base = tr * TRANSITION_SECONDS
    # reach: total seconds -> (best dose value, dose choices, warm-up index)
    reach: dict[int, tuple[float, tuple[int, ...], int]] = {}
    for w, ws in enumerate(warm_opts):
        if base + ws <= p.budget:
            reach[base + ws] = (0.0, (), w)
    for i in idx:
        nxt: dict[int, tuple[float, tuple[int, ...], int]] = {}
        for t, (v, picks, w) in reach.items():
            for di, d in enumerate(cands[i].doses):
                tt = t + d.seconds
                if tt > p.budget:
                    break
                vv = v + d.value
                if tt not in nxt or vv > nxt[tt][0] + EPS:
                    nxt[tt] = (vv, (*picks, di), w)
        reach = nxt
        if not reach:
            return None
    best: Solution | None = None
    for t, (v, picks, w) in reach.items():
        if t < p.lower:
            continue
        obj = p.score(regions, muscles, len(idx), fixed + v, t)
        if best is None or obj > best.objective + EPS:
            best = Solution(dict(zip(idx, picks, strict=True)), w, obj, t)
    return best


def exact(p: SearchProblem) -> Solution | None:
    """The best selection by exhaustive search over subsets, with an exact dynamic programme
    over dose options and warm-up length for each subset. Only for small catalogs."""
    cands = p.candidates
    n = len(cands)
    if n > EXACT_LIMIT:
        raise ValueError(f"exact search is limited to {EXACT_LIMIT} candidates, got {n}")
    best: Solution | None = None
    for mask in range(1, 1 << n):
        idx = [i for i in range(n) if mask >> i & 1]
        regions = muscles = pos = dyn = stat = 0
        fixed = 0.0
        for i in idx:
            c = cands[i]
            regions |= c.region_mask
            muscles |= c.muscle_mask
            pos |= c.pos_bit
            if c.dynamic:
                dyn |= c.pos_bit
            else:
                stat |= c.pos_bit
            fixed += c.fixed
        tr = p.transitions(pos, dyn, stat)
        if tr is None:
            continue
        sol = best_doses(p, idx, regions, muscles, fixed, tr)
        if sol is not None and (best is None or sol.objective > best.objective + EPS):
            best = sol
    return best
