"""The fast heuristic: greedy construction, local search and dose exchanges.

It maximises `SearchProblem.score` over the same space as the exhaustive search in planner_exact: a
subset of candidates, one dose option per chosen candidate and one warm-up length, with the total
time within the budget (and at least the fill share of it for longer sessions) and an order that
keeps the position and context rules.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from supple.domain.planner_exact import exact_doses, upper_bound
from supple.domain.planner_model import Candidate, SearchProblem
from supple.domain.planner_pool import standalone
from supple.domain.planner_rules import (
    EXTRA_STRETCH_COST,
    FEW_EXERCISES,
    MUSCLE_WEIGHT,
    REGION_WEIGHT,
    TIME_WEIGHT,
    TRANSITION_SECONDS,
)
from supple.domain.planner_selection import EPS, Solution, aggregate, evaluate

#: Newcomers the local search tries adding, best stand-alone value first.
NEWCOMERS = 6
#: Up to this many candidates, the search also starts from each single candidate.
MULTI_START_LIMIT = 16
#: How many of the best greedy results get the local search.
IMPROVE_STARTS = 1
#: Skip the local search when the greedy result is provably within this share of the best.
SKIP_GAP = 0.01
#: Rounds of the local search (each moves to a better neighbour).
IMPROVE_ROUNDS = 8
#: Refills scoring within this much of the incumbent are polished before comparing.
POLISH_MARGIN = 2.0


def _moves(
    p: SearchProblem, doses: dict[int, int], warm: int, banned: int
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


_Move = tuple[float, int, float, int]
"""One ranked move of a candidate: (rank key, extra seconds, gain, dose index)."""
_MISSING = -1


class _Memo:
    """What the greedy search works out once per problem and reuses across its ~30 runs (two
    starts, the local search's refills, the last drop-and-refill look): the position changes of
    each (positions, dynamic, static), each dose shape's ranked moves, whole runs and polished
    selections.

    Every entry is a pure function of the problem and its key (dose dicts keyed in their
    insertion order), so reusing one changes nothing but the time."""

    __slots__ = ("adds", "polished", "redoses", "runs", "shape", "transitions")

    def __init__(self, p: SearchProblem) -> None:
        first: dict[tuple[object, ...], int] = {}
        #: Candidate index -> the first candidate with the same dose options (same moves).
        self.shape = [first.setdefault(c.doses, ci) for ci, c in enumerate(p.candidates)]
        self.transitions: dict[tuple[int, int, int], int | None] = {}
        #: (by ratio, shape, base gain, base seconds) -> moves adding an unchosen candidate.
        self.adds: dict[tuple[bool, int, float, int], list[_Move]] = {}
        #: (by ratio, shape, current dose) -> moves changing a chosen candidate's dose.
        self.redoses: dict[tuple[bool, int, int], list[_Move]] = {}
        #: (start doses, warm-up option, banned, by ratio) -> the greedy result.
        self.runs: dict[tuple[object, ...], Solution] = {}
        #: (doses, warm-up option, objective, seconds) -> the polished selection.
        self.polished: dict[tuple[object, ...], Solution] = {}

    def changes(self, p: SearchProblem, pos: int, dyn: int, stat: int) -> int | None:
        key = (pos, dyn, stat)
        tr = self.transitions.get(key, _MISSING)
        if tr == _MISSING:
            tr = self.transitions[key] = p.transitions(pos, dyn, stat)
        return tr


def _memo(p: SearchProblem) -> _Memo:
    memo = p.memo.get("search")
    if memo is None:
        memo = p.memo["search"] = _Memo(p)
    assert isinstance(memo, _Memo)
    return memo


def _greedy(
    p: SearchProblem, doses: dict[int, int], warm: int, banned: int, by_ratio: bool
) -> Solution:
    """Add stretches and change doses or the warm-up length while the objective improves, best
    step first (by gain per second, or by plain gain). The same start gives the same result, so
    a run is made once per problem (the local search meets many starts again)."""
    memo = _memo(p)
    # Insertion order too: it decides the order of float sums and of the result's dict.
    key = (tuple(doses.items()), warm, banned, by_ratio)
    sol = memo.runs.get(key)
    if sol is None:
        sol = memo.runs[key] = _greedy_run(p, memo, doses, warm, banned, by_ratio)
    return Solution(dict(sol.doses), sol.warm, sol.objective, sol.seconds)


def _greedy_run(
    p: SearchProblem, memo: _Memo, doses: dict[int, int], warm: int, banned: int, by_ratio: bool
) -> Solution:
    """One greedy run (see `_greedy`).

    This loop is the planner's hot spot. A move's gain and extra seconds depend only on the
    stretch's dose options and, for an unchosen one, on what it adds to the coverage, the
    position changes and the count; so each candidate's moves are ranked once per such
    (base gain, base seconds) for the whole problem, looked up again only when a stretch is
    added, and each step only checks which of them still fit in the time left."""
    doses = dict(doses)
    cands = p.candidates
    shape = memo.shape
    adds = memo.adds
    redoses = memo.redoses
    transitions = memo.transitions
    budget = p.budget
    tw = TIME_WEIGHT / budget
    warm_opts = p.warmup.options if p.warmup is not None else (0,)
    regions, muscles, pos, dyn, stat, value, dsecs = aggregate(p, doses)
    empty: list[_Move] = []
    # Each candidate's ranked moves (none for the banned one): all looked up again after a
    # stretch is added (coverage, positions and count change), only the re-dosed one's after a
    # dose change, none after a warm-up change.
    ranked: list[list[_Move]] = [empty] * len(cands)
    stale = True
    while True:
        tr = memo.changes(p, pos, dyn, stat)
        wsecs = warm_opts[warm]
        if tr is None or wsecs + dsecs + tr * TRANSITION_SECONDS > budget:
            return Solution(doses, warm, float("-inf"), 0)  # an infeasible start
        cur_secs = wsecs + dsecs + tr * TRANSITION_SECONDS
        room = budget - cur_secs
        count = len(doses)
        if stale:
            cov_now = REGION_WEIGHT * regions.bit_count() + MUSCLE_WEIGHT * muscles.bit_count()
            extra_step = EXTRA_STRETCH_COST if count + 1 > FEW_EXERCISES else 0.0
            for ci, c in enumerate(cands):
                if ci == banned:
                    continue
                di0 = doses.get(ci)
                if di0 is not None:
                    found = redoses.get((by_ratio, shape[ci], di0))
                    if found is None:
                        found = _redose(redoses, shape[ci], c, di0, tw, by_ratio)
                    ranked[ci] = found
                    continue
                bit = c.pos_bit
                tkey = (pos | bit, dyn | bit, stat) if c.dynamic else (pos | bit, dyn, stat | bit)
                tr2 = transitions.get(tkey, _MISSING)
                if tr2 == _MISSING:
                    tr2 = memo.changes(p, *tkey)
                if tr2 is None:
                    ranked[ci] = empty
                    continue
                base_dt = (tr2 - tr) * TRANSITION_SECONDS
                base_gain = (
                    REGION_WEIGHT * (regions | c.region_mask).bit_count()
                    + MUSCLE_WEIGHT * (muscles | c.muscle_mask).bit_count()
                    - cov_now
                    - extra_step
                    + c.fixed
                )
                akey = (by_ratio, shape[ci], base_gain, base_dt)
                found = adds.get(akey)
                if found is None:
                    found = adds[akey] = _add_moves(c, base_gain, base_dt, tw, by_ratio)
                ranked[ci] = found
            stale = False
        best_key = 0.0
        best_ci = best_dj = -2
        for ci, moves in enumerate(ranked):
            for key, dt, _, dj in moves:
                if dt <= room:
                    if key > best_key + EPS:
                        best_key, best_ci, best_dj = key, ci, dj
                    break
        # A longer warm-up (its lengths ascend): by ratio every length gains
        # the same per second, so the next one; by plain gain the longest that fits.
        if doses and warm + 1 < len(warm_opts) and warm_opts[warm + 1] - wsecs <= room:
            if by_ratio:
                w, key = warm + 1, tw
            else:
                w = bisect.bisect_right(warm_opts, wsecs + room) - 1
                key = tw * (warm_opts[w] - wsecs)
            if key > best_key + EPS:
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
            ranked[best_ci] = _redose(redoses, shape[best_ci], c, best_dj, tw, by_ratio)
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
            stale = True
        doses[best_ci] = best_dj


def _redose(
    redoses: dict[tuple[bool, int, int], list[_Move]],
    shape: int,
    c: Candidate,
    di0: int,
    tw: float,
    by_ratio: bool,
) -> list[_Move]:
    rkey = (by_ratio, shape, di0)
    found = redoses.get(rkey)
    if found is None:
        found = redoses[rkey] = _redose_moves(c, di0, tw, by_ratio)
    return found


def _add_moves(
    c: Candidate, base_gain: float, base_dt: int, tw: float, by_ratio: bool
) -> list[_Move]:
    """The moves adding `c` at each dose that gains, best first (stable: the earlier option
    wins a tie)."""
    moves: list[_Move] = []
    for dj, d in enumerate(c.doses):
        dt = base_dt + d.seconds
        gain = base_gain + d.value + tw * dt
        if gain > EPS:
            key = gain if not by_ratio else (gain / dt if dt > 0 else 1e18)
            moves.append((key, dt, gain, dj))
    moves.sort(key=lambda m: -m[0])
    return moves


def _redose_moves(c: Candidate, di0: int, tw: float, by_ratio: bool) -> list[_Move]:
    """The moves changing chosen `c` from dose `di0` to another that gains, best first."""
    old = c.doses[di0]
    moves: list[_Move] = []
    for dj, d in enumerate(c.doses):
        dt = d.seconds - old.seconds
        gain = d.value - old.value + tw * dt
        if dj != di0 and gain > EPS:
            key = gain if not by_ratio else (gain / dt if dt > 0 else 1e18)
            moves.append((key, dt, gain, dj))
    moves.sort(key=lambda m: -m[0])
    return moves


def _neighbours(p: SearchProblem, sol: Solution) -> Iterable[tuple[dict[int, int], int, int]]:
    """Starting points (doses, banned candidate or -1, warm-up option) for a refill, each one
    change of the chosen set away from `sol`: every dose and the warm-up back to their shortest;
    the same plus one more stretch; drop a stretch (banning it); drop it and shrink the rest.
    Shrinking frees time for the refill to spend anew; doses alone are left to `polish`."""
    shortest = dict.fromkeys(sol.doses, 0)
    if any(sol.doses.values()) or sol.warm:
        yield shortest, -1, 0
    newcomers = [cj for cj in range(len(p.candidates)) if cj not in sol.doses]
    if len(newcomers) > NEWCOMERS:
        newcomers.sort(key=lambda cj: -standalone(p.candidates[cj]))
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


def _improve(p: SearchProblem, sol: Solution, by_ratio: bool) -> Solution:
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
            if trial.objective > sol.objective + EPS:
                better = trial
                break
        if better is None:
            return sol
        sol = better
    return sol


def polish(p: SearchProblem, sol: Solution) -> Solution:
    """Keep the chosen stretches; re-choose doses and the warm-up length by exchanges: change
    one dose, or two at once (lengthen one while shortening another), while the objective
    rises and the total stays within the bounds. Made once per problem and selection (the
    local search and the last look meet the same selections again)."""
    if not sol.doses or sol.objective == float("-inf"):
        return sol
    polished = _memo(p).polished
    key = (tuple(sol.doses.items()), sol.warm, sol.objective, sol.seconds)
    done = polished.get(key)
    if done is None:
        done = polished[key] = _polish_run(p, sol)
    return Solution(dict(done.doses), done.warm, done.objective, done.seconds)


def _polish_run(p: SearchProblem, sol: Solution) -> Solution:
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
                    if a != picks[i] and lower <= t <= upper and g > EPS:
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
    # No partner gains more than the best move: a move that cannot beat the pair found so far
    # (or gain at all) even with it is passed over without a look.
    most = top[0]
    for dt_i, g_i, i, a in moves:
        reach = g_i + most
        if reach <= EPS or (found is not None and reach <= found[0] + EPS):
            continue
        k = bisect.bisect_right(dts, upper - secs - dt_i) - 1
        if k < 0:
            continue
        g_j, kj, j = best[k] if best[k][2] != i else second[k]
        if kj < 0:
            continue
        dt_j, _, _, b = moves[kj]
        total = g_i + g_j
        fits = secs + dt_i + dt_j >= lower
        if fits and total > EPS and (found is None or total > found[0] + EPS):
            found = (total, i, a, j, b)
    return found


def _fill(p: SearchProblem, sol: Solution, depth: int = 1) -> Solution | None:
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
        if trial is not None and (best is None or trial.objective > best.objective + EPS):
            best = trial
    return best


def _fill_up(p: SearchProblem, sol: Solution) -> Solution | None:
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
            if best is None or key > best[0] + EPS:
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
            if ev[0] > obj + EPS and (step is None or ev[0] > step[2] + EPS):
                step = (new_doses, new_warm, ev[0], ev[1])
        if step is None:
            return Solution(doses, warm, obj, secs)
        doses, warm, obj, secs = step


def _all_fit(p: SearchProblem) -> bool:
    """Whether every candidate fits at its shortest dose: then where to start does not matter."""
    secs = sum(c.doses[0].seconds for c in p.candidates)
    secs += len({c.pos_bit for c in p.candidates}) * TRANSITION_SECONDS
    secs += p.warmup.options[0] if p.warmup is not None else 0
    return secs <= p.budget


def heuristic(p: SearchProblem) -> Solution | None:
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
        if best is None or sol.objective > best.objective + EPS:
            best = sol
    if best is not None and len(best.doses) > 1:
        best = _drop_and_polish(p, best)
    return best


def _drop_and_polish(p: SearchProblem, sol: Solution) -> Solution:
    """A last look: drop each chosen stretch in turn, refill and re-dose (the local search
    only re-doses near misses); then re-dose the winner exactly when that is cheap."""
    for ci in list(sol.doses):
        rest = {k: v for k, v in sol.doses.items() if k != ci}
        trial = polish(p, _greedy(p, rest, sol.warm, ci, True))
        if trial.seconds >= p.lower and trial.objective > sol.objective + EPS:
            sol = trial
    return exact_doses(p, sol)
