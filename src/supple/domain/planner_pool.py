"""A smaller candidate pool for big catalogs, so the search stays fast."""

from __future__ import annotations

from supple.domain.planner_model import Candidate
from supple.domain.planner_rules import MUSCLE_WEIGHT, REGION_WEIGHT

#: The heuristic works on a pool of at most this many candidates.
MAX_POOL = 40
#: Copies of interchangeable candidates kept in the pool (more are never needed to fill time).
COPIES = 3


def standalone(c: Candidate) -> float:
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
        extra.sort(key=lambda c: (-standalone(c), c.order))
        pool += extra[: limit - len(pool)]
    if len(pool) > limit:
        pool.sort(key=lambda c: (-standalone(c), c.order))
        pool = pool[:limit]
    pool.sort(key=lambda c: c.order)
    return tuple(pool)
