"""The reminders page: the chosen days, time and routine in the downloaded calendar."""

from __future__ import annotations

import re

from icalendar import Calendar

from tests.web.conftest import clear_answers, form_post


def test_the_calendar_file_has_the_chosen_days_and_time(client):
    page = client.get("/reminders")
    assert page.status_code == 200 and 'name="days" value="mon" checked' in page.text
    r = client.get(
        "/reminders/supple-reminders.ics",
        params=[("days", "tue"), ("days", "sat"), ("time", "18:45"), ("minutes", "12")],
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    event = next(iter(Calendar.from_ical(r.content).walk("VEVENT")))
    assert event["rrule"]["BYDAY"] == ["TU", "SA"]
    start = event.decoded("dtstart")
    assert (start.hour, start.minute) == (18, 45) and start.weekday() in (1, 5)
    assert event.decoded("duration").total_seconds() == 12 * 60


def test_a_saved_routine_sets_the_reminders_length_and_title(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    form_post(client, "/plan/save", {"plan": "minutes=8&places=floor", "name": "Evening"})
    assert ">Evening (" in client.get("/reminders").text
    r = client.get(
        "/reminders/supple-reminders.ics",
        params={"days": "wed", "time": "07:05", "routine": "Evening", "minutes": ""},
    )
    event = next(iter(Calendar.from_ical(r.content).walk("VEVENT")))
    assert "Evening" in str(event["summary"]) and "Evening" in str(event["description"])


def test_each_problem_is_shown_by_its_field_in_plain_words(client):
    r = client.get("/reminders/supple-reminders.ics", params={"time": "25:00", "minutes": "0"})
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    errors = dict(re.findall(r'<span class="field-error" id="err-(\w+)">([^<]*)</span>', r.text))
    assert set(errors) == {"days", "time", "minutes"}, errors
    assert "Choose at least one day in Days" in errors["days"]
    assert "Time" in errors["time"] and "HH:MM" in errors["time"]
    assert "Minutes" in errors["minutes"] and "240" in errors["minutes"]
    assert not any("--" in e for e in errors.values())
    assert 'value="25:00"' in r.text, "what was typed is kept"
    missing = client.get(
        "/reminders/supple-reminders.ics", params={"days": "mon", "time": "07:00", "routine": "X"}
    )
    assert missing.status_code == 422 and 'id="err-routine"' in missing.text
