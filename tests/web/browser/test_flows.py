"""A person's paths through the app in a real Chromium: first visit to a finished session, the
sharp-pain stop, the urgent screen, a reload in the middle of a session."""

from __future__ import annotations

import re
from typing import Any

from tests.web.browser.conftest import shot
from tests.web.browser.flows import make_plan, run_to_end, start_session, take_screen, wait_for_hold


def test_first_visit_to_a_rated_session_in_history(page: Any) -> None:
    page.goto("/")
    shot(page, "01-home-first-visit")
    page.click("text=Take the safety screen")
    take_screen(page)
    assert "clear" in page.locator("h1").inner_text()
    shot(page, "02-screen-clear")
    page.click("text=Plan a routine")
    make_plan(page, minutes=10)
    shot(page, "03-plan")
    steps = page.locator(".steps .why")
    assert steps.count() >= 2, "every stretch says why it is there"
    start_session(page)
    page.wait_for_function("() => document.getElementById('countdown').textContent !== '--'")
    shot(page, "04-player-running")
    ratings = run_to_end(page, rating=3)
    assert ratings >= 2, "the player asks how each stretch felt"
    assert page.locator("#done-title").inner_text() == "Session complete"
    shot(page, "05-session-done")

    page.click("text=See your history")
    page.wait_for_selector("text=completed")
    first = page.locator(".session").first
    assert "completed" in first.locator("h3").inner_text()
    assert first.locator("td", has_text=re.compile(r"^3$")).count() >= 2, "ratings saved"
    assert page.locator("svg.chart-wide").is_visible(), "the weekly bars"
    # One rated session per stretch: a number in words, not a one-dot line.
    assert page.locator(".single-rating").count() >= 2
    assert (
        page.locator("table.trends tbody tr").count()
        == page.locator(".small-multiples figure").count()
    )
    shot(page, "06-history")
    page.goto("/")
    assert page.locator(".big-stat strong").inner_text() == "1"


def test_sharp_pain_stops_the_stretch_and_asks_for_a_new_screen(page: Any) -> None:
    take_screen(page)
    make_plan(page, minutes=8, warm=True)
    start_session(page, scale=0.1)
    wait_for_hold(page)
    page.keyboard.press("p")
    panel = page.locator("#pain-panel")
    panel.wait_for(state="visible")
    assert "Stop this stretch now" in panel.inner_text()
    shot(page, "10-pain-stop")
    page.keyboard.press("q")
    page.locator("#player-done").wait_for(state="visible")
    assert page.locator("#done-title").inner_text() == "Session ended"
    page.wait_for_function("() => localStorage.getItem('supple.outbox') === '[]'")

    page.goto("/history")
    assert page.locator(".session").first.locator("text=sharp pain").count() == 1
    assert "stopped" in page.locator(".session h3").first.inner_text()
    page.goto("/plan?minutes=10")
    assert "Take the safety screen again" in page.locator("#refusal").inner_text()
    shot(page, "11-plan-after-pain")


def test_urgent_screen_shows_where_to_go_and_no_plan(page: Any) -> None:
    take_screen(page, yes=("bladder-bowel",))
    assert "Get medical care now" in page.locator("h1").inner_text()
    text = page.locator("main").inner_text()
    assert "emergency" in text.lower()
    hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
    assert not any(h and h.startswith("/plan") for h in hrefs), hrefs
    assert page.locator("nav").count() == 0, "nothing else to wander off to"
    shot(page, "20-urgent")
    for path in ("/plan", "/plan?minutes=10", "/session"):
        page.goto(path)  # no plan form or player under the warning: only where to go
        assert page.locator("h1").inner_text() == "Get medical care now", path
        assert page.locator("form, nav, #routine-h, #player").count() == 0, path
        assert "emergency" in page.locator("main").inner_text().lower()


def test_reload_mid_session_resumes_where_it_was(page: Any) -> None:
    take_screen(page)
    make_plan(page, minutes=10)
    start_session(page, scale=0.05)  # 10 minutes in 30 seconds
    page.wait_for_function("() => document.getElementById('all-progress').value > 0.15")
    page.keyboard.press("Space")
    before = page.evaluate("document.getElementById('all-progress').value")
    name = page.locator("#now-name").inner_text()
    session_url = page.url
    page.reload()
    page.wait_for_selector("#player:not([hidden])")
    assert page.url == session_url
    assert "Welcome back" in page.locator("#state-text").inner_text()
    assert page.locator("#now-name").inner_text() == name
    after = page.evaluate("document.getElementById('all-progress').value")
    assert abs(after - before) < 0.02, (before, after)
    shot(page, "30-resumed-paused")
    page.keyboard.press("Space")
    page.wait_for_function(f"() => document.getElementById('all-progress').value > {after + 0.05}")
    run_to_end(page, rating=2)
    page.goto("/history")
    assert "completed" in page.locator(".session h3").first.inner_text()


def test_keyboard_skip_and_back_move_between_stretches(page: Any) -> None:
    take_screen(page)
    make_plan(page, minutes=10, warm=True)
    start_session(page, scale=0.5)
    first = page.locator("#now-name").inner_text()
    page.keyboard.press("n")
    page.wait_for_function(
        f"() => document.getElementById('now-name').textContent !== {first!r}", timeout=5000
    )
    second = page.locator("#now-name").inner_text()
    page.keyboard.press("b")  # within 3 s of the step's start: the stretch before
    page.wait_for_function(
        f"() => document.getElementById('now-name').textContent === {first!r}", timeout=5000
    )
    page.keyboard.press("Space")
    # The button is redrawn on the next animation frame, not inside the key handler.
    page.locator("#btn-pause[aria-pressed='true']").wait_for(timeout=5000)
    assert second != first
    page.keyboard.press("q")
    page.locator("#player-done").wait_for(state="visible")


def test_countdown_is_announced_at_changes_not_every_second(page: Any) -> None:
    take_screen(page)
    make_plan(page, minutes=10)
    start_session(page, scale=1)  # the 5-minute warm-up: 300, 299, ...
    page.evaluate(
        """() => {
        window.announced = 0;
        new MutationObserver(() => window.announced++)
          .observe(document.getElementById('announce'), {childList: true, characterData: true,
                                                         subtree: true});
      }"""
    )
    first = page.locator("#countdown").inner_text()
    minutes, seconds = first.split(":")  # a minute or more reads as m:ss
    assert len(seconds) == 2 and 60 * int(minutes) + int(seconds) > 290
    left = int(page.locator("#countdown").get_attribute("data-seconds"))
    page.wait_for_function(
        f"() => Number(document.getElementById('countdown').dataset.seconds) <= {left - 2}"
    )
    assert page.evaluate("() => window.announced") == 0
    assert "seconds" in page.locator("#announce").inner_text()
    page.keyboard.press("q")
