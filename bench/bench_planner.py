"""Planner benchmark: plan time on the shipped and a 1,000-stretch catalog, and plan quality.

    .venv/bin/python bench/bench_planner.py        # prints JSON

`run()` returns the same figures as a dict (for bench/run.py). Times are wall-clock per
`plan()` call (perf_counter), over a fixed mix of everyday requests; quality is the objective
of the fast heuristic divided by the exhaustive optimum on small random catalogs.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from supple.data.loader import shipped
from supple.domain.catalog import Catalog, Stretch
from supple.domain.planner import (
    PlanError,
    PlanRequest,
    heuristic_objective,
    optimal_objective,
    plan,
)

ROOT = Path(__file__).resolve().parents[1]
FEDB_FILE = ROOT.parent / "shared" / "data" / "free-exercise-db" / "exercises.json"
BIG = 1000
SEED = 20261125

# Everyday requests: a mix of lengths, places and contexts (too-long refusals are skipped).
MINUTES = (5, 8, 10, 12, 15, 20, 30)
PLACE_SETS = (["floor"], ["floor", "chair", "standing"], ["chair", "standing"])
CONTEXTS = ("before", "after", "anytime")


def everyday_requests() -> list[PlanRequest]:
    return [
        PlanRequest(minutes=m, places=places, context=ctx)  # type: ignore[arg-type]
        for m in MINUTES
        for places in PLACE_SETS
        for ctx in CONTEXTS
    ]


def _percentile(xs: Sequence[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def time_plans(catalog: Catalog, regions: Any, repeats: int) -> dict[str, Any]:
    times: list[float] = []
    planned = refused = 0
    for req in everyday_requests():
        for _ in range(repeats):
            t0 = time.perf_counter()
            try:
                plan(catalog, req, regions)
            except PlanError:
                refused += 1  # a quick refusal would flatter the median: not timed
                continue
            times.append((time.perf_counter() - t0) * 1000)
            planned += 1
    return {
        "stretches": len(catalog),
        "requests": len(everyday_requests()),
        "repeats": repeats,
        "plans": planned,
        "refusals": refused,
        "median_ms": round(statistics.median(times), 3),
        "p95_ms": round(_percentile(times, 0.95), 3),
        "max_ms": round(max(times), 3),
    }


def _own_variations(base: Sequence[Stretch], n: int, seed: int) -> list[Stretch]:
    """Fallback when the importer's generator is missing: shuffle position, targets, sides."""
    rng = random.Random(seed)
    pool = [s for s in base if s.style != "warmup"]
    out = []
    for k in range(n):
        b, where, aim = rng.choice(pool), rng.choice(pool), rng.choice(pool)
        out.append(
            Stretch.model_validate(
                {
                    **b.model_dump(exclude_none=True),
                    "id": f"var-{k:05d}-{b.id}",
                    "places": list(where.places),
                    "position": where.position,
                    "targets": aim.targets.model_dump(),
                    "origin": f"generated:{b.id}",
                }
            )
        )
    return out


def big_catalog(base: Catalog, size: int = BIG) -> tuple[Catalog, dict[str, Any]]:
    """The shipped catalog, the stretching entries imported from free-exercise-db (when the
    importer and the file are there) and generated variations, `size` entries in all."""
    entries: list[Stretch] = list(base)
    made: dict[str, Any] = {"shipped": len(entries)}
    try:
        from supple.importers.free_exercise_db import import_file

        imported = import_file(FEDB_FILE).stretches if FEDB_FILE.exists() else []
        made["imported_free_exercise_db"] = len(imported)
    except ImportError:
        imported = []
        made["imported_free_exercise_db"] = "importer not available"
    entries += [s for s in imported if s.id not in base]
    gen: Callable[[Sequence[Stretch], int, int], list[Stretch]]
    try:
        from supple.importers.variations import generate_variations

        gen, made["variations_by"] = generate_variations, "supple.importers.variations"
    except ImportError:
        gen, made["variations_by"] = _own_variations, "bench_planner._own_variations"
    variations = gen(entries, size - len(entries), SEED)
    made["generated_variations"] = len(variations)
    return Catalog([*entries, *variations]), made


def _random_small_catalog(
    rng: random.Random, base: Catalog, muscles: list[str], sizes: tuple[int, int] = (2, 6)
) -> Catalog:
    """`sizes` (2-6) stretches made from shipped ones with random position, targets, dose and
    sides."""
    statics = [s for s in base if s.style == "static"]
    dynamics = [s for s in base if s.style == "dynamic"]
    warmups = [s for s in base if s.style == "warmup"]
    where = [s for s in base if s.style != "warmup"]
    out: list[Stretch] = list(warmups[:1])
    for i in range(rng.randint(*sizes)):
        b = rng.choice(dynamics) if dynamics and rng.random() < 0.2 else rng.choice(statics)
        w = rng.choice(where)
        data = b.model_dump(exclude_none=True)
        data.update(
            id=f"r{i}-{b.id}",
            places=list(w.places),
            position=w.position,
            targets={"primary": rng.sample(muscles, rng.randint(1, 3))},
        )
        if b.style == "static":
            data["sides"] = rng.choice(["each", "each", "both"])
            data["hold_seconds"] = rng.choice(
                [{"min": 20, "max": 30}, {"min": 15, "max": 30}, {"min": 30, "max": 45}]
            )
        out.append(Stretch.model_validate(data))
    return Catalog(out)


def quality(base: Catalog, regions: Any, n: int, sizes: tuple[int, int] = (2, 6)) -> dict[str, Any]:
    """Heuristic / exhaustive optimum on `n` random catalogs of `sizes` stretches. With 2-6
    the fast planner often searches exhaustively itself (multi-start on small pools), so the
    harder set (8-12, the exhaustive search's limit) is the honest test."""
    rng = random.Random(SEED + sizes[0])
    muscles = sorted({m for r in regions.regions.values() for m in r.muscles})
    ratios: list[float] = []
    tried = 0
    while len(ratios) < n and tried < 20 * n:
        tried += 1
        cat = _random_small_catalog(rng, base, muscles, sizes)
        req = PlanRequest(
            minutes=rng.randint(1, 25),
            places=["floor", "chair", "standing"],
            context=rng.choice(["before", "after", "anytime"]),
            focus=rng.choice([["lower-back"], ["upper-glutes"], ["upper-glutes", "lower-back"]]),
            warm=rng.random() < 0.3,
            age=rng.choice([None, 35, 70]),
        )
        try:
            best = optimal_objective(cat, req, regions)
            if best is None:
                continue
            got = heuristic_objective(cat, req, regions)
        except PlanError:
            continue
        ratios.append(got / best)
    return {
        "catalogs": len(ratios),
        "stretches_per_catalog": f"{sizes[0]}-{sizes[1]}",
        "below_optimum": sum(r < 1 - 1e-9 for r in ratios),
        "ratio_min": round(min(ratios), 5),
        "ratio_mean": round(statistics.fmean(ratios), 5),
        "within_2_percent": sum(r >= 0.98 for r in ratios),
    }


def run(repeats: int = 3, quality_catalogs: int = 300, hard_catalogs: int = 40) -> dict[str, Any]:
    data = shipped()
    big, made = big_catalog(data.catalog)
    return {
        "benchmark": "planner",
        "shipped": time_plans(data.catalog, data.anatomy, repeats),
        "large": {**time_plans(big, data.anatomy, repeats), "made_of": made},
        "quality": quality(data.catalog, data.anatomy, quality_catalogs),
        "quality_hard": quality(data.catalog, data.anatomy, hard_catalogs, (8, 12)),
        "targets": {"shipped_median_ms": 5, "large_median_ms": 50, "ratio_min": 0.98},
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
