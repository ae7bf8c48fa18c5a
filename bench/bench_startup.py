"""Start-up: the whole-process time of the commands a person types most, on SQLite.

Each command runs as its own process (`python -m supple ...`, the worktree's code), in a data
directory with a screened user, a saved profile and two months of sessions; rounds alternate
the commands so a busy machine slows them all alike. Figures are medians, and ratios to a bare
interpreter (`python -c pass`) timed in the same rounds, since the machine's speed varies
(issue #11: `--help` <= 5x bare; `plan`, `catalog`, `history`, `progress` <= 250 ms).

Bytecode caching is left on (PYTHONDONTWRITEBYTECODE removed from the children's environment),
as in an installed package; warm-up runs fill it and supple's own caches first.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

#: name -> arguments after `python`.
COMMANDS: dict[str, list[str]] = {
    "bare_python": ["-c", "pass"],
    "help": ["-m", "supple", "--help"],
    "catalog": ["-m", "supple", "catalog"],
    "plan": ["-m", "supple", "plan", "--minutes", "10"],
    "history": ["-m", "supple", "history"],
    "progress": ["-m", "supple", "progress"],
}
ROUNDS = 15
WARM_UP = 2
#: Targets of issue #11.
HELP_RATIO = 5.0
READ_MS = 250.0


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.pop("SUPPLE_DATABASE_URL", None)
    env["SUPPLE_HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).strip(
        os.pathsep
    )
    env["COLUMNS"] = "100"
    return env


def _supple(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "supple", *args], env=env, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise RuntimeError(f"supple {' '.join(args)} failed: {proc.stderr.strip()[-300:]}")
    return proc


def prepare(home: Path) -> dict[str, str]:
    """A screened user with a profile and 60 days of sessions (every other day)."""
    env = _env(home)
    answers = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from supple.data.loader import shipped; print(json.dumps({q.id: "
            "{'yes-no': False, 'number': 40}.get(q.kind, q.options[0] if q.options else None) "
            "for q in shipped().questions}))",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    file = home.parent / "answers.json"
    file.write_text(answers)
    _supple(env, "screen", "--answers", str(file), "--json")
    _supple(env, "profile", "set", "--places", "floor,chair", "--weekly-goal", "3")
    log = (
        "import sys; from datetime import UTC, datetime, timedelta\n"
        "from supple.config import get_settings\n"
        "from supple.services.context import store_for\n"
        "store = store_for(get_settings())\n"
        "now = datetime.now(UTC).replace(microsecond=0)\n"
        "for d in range(0, 60, 2):\n"
        "    began = now - timedelta(days=d, hours=1)\n"
        "    sid = store.sessions.start({'steps': []}, started_at=began)\n"
        "    for n, s in enumerate(['bridge', 'childs-pose', 'cat-cow', 'knee-to-chest']):\n"
        "        store.sessions.add_item(sid, s, 'both', 30.0, 30.0, discomfort=(d + n) % 5,\n"
        "            pain=False, recorded_at=began + timedelta(minutes=n + 1))\n"
        "    store.sessions.finish(sid, 'completed', ended_at=began + timedelta(minutes=10))\n"
    )
    subprocess.run([sys.executable, "-c", log], env=env, check=True)
    return env


def _time(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) milliseconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, *args], env=env, capture_output=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{args} failed: {proc.stderr.decode()[-300:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed * 1000, cpu * 1000


#: `python -m supple ARGS`, then the loaded modules on stderr after a marker (sys.modules:
#: -X importtime does not list modules loaded through importlib).
_LIST_MODULES = (
    "import runpy, sys\n"
    "sys.argv = ['supple', *sys.argv[1:]]\n"
    "try:\n    runpy.run_module('supple', run_name='__main__', alter_sys=True)\n"
    "finally:\n    print('\\n--modules--', *sorted(sys.modules), sep='\\n', file=sys.stderr)\n"
)


def _loaded(args: list[str], env: dict[str, str]) -> dict[str, bool]:
    """Whether the command imported SQLAlchemy and Alembic."""
    proc = subprocess.run(
        [sys.executable, "-c", _LIST_MODULES, *args[2:]], env=env, capture_output=True, text=True
    )
    names = {m.split(".")[0] for m in proc.stderr.partition("\n--modules--\n")[2].split()}
    return {"sqlalchemy": "sqlalchemy" in names, "alembic": "alembic" in names}


def run(rounds: int = ROUNDS) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        env = prepare(Path(tmp) / "home")
        for _ in range(WARM_UP):
            for args in COMMANDS.values():
                _time(args, env)
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        cpus: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(rounds):
            for name, args in COMMANDS.items():
                wall, cpu = _time(args, env)
                times[name].append(wall)
                cpus[name].append(cpu)
        loaded = {
            name: _loaded(args, env)
            for name, args in COMMANDS.items()
            if name not in ("help", "bare_python")
        }
    median = {name: statistics.median(ts) for name, ts in times.items()}
    median_cpu = {name: statistics.median(ts) for name, ts in cpus.items()}
    bare, bare_cpu = median["bare_python"], median_cpu["bare_python"]
    out: dict[str, Any] = {
        "rounds": rounds,
        "bare_python_ms": round(bare, 1),
        "bare_python_cpu_ms": round(bare_cpu, 1),
        "note": "targets judged on wall-clock medians; CPU (user+system) shown beside them, "
        "less moved by other work on the machine",
    }
    for name in COMMANDS:
        if name == "bare_python":
            continue
        ms = median[name]
        entry: dict[str, Any] = {
            "median_ms": round(ms, 1),
            "ratio_to_bare": round(ms / bare, 1),
            "median_cpu_ms": round(median_cpu[name], 1),
            "cpu_ratio_to_bare": round(median_cpu[name] / bare_cpu, 1),
        }
        if name == "help":
            entry["target"] = f"<= {HELP_RATIO:g}x bare"
            entry["meets_target"] = ms / bare <= HELP_RATIO
        else:
            entry["target_ms"] = READ_MS
            entry["meets_target"] = ms <= READ_MS
            entry["imports"] = loaded[name]
        out[name] = entry
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS), indent=2))
