"""Browser tests: Debian Chromium driven by Playwright against the real app under uvicorn.

Never `playwright install`: the browser is /usr/bin/chromium from apt. axe-core comes from npm
into a cache outside the repository (SUPPLE_AXE_DIR, default /tmp/supple-axe).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.web.browser.server import CHROMIUM, CHROMIUM_ARGS, running_server

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "browser"
AXE_DIR = Path(os.environ.get("SUPPLE_AXE_DIR", "/tmp/supple-axe"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        uses_browser = {"browser", "page"} & set(getattr(item, "fixturenames", ()))
        if here in Path(str(item.fspath)).parents and uses_browser:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package (apt)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    with running_server(tmp_path / "supple-home") as base:
        yield base


class Requests:
    """Every URL the browser asked for, to check none leaves 127.0.0.1."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def outside(self) -> list[str]:
        return [
            u
            for u in self.urls
            if urlparse(u).scheme not in ("data", "blob") and urlparse(u).hostname != "127.0.0.1"
        ]


@pytest.fixture
def requests_seen() -> Requests:
    return Requests()


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@contextmanager
def watched_page(
    browser: Any, server: str, requests_seen: Requests, viewport: dict[str, int], touch: bool
) -> Iterator[Any]:
    """A page in a fresh context of this size (a touch phone when `touch`); when it closes,
    no JavaScript error or CSP violation happened and no request left 127.0.0.1."""
    context = browser.new_context(
        base_url=server, viewport=viewport, is_mobile=touch, has_touch=touch
    )
    context.on("request", lambda r: requests_seen.urls.append(r.url))
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on(
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    pg.set_default_timeout(15_000)
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not requests_seen.outside(), f"requests left 127.0.0.1: {requests_seen.outside()}"


@pytest.fixture
def page(browser: Any, server: str, requests_seen: Requests) -> Iterator[Any]:
    with watched_page(browser, server, requests_seen, {"width": 1100, "height": 900}, False) as pg:
        yield pg


@pytest.fixture(params=["desktop", "phone"])
def sized_page(
    browser: Any, server: str, requests_seen: Requests, request: pytest.FixtureRequest
) -> Iterator[Any]:
    """The same test at 1280 x 900 (mouse and keys) and 390 x 844 (a touch phone)."""
    phone = request.param == "phone"
    size = PHONE if phone else DESKTOP
    with watched_page(browser, server, requests_seen, size, touch=phone) as pg:
        yield pg


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def axe_script() -> Path:
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if script.exists():
        return script
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is missing, so axe-core cannot be installed for the accessibility scan")
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "install", "--prefix", str(AXE_DIR), "axe-core@4", "--no-audit", "--no-fund"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0 or not script.exists():
        pytest.skip(f"npm could not install axe-core: {done.stderr[-500:]}")
    return script


def axe_problems(page: Any, script: Path) -> list[str]:
    """Serious and critical axe-core violations on the current page, one line each."""
    # Evaluated through the DevTools protocol, not as a <script> tag, so the app's CSP (no inline
    # scripts) stays on while axe runs.
    page.evaluate(script.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
