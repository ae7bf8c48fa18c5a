"""The full-screen view in a real terminal (tmux): what the user sees, and what their keys do."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from supple.domain.routine import Routine
from supple.player.view import big_time
from tests.terminal import Term, needs_tmux, terminal

from .helpers import routine, sample_routine, static

pytestmark = needs_tmux


@contextmanager
def _view(tmp_path: Path, played: Routine, scale: str = "0.2") -> Iterator[Term]:
    path = tmp_path / "routine.json"
    path.write_text(played.model_dump_json())
    log = tmp_path / "after.txt"
    cmd = (
        f"{sys.executable} -m supple.player.view --routine-json {path} --time-scale {scale} "
        f"--no-voice; echo EXIT=$? > {log}; sleep 60"
    )
    with terminal(cmd) as t:
        t.log = log  # type: ignore[attr-defined]
        yield t


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Term]:
    with _view(tmp_path, sample_routine()) as t:
        yield t


@pytest.fixture
def real_time_term(tmp_path: Path) -> Iterator[Term]:
    """At the real pace: "Get ready" lasts its full seconds, not a fifth of them, so a busy
    machine's slower screen reads still catch it (the keys skip the long steps anyway)."""
    with _view(tmp_path, sample_routine(), scale="1") as t:
        yield t


def test_the_view_shows_the_stretch_cue_countdown_and_keys_then_obeys_them(
    real_time_term: Term,
):
    term = real_time_term
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
    assert "do not do it again today" in pain
    # The screen's urgent warning signs, and no cue to go on stretching.
    assert "Get medical help the same day" in pain and "saddle area" in pain
    assert "Get ready: Cat-cow" not in pain and "Breathe" not in pain
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


def test_a_bad_rating_is_explained_and_asked_again(term: Term):
    term.wait_for(lambda s: "Light cardio warm-up" in s, "the warm-up")
    term.keys("n")
    term.keys("n")  # to cat-cow; it ends after 37 s x 0.2
    term.wait_for(lambda s: "How did Cat-cow feel?" in s, "the rating prompt")
    for bad in ("11", "x", "-1", "²"):
        term.keys("-l", "--", bad)
        term.keys("Enter")
        shown = term.wait_for(
            lambda s, b=bad: f"'{b}' is not a rating" in s, f"why {bad} is refused"
        )
        assert "How did Cat-cow feel?" in shown  # asked again
    term.keys("-l", "4")
    term.keys("Enter")
    term.wait_for(lambda s: "How did Cat-cow feel?" not in s, "the prompt closing")
    term.keys("q")
    after = term.wait_for(lambda s: "Session stopped" in s, "the summary")
    assert "cat-cow: discomfort 4/10" in after
    assert after.count("discomfort") == 1  # nothing else was saved on the way


def test_the_last_stretch_is_asked_about_after_the_session_ends(tmp_path: Path):
    with _view(tmp_path, routine(static("supine-spinal-twist", 10, 1, lead=4))) as term:
        last = term.wait_for(
            lambda s: "Session over" in s and "How did Supine spinal twist feel?" in s,
            "the last stretch's question on the final screen",
        )
        assert "Enter alone skips" in last
        term.keys("-l", "5")
        term.keys("Enter")
        after = term.wait_for(lambda s: "Session finished" in s, "the summary")
    assert "supine-spinal-twist: discomfort 5/10" in after


def test_getting_ready_shows_the_start_pose_as_a_braille_figure(term: Term):
    term.keys("n")
    term.keys("n")
    ready = term.wait_for(lambda s: "Get ready: Cat-cow" in s, "cat-cow")
    assert sum(1 for ch in ready if 0x2801 <= ord(ch) <= 0x28FF) > 20
    assert "space pause/resume" in ready  # the keys still fit below it
