"""Generated variations of real stretches, to make a large catalog for the planner benchmark.

Not for users: a variation mixes the position (with its places), the targets and the sides of
different real entries, so it is plausible in shape but was never written or checked by anyone.
Each is marked `origin = "generated:<base id>"` and lists those fields in `inferred`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from supple.domain.catalog import Stretch

GENERATED_PREFIX = "gen-"


def generate_variations(stretches: Sequence[Stretch], n: int, seed: int) -> list[Stretch]:
    """`n` distinct stretches (ids `gen-00001-<base id>`…) built from `stretches`; the same
    input and seed give the same list. Warm-ups are not varied (a routine has one at most)."""
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n}")
    pool = sorted((s for s in stretches if s.style != "warmup"), key=lambda s: s.id)
    if n and not pool:
        raise ValueError("no stretches to vary: give at least one static or dynamic stretch")
    rng = random.Random(seed)
    width = max(5, len(str(n)))
    out: list[Stretch] = []
    for k in range(1, n + 1):
        base, where, aim, side = (rng.choice(pool) for _ in range(4))
        hold = _shifted_hold(base, rng)
        data: dict[str, Any] = base.model_dump(exclude_none=True)
        data.update(
            id=f"{GENERATED_PREFIX}{k:0{width}d}-{base.id}"[:120].rstrip("-"),
            name=f"{base.name} (variation {k})",
            aliases=[],
            places=list(where.places),
            position=where.position,
            sides=side.sides,
            targets=aim.targets.model_dump(),
            origin=f"generated:{base.id}",
            inferred=sorted({*base.inferred, "places", "position", "sides", "targets"}),
        )
        if hold is not None:
            data["hold_seconds"] = hold
        out.append(Stretch.model_validate(data))
    return out


def _shifted_hold(base: Stretch, rng: random.Random) -> dict[str, int] | None:
    """Vary a static hold by a few seconds so variations do not all cost the same time."""
    if base.hold_seconds is None:
        return None
    lo = max(10, base.hold_seconds.min + rng.choice((-5, 0, 0, 5)))
    return {"min": lo, "max": max(lo, base.hold_seconds.max + rng.choice((-5, 0, 5, 10)))}
