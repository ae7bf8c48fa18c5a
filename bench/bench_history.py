"""History and progress for a user with ten years of daily sessions, on SQLite and PostgreSQL.

3,650 sessions with 8-12 items each (~36,000 items) are written through the real store, then
the service calls behind `supple history --json` / GET /api/v1/history (`history_document`: the
JSON text they send) and `supple progress --json` / GET /api/v1/progress are timed, warm (a
running app) and cold (the first call of a fresh process's store, connection opening included).
Target (issue #4): under 100 ms each on both backends. Progress includes each stretch's level
over time (issue #14).

Plans from the same log (issue #14): `levels` is reading every stretch's sessions from the
store and working out its level (supple.domain.progression), what a plan reads of the log;
`plan_after_log` is the planner with those levels, the log already read (target < 5 ms);
`plan_uncached` is the whole service call with nothing kept (screen, profile, pain log,
levels, plan, gate). Levels are kept under the store's data stamp like plans, so `progress` warm
reads them from there; `progress_uncached` works them out on every call, as after a write.

`history_dicts` is shown beside them for what it is: the same history as Python objects, which
the terminal table and the web page use (they show the latest sessions); it is not the figure
the issue names and is not held to its target.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from supple.config import Settings  # noqa: E402
from supple.services import sessions as svc  # noqa: E402
from supple.services.context import close_all, store_for  # noqa: E402

STRETCHES = [
    "cat-cow",
    "childs-pose",
    "supine-figure-four",
    "knee-to-chest",
    "supine-spinal-twist",
    "seated-figure-four",
]
DAYS = 3650


def fill(settings: Settings, days: int = DAYS, seed: int = 7) -> int:
    rnd = random.Random(seed)
    store = store_for(settings)
    start = datetime(2016, 11, 25, 7, 0, tzinfo=UTC)
    items = 0
    for d in range(days):
        began = start + timedelta(days=d, minutes=rnd.randint(0, 90))
        record_items = []
        for seq in range(1, rnd.randint(8, 12) + 1):
            sid = rnd.choice(STRETCHES)
            record_items.append(
                {
                    "seq": seq,
                    "id": sid,
                    "side": rnd.choice(["left", "right", "both"]),
                    "held_seconds": 30.0,
                    "planned_seconds": 30.0,
                    "discomfort": rnd.choice([None, rnd.randint(0, 6)]),
                    "pain": rnd.random() < 0.002,
                    "skipped": rnd.random() < 0.05,
                    "recorded_at": (began + timedelta(seconds=40 * seq)).isoformat(),
                }
            )
        items += len(record_items)
        store.sessions.import_session(
            {
                "id": f"bench-{d:05d}",
                "started_at": began.isoformat(),
                "ended_at": (began + timedelta(minutes=10)).isoformat(),
                "status": "completed",
                "routine": {"steps": []},
                "items": record_items,
            }
        )
    return items


def _time(fn: Any, repeats: int) -> dict[str, float]:
    fn()  # warm caches and connections, as a running app would have them
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 1),
    }


def _cold(fn: Any) -> float:
    """One call right after every connection is closed and every kept result dropped (the
    data itself stays in the OS cache: this is a new `supple` process, not a rebooted
    machine)."""
    close_all()
    _forget()
    t0 = time.perf_counter()
    fn()
    return round((time.perf_counter() - t0) * 1000, 1)


def _forget() -> None:
    """Drop the levels and plans kept under the data stamp (services.planning)."""
    from supple.services import planning

    planning._levels.clear()
    planning._plans.clear()


def _uncached(fn: Any) -> Any:
    def call() -> Any:
        _forget()
        return fn()

    return call


def settle(settings: Settings) -> None:
    """On PostgreSQL, VACUUM ANALYZE: what autovacuum does to a database that grew over ten
    years, and would otherwise start in the middle of the timings after the bulk fill."""
    if not settings.database_url.startswith("postgresql"):
        return
    from sqlalchemy import text

    engine = store_for(settings).engine
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))


def measure(settings: Settings, repeats: int = 15) -> dict[str, Any]:
    items = fill(settings)
    settle(settings)
    document = lambda: svc.history_document(settings)  # noqa: E731
    progress = lambda: svc.progress(settings)  # noqa: E731
    out = {
        "sessions": DAYS,
        "items": items,
        "history": {**_time(document, repeats), "cold_ms": _cold(document)},
        "progress": {**_time(progress, repeats), "cold_ms": _cold(progress)},
        # Every call working out the levels again, as after each write to the log.
        "progress_uncached": _time(_uncached(progress), max(3, repeats // 3)),
        "history_dicts": _time(lambda: svc.history(settings), max(3, repeats // 3)),
        **plans(settings, repeats),
    }
    # The figures are for the real thing: the document holds every session and item.
    sessions = json.loads(svc.history_document(settings))
    assert len(sessions) == DAYS and sum(len(s["items"]) for s in sessions) == items
    assert svc.progress(settings).total_sessions == DAYS
    close_all()
    return out


def plans(settings: Settings, repeats: int) -> dict[str, Any]:
    """Plan timings from the ten-year log (see the module docstring)."""
    from datetime import date

    from tests.web.conftest import clear_answers

    from supple.data.loader import shipped
    from supple.domain.planner import PlanRequest, plan
    from supple.services import planning
    from supple.services.catalog import full_catalog
    from supple.services.screening import submit

    submit(settings, clear_answers(age=40))  # after the log: its pain reports are older
    today = date.today()
    levels = _uncached(lambda: planning.level_doses(settings, today, 40))
    doses = levels()
    allowed = planning.allowed_now(settings, today)
    catalog = full_catalog(settings)
    request = PlanRequest(
        minutes=15,
        places=["floor"],
        age=40,
        excluded=allowed.excluded,
        pain_out=allowed.pain_out(),
        levels=doses,
    )
    anatomy = shipped().anatomy
    options = planning.PlanOptions(minutes=15, places=["floor"])
    routine = plan(catalog, request, anatomy)
    assert all(s.id in doses for s in routine.stretch_steps())
    return {
        "levels": _time(levels, max(3, repeats // 3)),
        "plan_after_log": {
            **_time(lambda: plan(catalog, request, anatomy), repeats),
            "target_ms": 5,
        },
        "plan_uncached": _time(
            _uncached(lambda: planning._build_plan(settings, options, today)),
            max(3, repeats // 3),
        ),
    }


def run(repeats: int = 15) -> dict[str, Any]:
    result: dict[str, Any] = {"benchmark": "history-progress", "target_ms": 100}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        result["sqlite"] = measure(Settings(home, f"sqlite:///{home / 'supple.db'}"), repeats)
    try:
        from tests.pgserver import PgUnavailable, fresh_database, running_postgres

        with (
            running_postgres("supple_bench") as server,
            fresh_database(server) as url,
            tempfile.TemporaryDirectory() as tmp,
        ):
            result["postgres"] = measure(Settings(Path(tmp), url), repeats)
    except (PgUnavailable, ImportError) as reason:
        result["postgres"] = {"skipped": str(reason)}
    return result


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
