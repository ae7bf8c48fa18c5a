"""`supple export` / `supple import`: a user's whole data round-trips, without duplicates."""

from __future__ import annotations

import json

import pytest

from tests.cli.factories import NOTHING_STORED, days_ago, log_session, screened


def _snapshot(cli):
    return {
        "profile": cli("profile", "--json").json(),
        "history": cli("history", "--json").json(),
        "routines": [r["name"] for r in cli("routine", "list", "--json").json()],
        "catalog": sorted(s["id"] for s in cli("catalog", "--json").json()),
    }


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_into_a_new_home_round_trips(cli, tmp_path, monkeypatch, fmt):
    from tests.cli.test_import_cli import SAMPLE

    cli("profile", "set", "--age", "70", "--weekly-goal", "4", "--places", "chair,floor")
    screened(cli, age=70)
    assert cli("catalog", "import", str(SAMPLE)).code == 0
    log_session(
        days_ago(3),
        [("cat-cow", "both", 41.5, 2, False), ("seated-figure-four", "left", 30.0, None, True)],
    )
    log_session(days_ago(1), [("childs-pose", "both", 25.0, 5, False)], status="stopped")
    assert cli("plan", "--minutes", "12", "--save", "desk").code == 0
    before = _snapshot(cli)
    out = tmp_path / f"export.{fmt}"
    r = cli("export", "--format", fmt, str(out))
    assert r.code == 0, r.err

    monkeypatch.setenv("SUPPLE_HOME", str(tmp_path / "other-home"))
    first = cli("import", str(out), "--json").json()
    assert first["sessions"] == 2 and first["screenings"] == 1 and first["routines"] == 1
    assert _snapshot(cli) == before
    again = cli("import", str(out), "--json").json()
    assert not any(again.values())
    assert _snapshot(cli) == before


def test_import_rejects_files_that_are_not_exports(cli, tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"hello": 1}')
    r = cli("import", str(bad))
    assert r.code == 2 and "not a supple export" in r.err
    r = cli("import", str(tmp_path / "nope.json"))
    assert r.code == 2 and "nope.json" in r.err


def test_export_bad_format_exits_2(cli, tmp_path):
    assert cli("export", "--format", "xml", str(tmp_path / "x")).code == 2


def _played_session(home) -> None:
    """A real guided session (headless), so the export holds real raw events."""
    import os
    import subprocess
    import sys

    args = ["start", "--headless", "--minutes", "4", "--warm", "--time-scale", "0.01"]
    proc = subprocess.run(
        [sys.executable, "-m", "supple", *args],
        input="rate 3\n",
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SUPPLE_HOME": str(home)},
    )
    assert proc.returncode == 0, proc.stderr


def _full_data(cli, home) -> None:
    from tests.cli.test_import_cli import SAMPLE

    cli("profile", "set", "--age", "70", "--weekly-goal", "4", "--places", "chair,floor")
    screened(cli, age=70)
    assert cli("catalog", "import", str(SAMPLE)).code == 0
    imported = next(s["id"] for s in cli("catalog", "--json").json() if s["origin"] != "supple")
    log_session(days_ago(3), [(imported, "both", 20.0, 1, False)], status="interrupted")
    log_session(days_ago(1), [("childs-pose", "both", 25.0, 5, False)], status="stopped")
    _played_session(home)
    assert cli("plan", "--minutes", "12", "--save", "desk").code == 0


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_round_trip_keeps_everything_routine_times_and_raw_events_included(
    cli, home, tmp_path, monkeypatch, fmt
):
    _full_data(cli, home)
    first = tmp_path / f"first.{fmt}"
    assert cli("export", "--format", fmt, str(first)).code == 0
    assert cli("export", "--format", "json", str(tmp_path / "a.json")).code == 0
    before = json.loads((tmp_path / "a.json").read_text())
    played = before["sessions"][-1]
    assert [e["event"] for e in played["events"]][:1] == ["started"]
    assert [e["event"] for e in played["events"]][-1] == "finished"

    monkeypatch.setenv("SUPPLE_HOME", str(tmp_path / "other-home"))
    assert cli("import", str(first)).code == 0
    assert cli("export", "--format", "json", str(tmp_path / "b.json")).code == 0
    after = json.loads((tmp_path / "b.json").read_text())
    del before["exported_at"], after["exported_at"], before["sha256"], after["sha256"]
    assert after == before


def _good_export(cli, tmp_path, monkeypatch) -> dict:
    log_session(days_ago(3), [("cat-cow", "both", 41.5, 2, False)])
    log_session(days_ago(1), [("childs-pose", "both", 25.0, 5, False)], status="stopped")
    screened(cli)
    assert cli("plan", "--minutes", "12", "--save", "desk").code == 0
    path = tmp_path / "good.json"
    assert cli("export", str(path)).code == 0
    monkeypatch.setenv("SUPPLE_HOME", str(tmp_path / "fresh-home"))
    return json.loads(path.read_text())


def _set(data: dict, where: str, value) -> None:
    *path, last = where.split(".")
    for part in path:
        data = data[int(part)] if part.isdigit() else data[part]  # type: ignore[assignment]
    if value is DELETE:
        del data[int(last) if last.isdigit() else last]
    else:
        data[int(last) if last.isdigit() else last] = value


DELETE = object()
BROKEN = [
    # (where, new value, what the message must name)
    ("sessions.1.started_at", "2026-13-45T07:00:00+00:00", ["sessions[1]", "started_at"]),
    ("sessions.0.items.0.side", "up", ["sessions[0]", "items[0].side", "'up'"]),
    ("sessions.0.items.0.discomfort", 42, ["items[0].discomfort", "42"]),
    ("sessions.0.started_at", DELETE, ["sessions[0]", "started_at", "required"]),
    ("sessions", "nope", ["sessions", "array"]),
    ("version", "1", ["version"]),
    ("screenings.0.result", DELETE, ["screenings[0]", "result"]),
    ("routines.0.routine.steps", "x", ["routines[0]", "('desk')", "routine.steps"]),
    ("sessions.0.items.0.id", "no-such-stretch", ["sessions[0]", "items[0].id", "no-such"]),
    ("sessions.0.items.0.held_seconds", -5, ["items[0].held_seconds", "-5"]),
]


@pytest.mark.parametrize(("where", "value", "named"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_malformed_import_exits_2_naming_entry_and_field_and_writes_nothing(
    cli, tmp_path, monkeypatch, where, value, named
):
    data = _good_export(cli, tmp_path, monkeypatch)
    _set(data, where, value)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    r = cli("import", str(bad))
    assert r.code == 2, (r.out, r.err)
    assert "Traceback" not in r.err and "bad.json" in r.err
    flat = " ".join(r.err.split())
    for part in named:
        assert part in flat, (part, flat)
    counts = cli("export", str(tmp_path / "after.json"), "--json").json()
    assert counts == NOTHING_STORED


def test_a_binary_file_exits_2(cli, tmp_path):
    bad = tmp_path / "photo.json"
    bad.write_bytes(bytes(range(256)) * 4)
    r = cli("import", str(bad))
    assert r.code == 2 and "photo.json" in r.err and "not a text file" in r.err


def test_an_item_of_a_stretch_imported_from_elsewhere_is_accepted(cli, tmp_path, monkeypatch):
    from tests.cli.test_import_cli import SAMPLE

    assert cli("catalog", "import", str(SAMPLE)).code == 0
    imported = next(s["id"] for s in cli("catalog", "--json").json() if s["origin"] != "supple")
    log_session(days_ago(2), [(imported, "both", 20.0, 1, False)])
    path = tmp_path / "mine.json"
    assert cli("export", str(path)).code == 0
    monkeypatch.setenv("SUPPLE_HOME", str(tmp_path / "fresh-home"))
    # The stretch comes with the file (user_stretches): known, so the session is taken.
    assert cli("import", str(path), "--json").json()["sessions"] == 1


def test_an_edited_import_file_is_judged_again_from_its_answers(cli, tmp_path, monkeypatch):
    data = _good_export(cli, tmp_path, monkeypatch)
    sc = data["screenings"][0]
    # Someone edits the file: a red flag in the answers, a stored outcome that says clear,
    # and a screen from 2024 that claims to be valid until 2099.
    sc["answers"]["bladder-bowel"] = True
    sc["outcome"] = sc["result"]["outcome"] = "clear"
    sc["taken_at"] = "2024-03-01T08:00:00+00:00"
    sc["screened_on"] = "2024-03-01"
    sc["valid_until"] = sc["result"]["valid_until"] = "2099-01-01"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data))
    r = cli("import", str(edited))
    assert r.code == 0, r.err
    flat = " ".join(r.err.split())
    assert "outcome clear" in flat and "urgent" in flat and "2099-01-01" in flat
    r = cli("plan", "--minutes", "10")
    assert r.code == 3 and "emergency" in r.err.lower()


def _goal_since(day=None):
    """Since when the weekly goal holds in the current home (set to `day` first, if given)."""
    from sqlalchemy import update

    from supple.config import get_settings
    from supple.services.context import close_all, store_for
    from supple.store.tables import ProfileRow

    store = store_for(get_settings())
    try:
        if day is not None:
            with store.engine.begin() as conn:
                conn.execute(update(ProfileRow).values(weekly_goal_since=day))
        return store.profile.goal_since()
    finally:
        close_all()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_since_when_the_weekly_goal_holds_survives_the_round_trip(cli, tmp_path, monkeypatch, fmt):
    from datetime import date

    cli("profile", "set", "--weekly-goal", "3")
    cli("profile", "set", "--weekly-goal", "4")  # a changed goal: counted from its day
    assert _goal_since(date(2026, 9, 14)) == date(2026, 9, 14)
    out = tmp_path / f"export.{fmt}"
    assert cli("export", "--format", fmt, str(out)).code == 0
    if fmt == "json":
        assert json.loads(out.read_text())["goal_since"] == "2026-09-14"
    monkeypatch.setenv("SUPPLE_HOME", str(tmp_path / "other-home"))
    assert cli("import", str(out)).code == 0
    assert _goal_since() == date(2026, 9, 14), "not the day of the import"
