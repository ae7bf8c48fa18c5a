"""An export says how many records it holds and carries a SHA-256 of its body: a file cut
short is refused naming what is missing, and nothing is written; a file that cannot prove it
is whole (older, or edited) is imported with a warning."""

from __future__ import annotations

import json

import pytest

from tests.cli.factories import NOTHING_STORED, days_ago, log_session, screened

EMPTY = NOTHING_STORED


def _export(cli, tmp_path, monkeypatch, fmt: str):
    for day in range(1, 8):
        log_session(days_ago(day), [("cat-cow", "both", 30.0, 2, False)] * 3)
    screened(cli)
    path = tmp_path / f"all.{fmt}"
    assert cli("export", "--format", fmt, str(path)).code == 0
    monkeypatch.setenv("SUPPLE_HOME", str(tmp_path / "fresh-home"))
    return path


def _nothing_written(cli, tmp_path) -> None:
    assert cli("export", str(tmp_path / "after.json"), "--json").json() == EMPTY


def test_a_csv_cut_in_the_middle_is_refused_naming_what_is_missing(cli, tmp_path, monkeypatch):
    path = _export(cli, tmp_path, monkeypatch, "csv")
    lines = path.read_text().splitlines(keepends=True)
    items = sum(1 for line in lines if line.startswith("item,"))
    assert items == 21
    kept = [line for line in lines if not line.startswith("end,")]
    # Cut after 12 of the 21 items, in the middle of the next row.
    cut_after = [n for n, line in enumerate(kept) if line.startswith("item,")][12]
    cut = tmp_path / "cut.csv"
    cut.write_text("".join(kept[:cut_after]) + kept[cut_after][:9])
    r = cli("import", str(cut))
    assert r.code == 2, r.err
    flat = " ".join(r.err.split())
    assert "cut.csv is incomplete" in flat and "5 of the 7 sessions" in flat, flat
    assert "items (12/21)" in flat and "Copy the whole file again" in flat
    assert "Traceback" not in r.err
    _nothing_written(cli, tmp_path)


def test_a_csv_cut_at_a_row_boundary_is_refused_too(cli, tmp_path, monkeypatch):
    path = _export(cli, tmp_path, monkeypatch, "csv")
    lines = path.read_text().splitlines(keepends=True)
    sessions = [n for n, line in enumerate(lines) if line.startswith("session,")]
    cut = tmp_path / "cut.csv"
    cut.write_text("".join(lines[: sessions[4]]))
    r = cli("import", str(cut))
    assert r.code == 2
    flat = " ".join(r.err.split())
    assert "4 of the 7 sessions" in flat and "items (12/21)" in flat, flat
    _nothing_written(cli, tmp_path)


def test_a_json_export_with_sessions_removed_is_refused(cli, tmp_path, monkeypatch):
    path = _export(cli, tmp_path, monkeypatch, "json")
    data = json.loads(path.read_text())
    assert data["counts"]["sessions"] == 7 and data["counts"]["items"] == 21
    assert len(data["sha256"]) == 64
    del data["sessions"][2:]
    cut = tmp_path / "cut.json"
    cut.write_text(json.dumps(data))
    r = cli("import", str(cut))
    assert r.code == 2 and "2 of the 7 sessions" in " ".join(r.err.split()), r.err
    _nothing_written(cli, tmp_path)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_whole_export_imports_without_a_warning(cli, tmp_path, monkeypatch, fmt):
    path = _export(cli, tmp_path, monkeypatch, fmt)
    r = cli("import", str(path))
    assert r.code == 0 and "warning" not in r.err, r.err


def test_an_edited_export_imports_with_a_warning(cli, tmp_path, monkeypatch):
    path = _export(cli, tmp_path, monkeypatch, "json")
    data = json.loads(path.read_text())
    data["sessions"][0]["items"][0]["held_seconds"] = 31.0
    path.write_text(json.dumps(data))
    r = cli("import", str(path), "--json")
    assert r.code == 0 and r.json()["sessions"] == 7
    assert "warning" in r.err and "changed after it was exported" in " ".join(r.err.split())


def test_a_file_from_before_the_counts_imports_with_a_warning(cli, tmp_path, monkeypatch):
    path = _export(cli, tmp_path, monkeypatch, "json")
    data = json.loads(path.read_text())
    data["version"] = 1
    del data["counts"], data["sha256"]
    path.write_text(json.dumps(data))
    r = cli("import", str(path), "--json")
    assert r.code == 0 and r.json()["sessions"] == 7
    assert "cannot tell whether it is complete" in " ".join(r.err.split())


def test_the_api_refuses_a_cut_upload_with_422(tmp_path, monkeypatch):
    from supple.config import get_settings
    from supple.services.transfer import export
    from supple.web.app import create_app
    from tests.web.conftest import api_client

    home = tmp_path / "a"
    monkeypatch.setenv("SUPPLE_HOME", str(home))
    for day in range(1, 4):
        log_session(days_ago(day), [("cat-cow", "both", 30.0, 2, False)])
    out = tmp_path / "x.csv"
    export(get_settings(), "csv", out)
    text = out.read_text()
    cut = text[: text.rindex("session,")]
    with api_client(create_app(get_settings(tmp_path / "b"))) as fresh:
        files = {"file": ("x.csv", cut.encode(), "text/csv")}
        r = fresh.write("POST", "/api/v1/import", files=files)
        assert r.status_code == 422, r.text
        assert r.json()["code"] == "transfer.incomplete"
        assert r.json()["params"]["found"] == 2 and r.json()["params"]["written"] == 3
        ok = fresh.write("POST", "/api/v1/import", files={"file": ("x.csv", text.encode())})
        assert ok.status_code == 200 and ok.json()["sessions"] == 3
        assert ok.json()["warnings"] == []
