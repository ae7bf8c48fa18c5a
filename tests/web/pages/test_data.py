"""The data page: export, then import the file back, with what was added and skipped."""

from __future__ import annotations

import re

from tests.web.conftest import clear_answers, form_post


def _import(client, name: str, content: bytes):
    return client.post(
        "/data/import", data={"csrf_token": client.csrf}, files={"file": (name, content)}
    )


def _report(page: str) -> dict[str, tuple[int, int, int]]:
    rows = re.findall(
        r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td></tr>', page
    )
    return {what: (int(a), int(b), int(c)) for what, a, b, c in rows}


def test_export_then_import_round_trip_says_what_was_added_and_skipped(client, tmp_path):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    form_post(client, "/plan/save", {"plan": "minutes=8&places=floor", "name": "Morning"})
    assert 'href="/api/v1/export?format=csv"' in client.get("/data").text
    for fmt in ("json", "csv"):
        exported = client.get(f"/api/v1/export?format={fmt}")
        assert exported.status_code == 200
        r = _import(client, f"mine.{fmt}", exported.content)
        assert r.status_code == 200, r.text
        report = _report(r.text)
        assert report["Saved routines"] == (1, 0, 1), report  # already here: skipped
        assert report["Safety screens"] == (1, 0, 1)
        assert "Imported mine." in r.text


def test_an_import_into_an_empty_home_adds_everything(client, web_settings, tmp_path):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    form_post(client, "/plan/save", {"plan": "minutes=8&places=floor", "name": "Morning"})
    exported = client.get("/api/v1/export?format=json").content
    client.delete("/api/v1/routines/Morning", headers={"X-Supple-CSRF": client.csrf})
    r = _import(client, "backup.json", exported)
    assert _report(r.text)["Saved routines"] == (1, 1, 0)
    assert client.get("/api/v1/routines/Morning").status_code == 200


def test_a_bad_file_is_explained_by_the_file_field_and_changes_nothing(client):
    for name, content, words in [
        ("notes.txt", b"hello", "not a supple"),
        ("broken.json", b'{"format": "supple-export", ', "not valid JSON"),
        ("photo.jpg", b"\xff\xd8\xff", "not a text file"),
    ]:
        r = _import(client, name, content)
        assert r.status_code == 422, name
        error = re.search(r'<span class="field-error" id="err-file">([^<]*)</span>', r.text)
        assert error and words in error.group(1) and name in error.group(1), (name, error)
        assert "/tmp" not in error.group(1)
    empty = client.post("/data/import", data={"csrf_token": client.csrf})
    assert empty.status_code == 422 and "Choose a file" in empty.text
    refused = client.post(
        "/data/import", data={"csrf_token": "nope"}, files={"file": ("a.json", b"{}")}
    )
    assert refused.status_code == 403
