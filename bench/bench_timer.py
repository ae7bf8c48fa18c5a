"""Timer accuracy: the drift-free player against a naive one that chains sleep(duration).

    .venv/bin/python bench/bench_timer.py [--scale 0.05] [--minutes 12]   # prints JSON

`run()` returns the same figures as a dict (for bench/run.py). A planned routine of at least
10 minutes of schedule is played in headless mode (JSON lines into memory) at time scale 0.05,
so 12 minutes of schedule take 36 s of real time; every segment boundary is still a real wait on
the monotonic clock. As in `supple start --headless`, the session log's real recorder
(`SessionRecorder`) writes every event to a real SQLite file as it goes; the figures include
how many events and items it saved. For each event, lateness = t - scheduled (real seconds, as
written by headless mode); end drift = when the session really ended minus when it was due.
The naive player sleeps each segment's scaled duration in turn and is measured the same way
(it writes nothing, which only flatters it).
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from supple.config import Settings
from supple.data.loader import shipped
from supple.domain.planner import PlanRequest, plan
from supple.domain.routine import Routine
from supple.domain.timeline import Timeline, compile_timeline
from supple.player.clock import MonotonicClock
from supple.player.headless import run_headless
from supple.services.context import close_all, store_for
from supple.services.session_log import SessionRecorder

SCALE = 0.05
MINUTES = 12
TIMED = ("segment-start", "hold-complete", "finished")


def _routine(minutes: int) -> tuple[Routine, Timeline]:
    data = shipped()
    routine = plan(
        data.catalog,
        PlanRequest(minutes=minutes, places=["floor", "chair", "standing"], warm=True),
        data.anatomy,
    )
    return routine, compile_timeline(routine, data.catalog)


def _figures(late_ms: list[float], end_ms: float) -> dict[str, Any]:
    gaps = [abs(x) for x in late_ms]
    return {
        "events": len(gaps),
        "median_ms": round(statistics.median(gaps), 3),
        "p99_ms": round(sorted(gaps)[int(0.99 * (len(gaps) - 1))], 3),
        "worst_ms": round(max(gaps), 3),
        "end_drift_ms": round(end_ms, 3),
    }


def drift_free(routine: Routine, timeline: Timeline, scale: float) -> dict[str, Any]:
    """The real player with the real session log on a SQLite file, as `supple start
    --headless` runs it."""
    out = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        settings = Settings(home, f"sqlite:///{home / 'supple.db'}")
        recorder = SessionRecorder(settings, routine, timeline, scale)
        try:
            run_headless(timeline, io.StringIO(""), out, MonotonicClock(), scale, recorder)
        finally:
            recorder.close()
        repo = store_for(settings).sessions
        saved = repo.get(recorder.session_id)
        written = len(repo.events(recorder.session_id))
        close_all()
    assert saved is not None and saved["status"] == "completed", saved
    assert not recorder.failures, recorder.failures
    events = [json.loads(line) for line in out.getvalue().splitlines()]
    late = [(e["t"] - e["scheduled"]) * 1000 for e in events if e["event"] in TIMED]
    end = events[-1]
    assert end["event"] == "finished"
    assert written == len(events), (written, len(events))
    return {
        **_figures(late, (end["t"] - timeline.total * scale) * 1000),
        "log": "SessionRecorder on a SQLite file",
        "events_saved": written,
        "items_saved": len(saved["items"]),
    }


def naive(timeline: Timeline, scale: float) -> dict[str, Any]:
    start = time.monotonic()
    late = []
    for seg in timeline.segments:
        late.append((time.monotonic() - start - seg.start * scale) * 1000)
        time.sleep(seg.duration * scale)
    end = (time.monotonic() - start - timeline.total * scale) * 1000
    late.append(end)
    return _figures(late, end)


def run(scale: float = SCALE, minutes: int = MINUTES) -> dict[str, Any]:
    routine, timeline = _routine(minutes)
    return {
        "benchmark": "timer",
        "schedule_minutes": round(timeline.total / 60, 2),
        "time_scale": scale,
        "real_seconds_each": round(timeline.total * scale, 2),
        "segments": len(timeline),
        "target": {"worst_ms": 10, "end_drift_ms": 2},
        "drift_free": drift_free(routine, timeline, scale),
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
