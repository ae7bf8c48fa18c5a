"""axe-core on every page (light and dark), with no serious or critical violations; and the
player page's weight on a first visit, measured, printed and kept under 150 KB without audio."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.web.browser.conftest import axe_problems, shot
from tests.web.browser.flows import make_plan, start_session, take_screen
from tests.web.browser.weight import page_weight

PAGES = ["/", "/profile", "/plan?minutes=10", "/history", "/catalog", "/learn", "/settings"]


def test_every_page_passes_axe(page: Any, axe_script: Path) -> None:
    found: dict[str, list[str]] = {}

    def scan(label: str) -> None:
        problems = axe_problems(page, axe_script)
        if problems:
            found[label] = problems

    page.goto("/")
    scan("/ (first visit)")
    page.goto("/screen")
    scan("/screen (one question at a time)")
    take_screen(page)
    scan("/screen/result")
    make_plan(page, minutes=10)
    start_session(page, scale=0.2)
    scan("/session (running)")
    page.keyboard.press("Space")
    scan("/session (paused)")
    page.keyboard.press("q")
    page.locator("#player-done").wait_for(state="visible")
    scan("/session (done)")
    page.goto("/catalog/supine-figure-four")
    scan("/catalog/supine-figure-four")
    for path in PAGES:
        page.goto(path)
        scan(path)
    page.emulate_media(color_scheme="dark")
    for path in ["/", "/plan?minutes=10", "/history", "/session"]:
        page.goto(path)
        scan(f"{path} (dark)")
    shot(page, "40-session-dark")
    page.goto("/history")
    shot(page, "41-history-dark")
    take_screen(page, yes=("saddle-numbness",))
    scan("/screen/result (urgent, dark)")
    assert not found, json.dumps(found, indent=2)


def test_player_page_weight_is_measured(page: Any) -> None:
    take_screen(page)
    make_plan(page, minutes=10)
    start_session(page)
    url = page.url
    weight = page_weight(page.context.browser, url)
    print(json.dumps({"player_first_visit": weight}))
    assert weight["requests"] >= 4, "HTML, CSS, app.js and player.js at least"
    assert weight["under_target"], f"{weight['total_bytes']} bytes: more than 150 KB with figures"
