"""`supple export` / `supple import`: a user's whole data round-trips, without duplicates."""

from __future__ import annotations

import pytest

from tests.cli.factories import days_ago, log_session, screened


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
