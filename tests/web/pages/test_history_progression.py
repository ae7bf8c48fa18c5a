"""The history page: levels over time, the pain check buttons and the goal offer."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

from supple.services.context import store_for
from tests.web.conftest import clear_answers, form_post


def _log(settings, days_ago: int, stretch: str, rating: int | None, pain: bool = False) -> None:
    store = store_for(settings)
    when = datetime.now(UTC).replace(hour=9, minute=0) - timedelta(days=days_ago)
    sid = store.sessions.start({"steps": []}, started_at=when)
    store.sessions.add_item(
        sid, stretch, "both", 20, 20, discomfort=rating, pain=pain, recorded_at=when
    )
    store.sessions.finish(sid, "completed", ended_at=when + timedelta(minutes=5))


def test_levels_show_as_a_chart_and_a_table_in_words(client, web_settings):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    for k in range(28, 0, -2):
        _log(web_settings, k, "supine-figure-four", 1)
    page = client.get("/history").text
    section = page.split('id="levels"', 1)[1].split("</section>", 1)[0]
    assert "<svg" in section and 'aria-label="Supine figure-four (piriformis): level' in section
    assert "<script" not in section and "style=" not in section  # CSP-safe inline SVG
    row = re.search(r"<table class=\"levels\">.*?</table>", section, re.S).group(0)
    assert "Supine figure-four (piriformis)" in html.unescape(row)
    assert "s holds, up to" in row and "sessions at discomfort 1 or less since" in row
    assert "supine-figure-four" not in re.sub(r'id="[^"]*"', "", row)  # names, not ids
    # Four weeks at 3-4 sessions: one more day is offered, and taken only with the button.
    offer = page.split('id="goal-offer"', 1)[1].split("</section>", 1)[0]
    assert "Make my goal 4 sessions a week" in offer
    assert client.get("/api/v1/profile").json()["weekly_goal"] == 3
    r = form_post(client, "/history/accept-goal", {})
    assert r.status_code == 303 and r.headers["location"] == "/history?done=goal"
    assert "Your weekly goal is now 4 sessions." in client.get("/history?done=goal").text


def test_a_stretch_out_after_pain_is_marked_checked_with_a_button(client, web_settings):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    _log(web_settings, 2, "childs-pose", 5, pain=True)
    client.write("POST", "/api/v1/screening", json=clear_answers())
    plan = client.get("/plan?minutes=12&places=floor").text
    assert 'href="/history#pain-checks"' in plan
    page = client.get("/history").text
    section = page.split('id="pain-checks"', 1)[1].split("</section>", 1)[0]
    assert "Child&#39;s pose" in section or "Child's pose" in section
    assert 'value="professional"' in section and 'value="settled"' in section
    r = form_post(client, "/history/pain-checked", {"stretch": "childs-pose", "reason": "settled"})
    assert r.status_code == 303, r.text
    after = client.get("/history?done=checked").text
    assert 'id="pain-checks"' not in after and "Marked checked." in after
    again = form_post(
        client, "/history/pain-checked", {"stretch": "childs-pose", "reason": "settled"}
    )
    assert again.status_code == 409 and 'id="action-error"' in again.text
    assert "no sharp-pain report waiting" in again.text


def test_on_the_day_of_the_pain_the_page_says_from_tomorrow(client, web_settings):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    _log(web_settings, 0, "childs-pose", None, pain=True)
    page = client.get("/history").text
    section = page.split('id="pain-checks"', 1)[1].split("</section>", 1)[0]
    assert "It can be marked checked from tomorrow." in section and "<form" not in section
