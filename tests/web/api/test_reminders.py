"""GET /api/v1/reminders.ics: a calendar file, and bad input naming the parameter."""

from __future__ import annotations


def test_reminders_ics_is_a_calendar_with_a_weekly_event(client):
    from icalendar import Calendar

    client.write("PUT", "/api/v1/profile", json={"weekly_goal": 3, "timezone": "Europe/Berlin"})
    r = client.get("/api/v1/reminders.ics", params={"time": "18:15", "minutes": 12})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/calendar")
    assert "attachment" in r.headers["content-disposition"]
    (event,) = Calendar.from_ical(r.content).walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (18, 15) and str(start.tzinfo) == "Europe/Berlin"
    assert event.decoded("DURATION").total_seconds() == 12 * 60


def test_reminders_bad_input_names_the_parameter(client):
    r = client.get("/api/v1/reminders.ics", params={"days": "mon,funday"})
    assert r.status_code == 422 and r.json()["field"] == "days"
    r = client.get("/api/v1/reminders.ics", params={"time": "25:99"})
    assert r.status_code == 422 and r.json()["field"] == "time"
    r = client.get("/api/v1/reminders.ics", params={"minutes": 0})
    assert r.status_code == 422 and r.json()["field"] == "minutes"
