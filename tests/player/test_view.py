"""The full-screen view in a real terminal (tmux): what the user sees, and what their keys do."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from supple.player.view import big_time
from tests.terminal import Term, needs_tmux, terminal

from .helpers import sample_routine

pytestmark = needs_tmux


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Term]:
    path = tmp_path / "routine.json"
    path.write_text(sample_routine().model_dump_json())
    log = tmp_path / "after.txt"
    cmd = (
        f"{sys.executable} -m supple.player.view --routine-json {path} --time-scale 0.2 "
        f"--no-voice; echo EXIT=$? > {log}; sleep 60"
    )
    with terminal(cmd) as t:
        t.log = log  # type: ignore[attr-defined]
        yield t


def test_the_view_shows_the_stretch_cue_countdown_and_keys_then_obeys_them(term: Term):
    first = term.wait_for(lambda s: "Light cardio warm-up" in s, "the warm-up")
    assert "Easy pace" in first  # the warm-up's own cue
    assert "█" in first  # the big countdown
    assert "space pause/resume" in first and "p sharp pain" in first
    assert "Next: Move from standing to all-fours" in first

    term.keys("Space")
    term.wait_for(lambda s: "[PAUSED]" in s, "the paused state")
    term.keys("n")  # skip the warm-up: on to the change of position
    term.wait_for(lambda s: "Change position" in s and "[PAUSED]" not in s, "the transition")
    term.keys("n")
    cat = term.wait_for(lambda s: "Get ready: Cat-cow" in s, "cat-cow")
    assert "hands and knees" in cat  # the stretch's step-by-step instructions

    term.keys("p")
    pain = term.wait_for(lambda s: "Sharp pain" in s, "the pain advice")
    assert "do not repeat it today" in pain
    term.keys("q")
    after = term.wait_for(lambda s: "Session stopped" in s, "the summary")
    assert "cat-cow: stopped for sharp pain" in after
    log = term.log  # type: ignore[attr-defined]
    deadline = time.monotonic() + 10  # the summary shows a moment before the shell logs the exit
    while not log.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert log.read_text().strip() == "EXIT=0"


def test_the_countdown_is_five_rows_of_block_digits_rounded_up():
    assert big_time(65) == big_time(64.2)  # 1:05 until the last fraction of a second has gone
    assert len(big_time(5).splitlines()) == 5
    assert big_time(0) != big_time(0.5)


def test_a_rating_typed_after_a_stretch_is_sent_for_that_stretch(term: Term):
    term.wait_for(lambda s: "Light cardio warm-up" in s, "the warm-up")
    term.keys("n")
    term.keys("n")  # to cat-cow; it ends after 37 s x 0.2
    term.wait_for(lambda s: "How did Cat-cow feel?" in s, "the rating prompt")
    term.keys("3", "Enter")
    term.wait_for(lambda s: "How did Cat-cow feel?" not in s, "the prompt closing")
    term.keys("q")
    after = term.wait_for(lambda s: "Session stopped" in s, "the summary")
    assert "cat-cow: discomfort 3/10" in after
