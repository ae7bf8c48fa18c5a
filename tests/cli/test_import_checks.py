"""`supple import` checks a file as the API checks a request (one set of models and bounds):
impossible values are refused naming the entry, the field and (CSV) the line, and nothing
is written."""

from __future__ import annotations

import csv
import io
import json

import pytest

from supple.config import Settings
from tests.cli.factories import NOTHING_STORED, days_ago, log_session, screened
from tests.cli.test_transfer_cli import _good_export, _set

EMPTY = NOTHING_STORED

IMPOSSIBLE = [
    # (where, new value, what the message must name)
    ("sessions.0.items.0.held_seconds", 1e308, ["sessions[0]", "items[0].held_seconds"]),
    ("sessions.0.items.0.planned_seconds", True, ["items[0].planned_seconds", "True"]),
    ("sessions.0.items.0.discomfort", True, ["items[0].discomfort", "True"]),
    ("sessions.0.items.0.pain", 1, ["items[0].pain"]),
    ("sessions.0.ended_at", "2000-01-01T00:00:00+00:00", ["sessions[0]", "ended_at"]),
    ("routines.0.name", "x" * 5_000_000, ["routines[0]", "name", "5000000 characters"]),
    ("routines.0.name", "desk\x00", ["routines[0]", "name", "NUL"]),
    ("routines.0.name", "a" * 81, ["routines[0]", "name", "80 characters"]),
    ("routines.0.name", "morning/evening", ["routines[0]", "name"]),
    ("profile.name", "Ann\x00", ["profile", "name", "NUL"]),
    ("sessions.1.routine.steps", ["\x00"], ["sessions[1]", "routine.steps[0]", "NUL"]),
    ("sessions.0.events", [{"seq": 1, "t": 1e308, "event": "x"}], ["events[0].t"]),
]


def _empty_after(cli, tmp_path) -> None:
    assert cli("export", str(tmp_path / "after.json"), "--json").json() == EMPTY


@pytest.mark.parametrize(("where", "value", "named"), IMPOSSIBLE, ids=[b[0] for b in IMPOSSIBLE])
def test_an_impossible_value_is_refused_naming_the_field_and_nothing_is_written(
    cli, tmp_path, monkeypatch, where, value, named
):
    data = _good_export(cli, tmp_path, monkeypatch)
    if where.startswith("profile"):
        data["profile"] = {"name": ""}
    _set(data, where, value)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    r = cli("import", str(bad))
    assert r.code == 2, (r.out, r.err[:500])
    assert "Traceback" not in r.err and "bad.json" in r.err
    assert len(r.err) < 2000, "the message quotes a short prefix of a bad value, not all of it"
    flat = " ".join(r.err.split())
    for part in named:
        assert part in flat, (part, flat)
    _empty_after(cli, tmp_path)


def _unplayable(data: dict) -> None:
    for step in data["routines"][0]["routine"]["steps"]:
        step["seconds"] = 0
        if step.get("hold_seconds") is not None:
            step["hold_seconds"] = 0
    data["routines"][0]["routine"]["total_seconds"] = 0


def _no_stretch(data: dict) -> None:
    data["routines"][0]["routine"]["steps"] = []


@pytest.mark.parametrize("breakage", [_unplayable, _no_stretch])
def test_a_routine_that_cannot_be_played_is_refused(cli, tmp_path, monkeypatch, breakage):
    data = _good_export(cli, tmp_path, monkeypatch)
    breakage(data)
    bad = tmp_path / "zero.json"
    bad.write_text(json.dumps(data))
    r = cli("import", str(bad))
    assert r.code == 2, r.err
    flat = " ".join(r.err.split())
    assert "routines[0]" in flat and "cannot be played" in flat and "('desk')" in flat
    _empty_after(cli, tmp_path)


def _csv_export(cli, tmp_path, monkeypatch) -> list[list[str]]:
    log_session(days_ago(3), [("cat-cow", "both", 41.5, 2, False)])
    log_session(days_ago(1), [("childs-pose", "both", 25.0, 5, False)], status="stopped")
    screened(cli)
    path = tmp_path / "good.csv"
    assert cli("export", "--format", "csv", str(path)).code == 0
    monkeypatch.setenv("SUPPLE_HOME", str(tmp_path / "fresh-home"))
    return list(csv.reader(io.StringIO(path.read_text(), newline="")))


def _write_csv(path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path.write_text(buf.getvalue())


@pytest.mark.parametrize(
    ("column", "value", "named"),
    [
        ("held_seconds", "1e308", ["held_seconds", "line {line}"]),
        ("held_seconds", "nan", ["held_seconds", "line {line}"]),
        ("discomfort", "true", ["discomfort", "line {line}"]),
        ("stretch_id", "cat\x00cow", ["NUL", "line {line}"]),
        ("side", "up", ["side", "line {line}"]),
    ],
)
def test_a_csv_file_names_the_line_of_the_bad_value(
    cli, tmp_path, monkeypatch, column, value, named
):
    rows = _csv_export(cli, tmp_path, monkeypatch)
    header = rows[0]
    line = next(n for n, row in enumerate(rows, start=1) if row[0] == "item")
    rows[line - 1][header.index(column)] = value
    bad = tmp_path / "bad.csv"
    _write_csv(bad, rows)
    r = cli("import", str(bad))
    assert r.code == 2, r.err
    assert "Traceback" not in r.err
    flat = " ".join(r.err.split())
    for part in named:
        assert part.format(line=line) in flat, (part, flat)
    _empty_after(cli, tmp_path)


@pytest.mark.postgres
def test_a_nul_in_a_name_is_refused_on_postgresql(cli, tmp_path, monkeypatch, postgres_url):
    data = _good_export(cli, tmp_path, monkeypatch)
    data["routines"][0]["name"] = "desk\x00"
    data["sessions"][0]["routine"] = {"steps": [], "note": "a\x00b"}
    bad = tmp_path / "nul.json"
    bad.write_text(json.dumps(data))
    monkeypatch.setenv("SUPPLE_DATABASE_URL", postgres_url)
    r = cli("import", str(bad))
    assert r.code == 2 and "Traceback" not in r.err and "NUL" in r.err, r.err
    from supple.services.context import store_for

    assert store_for(Settings(home=tmp_path, database_url=postgres_url)).sessions.history() == []
