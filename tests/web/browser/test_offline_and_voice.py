"""Offline use through the service worker, the pages without JavaScript, and spoken cues."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser.conftest import shot
from tests.web.browser.flows import make_plan, start_session, take_screen
from tests.web.browser.server import running_server


def test_player_reloads_offline_from_the_service_worker(page: Any) -> None:
    take_screen(page)
    make_plan(page, minutes=10, warm=True)
    start_session(page, scale=0.2)
    scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert scope.endswith("/"), scope  # served from the root, so it covers every page
    page.wait_for_function("() => document.getElementById('all-progress').value > 0.05")
    name = page.locator("#now-name").inner_text()
    page.context.set_offline(True)
    page.reload()
    page.wait_for_selector("#player:not([hidden])")
    assert "Welcome back" in page.locator("#state-text").inner_text()
    assert page.locator("#now-name").inner_text() == name
    page.keyboard.press("Space")  # runs offline; events wait in the outbox
    page.wait_for_function("() => JSON.parse(localStorage.getItem('supple.outbox')).length > 0")
    shot(page, "50-offline-player")
    page.context.set_offline(False)
    page.wait_for_function("() => localStorage.getItem('supple.outbox') === '[]'", timeout=20_000)


def test_screen_profile_and_plan_work_without_javascript(browser: Any, server: str) -> None:
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/screen")
    assert page.locator("fieldset.question:visible").count() > 10, "every question at once"
    page.fill("input[name=age]", "67")
    for fieldset in page.locator("fieldset.question").all():
        radios = fieldset.locator("input[type=radio]")
        if radios.count() == 2 and fieldset.locator(".optional").count() == 0:
            radios.nth(1).check()
        elif radios.count() > 2:
            radios.nth(0).check()
    page.click("#screen-submit")
    assert "clear" in page.locator("h1").inner_text()
    page.goto("/profile")
    page.check("input[name=places][value=chair]")
    page.fill("input[name=weekly_goal]", "4")
    page.click("text=Save profile")
    assert page.locator("text=Profile saved.").count() == 1
    assert page.locator("input[name=age]").input_value() == "67", "the screen saved the age"
    page.goto("/plan?minutes=12&places=floor&places=chair&context=after")
    assert page.locator("#routine-h").count() == 1
    assert page.locator(".why").count() >= 1
    page.goto("/")
    assert "of 4 sessions" in page.locator(".big-stat").inner_text()
    context.close()


def test_a_missing_answer_is_named_and_the_form_keeps_the_others(browser: Any, server: str) -> None:
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/screen")
    page.fill("input[name=age]", "40")
    page.click("#screen-submit")
    errors = page.locator("#form-errors")
    assert "bladder-bowel" in errors.inner_text()
    assert page.locator("input[name=age]").input_value() == "40"
    context.close()


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


@pytest.mark.skipif(not Path("/usr/bin/espeak-ng").exists(), reason="espeak-ng is not installed")
def test_cue_audio_is_rendered_once_and_cached(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with running_server(home) as base:
        status, body = _get(base + "/audio/cue.wav?text=Breathe%20in.")
        assert status == 200 and body[:4] == b"RIFF"
        cached = list((home / "audio").glob("*.wav"))
        assert len(cached) == 1
        again = _get(base + "/audio/cue.wav?text=Breathe%20%20in.")  # same words, same file
        assert again == (200, body)
        assert len(list((home / "audio").glob("*.wav"))) == 1
        # Text that looks like an option is spoken, never parsed as one.
        assert _get(base + "/audio/cue.wav?text=--help")[0] == 200
        status, msg = _get(base + "/audio/cue.wav?text=" + "a" * 301)
        assert status == 422 and b"too long" in msg
        status, body = _get(base + "/settings")
        assert b"espeak-ng on this computer" in body


def test_without_espeak_the_audio_url_is_404_and_settings_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # the server starts without espeak-ng on its PATH
    assert os.environ["PATH"] == str(empty)
    with running_server(tmp_path / "home") as base:
        status, msg = _get(base + "/audio/cue.wav?text=Hello")
        assert status == 404 and b"espeak-ng is not installed" in msg
        status, body = _get(base + "/settings")
        assert b"espeak-ng is not installed" in body
