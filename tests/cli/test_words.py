"""Every command's output reads as words for people: no stretch id, rule id or source id in
running text and no `--option` outside a command to type or an error about that option
(`--json` and `--explain` are where ids belong, and are not walked). The same check as the
page walk (tests/words.py)."""

from __future__ import annotations

from supple.data.loader import shipped
from tests.cli.factories import days_ago, log_session, screened
from tests.words import assert_words


def _walk(cli, *args: str) -> None:
    """What a command prints; an error (stderr) may name the command's own `--options`, as
    the terminal's wording of a problem does, but no ids either."""
    r = cli(*args)
    where = "supple " + " ".join(args)
    assert_words(r.out, where, commands=True)
    assert_words(r.err, where + " (error)", commands=True, options=True)


def test_every_command_reads_in_names_not_ids(cli, tmp_path):
    # Before the screen: the refusal and the first views.
    _walk(cli, "plan", "--minutes", "10")
    _walk(cli, "profile")
    _walk(cli, "progress")
    _walk(cli, "history")
    screened(cli, **{"knee-problem": True, "age": 67})
    log_session(days_ago(2), [("supine-figure-four", "left", 30.0, 3, False)])
    log_session(days_ago(1), [("cat-cow", "both", 40.0, 2, False)])
    for args in (
        ("plan", "--minutes", "12"),
        ("plan", "--minutes", "5"),
        ("plan", "--minutes", "30", "--place", "chair,standing", "--context", "before"),
        ("plan", "--minutes", "8", "--place", "standing", "--avoid", "hip-circles"),
        ("plan", "--minutes", "10", "--seed", "3", "--save", "desk"),
        ("routine", "list"),
        ("routine", "show", "desk"),
        ("catalog",),
        ("catalog", "incomplete"),
        ("history",),
        ("progress",),
        ("profile",),
        ("learn",),
        ("screen", "--questions"),
        ("remind", "--ics", str(tmp_path / "r.ics")),
        ("export", str(tmp_path / "backup.json")),
        # Problems, worded for the terminal.
        ("plan", "--minutes", "0"),
        ("plan", "--minutes", "10", "--avoid", "cat-cows"),
        ("catalog", "show", "chld pose"),
        ("catalog", "--place", "pool"),
        ("remind", "--days", "funday", "--ics", str(tmp_path / "x.ics")),
    ):
        _walk(cli, *args)
    for s in shipped().catalog:
        _walk(cli, "catalog", "show", s.id)


def test_the_screen_result_reads_in_words(cli, tmp_path):
    import json

    from tests.cli.factories import clear_answers

    for answers in (
        {"pregnancy": True, "knee-problem": True, "age": 70},
        {"heart-condition": True},
        {"bladder-bowel": True},
        {"fever": True, "age": "forty"},  # urgent first, beside a malformed answer
    ):
        path = tmp_path / "answers.json"
        path.write_text(json.dumps(clear_answers(**answers)))
        _walk(cli, "screen", "--answers", str(path))


def test_after_a_sharp_pain_report_the_refusal_reads_in_words(cli):
    screened(cli)
    log_session(days_ago(0), [("supine-figure-four", "left", 12.0, 7, True)])
    _walk(cli, "plan", "--minutes", "10")
    _walk(cli, "progress")
