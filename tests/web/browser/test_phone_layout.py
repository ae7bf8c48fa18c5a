"""At 390 x 844 on a touch phone: the rating after a stretch stays in full view above the
controls while the next part counts down, the menu shows every destination without a hidden
scroller, and no keyboard hint is shown. On any screen the live region says each change once,
and the player's "Next" names the next thing to do."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest

from tests.web.browser.conftest import DESKTOP, PHONE, Requests, shot, watched_page
from tests.web.browser.flows import make_plan, start_session, take_screen

#: The element's box inside the window (1 px of rounding allowed).
IN_VIEW = """(el) => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.top >= -1 && r.left >= -1
    && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1;
}"""


@pytest.fixture
def phone(browser: Any, server: str, requests_seen: Requests) -> Any:
    with watched_page(browser, server, requests_seen, PHONE, touch=True) as pg:
        yield pg


def test_the_rating_stays_in_view_above_the_controls_while_the_next_part_runs(
    phone: Any,
) -> None:
    take_screen(phone)
    make_plan(phone, minutes=8, warm=True)
    start_session(phone, scale=0.1)
    rating = phone.locator("#rating")
    rating.wait_for(state="visible", timeout=60_000)
    left = int(phone.locator("#countdown").get_attribute("data-seconds") or 0)
    phone.wait_for_function(
        f"() => Number(document.getElementById('countdown').dataset.seconds) < {left}"
    )
    assert rating.is_visible(), "the question waits for an answer"
    assert rating.evaluate(IN_VIEW), "the whole rating panel is on the screen"
    for n in range(11):
        assert phone.locator(f"[data-rate='{n}']").evaluate(IN_VIEW), n
    rating_bottom = rating.evaluate("(el) => el.getBoundingClientRect().bottom")
    controls_top = phone.locator(".controls").evaluate("(el) => el.getBoundingClientRect().top")
    assert rating_bottom <= controls_top + 1, "nothing covers the rating"
    assert phone.locator("#btn-pain").evaluate(IN_VIEW)
    assert not phone.locator(".keys-hint").is_visible(), "no 'keys 0-9' on a touch screen"
    assert not phone.locator(".controls kbd").first.is_visible()
    shot(phone, "phone-390-rating")
    phone.click("[data-rate='2']")
    phone.click("#btn-quit")
    phone.locator("#player-done").wait_for(state="visible")


def test_the_menu_shows_every_destination_on_a_phone(phone: Any) -> None:
    take_screen(phone)
    for path in ("/", "/plan", "/catalog"):
        phone.goto(path)
        links = phone.locator("header.site nav a")
        assert links.count() >= 9, "the name and eight destinations"
        for i in range(links.count()):
            link = links.nth(i)
            assert link.evaluate(IN_VIEW), f"{path}: {link.inner_text()} is off the screen"
        scrolls = phone.evaluate(
            "() => [...document.querySelectorAll('header.site nav, header.site ul')]"
            ".some(e => e.scrollWidth > e.clientWidth + 1)"
        )
        assert not scrolls, f"{path}: the menu hides links in a scroller"
    shot(phone, "phone-390-menu")


def test_key_hints_show_where_there_are_keys(
    browser: Any, server: str, requests_seen: Requests
) -> None:
    with watched_page(browser, server, requests_seen, DESKTOP, touch=False) as desk:
        take_screen(desk)
        make_plan(desk, minutes=8, warm=True)
        start_session(desk, scale=0.1)
        assert desk.locator(".keys").is_visible()
        desk.locator("#rating").wait_for(state="visible", timeout=60_000)
        assert desk.locator(".keys-hint").is_visible()
        assert desk.locator("#rating").evaluate(IN_VIEW), "in view on a desktop too"
        desk.keyboard.press("q")


#: Every text the live region takes, one entry each time it is set.
WATCH_ANNOUNCE = """() => {
  window.said = [];
  new MutationObserver((records) => records.forEach((r) => {
    if (r.addedNodes.length) window.said.push(r.addedNodes[0].textContent);
  })).observe(document.getElementById('announce'), {childList: true});
}"""


def test_each_change_is_announced_once_and_next_names_what_comes(page: Any) -> None:
    take_screen(page)
    make_plan(page, minutes=8, warm=True)
    page.goto(page.url + "&scale=0.1")
    page.click("#start-session")
    page.locator("#player-start").wait_for(state="visible")
    summary = page.locator("#start-summary").inner_text()
    count = int(summary.split()[0])
    assert summary.startswith(f"{count} stretch " if count == 1 else f"{count} stretches ")
    page.evaluate(WATCH_ANNOUNCE)
    page.click("#btn-start")
    page.evaluate(
        """() => { window.nexts = new Set();
           new MutationObserver(() => window.nexts.add(document.getElementById('next')
             .textContent)).observe(document.getElementById('next'),
             {childList: true, characterData: true, subtree: true}); }"""
    )
    page.locator("#rating").wait_for(state="visible", timeout=60_000)
    page.wait_for_timeout(1500)  # a few more changes while the rating waits
    said = page.evaluate("() => window.said")
    nexts = set(page.evaluate("() => [...window.nexts]"))
    assert said, "changes are announced"
    repeats = [a for a, b in pairwise(said) if a == b]
    assert not repeats, f"said twice in a row: {repeats}"
    rating_prompts = [s for s in said if "Rate how" in s]
    assert len(rating_prompts) == 1, f"the rating question is said once: {said}"
    page.click("[data-rate='1']")
    page.keyboard.press("q")
    page.locator("#player-done").wait_for(state="visible")
    assert nexts, "the next thing is named"
    for text in nexts:
        assert text.startswith("Next: "), text
        rest = text.removeprefix("Next: ")
        assert "both" not in rest and "·" not in rest, text
        assert not rest.startswith(("Hold", "Rest", "Breathe", "Get ready", "Change")), text
