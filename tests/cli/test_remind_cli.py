"""`supple remind`: the .ics a calendar app imports, parsed back and checked."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from icalendar import Calendar

from supple.services.reminders import default_days, parse_days, parse_time
from tests.cli.factories import screened


def read(path):
    cal = Calendar.from_ical(path.read_bytes())
    (event,) = cal.walk("VEVENT")
    return cal, event


def test_ics_has_weekly_rule_alarm_zone_and_description(cli, tmp_path):
    assert cli("profile", "set", "--timezone", "Europe/Berlin").code == 0
    (tmp_path / "cal").mkdir()
    out = tmp_path / "cal" / "supple.ics"
    r = cli("remind", "--days", "tue,sat", "--time", "18:45", "--minutes", "12", "--ics", str(out))
    assert r.code == 0, r.err
    cal, ev = read(out)
    rule = ev["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU", "SA"]
    start = ev.decoded("DTSTART")
    assert start.time() == time(18, 45) and str(start.tzinfo) == "Europe/Berlin"
    assert start.strftime("%a") in ("Tue", "Sat")
    assert ev.decoded("DURATION") == timedelta(minutes=12)
    (alarm,) = ev.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert "supple start" in str(ev["DESCRIPTION"])
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_default_days_spread_the_weekly_goal(cli, tmp_path):
    assert default_days(3) == ["mon", "wed", "fri"]
    assert default_days(2) == ["mon", "thu"]
    assert default_days(7) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    cli("profile", "set", "--weekly-goal", "2")
    out = tmp_path / "r.ics"
    assert cli("remind", "--ics", str(out)).code == 0
    _, ev = read(out)
    assert ev["RRULE"]["BYDAY"] == ["MO", "TH"]


def test_saved_routine_goes_into_the_description(cli, tmp_path):
    r = cli("remind", "--routine", "nope", "--ics", str(tmp_path / "r.ics"))
    assert r.code == 2 and 'No routine is saved as "nope" (--routine)' in r.err


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--days", "mon,funday"], "funday"),
        (["--days", ""], "--days"),
        (["--time", "25:00"], "25:00"),
        (["--time", "7.30"], "7.30"),
        (["--days", "mondayzzz"], "mondayzzz"),
        (["--days", "mon,tuesdayish"], "tuesdayish"),
        (["--time", "07:+5"], "07:+5"),
        (["--time", "٠٧:٣٠"], "٠٧:٣٠"),  # Arabic-Indic digits
        (["--time", "7:5"], "7:5"),
        (["--minutes", "0"], "--minutes must be a whole number from 1 to 240; 0 is not"),
    ],
)
def test_bad_days_times_and_minutes_exit_2_naming_them(cli, tmp_path, args, needle):
    out = tmp_path / "r.ics"
    r = cli("remind", *args, "--ics", str(out))
    assert r.code == 2
    assert needle in r.err
    assert not out.exists()


def test_a_missing_folder_is_bad_input_naming_it_and_nothing_is_created(cli, tmp_path):
    out = tmp_path / "no-such-folder" / "r.ics"
    r = cli("remind", "--ics", str(out))
    assert r.code == 2 and "no-such-folder does not exist" in r.err
    assert not out.parent.exists()


def test_the_calendar_file_replaces_an_old_one_whole_and_follows_a_link(cli, tmp_path):
    real = tmp_path / "real.ics"
    real.write_text("old")
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    assert cli("remind", "--ics", str(link)).code == 0
    assert link.is_symlink() and real.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_a_device_or_folder_is_refused_as_the_calendar_file(cli, tmp_path):
    r = cli("remind", "--ics", str(tmp_path))
    assert r.code == 2 and "is not a regular file" in r.err


def test_full_day_names_and_short_hours_are_fine():
    assert parse_days("Monday, wed,FRIDAY") == ["mon", "wed", "fri"]
    assert parse_time("7:05") == time(7, 5) and parse_time("23:59") == time(23, 59)


def test_a_saved_routine_sets_the_length_the_quoted_command_and_a_stable_uid(cli, tmp_path):
    screened(cli)
    assert cli("plan", "--minutes", "4", "--warm", "--save", "desk & chair").code == 0
    routine = cli("routine", "show", "desk & chair", "--json").json()
    routine = routine.get("routine", routine)
    length = -(-routine["total_seconds"] // 60)
    out = tmp_path / "r.ics"
    args = ["remind", "--routine", "desk & chair", "--ics", str(out)]
    assert cli(*args, "--days", "mon,wed").code == 0
    _, ev = read(out)
    assert f"{length} min" in str(ev["SUMMARY"]) and "12 min" not in str(ev["SUMMARY"])
    assert ev.decoded("DURATION") == timedelta(minutes=length)
    assert "supple start --routine 'desk & chair'" in str(ev["DESCRIPTION"])
    uid = str(ev["UID"])
    # Other days and time: the same reminder, so a calendar updates it rather than adding one.
    assert cli(*args, "--days", "tue", "--time", "18:00").code == 0
    assert str(read(out)[1]["UID"]) == uid
    assert cli("remind", "--ics", str(out)).code == 0
    assert str(read(out)[1]["UID"]) != uid  # another routine (the plain one): another event
    r = cli(*args, "--minutes", str(length + 5))
    assert (
        r.code == 2
        and f"takes {length} minutes, not {length + 5}" in r.err
        and "--minutes" in r.err
    )


def test_the_time_zone_is_spelled_out_past_2038(cli, tmp_path):
    assert cli("profile", "set", "--timezone", "Europe/Berlin").code == 0
    out = tmp_path / "r.ics"
    assert cli("remind", "--days", "mon", "--ics", str(out)).code == 0
    text = out.read_bytes().decode().replace("\r\n ", "")
    assert "to 2038-01-01" not in text
    assert "RDATE:" in text and "2045" in text  # daylight saving changes beyond 2038
