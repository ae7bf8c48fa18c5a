"""Coach mode in Chromium, on a real `supple serve --multi-user` over PostgreSQL: the coach
invites → the client signs up by the link → takes their own screen → the coach prescribes →
the client runs the session (their screen leaves a stretch out) and reports sharp pain in a
second one → the coach sees adherence and the pain flag."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.web.browser.conftest import Requests, shot, watched_page
from tests.web.browser.flows import run_to_end, take_screen, wait_for_hold
from tests.web.multiuser.conftest import PASSWORD
from tests.web.multiuser.test_scale_out import _free_port, _server

pytestmark = [pytest.mark.postgres, pytest.mark.browser]


@pytest.fixture
def mu_server(tmp_path, postgres_url):
    from supple.config import Settings
    from supple.services.accounts import create_coach
    from supple.services.context import close_all

    try:
        create_coach(
            Settings(home=tmp_path / "h", database_url=postgres_url), "coach@example.org", PASSWORD
        )
    finally:
        close_all()
    port = _free_port()
    with _server(tmp_path / "h", postgres_url, port):
        yield f"http://127.0.0.1:{port}"


def _log_in(page: Any, email: str) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))


def test_invite_sign_up_screen_prescribe_session_and_dashboard(browser, mu_server):
    seen = Requests()
    with (
        watched_page(browser, mu_server, seen, {"width": 1100, "height": 900}, False) as coach,
        watched_page(browser, mu_server, seen, {"width": 390, "height": 844}, True) as client,
    ):
        _log_in(coach, "coach@example.org")
        coach.goto("/coach")
        coach.click("#invite")
        link = coach.locator("#invite-link").inner_text()
        assert coach.locator("#invite-qr svg").count() == 1
        shot(coach, "coach-10-invitation")

        client.goto(link)
        client.fill("#email", "carol@example.org")
        client.fill("#password", PASSWORD)
        client.click("button[type=submit]")
        client.wait_for_url(re.compile(r"/screen"))
        take_screen(client, yes=("osteoporosis",))

        coach.goto("/coach")
        coach.click("text=carol@example.org")
        for sid in ("childs-pose", "supine-figure-four"):
            coach.check(f"input[name=pick][value={sid}]")
        coach.fill("textarea[name=notes]", "Slowly, after your walk.")
        coach.click("#prescribe")
        coach.locator("#prescribed").wait_for()
        assert "Left out by the client's screen: Child" in coach.locator("#left-out").inner_text()
        shot(coach, "coach-20-prescribed")

        client.goto("/routines?scale=0.05")  # slow enough to answer the rating under load
        box = client.locator("#prescribed-routine")
        assert "From your coach" in box.inner_text() and "Slowly" in box.inner_text()
        client.click("#start-prescribed")
        client.wait_for_url(re.compile(r"/session\?id="))
        client.click("#btn-start")
        client.wait_for_selector("#player:not([hidden])")
        assert run_to_end(client, rating=4) >= 1

        client.goto("/routines?scale=0.1")
        client.click("#start-prescribed")
        client.wait_for_url(re.compile(r"/session\?id="))
        client.click("#btn-start")
        wait_for_hold(client)
        client.click("#btn-pain")
        client.locator("#pain-panel").wait_for(state="visible")
        client.keyboard.press("q")
        client.locator("#player-done").wait_for(state="visible")
        client.wait_for_function("() => localStorage.getItem('supple.outbox') === '[]'")

        coach.goto("/coach")
        row = coach.locator("tr.client-row").first
        assert "pain-flag" in (row.get_attribute("class") or "")
        text = row.inner_text()
        assert "1 sharp-pain report" in text and "1 of 12" in text, text
        shot(coach, "coach-30-dashboard")
        coach.set_viewport_size({"width": 390, "height": 844})  # the coach on a phone
        shot(coach, "coach-31-dashboard-phone")
        assert coach.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scroll"
        wide = coach.evaluate(
            "(() => { const r = document.querySelector('.table-scroll');"
            " return r.scrollWidth > r.clientWidth; })()"
        )
        assert not wide, "a card per client on a phone, not a table to scroll sideways"
        labels = coach.evaluate(
            "[...document.querySelectorAll('tr.client-row td')]"
            ".map(td => getComputedStyle(td, '::before').content)"
        )
        assert any("Sessions done / prescribed" in x for x in labels), labels  # under its name
        coach.set_viewport_size({"width": 1280, "height": 900})
        coach.goto(coach.url)  # the handout prints
        coach.click("text=carol@example.org")
        coach.click("#handout-link")
        coach.emulate_media(media="print")
        assert not coach.locator("header.site").is_visible()
        assert coach.locator(".handout-stretch svg").count() >= 1
        shot(coach, "coach-40-handout-print")
