"""Page weight of the session player on a first visit: every byte transferred (HTML, CSS, JS,
icons, the session's timeline JSON), without cue audio. Target (issue #5): under 150 KB.

Starts the real app under uvicorn on a free loopback port with a temporary SUPPLE_HOME, takes
the screen and starts a session through the API, then loads /session?id=... in Debian Chromium.
"""

from __future__ import annotations

import json
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"


def _post(base: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    # No cookie at all: local mode accepts any non-empty CSRF header from such a client (curl).
    req = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "X-Supple-CSRF": "bench"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        data: dict[str, Any] = json.loads(resp.read())
        return data


def _clear_answers() -> dict[str, object]:
    from supple.services.screening import questions

    answers: dict[str, object] = {}
    for q in questions():
        if not q.required:
            continue
        answers[q.id] = {"yes-no": False, "number": 40}.get(
            q.kind, q.options[0] if q.options else ""
        )
    return answers


def run() -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        return {"skipped": f"{CHROMIUM} is missing (apt install chromium)"}
    from playwright.sync_api import sync_playwright
    from tests.web.browser.server import CHROMIUM_ARGS, running_server
    from tests.web.browser.weight import page_weight

    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp) / "home") as base:
        _post(base, "/api/v1/screening", _clear_answers())
        session = _post(base, "/api/v1/sessions", {"options": {"minutes": 10}})
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                weight = page_weight(browser, f"{base}/session?id={session['id']}")
            finally:
                browser.close()
    weight["url"] = "/session?id=<new session>"
    weight["total_kb"] = round(weight["total_bytes"] / 1024, 1)
    return {"player_first_visit": weight}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
