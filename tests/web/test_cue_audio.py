"""The cue audio: only the app's own pages may ask for it, and its cache on disk is bounded."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from supple.web import audio
from tests.web.conftest import ApiClient, api_client

needs_espeak = pytest.mark.skipif(audio.espeak_path() is None, reason="espeak-ng is not installed")


@pytest.fixture
def app_client(settings_only) -> Iterator[ApiClient]:
    from supple.web.app import create_app

    with api_client(create_app(settings_only)) as c:
        yield c


def _cached(home: Path) -> list[Path]:
    return sorted((home / "audio").glob("*.wav")) if (home / "audio").exists() else []


@pytest.mark.parametrize(
    "headers, field",
    [
        ({"Sec-Fetch-Site": "cross-site"}, "Sec-Fetch-Site"),
        ({"Sec-Fetch-Site": "same-site"}, "Sec-Fetch-Site"),
        ({"Origin": "http://evil.example"}, "Origin"),
        ({"Origin": "http://127.0.0.1:9999"}, "Origin"),  # another port is another origin
        ({"Origin": "null"}, "Origin"),
        ({"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost:8000"}, "Origin"),
    ],
)
def test_another_sites_page_cannot_ask_for_a_cue(
    app_client: ApiClient, settings_only, headers: dict[str, str], field: str
) -> None:
    r = app_client.get("/audio/cue.wav", params={"text": "Fill the disk 1"}, headers=headers)
    assert r.status_code == 403
    body = r.json()
    assert set(body) == {"code", "field", "message", "params"}
    assert body["code"] == "http.cross-site" and body["field"] == field
    assert "session page" in body["message"]
    assert r.headers["content-security-policy"]  # the usual security headers too
    assert _cached(settings_only.home) == [], "nothing rendered or stored"


@needs_espeak
@pytest.mark.parametrize(
    "headers",
    [
        {},  # a plain request (curl, or a browser that sends no fetch metadata)
        {"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Dest": "audio"},  # `new Audio(url)`
        {"Sec-Fetch-Site": "none"},  # typed in the address bar
        {"Origin": "http://127.0.0.1:8000"},  # our own origin
        {"Origin": "https://127.0.0.1:8000"},  # the same, behind a TLS proxy
    ],
)
def test_our_own_pages_and_plain_requests_get_the_cue(
    app_client: ApiClient, settings_only, headers: dict[str, str]
) -> None:
    r = app_client.get("/audio/cue.wav", params={"text": "Breathe out."}, headers=headers)
    assert r.status_code == 200 and r.content[:4] == b"RIFF"
    assert len(_cached(settings_only.home)) == 1


@needs_espeak
def test_the_cache_never_grows_past_its_bounds_and_drops_the_least_recently_used(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "audio"
    first = audio.render_cue(folder, "Keep this one.", max_files=5)
    assert first is not None
    size = first.stat().st_size
    for n in range(20):
        audio.render_cue(folder, f"New text number {n}.", max_files=5)
        # The cue the session keeps using is touched on every hit, so it stays.
        assert audio.render_cue(folder, "Keep this one.", max_files=5) == first
        files = list(folder.glob("*.wav"))
        assert len(files) <= 5
        assert first in files
    assert not list(folder.glob("*.partial")), "no partial files left behind"
    # The oldest new texts went first; the newest are still there.
    assert audio.cache_file(folder, "New text number 19.").exists()
    assert not audio.cache_file(folder, "New text number 0.").exists()

    # A bound on bytes: room for about three files of this size.
    bytes_bound = 3 * size + size // 2
    for n in range(10):
        audio.render_cue(folder, f"Another text {n}.", max_files=100, max_bytes=bytes_bound)
        total = sum(f.stat().st_size for f in folder.glob("*.wav"))
        assert total <= bytes_bound + size  # a longer text may be a little bigger than the first
    assert len(list(folder.glob("*.wav"))) <= 4


@needs_espeak
def test_loading_many_new_texts_through_the_route_keeps_the_cache_bounded(
    app_client: ApiClient, settings_only, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audio, "MAX_CACHE_FILES", 4)
    monkeypatch.setattr(audio, "MAX_CACHE_BYTES", 10 * 1024 * 1024)
    for n in range(12):
        r = app_client.get("/audio/cue.wav", params={"text": f"Cue {n}."})
        assert r.status_code == 200
        assert len(_cached(settings_only.home)) <= 4
    # No partial file is left beside the cached ones.
    assert sorted(os.listdir(settings_only.home / "audio")) == [
        p.name for p in _cached(settings_only.home)
    ]
