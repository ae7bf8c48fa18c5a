"""`supple start`: the guided session from the command line, its log, and what it changes next."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from tests.cli.factories import screened


def _start(home, *args, env=None):
    return subprocess.Popen(
        [sys.executable, "-m", "supple", "start", "--headless", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SUPPLE_HOME": str(home), **(env or {})},
    )


def test_headless_session_runs_to_finished_and_is_logged(cli, home):
    screened(cli)
    proc = _start(home, "--minutes", "10", "--warm", "--time-scale", "0.01")
    out, err = proc.communicate("rate 2\n", timeout=60)
    assert proc.returncode == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    assert events[0]["event"] == "started" and events[-1]["event"] == "finished"
    for e in events:
        assert {"t", "scheduled", "event", "step", "id", "side"} <= set(e)
    holds = [e for e in events if e["event"] == "hold-complete"]
    (session,) = cli("history", "--json").json()
    assert session["status"] == "completed"
    assert len(session["items"]) == len(holds)
    sides = {(i["id"], i["side"]) for i in session["items"]}
    for stretch in {i["id"] for i in session["items"]}:
        got = {s for x, s in sides if x == stretch}
        assert got in ({"both"}, {"left", "right"}), (stretch, got)


def test_pain_stop_is_logged_and_the_next_plan_asks_for_a_new_screen(cli, home):
    screened(cli)
    proc = _start(home, "--minutes", "10", "--warm", "--place", "floor", "--time-scale", "0.05")
    time.sleep(1.0)
    proc.stdin.write("pain\n")
    proc.stdin.flush()
    time.sleep(0.3)
    out, _ = proc.communicate("quit\n", timeout=30)
    pain = [json.loads(x) for x in out.splitlines() if '"pain"' in x]
    assert pain and "advice" in pain[0]
    hurt = pain[0]["id"]
    (session,) = cli("history", "--json").json()
    assert session["status"] == "stopped"
    assert any(i["pain"] and i["id"] == hurt for i in session["items"])
    r = cli("plan", "--minutes", "10", "--warm", "--place", "floor")
    assert r.code == 3 and "screen" in r.err
    screened(cli)
    plan = cli("plan", "--minutes", "10", "--warm", "--place", "floor", "--json").json()
    used = {s["id"]: s for s in plan["steps"] if s["kind"] == "stretch"}
    left_out = {e["id"]: e["reason"] for e in plan["excluded"]}
    assert hurt in left_out or "pain" in (used[hurt]["modification"] or "")


def test_sigkill_mid_session_keeps_completed_holds_and_next_start_marks_it_interrupted(cli, home):
    screened(cli)
    proc = _start(home, "--minutes", "10", "--warm", "--time-scale", "0.05")
    holds = 0
    deadline = time.time() + 60
    while holds < 3 and time.time() < deadline:
        line = proc.stdout.readline()
        holds += '"hold-complete"' in line
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=10)  # reaps it and closes the pipes
    (session,) = cli("history", "--json").json()
    assert session["status"] == "running"
    assert len([i for i in session["items"] if not i["skipped"]]) >= 3
    kept = session["items"]
    again = _start(home, "--minutes", "10", "--warm", "--time-scale", "0.01")
    again.communicate("quit\n", timeout=60)
    first, second = cli("history", "--json").json()
    assert first["id"] == session["id"] and first["status"] == "interrupted"
    assert first["items"] == kept
    assert second["status"] == "stopped"


def test_start_refuses_without_a_screen_and_with_bad_input(cli, home):
    r = cli("start", "--headless", "--minutes", "10")
    assert r.code == 3
    screened(cli)
    assert cli("start", "--headless", "--routine", "nope").code == 2
    assert cli("start", "--headless", "--time-scale", "0").code == 2
    assert cli("history", "--json").json() == []
