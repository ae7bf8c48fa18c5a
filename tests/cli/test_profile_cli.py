"""`supple profile` and `supple profile set`, and what every command does when the database
cannot be used (a clean message naming it and what to do, exit 2, never a traceback)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from supple.services.context import close_all

# --- a database that cannot be used --------------------------------------------------------------


def _no_traceback(r) -> None:
    assert "Traceback" not in r.err and "Traceback" not in r.out


def test_a_database_url_that_is_not_a_url(supple):
    r = supple("profile", env={"SUPPLE_DATABASE_URL": "nonsense"})
    assert r.code == 2, r.err
    _no_traceback(r)
    assert "SUPPLE_DATABASE_URL 'nonsense'" in r.err and "unset SUPPLE_DATABASE_URL" in r.err


def test_a_postgres_server_that_does_not_answer_hides_the_password(supple):
    url = "postgresql+psycopg://me:secret@127.0.0.1:1/supple"
    r = supple("profile", "--json", env={"SUPPLE_DATABASE_URL": url})
    assert r.code == 2, r.err
    _no_traceback(r)
    assert "127.0.0.1:1" in r.err and "secret" not in r.err
    assert "server is running" in r.err
    assert r.out == ""


@pytest.mark.parametrize("args", [["profile"], ["catalog"], ["screen", "--questions"]])
def test_a_data_file_that_is_not_a_database(cli, home: Path, args: list[str]):
    home.mkdir(parents=True)
    (home / "supple.db").write_text("hello\n", encoding="utf-8")
    r = cli(*args)
    if args == ["screen", "--questions"]:  # needs no database at all
        assert r.code == 0
        return
    assert r.code == 2
    assert f"{home / 'supple.db'}" in r.err and "not a database" in r.err
    assert "Move it aside" in r.err
    assert (home / "supple.db").read_text(encoding="utf-8") == "hello\n"  # left alone


def test_a_database_from_a_newer_supple(cli, home: Path):
    assert cli("profile", "set", "--weekly-goal", "4").code == 0
    close_all()
    with sqlite3.connect(home / "supple.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    r = cli("profile")
    assert r.code == 2
    assert "9999_from_the_future" in r.err and f"{home / 'supple.db'}" in r.err
    assert "Upgrade supple" in r.err


@pytest.mark.parametrize("args", [["profile"], ["profile", "set", "--age", "40"], ["learn"]])
def test_home_that_is_a_file(cli, tmp_path: Path, args: list[str]):
    not_a_dir = tmp_path / "notes.txt"
    not_a_dir.write_text("mine", encoding="utf-8")
    r = cli(*args, "--home", str(not_a_dir))
    assert r.code == 2
    assert f"--home {not_a_dir}" in r.err and "not a directory" in r.err
    assert not_a_dir.read_text(encoding="utf-8") == "mine"


def test_supple_home_that_is_a_file_is_named_as_such(supple, tmp_path: Path):
    not_a_dir = tmp_path / "notes.txt"
    not_a_dir.write_text("mine", encoding="utf-8")
    r = supple("screen", "--answers", "x.json", env={"SUPPLE_HOME": str(not_a_dir)})
    assert r.code == 2
    _no_traceback(r)
    assert f"SUPPLE_HOME {not_a_dir}" in r.err


# --- showing and editing -------------------------------------------------------------------------


def test_profile_shows_the_stored_screen(cli):
    from tests.cli.factories import screened

    before = cli("profile", "--json").json()
    assert before["screening"] is None and before["weekly_goal"] == 3
    assert "Safety screen: none yet" in cli("profile").out
    screened(cli, **{"hip-replacement": "anterior", "wrist-problem": True, "age": 70})
    got = cli("profile", "--json").json()
    for field in ("name", "age", "age_band", "places", "weekly_goal", "voice", "timezone"):
        assert field in got
    assert got["age"] == 70 and got["age_band"] == "65-plus"  # the screen's age
    s = got["screening"]
    assert s["outcome"] == "caution" and s["expired"] is False
    assert "deep-lunge-glute-stretch" in s["excluded"]
    assert any(m["id"] == "cat-cow" and m["text"] for m in s["modified"])
    assert s["valid_until"] > s["screened_on"]
    table = cli("profile").out
    assert "Safety screen: caution" in table and s["valid_until"] in table
    assert "Deep lunge glute stretch" in table and "Cat-cow" in table  # by name
    assert "deep-lunge-glute-stretch" not in table


def test_the_screen_alone_does_not_count_as_setting_up_the_profile(cli, home: Path):
    from supple.config import get_settings
    from supple.services.profile import has_profile
    from tests.cli.factories import screened

    settings = get_settings(home)
    screened(cli, age=52)
    assert not has_profile(settings)
    assert "No profile saved yet" in cli("profile").out
    assert cli("profile", "set", "--weekly-goal", "5").code == 0
    assert has_profile(settings)
    screened(cli, age=53)  # a later screen keeps a saved profile's age up to date
    got = cli("profile", "--json").json()
    assert got["age"] == 53 and got["weekly_goal"] == 5


def test_places_are_case_insensitive_and_bad_ones_exit_2(cli):
    r = cli("profile", "set", "--places", "Chair, STANDING, chair", "--json")
    assert r.code == 0, r.err
    assert r.json()["places"] == ["chair", "standing"]
    r = cli("profile", "set", "--places", "kitchen,floor")
    assert r.code == 2
    assert '"kitchen" is not a place; use floor, chair, standing' in r.err
    assert cli("profile", "set", "--places", " , ").code == 2


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--age", "3"], "--age 3"),
        (["--age", "121"], "--age 121"),
        (["--weekly-goal", "0"], "--weekly-goal 0"),
        (["--weekly-goal", "15"], "--weekly-goal 15"),
        (["--timezone", "Mars/Olympus"], "--timezone 'Mars/Olympus'"),
        ([], "nothing to change"),
    ],
)
def test_profile_set_refuses_bad_values_and_changes_nothing(cli, args: list[str], named: str):
    r = cli("profile", "set", *args)
    assert r.code == 2
    assert named in r.err
    assert cli("profile", "--json").json()["weekly_goal"] == 3


def test_home_given_before_the_command_works_like_after_it(cli, tmp_path: Path):
    """`supple --home DIR COMMAND` and `supple COMMAND --home DIR` use the same data."""
    first, second = tmp_path / "first", tmp_path / "second"
    assert cli("--home", str(first), "profile", "set", "--age", "44").code == 0
    assert cli("profile", "--json", "--home", str(first)).json()["age"] == 44
    # The command's own --home wins over the one before it.
    r = cli("--home", str(first), "profile", "--json", "--home", str(second))
    assert r.json()["age"] != 44


def test_a_name_past_the_limit_is_refused_and_nothing_changes(cli):
    assert cli("profile", "set", "--name", "Ann").code == 0
    r = cli("profile", "set", "--name", "x" * 500)
    assert r.code == 2 and "--name can be at most 80 characters" in r.err
    assert cli("profile", "--json").json()["name"] == "Ann"
