"""Timer accuracy: the drift-free player against a naive one that chains sleep(duration).

    .venv/bin/python bench/bench_timer.py [--scale 0.05] [--minutes 12]   # prints JSON

`run()` returns the same figures as a dict (for bench/run.py). A planned routine of at least
10 minutes of schedule is played in headless mode (JSON lines into memory) at time scale 0.05,
so 12 minutes of schedule take 36 s of real time; every segment boundary is still a real wait on
the monotonic clock. For each event, lateness = t - scheduled (real seconds, as written by
headless mode); end drift = when the session really ended minus when it was due. The naive
player sleeps each segment's scaled duration in turn and is measured the same way.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import time
from typing import Any

from supple.data.loader import shipped
from supple.domain.planner import PlanRequest, plan
from supple.domain.timeline import Timeline, compile_timeline
from supple.player.clock import MonotonicClock
from supple.player.headless import run_headless

SCALE = 0.05
MINUTES = 12
TIMED = ("segment-start", "hold-complete", "finished")


def _timeline(minutes: int) -> Timeline:
    data = shipped()
    routine = plan(
        data.catalog,
        PlanRequest(minutes=minutes, places=["floor", "chair", "standing"], warm=True),
        data.anatomy,
    )
    return compile_timeline(routine, data.catalog)


def _figures(late_ms: list[float], end_ms: float) -> dict[str, float]:
    gaps = [abs(x) for x in late_ms]
    return {
        "events": len(gaps),
        "median_ms": round(statistics.median(gaps), 3),
        "p99_ms": round(sorted(gaps)[int(0.99 * (len(gaps) - 1))], 3),
        "worst_ms": round(max(gaps), 3),
        "end_drift_ms": round(end_ms, 3),
    }


def drift_free(timeline: Timeline, scale: float) -> dict[str, float]:
    out = io.StringIO()
    run_headless(timeline, io.StringIO(""), out, MonotonicClock(), scale)
    events = [json.loads(line) for line in out.getvalue().splitlines()]
    late = [(e["t"] - e["scheduled"]) * 1000 for e in events if e["event"] in TIMED]
    end = events[-1]
    assert end["event"] == "finished"
    return _figures(late, (end["t"] - timeline.total * scale) * 1000)


def naive(timeline: Timeline, scale: float) -> dict[str, float]:
    start = time.monotonic()
    late = []
    for seg in timeline.segments:
        late.append((time.monotonic() - start - seg.start * scale) * 1000)
        time.sleep(seg.duration * scale)
    end = (time.monotonic() - start - timeline.total * scale) * 1000
    late.append(end)
    return _figures(late, end)


def run(scale: float = SCALE, minutes: int = MINUTES) -> dict[str, Any]:
    timeline = _timeline(minutes)
    return {
        "benchmark": "timer",
        "schedule_minutes": round(timeline.total / 60, 2),
        "time_scale": scale,
        "real_seconds_each": round(timeline.total * scale, 2),
        "segments": len(timeline),
        "target": {"worst_ms": 10, "end_drift_ms": 2},
        "drift_free": drift_free(timeline, scale),
        "naive_sleep_chain": naive(timeline, scale),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=SCALE)
    parser.add_argument("--minutes", type=int, default=MINUTES)
    args = parser.parse_args()
    print(json.dumps(run(args.scale, args.minutes), indent=2))


if __name__ == "__main__":
    main()
