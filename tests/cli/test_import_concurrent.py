"""A long `supple import` in one process while others write: a running session's holds,
`profile set` and the web app's event posts all survive it, on SQLite and PostgreSQL (the
import commits in bounded chunks; writers retry while the database is busy)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from supple.config import Settings, get_settings
from tests.bigexport import big_export
from tests.conftest import BACKENDS
from tests.web.conftest import api_client, clear_answers

#: Big enough that the import writes for several seconds (beyond SQLite's busy timeout when it
#: was one transaction).
SESSIONS = 300


def _run(env: dict[str, str], *args: str, input: str | None = None):
    return subprocess.run(
        [sys.executable, "-m", "supple", *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    """An export of SESSIONS copies of a real played session (headless, with its events)."""
    env = {**os.environ, "SUPPLE_HOME": str(tmp_path / "template-home")}
    env.pop("SUPPLE_DATABASE_URL", None)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(clear_answers()))
    assert _run(env, "screen", "--answers", str(answers)).returncode == 0
    played = _run(env, "start", "--headless", "--minutes", "4", "--time-scale", "0.01")
    assert played.returncode == 0, played.stderr
    assert _run(env, "export", str(tmp_path / "template.json")).returncode == 0
    template = json.loads((tmp_path / "template.json").read_text())
    return big_export(template, SESSIONS, tmp_path / "big.json")


@pytest.mark.parametrize("backend", BACKENDS)
def test_writers_survive_a_long_import(request, tmp_path, big_file, backend):
    home = tmp_path / "home"
    env = {**os.environ, "SUPPLE_HOME": str(home), "COLUMNS": "120"}
    env.pop("SUPPLE_DATABASE_URL", None)
    if backend == "postgres":
        env["SUPPLE_DATABASE_URL"] = request.getfixturevalue("postgres_url")
    url = env.get("SUPPLE_DATABASE_URL")
    settings = get_settings(home) if url is None else Settings(home=home, database_url=url)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(clear_answers()))
    assert _run(env, "screen", "--answers", str(answers)).returncode == 0

    importing = subprocess.Popen(
        [sys.executable, "-m", "supple", "import", str(big_file), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    failures: list[str] = []
    holds_printed: list[int] = []
    ages: list[int] = []

    def sessions() -> None:
        while True:
            r = _run(env, "start", "--headless", "--minutes", "4", "--time-scale", "0.02")
            if r.returncode != 0 or "could not be saved" in r.stderr:
                failures.append(f"session: {r.returncode} {r.stderr[-500:]}")
            events = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
            holds_printed.append(sum(e["event"] == "hold-complete" for e in events))
            if importing.poll() is not None:
                return

    def profiles() -> None:
        age = 30
        while True:
            r = _run(env, "profile", "set", "--age", str(age))
            if r.returncode != 0:
                failures.append(f"profile set: {r.returncode} {r.stderr[-500:]}")
            ages.append(age)
            age += 1
            if importing.poll() is not None:
                return

    threads = [threading.Thread(target=sessions), threading.Thread(target=profiles)]
    for t in threads:
        t.start()
    try:
        sid, posted = _post_events_while(importing, settings, failures)
    finally:
        if importing.poll() is None:
            importing.kill()
        out, err = importing.communicate()
        for t in threads:
            t.join()
    assert importing.returncode == 0, err
    assert json.loads(out)["sessions"] == SESSIONS
    assert failures == []

    from supple.services.context import store_for

    store = store_for(settings)
    assert len(store.sessions.get(sid)["items"]) == posted
    imported = {s["id"] for s in json.loads(big_file.read_text())["sessions"]}
    mine = [s for s in store.sessions.history(detailed=True) if s["id"] not in imported]
    played = [s for s in mine if s["id"] != sid]
    assert len(played) == len(holds_printed) >= 1
    saved = sum(len(s["items"]) for s in played)
    assert saved == sum(holds_printed), "every hold a session printed was saved"
    assert store.profile.get().age == ages[-1]
    assert len(store.sessions.history()) == SESSIONS + len(holds_printed) + 1


def _post_events_while(importing, settings, failures: list[str]) -> tuple[str, int]:
    """POST hold events through the API until the import ends; the session id and how many."""
    from supple.web.app import create_app

    posted = 0
    with api_client(create_app(settings)) as client:
        created = client.write(
            "POST", "/api/v1/sessions", json={"options": {"minutes": 6, "warm": True}}
        )
        assert created.status_code == 201, created.text
        sid = created.json()["id"]
        hold = next(s for s in created.json()["timeline"] if s["kind"] == "hold")
        event = {
            "event": "hold-complete",
            "t": hold["end"],
            "step": hold["step"],
            "id": hold["id"],
            "side": hold["side"],
            "held_seconds": 20.0,
        }
        while True:
            r = client.write("POST", f"/api/v1/sessions/{sid}/events", json=event)
            if r.status_code != 201:
                failures.append(f"POST event: {r.status_code} {r.text[:300]}")
            posted += 1
            if importing.poll() is not None:
                return sid, posted
