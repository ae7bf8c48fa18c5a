"""In Chromium: the player's own `new Audio(...)` gets the cue; a page of another site (or
another port of the same machine) asking this server for one gets 403."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from supple.web import audio

pytestmark = pytest.mark.skipif(audio.espeak_path() is None, reason="espeak-ng is not installed")

_PLAY = """async (url) => {
  const a = new Audio(url);
  return await new Promise((done) => {
    a.addEventListener("loadedmetadata", () => done("loaded"));
    a.addEventListener("error", () => done("error"));
    a.load();
  });
}"""


class _Elsewhere(BaseHTTPRequestHandler):
    """Another web site's page: plain HTML, no CSP of ours to stop its requests."""

    def do_GET(self) -> None:
        body = b"<!doctype html><title>elsewhere</title><p>another site</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def _other_site() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Elsewhere)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(httpd.server_address[1])
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_own_page_plays_the_cue_and_another_site_is_refused(
    browser: Any, server: str, tmp_path: Path
) -> None:
    statuses: dict[str, int] = {}
    context = browser.new_context()
    page = context.new_page()
    failed: dict[str, str] = {}
    page.on("response", lambda r: statuses.__setitem__(r.url, r.status))
    page.on("requestfailed", lambda r: failed.__setitem__(r.url, str(r.failure)))

    home = tmp_path / "supple-home"
    page.goto(server + "/settings")
    own = server + "/audio/cue.wav?text=Breathe%20in."
    assert page.evaluate(_PLAY, own) == "loaded"
    assert statuses[own] in (200, 206)  # a media element asks for a range

    with _other_site() as port:
        # localhost is another site than 127.0.0.1; another port of 127.0.0.1 is the same site
        # but another origin. Both are pages the browser may let reach a loopback server.
        for page_url, site in (
            (f"http://localhost:{port}/", "cross-site"),
            (f"http://127.0.0.1:{port}/", "same-site"),
        ):
            page.goto(page_url)
            text = f"Fill the disk from {site}."
            foreign = server + "/audio/cue.wav?text=" + text.replace(" ", "%20")
            assert page.evaluate(_PLAY, foreign) == "error"
            # The 403 (a JSON body) reached the browser, which then kept it from the page as a
            # cross-origin non-audio response; a WAV would have played (and been stored).
            assert "ERR_BLOCKED_BY_ORB" in failed[foreign], failed
            assert not audio.cache_file(home / "audio", text).exists(), site
    assert [p.name for p in (home / "audio").glob("*.wav")] == [
        audio.cache_file(home / "audio", "Breathe in.").name
    ], "only our own cue was stored"
    context.close()
