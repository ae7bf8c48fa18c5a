"""`supple catalog import`: open exercise data into the user's catalog, idempotently."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.factories import screened

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "free-exercise-db-sample.json"


def test_import_adds_entries_shown_with_origin_and_reimport_changes_nothing(cli):
    r = cli("catalog", "import", str(SAMPLE), "--json")
    assert r.code == 0, r.err
    report = r.json()
    assert report["changed"], "the sample holds importable stretches"
    listed = {s["id"]: s for s in cli("catalog", "--json").json()}
    for sid in report["changed"]:
        assert listed[sid]["origin"].startswith("free-exercise-db:")
        assert listed[sid]["inferred"]
    assert "cat-cow" in listed  # the shipped catalog is still there
    shown = cli("catalog", "show", report["changed"][0])
    assert shown.code == 0 and "Imported from" in shown.out
    again = cli("catalog", "import", str(SAMPLE), "--json").json()
    assert again["changed"] == []
    assert len(cli("catalog", "--json").json()) == len(listed)


def test_malformed_file_exits_2_naming_entry_and_field_and_imports_nothing(cli, tmp_path):
    entries = json.loads(SAMPLE.read_text())
    del entries[1]["name"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(entries))
    r = cli("catalog", "import", str(bad))
    assert r.code == 2
    assert "entry 1" in r.err and "name" in r.err
    assert all(s["origin"] == "supple" for s in cli("catalog", "--json").json())


def test_not_json_and_missing_file_exit_2(cli, tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("{not json")
    assert cli("catalog", "import", str(bad)).code == 2
    r = cli("catalog", "import", str(tmp_path / "missing.json"))
    assert r.code == 2 and "missing.json" in r.err


def test_position_less_entry_is_stored_incomplete_and_completed_with_catalog_set(cli):
    screened(cli)
    r = cli("catalog", "import", str(SAMPLE))
    assert r.code == 0 and "supple catalog set fedb-standing-pelvic-tilt" in r.out
    listed = cli("catalog", "incomplete", "--json").json()
    # Imported entries have no pose figure either (they show a neutral placeholder).
    assert {e["id"]: e["missing"] for e in listed}["fedb-standing-pelvic-tilt"] == [
        "places",
        "position",
        "figure",
    ]
    assert all(e["missing"] == ["figure"] for e in listed if e["id"] != "fedb-standing-pelvic-tilt")
    shown = cli("catalog", "show", "fedb-standing-pelvic-tilt")
    assert "incomplete: set places, position" in " ".join(shown.out.split())
    plan = cli("plan", "--minutes", "20", "--place", "standing,floor", "--json").json()
    assert plan_kinds(plan)["fedb-standing-pelvic-tilt"] == "incomplete"
    # Both fields are needed; a shipped stretch cannot be changed.
    r = cli("catalog", "set", "fedb-standing-pelvic-tilt", "--place", "standing")
    assert r.code == 2 and "--position" in r.err
    r = cli("catalog", "set", "cat-cow", "--place", "floor")
    assert r.code == 2 and "Cat-cow comes with supple and cannot be changed" in r.err
    r = cli(
        "catalog", "set", "fedb-standing-pelvic-tilt", "--place", "standing", "--position", "stand"
    )
    assert r.code == 2 and "standing" in r.err
    r = cli(
        "catalog",
        "set",
        "fedb-standing-pelvic-tilt",
        "--place",
        "standing",
        "--position",
        "standing",
        "--sides",
        "both",
        "--json",
    )
    assert r.code == 0, r.err
    done = r.json()
    assert (done["places"], done["position"], done["sides"]) == (["standing"], "standing", "both")
    assert "position" not in done["inferred"] and "incomplete" not in done["origin"]
    assert all(e["missing"] == ["figure"] for e in cli("catalog", "incomplete", "--json").json())
    # Re-importing the file keeps what the user set.
    assert cli("catalog", "import", str(SAMPLE), "--json").json()["changed"] == []
    assert cli("catalog", "show", "fedb-standing-pelvic-tilt", "--json").json() == done


def test_twins_show_the_shipped_movement_in_their_origin(cli):
    cli("catalog", "import", str(SAMPLE))
    shown = cli("catalog", "show", "fedb-childs-pose")
    assert "same movement as childs-pose" in " ".join(shown.out.split())
    entry = cli("catalog", "show", "fedb-cat-stretch", "--json").json()
    assert entry["origin"].endswith("(same movement as cat-cow)")


def plan_kinds(plan: dict) -> dict[str, str]:
    return {e["id"]: e["kind"] for e in plan["excluded"]}
