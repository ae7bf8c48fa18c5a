"""Choosing stretches and doses: a fast heuristic and an exhaustive search to check it against.

Both maximise `Problem.score` over the same space: a subset of candidates, one dose option per
chosen candidate and one warm-up length, with the total time within the budget (and at least
the fill share of it for longer sessions) and an order that keeps the position and context rules.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from supple.domain.planner_model import Candidate, Problem
from supple.domain.planner_rules import (
    EXTRA_STRETCH_COST,
    FEW_EXERCISES,
    MUSCLE_WEIGHT,
    REGION_WEIGHT,
    TIME_WEIGHT,
    TRANSITION_SECONDS,
)

#: The heuristic works on a pool of at most this many candidates (see `prune`).
MAX_POOL = 40
#: Newcomers the local search tries adding, best stand-alone value first.
NEWCOMERS = 6
#: Copies of interchangeable candidates kept in the pool (more are never needed to fill time).
COPIES = 3
#: The exhaustive search refuses catalogs with more candidates than this.
EXACT_LIMIT = 12
_EPS = 1e-9
#: Up to this many candidates, the search also starts from each single candidate.
MULTI_START_LIMIT = 16
#: How many of the best greedy results get the local search.
IMPROVE_STARTS = 1
#: Largest dynamic programme (states times options) `exact_doses` runs.
EXACT_DOSES_WORK = 6000
#: Skip the local search when the greedy result is provably within this share of the best.
SKIP_GAP = 0.01
#: Rounds of the local search (each moves to a better neighbour).
IMPROVE_ROUNDS = 8
#: Refills scoring within this much of the incumbent are polished before comparing.
POLISH_MARGIN = 2.0


@dataclass(frozen=True)
class Solution:
    doses: dict[int, int]
    """Candidate index -> dose index."""
    warm: int
    """Index into the warm-up's options (0 when there is no warm-up)."""
    objective: float
    seconds: int


def evaluate(p: Problem, doses: dict[int, int], warm: int) -> tuple[float, int] | None:
    """(objective, total seconds) of a selection, or None if it breaks a hard rule."""
    regions = muscles = pos = dyn = stat = 0
    value = 0.0
    secs = p.warmup.options[warm] if p.warmup is not None else 0
    for ci, di in doses.items():
        c = p.candidates[ci]
        d = c.doses[di]
        regions |= c.region_mask
        muscles |= c.muscle_mask
        pos |= c.pos_bit
        if c.dynamic:
            dyn |= c.pos_bit
        else:
            stat |= c.pos_bit
        value += c.fixed + d.value
        secs += d.seconds
    tr = p.transitions(pos, dyn, stat)
    if tr is None:
        return None
    secs += tr * TRANSITION_SECONDS
    if secs > p.budget:
        return None
    return p.score(regions, muscles, len(doses), value, secs), secs


def _aggregate(p: Problem, doses: dict[int, int]) -> tuple[int, int, int, int, int, float, int]:
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


def _moves(
    p: Problem, doses: dict[int, int], warm: int, banned: int
) -> Iterable[tuple[dict[int, int], int]]:
    """Every selection one step away: add, change the dose of, or drop one stretch; change the
    warm-up length."""
    for ci, c in enumerate(p.candidates):
        if ci == banned:
            continue
        if ci in doses:
            for dj in range(len(c.doses)):
                if dj != doses[ci]:
                    yield {**doses, ci: dj}, warm
            rest = dict(doses)
            del rest[ci]
            yield rest, warm
        else:
            for dj in range(len(c.doses)):
                yield {**doses, ci: dj}, warm
    if p.warmup is not None:
        for w in range(len(p.warmup.options)):
            if w != warm:
                yield doses, w


def _greedy(p: Problem, doses: dict[int, int], warm: int, banned: int, by_ratio: bool) -> Solution:
    """Add stretches and change doses or the warm-up length while the objective improves, best
    step first (by gain per second, or by plain gain).

    This loop is the planner's hot spot. A move's gain and extra seconds depend only on the
    stretch itself and, for an unchosen one, on what the selection covers and where it stands;
    so each candidate's moves are ranked once and re-ranked only when that changes, and each
    step only checks which of them still fit in the time left."""
    doses = dict(doses)
    cands = p.candidates
    budget = p.budget
    tw = TIME_WEIGHT / budget
    warm_opts = p.warmup.options if p.warmup is not None else (0,)
    regions, muscles, pos, dyn, stat, value, dsecs = _aggregate(p, doses)
    ranked: list[tuple[object, list[tuple[float, int, float, int]]]] = [((), [])] * len(cands)
    while True:
        tr = p.transitions(pos, dyn, stat)
        wsecs = warm_opts[warm]
        if tr is None or wsecs + dsecs + tr * TRANSITION_SECONDS > budget:
            return Solution(doses, warm, float("-inf"), 0)  # an infeasible start
        cur_secs = wsecs + dsecs + tr * TRANSITION_SECONDS
        room = budget - cur_secs
        count = len(doses)
        state = (regions, muscles, pos, dyn, stat, count)
        cov_now = REGION_WEIGHT * regions.bit_count() + MUSCLE_WEIGHT * muscles.bit_count()
        extra_step = EXTRA_STRETCH_COST if count + 1 > FEW_EXERCISES else 0.0
        best_key = 0.0
        best_ci = best_dj = -2
        for ci, c in enumerate(cands):
            if ci == banned:
                continue
            di0 = doses.get(ci)
            sig: object = state if di0 is None else di0
            cached_sig, moves = ranked[ci]
            if cached_sig != sig:
                moves = []
                if di0 is None:
                    bit = c.pos_bit
                    if c.dynamic:
                        tr2 = p.transitions(pos | bit, dyn | bit, stat)
                    else:
                        tr2 = p.transitions(pos | bit, dyn, stat | bit)
                    if tr2 is not None:
                        base_dt = (tr2 - tr) * TRANSITION_SECONDS
                        base_gain = (
                            REGION_WEIGHT * (regions | c.region_mask).bit_count()
                            + MUSCLE_WEIGHT * (muscles | c.muscle_mask).bit_count()
                            - cov_now
                            - extra_step
                            + c.fixed
                        )
                        for dj, d in enumerate(c.doses):
                            dt = base_dt + d.seconds
                            gain = base_gain + d.value + tw * dt
                            if gain > _EPS:
                                key = gain if not by_ratio else (gain / dt if dt > 0 else 1e18)
                                moves.append((key, dt, gain, dj))
                else:
                    old = c.doses[di0]
                    for dj, d in enumerate(c.doses):
                        dt = d.seconds - old.seconds
                        gain = d.value - old.value + tw * dt
                        if dj != di0 and gain > _EPS:
                            key = gain if not by_ratio else (gain / dt if dt > 0 else 1e18)
                            moves.append((key, dt, gain, dj))
                moves.sort(key=lambda m: -m[0])  # stable: the earlier option wins a tie
                ranked[ci] = (sig, moves)
            for key, dt, _, dj in moves:
                if dt <= room:
                    if key > best_key + _EPS:
                        best_key, best_ci, best_dj = key, ci, dj
                    break
        if doses and p.warmup is not None:
            for w, ws in enumerate(warm_opts):
                dt = ws - wsecs
                if w == warm or dt > room or dt <= 0:
                    continue
                key = tw * dt if not by_ratio else tw
                if key > best_key + _EPS:
                    best_key, best_ci, best_dj = key, -1, w
        if best_ci == -2:
            cur = p.score(regions, muscles, count, value, cur_secs)
            return Solution(doses, warm, cur if doses else float("-inf"), cur_secs)
        if best_ci == -1:
            warm = best_dj
            continue
        c = cands[best_ci]
        d = c.doses[best_dj]
        if best_ci in doses:
            old = c.doses[doses[best_ci]]
            value += d.value - old.value
            dsecs += d.seconds - old.seconds
        else:
            regions |= c.region_mask
            muscles |= c.muscle_mask
            pos |= c.pos_bit
            if c.dynamic:
                dyn |= c.pos_bit
            else:
                stat |= c.pos_bit
            value += c.fixed + d.value
            dsecs += d.seconds
        doses[best_ci] = best_dj


def _neighbours(p: Problem, sol: Solution) -> Iterable[tuple[dict[int, int], int, int]]:
    """Starting points (doses, banned candidate or -1, warm-up option) for a refill, each one
    change of the chosen set away from `sol`: every dose and the warm-up back to their shortest;
    the same plus one more stretch; drop a stretch (banning it); drop it and shrink the rest.
    Shrinking frees time for the refill to spend anew; doses alone are left to `polish`."""
    shortest = dict.fromkeys(sol.doses, 0)
    if any(sol.doses.values()) or sol.warm:
        yield shortest, -1, 0
    newcomers = [cj for cj in range(len(p.candidates)) if cj not in sol.doses]
    if len(newcomers) > NEWCOMERS:
        newcomers.sort(key=lambda cj: -_standalone(p.candidates[cj]))
        newcomers = sorted(newcomers[:NEWCOMERS])
    for cj in newcomers:
        yield {**shortest, cj: 0}, -1, 0
    # With every candidate chosen, freeing time has nothing to buy; only dropping can help.
    everything = len(sol.doses) == len(p.candidates)
    for ci in sol.doses:
        rest = {k: v for k, v in sol.doses.items() if k != ci}
        yield rest, ci, sol.warm
        if not everything:
            yield dict.fromkeys(rest, 0), ci, 0


def _key(sol: Solution) -> tuple[int, tuple[tuple[int, int], ...]]:
    return sol.warm, tuple(sorted(sol.doses.items()))


def _improve(p: Problem, sol: Solution, by_ratio: bool) -> Solution:
    """Local search: refill greedily from each neighbour of the current selection and move to
    the first that raises the objective, until none does."""
    seen: set[tuple[int, tuple[tuple[int, int], ...]]] = {_key(sol)}
    for _ in range(IMPROVE_ROUNDS):
        better: Solution | None = None
        for start, banned, warm in _neighbours(p, sol):
            trial = _greedy(p, start, warm, banned, by_ratio)
            # Re-dosing rarely gains more than a few points: only near misses are polished,
            # and each selection only once.
            key = _key(trial)
            if trial.objective > sol.objective - POLISH_MARGIN and key not in seen:
                seen.add(key)
                trial = polish(p, trial)
            if trial.objective > sol.objective + _EPS:
                better = trial
                break
        if better is None:
            return sol
        sol = better
    return sol


def polish(p: Problem, sol: Solution) -> Solution:
    """Keep the chosen stretches; re-choose doses and the warm-up length by exchanges: change
    one dose, or two at once (lengthen one while shortening another), while the objective
    rises and the total stays within the bounds."""
    if not sol.doses or sol.objective == float("-inf"):
        return sol
    # Items: the chosen stretches, plus the warm-up as an item whose options are its lengths.
    items: list[list[tuple[int, float]]] = [
        [(d.seconds, d.value) for d in p.candidates[ci].doses] for ci in sol.doses
    ]
    picks = list(sol.doses.values())
    if p.warmup is not None:
        items.append([(w, 0.0) for w in p.warmup.options])
        picks.append(sol.warm)
    tw = TIME_WEIGHT / p.budget
    secs, upper = sol.seconds, p.budget
    obj = sol.objective
    n = len(items)
    while True:
        # Single changes until none helps.
        changed = True
        while changed:
            changed = False
            for i in range(n):
                si, vi = items[i][picks[i]]
                # Below the lower bound (before filling), never move further away from it.
                lower = min(p.lower, secs)
                for a, (sa, va) in enumerate(items[i]):
                    t = secs - si + sa
                    g = va - vi + tw * (sa - si)
                    if a != picks[i] and lower <= t <= upper and g > _EPS:
                        picks[i], secs, obj, changed = a, t, obj + g, True
                        si, vi = sa, va
        pair = _best_pair(items, picks, tw, secs, min(p.lower, secs), upper)
        if pair is None:
            break
        gain, i, a, j, b = pair
        secs += items[i][a][0] - items[i][picks[i]][0] + items[j][b][0] - items[j][picks[j]][0]
        obj += gain
        picks[i], picks[j] = a, b
    doses = dict(zip(sol.doses, picks[: len(sol.doses)], strict=True))
    warm = picks[-1] if p.warmup is not None else sol.warm
    return Solution(doses, warm, obj, secs)


def _best_pair(
    items: list[list[tuple[int, float]]],
    picks: list[int],
    tw: float,
    secs: int,
    lower: int,
    upper: int,
) -> tuple[float, int, int, int, int] | None:
    """The best change of two items at once (gain, item, option, item, option), or None.

    Every single change is listed as (extra seconds, gain); sorted by seconds, a running best
    (and the best from another item) answers "the most gain among changes that fit in the
    seconds left" for each partner by bisection, so the search costs n log n, not n squared."""
    moves: list[tuple[int, float, int, int]] = []
    for i, opts in enumerate(items):
        s0, v0 = opts[picks[i]]
        for a, (sa, va) in enumerate(opts):
            if a != picks[i]:
                moves.append((sa - s0, va - v0 + tw * (sa - s0), i, a))
    moves.sort()
    dts = [m[0] for m in moves]
    # best[k] / second[k]: (gain, index, item) of the best move among moves[: k + 1], and of
    # the best among the moves of every other item.
    best: list[tuple[float, int, int]] = []
    second: list[tuple[float, int, int]] = []
    top = other = (float("-inf"), -1, -1)
    for k, (_, g, i, _) in enumerate(moves):
        if g > top[0]:
            if i != top[2]:
                other = top
            top = (g, k, i)
        elif i != top[2] and g > other[0]:
            other = (g, k, i)
        best.append(top)
        second.append(other)
    found: tuple[float, int, int, int, int] | None = None
    for dt_i, g_i, i, a in moves:
        k = bisect.bisect_right(dts, upper - secs - dt_i) - 1
        if k < 0:
            continue
        g_j, kj, j = best[k] if best[k][2] != i else second[k]
        if kj < 0:
            continue
        dt_j, _, _, b = moves[kj]
        total = g_i + g_j
        fits = secs + dt_i + dt_j >= lower
        if fits and total > _EPS and (found is None or total > found[0] + _EPS):
            found = (total, i, a, j, b)
    return found


def _fill(p: Problem, sol: Solution, depth: int = 1) -> Solution | None:
    """Reach the lower time bound with the moves that cost the least objective, then climb
    within the bounds. When adding alone gets stuck (a stretch blocks a valid order), retry
    without one of the chosen stretches. None if the bound cannot be reached."""
    filled = _fill_up(p, sol)
    if filled is not None or depth == 0:
        return filled
    best: Solution | None = None
    for ci in sol.doses:
        rest = {k: v for k, v in sol.doses.items() if k != ci}
        ev = evaluate(p, rest, sol.warm) if rest else None
        if ev is None:
            continue
        trial = _fill(p, Solution(rest, sol.warm, ev[0], ev[1]), depth - 1)
        if trial is not None and (best is None or trial.objective > best.objective + _EPS):
            best = trial
    return best


def _fill_up(p: Problem, sol: Solution) -> Solution | None:
    doses, warm, obj, secs = dict(sol.doses), sol.warm, sol.objective, sol.seconds
    while secs < p.lower:
        best: tuple[float, dict[int, int], int, float, int] | None = None
        for new_doses, new_warm in _moves(p, doses, warm, -1):
            if not new_doses:
                continue
            ev = evaluate(p, new_doses, new_warm)
            if ev is None or ev[1] <= secs:
                continue
            # Prefer moves that land inside the bounds, then the smallest loss.
            key = (1.0 if ev[1] >= p.lower else 0.0) * 1e6 + ev[0]
            if best is None or key > best[0] + _EPS:
                best = (key, new_doses, new_warm, ev[0], ev[1])
        if best is None:
            return None
        _, doses, warm, obj, secs = best
    while True:
        step: tuple[dict[int, int], int, float, int] | None = None
        for new_doses, new_warm in _moves(p, doses, warm, -1):
            if not new_doses:
                continue
            ev = evaluate(p, new_doses, new_warm)
            if ev is None or ev[1] < p.lower:
                continue
            if ev[0] > obj + _EPS and (step is None or ev[0] > step[2] + _EPS):
                step = (new_doses, new_warm, ev[0], ev[1])
        if step is None:
            return Solution(doses, warm, obj, secs)
        doses, warm, obj, secs = step


def upper_bound(p: Problem) -> float:
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


def _all_fit(p: Problem) -> bool:
    """Whether every candidate fits at its shortest dose: then where to start does not matter."""
    secs = sum(c.doses[0].seconds for c in p.candidates)
    secs += len({c.pos_bit for c in p.candidates}) * TRANSITION_SECONDS
    secs += p.warmup.options[0] if p.warmup is not None else 0
    return secs <= p.budget


def heuristic(p: Problem) -> Solution | None:
    """Greedy by value per second and by plain value, each improved locally; the better one,
    filled to the lower time bound. None when no selection meets the bounds."""
    best: Solution | None = None
    starts: list[tuple[dict[int, int], bool]] = [({}, True), ({}, False)]
    if len(p.candidates) <= MULTI_START_LIMIT and not _all_fit(p):
        starts += [({ci: 0}, True) for ci in range(len(p.candidates))]
    # Every start is refilled greedily; only the few best are worth the local search.
    greedy = [(_greedy(p, first, 0, -1, by_ratio), by_ratio) for first, by_ratio in starts]
    greedy.sort(key=lambda t: -t[0].objective)
    seen: set[tuple[int, tuple[tuple[int, int], ...]]] = set()
    tops: list[Solution] = []
    for sol, _ in greedy:
        if _key(sol) not in seen and len(tops) < IMPROVE_STARTS:
            seen.add(_key(sol))
            tops.append(sol)
    # When the best greedy result is already within a hair of a proven upper bound, the local
    # search cannot gain anything worth its time (common when the minutes are plentiful).
    if tops and tops[0].seconds >= p.lower and tops[0].objective >= (1 - SKIP_GAP) * upper_bound(p):
        return polish(p, tops[0])
    # Big pools get one local search, in the mode of the best start.
    modes = (True, False) if len(p.candidates) <= MULTI_START_LIMIT else (greedy[0][1],)
    for top, by_ratio in [(t, mode) for t in tops for mode in modes]:
        sol = _improve(p, top, by_ratio)
        if not sol.doses:
            continue
        if sol.seconds < p.lower:
            filled = _fill(p, sol)
            if filled is None:
                continue
            sol = filled
        sol = polish(p, sol)
        if best is None or sol.objective > best.objective + _EPS:
            best = sol
    if best is not None and len(best.doses) > 1:
        best = _drop_and_polish(p, best)
    return best


def _drop_and_polish(p: Problem, sol: Solution) -> Solution:
    """A last look: drop each chosen stretch in turn, refill and re-dose (the local search
    only re-doses near misses); then re-dose the winner exactly when that is cheap."""
    for ci in list(sol.doses):
        rest = {k: v for k, v in sol.doses.items() if k != ci}
        trial = polish(p, _greedy(p, rest, sol.warm, ci, True))
        if trial.seconds >= p.lower and trial.objective > sol.objective + _EPS:
            sol = trial
    return exact_doses(p, sol)


def exact_doses(p: Problem, sol: Solution) -> Solution:
    """The chosen set with the best doses and warm-up length (dynamic programme), if the
    programme is small enough; otherwise `sol` unchanged."""
    work, states = 0, 1
    for ci in sol.doses:
        n = len(p.candidates[ci].doses)
        work += states * n
        states = min(p.budget, states * n)
    if work > EXACT_DOSES_WORK:
        return sol
    regions, muscles, pos, dyn, stat, _, _ = _aggregate(p, sol.doses)
    tr = p.transitions(pos, dyn, stat)
    if tr is None:
        return sol
    idx = sorted(sol.doses)
    fixed = sum(p.candidates[i].fixed for i in idx)
    better = _best_doses(p, idx, regions, muscles, fixed, tr)
    return better if better is not None and better.objective > sol.objective + _EPS else sol


def _best_doses(
    p: Problem, idx: list[int], regions: int, muscles: int, fixed: float, tr: int
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
                if tt not in nxt or vv > nxt[tt][0] + _EPS:
                    nxt[tt] = (vv, (*picks, di), w)
        reach = nxt
        if not reach:
            return None
    best: Solution | None = None
    for t, (v, picks, w) in reach.items():
        if t < p.lower:
            continue
        obj = p.score(regions, muscles, len(idx), fixed + v, t)
        if best is None or obj > best.objective + _EPS:
            best = Solution(dict(zip(idx, picks, strict=True)), w, obj, t)
    return best


def exact(p: Problem) -> Solution | None:
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
        sol = _best_doses(p, idx, regions, muscles, fixed, tr)
        if sol is not None and (best is None or sol.objective > best.objective + _EPS):
            best = sol
    return best


def _standalone(c: Candidate) -> float:
    top = max(d.value / d.seconds for d in c.doses)
    return (
        REGION_WEIGHT * c.region_mask.bit_count() + MUSCLE_WEIGHT * c.muscle_mask.bit_count() + top
    )


def prune(cands: tuple[Candidate, ...], limit: int = 0) -> tuple[Candidate, ...]:
    """A smaller pool for big catalogs: interchangeable candidates (same position, kind, dose
    options and coverage) are kept only a few times, candidates whose coverage another in the
    same group contains are dropped, and the rest is cut to MAX_POOL by stand-alone value.
    Candidate order (the seeded tie-break) is preserved."""
    limit = limit or MAX_POOL
    if len(cands) <= limit:
        return cands
    seen: dict[tuple[object, ...], int] = {}
    kept: list[Candidate] = []
    for c in cands:
        sig = (
            c.pos_bit,
            c.dynamic,
            c.region_mask,
            c.muscle_mask,
            c.fixed,
            tuple((d.seconds, d.value) for d in c.doses),
        )
        if seen.get(sig, 0) >= COPIES:
            continue
        seen[sig] = seen.get(sig, 0) + 1
        kept.append(c)
    groups: dict[tuple[object, ...], list[Candidate]] = {}
    for c in kept:
        groups.setdefault(
            (c.pos_bit, c.dynamic, c.fixed, tuple((d.seconds, d.value) for d in c.doses)), []
        ).append(c)
    survivors: set[int] = set()
    for members in groups.values():
        for c in members:
            dominated = any(
                o.muscle_mask | c.muscle_mask == o.muscle_mask
                and o.region_mask | c.region_mask == o.region_mask
                and (o.muscle_mask, o.region_mask) != (c.muscle_mask, c.region_mask)
                for o in members
            )
            if not dominated:
                survivors.add(c.order)
    pool = [c for c in kept if c.order in survivors]
    if len(pool) < limit:
        extra = [c for c in kept if c.order not in survivors]
        extra.sort(key=lambda c: (-_standalone(c), c.order))
        pool += extra[: limit - len(pool)]
    if len(pool) > limit:
        pool.sort(key=lambda c: (-_standalone(c), c.order))
        pool = pool[:limit]
    pool.sort(key=lambda c: c.order)
    return tuple(pool)
