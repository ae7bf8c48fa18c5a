"""Choosing stretches and doses: a fast heuristic and an exhaustive search to check it against.

Both maximise `Problem.score` over the same space: a subset of candidates, one dose option per
chosen candidate and one warm-up length, with the total time within the budget (and at least
the fill share of it for longer sessions) and an order that keeps the position and context rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from supple.domain.planner_model import Candidate, Problem
from supple.domain.planner_rules import (
    MUSCLE_WEIGHT,
    REGION_WEIGHT,
    TRANSITION_SECONDS,
)

#: Above this many candidates the heuristic works on a pruned pool (see `prune`).
MAX_POOL = 40
#: Copies of interchangeable candidates kept in the pool (more are never needed to fill time).
COPIES = 3
#: The exhaustive search refuses catalogs with more candidates than this.
EXACT_LIMIT = 12
_EPS = 1e-9
#: How many shorter doses of a chosen stretch the local search tries.
SHORTER_TRIES = 2


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
    step first (by gain per second, or by plain gain). Each step is evaluated incrementally."""
    doses = dict(doses)
    cands = p.candidates
    budget = p.budget
    score = p.score
    warm_opts = p.warmup.options if p.warmup is not None else (0,)
    regions, muscles, pos, dyn, stat, value, dsecs = _aggregate(p, doses)
    while True:
        tr = p.transitions(pos, dyn, stat)
        assert tr is not None
        wsecs = warm_opts[warm]
        cur_secs = wsecs + dsecs + tr * TRANSITION_SECONDS
        count = len(doses)
        cur = score(regions, muscles, count, value, cur_secs) if doses else float("-inf")
        best_key = 0.0
        best: tuple[int, int, int] | None = None  # (candidate or -1 for warm-up, option, _)
        for ci, c in enumerate(cands):
            if ci == banned:
                continue
            di0 = doses.get(ci)
            if di0 is None:
                npos = pos | c.pos_bit
                ndyn = dyn | c.pos_bit if c.dynamic else dyn
                nstat = stat if c.dynamic else stat | c.pos_bit
                tr2 = p.transitions(npos, ndyn, nstat)
                if tr2 is None:
                    continue
                base = wsecs + dsecs + tr2 * TRANSITION_SECONDS
                nreg, nmus = regions | c.region_mask, muscles | c.muscle_mask
                nval = value + c.fixed
                for dj, d in enumerate(c.doses):
                    secs = base + d.seconds
                    if secs > budget:
                        break
                    gain = score(nreg, nmus, count + 1, nval + d.value, secs) - cur
                    if gain <= _EPS:
                        continue
                    dt = secs - cur_secs
                    key = gain if not by_ratio else (gain / dt if dt > 0 else 1e18)
                    if key > best_key + _EPS:
                        best_key, best = key, (ci, dj, 0)
            else:
                old = c.doses[di0]
                for dj, d in enumerate(c.doses):
                    if dj == di0:
                        continue
                    secs = cur_secs - old.seconds + d.seconds
                    if secs > budget:
                        break
                    gain = score(regions, muscles, count, value - old.value + d.value, secs) - cur
                    if gain <= _EPS:
                        continue
                    dt = secs - cur_secs
                    key = gain if not by_ratio else (gain / dt if dt > 0 else 1e18)
                    if key > best_key + _EPS:
                        best_key, best = key, (ci, dj, 0)
        if doses and p.warmup is not None:
            for w, ws in enumerate(warm_opts):
                secs = cur_secs - wsecs + ws
                if w == warm or secs > budget:
                    continue
                gain = score(regions, muscles, count, value, secs) - cur
                if gain <= _EPS:
                    continue
                dt = secs - cur_secs
                key = gain if not by_ratio else (gain / dt if dt > 0 else 1e18)
                if key > best_key + _EPS:
                    best_key, best = key, (-1, w, 0)
        if best is None:
            return Solution(doses, warm, cur, cur_secs)
        ci, dj, _ = best
        if ci < 0:
            warm = dj
            continue
        c = cands[ci]
        d = c.doses[dj]
        if ci in doses:
            old = c.doses[doses[ci]]
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
        doses[ci] = dj


def _improve(p: Problem, sol: Solution, by_ratio: bool) -> Solution:
    """Local search: drop one stretch (forbidding it for the refill) or shorten its dose, then
    refill greedily; keep the first change that raises the objective, until none does."""
    for _ in range(8):
        better: Solution | None = None
        for ci in list(sol.doses):
            rest = {k: v for k, v in sol.doses.items() if k != ci}
            trials = [(rest, ci)]
            cur = p.candidates[ci].doses[sol.doses[ci]].seconds
            shorter = [dj for dj, d in enumerate(p.candidates[ci].doses) if d.seconds < cur][
                -SHORTER_TRIES:
            ]
            trials += [({**sol.doses, ci: dj}, -1) for dj in shorter]
            for start, banned in trials:
                trial = _greedy(p, start, sol.warm, banned, by_ratio)
                if trial.objective > sol.objective + _EPS:
                    better = trial
                    break
            if better is not None:
                break
        if better is None:
            return sol
        sol = better
    return sol


def _fill(p: Problem, sol: Solution) -> Solution | None:
    """Reach the lower time bound with the moves that cost the least objective, then climb
    within the bounds. None if the bound cannot be reached."""
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


def heuristic(p: Problem) -> Solution | None:
    """Greedy by value per second and by plain value, each improved locally; the better one,
    filled to the lower time bound. None when no selection meets the bounds."""
    best: Solution | None = None
    for by_ratio in (True, False):
        sol = _improve(p, _greedy(p, {}, 0, -1, by_ratio), by_ratio)
        if not sol.doses:
            continue
        if sol.seconds < p.lower:
            filled = _fill(p, sol)
            if filled is None:
                continue
            sol = filled
        if best is None or sol.objective > best.objective + _EPS:
            best = sol
    return best


def exact(p: Problem) -> Solution | None:
    """The best selection by exhaustive search over subsets, with an exact dynamic programme
    over dose options and warm-up length for each subset. Only for small catalogs."""
    cands = p.candidates
    n = len(cands)
    if n > EXACT_LIMIT:
        raise ValueError(f"exact search is limited to {EXACT_LIMIT} candidates, got {n}")
    warm_opts = p.warmup.options if p.warmup is not None else (0,)
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
                        continue
                    vv = v + d.value
                    if tt not in nxt or vv > nxt[tt][0] + _EPS:
                        nxt[tt] = (vv, (*picks, di), w)
            reach = nxt
            if not reach:
                break
        for t, (v, picks, w) in reach.items():
            if t < p.lower or len(picks) != len(idx):
                continue
            obj = p.score(regions, muscles, len(idx), fixed + v, t)
            if best is None or obj > best.objective + _EPS:
                best = Solution(dict(zip(idx, picks, strict=True)), w, obj, t)
    return best


def _standalone(c: Candidate) -> float:
    top = max(d.value / d.seconds for d in c.doses)
    return (
        REGION_WEIGHT * c.region_mask.bit_count() + MUSCLE_WEIGHT * c.muscle_mask.bit_count() + top
    )


def prune(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """A smaller pool for big catalogs: interchangeable candidates (same position, kind, dose
    options and coverage) are kept only a few times, candidates whose coverage another in the
    same group contains are dropped, and the rest is cut to MAX_POOL by stand-alone value.
    Candidate order (the seeded tie-break) is preserved."""
    if len(cands) <= MAX_POOL:
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
    if len(pool) < MAX_POOL:
        extra = [c for c in kept if c.order not in survivors]
        extra.sort(key=lambda c: (-_standalone(c), c.order))
        pool += extra[: MAX_POOL - len(pool)]
    if len(pool) > MAX_POOL:
        pool.sort(key=lambda c: (-_standalone(c), c.order))
        pool = pool[:MAX_POOL]
    pool.sort(key=lambda c: c.order)
    return tuple(pool)
