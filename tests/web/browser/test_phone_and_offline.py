"""At phone width (375 x 740): no page is wider than the screen, and the player keeps the sharp
pain button in view. Offline: pages never visited open from the service worker's cache, and a
page it has no copy of shows the offline page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.browser.conftest import shot
from tests.web.browser.flows import make_plan, run_to_end, start_session, take_screen, wait_for_hold

PHONE = {"width": 375, "height": 740}
PAGES = [
    "/",
    "/screen",
    "/screen/result",
    "/profile",
    "/plan?minutes=10&places=floor",
    "/history",
    "/catalog",
    "/catalog/supine-figure-four",
    "/learn",
    "/settings",
    "/session",
    "/offline",
    "/no-such-page",
]

IN_VIEW = """(id) => {
  const r = document.getElementById(id).getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight
    && r.left >= 0 && r.right <= window.innerWidth;
}"""


@pytest.fixture
def phone(browser: Any, server: str, request: pytest.FixtureRequest) -> Any:
    scheme = getattr(request, "param", "light")
    context = browser.new_context(
        base_url=server, viewport=PHONE, is_mobile=True, has_touch=True, color_scheme=scheme
    )
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


def test_no_page_is_wider_than_a_phone(phone: Any) -> None:
    take_screen(phone)
    make_plan(phone, minutes=8, warm=True)
    start_session(phone)
    run_to_end(phone, rating=4)
    # A second session, so the history has lines as well as single ratings.
    make_plan(phone, minutes=8, warm=True)
    start_session(phone)
    run_to_end(phone, rating=2)
    wide = {}
    for path in PAGES:
        phone.goto(path)
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = width
        shot(phone, "phone" + path.replace("/", "-").split("?")[0])
    assert not wide, f"wider than the phone: {wide}"
    phone.goto("/history")
    assert phone.locator("svg.chart-narrow").is_visible()
    assert not phone.locator("svg.chart-wide").is_visible()
    size = phone.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('svg.chart-narrow .axis text'))"
        ".fontSize) * document.querySelector('svg.chart-narrow').getBoundingClientRect().width"
        " / document.querySelector('svg.chart-narrow').viewBox.baseVal.width"
    )
    assert size >= 11, f"the chart's labels are {size:.1f} px on a phone"


def test_the_player_on_a_phone_keeps_the_pain_button_in_view(phone: Any) -> None:
    take_screen(phone)
    make_plan(phone, minutes=8, warm=True)
    start_session(phone, scale=0.1)
    wait_for_hold(phone)
    assert phone.evaluate(IN_VIEW, "btn-pain"), "sharp pain is reachable without scrolling"
    assert phone.evaluate(IN_VIEW, "btn-pause") and phone.evaluate(IN_VIEW, "btn-skip")
    assert not phone.locator("header.site").is_visible(), "no menu during a session"
    shot(phone, "phone-player-hold")
    phone.click("#btn-pain")
    phone.locator("#pain-panel").wait_for(state="visible")
    assert not phone.locator("#countdown").is_visible(), "no countdown during a pain stop"
    assert not phone.locator("#cue").is_visible()
    assert phone.evaluate(IN_VIEW, "pain-end")
    shot(phone, "phone-player-pain")
    phone.click("#pain-end")
    phone.locator("#player-done").wait_for(state="visible")
    assert phone.locator("header.site").is_visible(), "the menu is back once it is over"


def test_the_ready_screen_says_the_length_in_words(page: Any) -> None:
    take_screen(page)
    make_plan(page, minutes=8, warm=True)
    page.goto(page.url + "&scale=1")
    page.click("#start-session")
    page.locator("#player-start").wait_for(state="visible")
    summary = page.locator("#start-summary").inner_text()
    assert " min " in summary or "minutes" in summary, summary
    assert ":" not in summary.split(".")[0], summary  # "7 min 57 s", never "7:57 minutes"


def test_pages_never_visited_open_offline_and_others_get_the_offline_page(page: Any) -> None:
    page.goto("/")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.wait_for_function(
        "async () => (await caches.keys()).length > 0"
        " && !!(await caches.match('/learn')) && !!(await caches.match('/offline'))"
    )
    page.context.set_offline(True)
    page.goto("/learn")  # never opened: pre-cached at install
    assert page.locator("h1").first.is_visible()
    assert "offline" not in page.locator("h1").first.inner_text().lower()
    page.goto("/catalog/supine-figure-four")  # not pre-cached and never opened
    assert page.locator("h1").inner_text() == "You are offline"
    shot(page, "51-offline-page")
    page.context.set_offline(False)
