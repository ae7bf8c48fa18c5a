"""What a person does in the browser, as small steps the tests combine."""

from __future__ import annotations

import re
import time
from typing import Any

#: Plays a 10-minute routine in about 6 seconds.
FAST = 0.01


def take_screen(page: Any, yes: tuple[str, ...] = ()) -> None:
    """Answer the safety screen one question at a time: 40 years old, 'no' or 'none' to all
    but the question ids in `yes`, and leave the optional last question blank."""
    page.goto("/screen")
    while True:
        fieldset = page.locator("fieldset.question:visible")
        qid = fieldset.get_attribute("data-qid")
        number = fieldset.locator("input[type=number]")
        if number.count():
            number.fill("40")
        elif fieldset.locator(".optional").count() == 0:
            value = "yes" if qid in yes else None
            radios = fieldset.locator("input[type=radio]")
            target = fieldset.locator(f"input[value={value}]") if value else radios.nth(1)
            if not value and radios.count() > 2:  # a choice: the first option is "none"
                target = radios.nth(0)
            target.check()
        if page.locator("#q-next").is_visible():
            page.click("#q-next")
        else:
            page.click("#screen-submit")
            break
    page.wait_for_url(re.compile(r"/screen/result"))


def make_plan(page: Any, minutes: int = 10, warm: bool = False) -> None:
    """Plan from the form; `warm` says "I am already warm", so there is no 5-minute warm-up."""
    page.goto("/plan")
    page.fill("input[name=minutes]", str(minutes))
    if warm:
        page.check("input[name=warm]")
    page.click("text=Make my plan")
    page.wait_for_selector("#routine-h")


def start_session(page: Any, scale: float = FAST) -> None:
    """From a plan page: open the player at a fast time scale and press Start."""
    page.goto(page.url + f"&scale={scale}")
    page.click("#start-session")
    page.wait_for_url(re.compile(r"/session\?id="))
    page.click("#btn-start")
    page.wait_for_selector("#player:not([hidden])")


def run_to_end(page: Any, rating: int = 3, timeout: float = 90) -> int:
    """Rate each stretch as the player asks, until the session is over and the player says it
    is saved (every event and the finish reached the server); returns how many ratings were
    given."""
    given = 0
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if page.locator("#rating").is_visible():
            page.click(f"#rating-buttons [data-rate='{rating}']")
            given += 1
            continue
        if page.locator("#player-done").is_visible():
            page.locator("#player-done[data-saved='true']").wait_for(timeout=30_000)
            assert "saved in your history" in page.locator("#done-text").inner_text()
            return given
        page.wait_for_timeout(50)
    raise AssertionError("the session did not end in time")


def wait_for_hold(page: Any) -> None:
    """Until a stretch is held: a static hold, or the breaths of a dynamic move (a short plan
    may hold only movements, or its one static stretch last)."""
    page.wait_for_function(
        "() => /^(Hold|Breathe in|Breathe out)/.test("
        "document.getElementById('now-side').textContent)",
        timeout=30_000,
    )
