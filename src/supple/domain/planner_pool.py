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
    # Candidates of one dose shape share their options: each shape's key and best value per
    # second are worked out once (keyed by the shared tuple's identity, alive for this call).
    shapes: dict[int, tuple[tuple[tuple[int, float], ...], float]] = {}
    for c in cands:
        if id(c.doses) not in shapes:
            shapes[id(c.doses)] = (
                tuple((d.seconds, d.value) for d in c.doses),
                max(d.value / d.seconds for d in c.doses),
            )

    def value(c: Candidate) -> float:
        top = shapes[id(c.doses)][1]
        return (
            REGION_WEIGHT * c.region_mask.bit_count()
            + MUSCLE_WEIGHT * c.muscle_mask.bit_count()
            + top
        )

    seen: dict[tuple[object, ...], int] = {}
    kept: list[Candidate] = []
    groups: dict[tuple[object, ...], list[Candidate]] = {}
    for c in cands:
        group = (c.pos_bit, c.dynamic, c.fixed, shapes[id(c.doses)][0])
        sig = (group, c.region_mask, c.muscle_mask)
        copies = seen.get(sig, 0)
        if copies >= COPIES:
            continue
        seen[sig] = copies + 1
        kept.append(c)
        groups.setdefault(group, []).append(c)
    survivors: set[int] = set()
    for members in groups.values():
        # Dominance only depends on the coverage: compare each distinct coverage once.
        covers = {(c.muscle_mask, c.region_mask) for c in members}
        undominated = {
            (m, r)
            for m, r in covers
            if not any(
                om | m == om and orr | r == orr and (om, orr) != (m, r) for om, orr in covers
            )
        }
        survivors.update(c.order for c in members if (c.muscle_mask, c.region_mask) in undominated)
    pool = [c for c in kept if c.order in survivors]
    if len(pool) < limit:
        extra = [c for c in kept if c.order not in survivors]
        extra.sort(key=lambda c: (-value(c), c.order))
        pool += extra[: limit - len(pool)]
    if len(pool) > limit:
        pool.sort(key=lambda c: (-value(c), c.order))
        pool = pool[:limit]
    pool.sort(key=lambda c: c.order)
    return tuple(pool)
