"""After sharp pain a stretch stays out until marked checked; then it comes back easier."""

from __future__ import annotations

import json
import shlex
from datetime import UTC, datetime, timedelta

import pytest

from supple.data.loader import shipped
from tests.cli.factories import days_ago, log_session, screened

ARGS = ("plan", "--minutes", "40", "--place", "floor", "--warm")


def _floor_stretch(cli) -> dict:
    plan = cli(*ARGS, "--json").json()
    return next(s for s in plan["steps"] if s["id"] == "supine-figure-four")


def test_a_painful_stretch_stays_out_until_checked_then_returns_easier(cli):
    screened(cli)
    hurt = _floor_stretch(cli)
    log_session(days_ago(3), [(hurt["id"], "both", 10.0, 6, True)])
    screened(cli)  # the follow-up screen the refusal asks for
    plan = cli(*ARGS, "--json").json()
    assert hurt["id"] not in {s["id"] for s in plan["steps"]}
    out = next(e for e in plan["excluded"] if e["id"] == hurt["id"])
    assert out["kind"] == "pain" and "progression-pain" in out["rules"]
    assert "until you mark it checked" in out["reason"]
    text = " ".join(cli(*ARGS).out.split())
    assert f"To bring {hurt['name']} back" in text
    # The command to type names the stretch as people read it, quoted for the shell.
    assert f"supple pain checked {shlex.quote(hurt['name'])} --reason professional" in text
    assert f"pain checked {hurt['id']}" not in text
    # Typed as people type names, any case, no punctuation.
    r = cli("pain", "checked", hurt["name"].lower().replace("-", " "), "--reason", "settled")
    assert r.code == 0, r.err
    assert "is marked checked" in r.out and hurt["name"] in r.out
    # Every other floor stretch avoided, so the plan has room for it at its lowest dose.
    others = [
        s.id
        for s in shipped().catalog
        if s.style != "warmup" and "floor" in s.places and s.id != hurt["id"]
    ]
    plan = cli(*ARGS, "--avoid", ",".join(others), "--json").json()
    back = next(s for s in plan["steps"] if s["id"] == hurt["id"])
    stretch = shipped().catalog.get(hurt["id"])
    assert stretch.easier().text in back["modification"]
    assert back["reps"] == 1 and back["hold_seconds"] == 20
    assert "progression-pain" in back["rules"]
    assert "Back at the easier version" in back["why"]
    # Checked once is enough: a second mark has nothing to check.
    r = cli("pain", "checked", hurt["id"], "--reason", "settled")
    assert r.code == 2 and "no sharp-pain report waiting" in r.err


def test_a_check_on_the_day_of_the_pain_is_refused(cli):
    screened(cli)
    hurt = _floor_stretch(cli)
    log_session(datetime.now(UTC) - timedelta(minutes=5), [(hurt["id"], "both", 5.0, None, True)])
    r = cli("pain", "checked", hurt["id"], "--reason", "professional", "--json")
    assert r.code == 2 and "today" in r.err and "from tomorrow" in " ".join(r.err.split())


def test_unknown_names_and_reasons_are_said_plainly(cli):
    screened(cli)
    r = cli("pain", "checked", "chld pose", "--reason", "settled")
    assert r.code == 2 and "Child" in r.err and "Traceback" not in r.err
    r = cli("pain", "checked", "cat-cow", "--reason", "better")
    assert r.code == 2 and "Traceback" not in r.err


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_check_moves_with_the_export_so_the_stretch_stays_back(cli, tmp_path, monkeypatch, fmt):
    screened(cli)
    hurt = _floor_stretch(cli)
    log_session(days_ago(3), [(hurt["id"], "both", 10.0, 6, True)])
    screened(cli)
    assert cli("pain", "checked", hurt["id"], "--reason", "professional").code == 0
    out = tmp_path / f"all.{fmt}"
    assert cli("export", "--format", fmt, str(out)).code == 0
    monkeypatch.setenv("SUPPLE_HOME", str(tmp_path / "moved"))
    first = cli("import", str(out), "--json")
    assert first.code == 0, first.err
    assert first.json()["pain_checks"] == 1
    # Importing the same file again adds nothing.
    assert cli("import", str(out), "--json").json()["pain_checks"] == 0
    # The moved home knows the stretch was checked: asking again finds nothing waiting, and
    # the plan may hold it again (it is not left out for pain).
    again = cli("pain", "checked", hurt["id"], "--reason", "settled")
    assert again.code == 2 and "no sharp-pain report waiting" in again.err
    plan = cli(*ARGS, "--json").json()
    assert all(e["kind"] != "pain" for e in plan["excluded"] if e["id"] == hurt["id"])


def test_an_unchecked_pain_report_still_keeps_the_stretch_out_after_a_move(
    cli, tmp_path, monkeypatch
):
    screened(cli)
    hurt = _floor_stretch(cli)
    log_session(days_ago(3), [(hurt["id"], "both", 10.0, 6, True)])
    out = tmp_path / "all.json"
    assert cli("export", str(out)).code == 0
    data = json.loads(out.read_text())
    assert data["version"] >= 3 and data["pain_checks"] == [] and data["counts"]["pain_checks"] == 0
    monkeypatch.setenv("SUPPLE_HOME", str(tmp_path / "moved"))
    assert cli("import", str(out)).code == 0
    screened(cli)
    plan = cli(*ARGS, "--json").json()
    assert hurt["id"] not in {s["id"] for s in plan["steps"]}


def test_a_check_for_a_stretch_nobody_knows_is_refused_on_import(cli, tmp_path, monkeypatch):
    screened(cli)
    out = tmp_path / "all.json"
    assert cli("export", str(out)).code == 0
    data = json.loads(out.read_text())
    data["pain_checks"] = [
        {"stretch_id": "made-up", "checked_at": "2026-11-01T08:00:00+00:00", "reason": "settled"}
    ]
    out.write_text(json.dumps(data))
    monkeypatch.setenv("SUPPLE_HOME", str(tmp_path / "moved"))
    r = cli("import", str(out))
    assert r.code == 2 and "made-up" in r.err and "pain_checks[0]" in r.err, r.err
