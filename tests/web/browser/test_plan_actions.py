"""In Chromium: what the terminal does, on the web. Swap a stretch, another variation, save and
start from the saved list, reminders, export and import, "do this stretch now", and the
stretch's steps in the player during the hold on a phone."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from tests.web.browser.conftest import shot
from tests.web.browser.flows import make_plan, take_screen, wait_for_hold

#: Where the screenshots of these pages go for a person to look at (outside the repository).
SHOTS = Path(os.environ.get("SUPPLE_SHOTS_DIR", "/tmp/supple-shots-feat"))
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}

IN_VIEW = """(el) => {
  const r = el.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight
    && r.left >= 0 && r.right <= window.innerWidth;
}"""


def look(page: Any, name: str) -> None:
    """A screenshot at the page's size, for the artifacts and for a person to look at."""
    shot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=str(SHOTS / f"{name}-{size['width']}.png"), full_page=True)


def stretches(page: Any) -> list[str]:
    return [h.inner_text() for h in page.locator("li.step-stretch h3").all()]


def test_swap_a_stretch_then_another_variation_then_save_and_start_it(page: Any) -> None:
    take_screen(page)
    page.set_viewport_size(WIDE)
    make_plan(page, minutes=12, warm=True)
    first = stretches(page)
    look(page, "plan")
    page.locator("li.step-stretch").first.locator("text=Swap for another stretch").click()
    page.wait_for_selector("#routine-h")
    swapped = stretches(page)
    assert first[0] not in swapped, (first, swapped)
    assert first[0] in page.locator("#put-back").inner_text()
    assert page.locator("input[name=minutes]").input_value() == "12"
    look(page, "plan-swapped")
    page.click("#another-variation")
    page.wait_for_selector("#routine-h")
    assert "seed=" in page.url
    varied = [h.inner_text() for h in page.locator("li.step h3, li.step .dose").all()]
    page.goto(page.url)  # the same address gives the same routine
    assert [h.inner_text() for h in page.locator("li.step h3, li.step .dose").all()] == varied
    page.fill("#routine-name", "Morning")
    page.click("text=Save this routine")
    page.locator("#saved-notice").wait_for()
    assert "Morning" in page.locator("#saved-notice").inner_text()
    saved_stretches = stretches(page)
    page.goto("/routines?scale=0.01")
    look(page, "routines")
    page.click("text=Start Morning")
    page.wait_for_url(re.compile(r"/session\?id="))
    page.click("#btn-start")
    page.wait_for_selector("#player:not([hidden])")
    assert page.locator("#now-name").inner_text() == saved_stretches[0]


def test_reminders_download_is_a_calendar_with_the_chosen_days_and_time(page: Any) -> None:
    page.set_viewport_size(WIDE)
    page.goto("/reminders")
    for day in page.locator("input[name=days]").all():
        day.uncheck()
    page.check("input[name=days][value=thu]")
    page.check("input[name=days][value=sun]")
    page.fill("#rem-time", "19:15")
    look(page, "reminders")
    with page.expect_download() as info:
        page.click("#download-ics")
    event = next(iter(Calendar.from_ical(Path(info.value.path()).read_bytes()).walk("VEVENT")))
    assert event["rrule"]["BYDAY"] == ["TH", "SU"]
    assert event.decoded("dtstart").strftime("%H:%M") == "19:15"
    for day in page.locator("input[name=days]").all():
        day.uncheck()
    page.click("#download-ics")
    assert "Choose at least one day" in page.locator("#err-days").inner_text()
    look(page, "reminders-error")


def test_export_then_import_from_the_web(page: Any, tmp_path: Path) -> None:
    take_screen(page)
    page.set_viewport_size(WIDE)
    page.goto("/data")
    with page.expect_download() as info:
        page.click("#export-json")
    exported = tmp_path / "export.json"
    info.value.save_as(exported)
    page.set_input_files("#import-file", str(exported))
    page.click("#import-submit")
    result = page.locator("#import-result")
    result.wait_for()
    assert re.search(r"Safety screens\s+1\s+0\s+1", result.inner_text()), result.inner_text()
    look(page, "data-imported")
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    page.set_input_files("#import-file", str(bad))
    page.click("#import-submit")
    assert "notes.txt" in page.locator("#err-file").inner_text()
    look(page, "data-error")


def test_do_this_stretch_now_is_refused_without_a_screen_then_plays_only_it(page: Any) -> None:
    page.set_viewport_size(WIDE)
    page.goto("/catalog/supine-figure-four")
    page.click("#do-it-now")
    problem = page.locator("#stretch-now-problem")
    assert "safety screen" in problem.inner_text()
    look(page, "stretch-now-refused")
    take_screen(page)
    page.goto("/catalog/supine-figure-four?scale=0.01")
    look(page, "stretch")
    page.check("#stretch-now input[name=warm]")
    page.click("#do-it-now")
    page.wait_for_url(re.compile(r"/session\?id="))
    page.locator("#player-start").wait_for()
    assert page.locator("#start-summary").inner_text().startswith("1 stretch")
    page.click("#btn-start")
    names = set()
    while not page.locator("#player-done").is_visible():
        if page.locator("#rating").is_visible():
            page.click("#rating-skip")
        name = page.locator("#now-name").inner_text()
        if name:
            names.add(name)
        page.wait_for_timeout(40)
    assert names <= {"Supine figure-four (piriformis)", "Change position"}, names


@pytest.mark.parametrize("size", [PHONE, WIDE], ids=["phone", "wide"])
def test_the_player_shows_the_stretchs_steps_during_the_hold(
    browser: Any, server: str, size: dict[str, int]
) -> None:
    context = browser.new_context(
        base_url=server, viewport=size, is_mobile=size is PHONE, has_touch=size is PHONE
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    take_screen(page)
    make_plan(page, minutes=8, warm=True)
    page.goto(page.url + "&scale=0.2")
    page.click("#start-session")
    page.wait_for_url(re.compile(r"/session\?id="))
    page.click("#btn-start")
    wait_for_hold(page)
    page.click("#btn-pause")
    how = page.locator("#how")
    assert how.is_visible()
    name = page.locator("#now-name").inner_text()
    first_step = page.locator("#how-steps li").first
    assert len(first_step.inner_text()) > 20
    assert page.evaluate(IN_VIEW, how.element_handle()), "the steps are in view"
    for button in ("btn-pain", "btn-pause", "btn-skip"):
        assert page.evaluate(IN_VIEW, page.locator(f"#{button}").element_handle()), button
    look(page, "player-hold")
    page.click("#btn-pain")
    page.locator("#pain-panel").wait_for(state="visible")
    assert not how.is_visible()
    assert "same day" in page.locator("#pain-panel").inner_text()
    look(page, "player-pain")
    assert name
    context.close()


def test_the_new_pages_fit_a_phone(browser: Any, server: str) -> None:
    context = browser.new_context(base_url=server, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    take_screen(page)
    make_plan(page, minutes=12, warm=True)
    page.fill("#routine-name", "Morning")
    page.click("text=Save this routine")
    page.locator("#saved-notice").wait_for()
    look(page, "plan-saved")
    for path, name in [
        ("/routines", "routines"),
        ("/reminders", "reminders"),
        ("/data", "data"),
        ("/catalog/childs-pose", "stretch"),
    ]:
        page.goto(path)
        wide = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
        assert not wide, f"{path} is wider than a phone"
        look(page, name)
    context.close()
