"""Headless mode as a script would use it: a real subprocess, JSON lines out, commands in."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import sample_routine

ENTRY = [sys.executable, "-m", "supple.player.headless"]


@pytest.fixture(autouse=True)
def _reap() -> Iterator[None]:
    yield
    for proc in STARTED:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    STARTED.clear()


STARTED: list[subprocess.Popen[str]] = []


def start(tmp_path: Path, scale: str = "0.005") -> subprocess.Popen[str]:
    path = tmp_path / "routine.json"
    path.write_text(sample_routine().model_dump_json())
    proc = subprocess.Popen(
        [*ENTRY, "--routine-json", str(path), "--time-scale", scale],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    STARTED.append(proc)
    return proc


def read_until(proc: subprocess.Popen[str], event: str, seen: list[dict[str, object]]) -> dict:
    assert proc.stdout is not None
    for line in proc.stdout:
        obj = json.loads(line)  # every line is one JSON object
        seen.append(obj)
        if obj["event"] == event:
            return obj
    raise AssertionError(f"no {event!r} event; got {[e['event'] for e in seen]}")


def send(proc: subprocess.Popen[str], line: str) -> None:
    assert proc.stdin is not None
    proc.stdin.write(line + "\n")
    proc.stdin.flush()


def test_a_session_with_eof_on_stdin_still_plays_to_the_end(tmp_path: Path):
    proc = start(tmp_path)
    out, err = proc.communicate("", timeout=60)  # closes stdin at once
    events = [json.loads(line) for line in out.splitlines()]
    assert proc.returncode == 0, err
    assert events[0]["event"] == "started" and events[-1]["event"] == "finished"
    for e in events:
        assert {"t", "scheduled", "event", "step", "id", "side"} <= set(e)
    kinds = [e["kind"] for e in events if e["event"] == "segment-start"]
    assert "prepare" in kinds and "switch" in kinds and "breathe-out" in kinds
    holds = [(e["id"], e["side"]) for e in events if e["event"] == "hold-complete"]
    assert ("supine-figure-four", "right") in holds
    starts = [e["scheduled"] for e in events if e["event"] == "segment-start"]
    assert starts == sorted(starts)


def test_commands_on_stdin_pause_rate_report_errors_and_quit(tmp_path: Path):
    proc = start(tmp_path, "0.02")
    seen: list[dict[str, object]] = []
    read_until(proc, "started", seen)
    send(proc, "pause")
    paused = read_until(proc, "paused", seen)
    send(proc, "fly away")
    error = read_until(proc, "error", seen)
    assert error["command"] == "fly away" and "unknown command" in str(error["message"])
    send(proc, "resume")
    read_until(proc, "resumed", seen)
    send(proc, "skip")
    skipped = read_until(proc, "skipped", seen)
    assert skipped["id"] == paused["id"] == "light-cardio-warmup"
    nxt = read_until(proc, "segment-start", seen)
    assert nxt["kind"] == "transition"
    send(proc, "pain")
    pain = read_until(proc, "pain", seen)
    assert "professional" in str(pain["advice"])
    # The urgent warning signs of the screen come with it, in the screen's own words.
    flags = pain["red_flags"]
    from supple.services.screening import pain_panel

    # The signs come from the one pain-panel text every front end shows.
    assert isinstance(flags, list) and flags == [x["text"] for x in pain_panel()["signs"]]
    assert any("saddle area" in f for f in flags) and any("bladder" in f for f in flags)
    send(proc, "quit")
    stopped = read_until(proc, "stopped", seen)
    assert stopped["step"] == pain["step"]
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0 and out == ""  # nothing after `stopped`


def test_a_broken_routine_file_exits_2_naming_it(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"steps": 3}')
    proc = subprocess.run(
        [*ENTRY, "--routine-json", str(bad)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert "bad.json" in proc.stderr and "supple plan --json" in proc.stderr


def test_run_headless_in_process_writes_what_the_listener_sees():
    from supple.player.clock import FakeClock
    from supple.player.engine import Event
    from supple.player.headless import run_headless

    from .helpers import sample_timeline

    seen: list[Event] = []
    out = io.StringIO()
    last = run_headless(sample_timeline(), io.StringIO(""), out, FakeClock(), 1.0, seen.append)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert last == "finished"
    assert lines == [json.loads(json.dumps(e.as_dict())) for e in seen]
