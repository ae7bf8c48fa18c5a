"""`make bench`: run every benchmark and print one JSON document with all the figures.

`python bench/run.py planner timer` runs only those.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

BENCHMARKS = ["planner", "timer", "history", "api", "page_weight", "startup", "multi_user"]


def main(names: list[str]) -> int:
    results = {}
    for name in names or BENCHMARKS:
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"bench_{name}")
        except ModuleNotFoundError as e:
            results[name] = {"skipped": f"no benchmark module ({e.name})"}
            continue
        print(f"running {name}...", file=sys.stderr, flush=True)
        try:
            results[name] = module.run()
        except Exception as e:  # one broken benchmark must not hide the others' figures
            results[name] = {"error": f"{type(e).__name__}: {e}"}
        results[name]["bench_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(results, indent=2, default=str))
    return 0 if not any("error" in r for r in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
