"""What a new user meets in a real terminal: the first-time flow and a guided session."""

from __future__ import annotations

import re
import sys

from tests.cli.factories import screened
from tests.terminal import Term, needs_tmux, terminal

pytestmark = needs_tmux

NUMBER = re.compile(r"\[(\d+)/(\d+)\]")
WAITING = re.compile(r"\((y/n|number|[a-z/]+)\)\s*$")  # a prompt's hint with nothing typed yet


def _answer_screen(term: Term, answers: dict[int, str]) -> None:
    """Answer every question as it appears: 'no' / first option, or what `answers` says."""
    seen = 0
    while True:
        screen = term.wait_for(
            lambda s: (
                _waiting(s)
                or any(w in s for w in ("Your profile", "CAUTION", "CLEAR", "URGENT", "CONSULT"))
            ),
            "a question or the outcome",
        )
        prompt = _waiting(screen)
        if prompt is None:
            return
        n, kind = prompt
        if n == seen:  # the same prompt again: wait for the screen to move on
            continue
        seen = n
        default = {"y/n": "n", "number": "44"}.get(kind, "1")
        term.type_line(answers.get(n, default))


def _waiting(screen: str) -> tuple[int, str] | None:
    """(question number, answer kind) when the screen waits at a question prompt."""
    m = WAITING.search(_last_line(screen))
    numbers = NUMBER.findall(screen)
    if not m or not numbers:
        return None
    return int(numbers[-1][0]), m.group(1)


def _last_line(screen: str) -> str:
    lines = [x for x in screen.splitlines() if x.strip()]
    return lines[-1] if lines else ""


def test_first_time_flow_screens_saves_the_profile_and_says_what_comes_next(home):
    cmd = f"{sys.executable} -m supple welcome --home {home}; echo EXIT=$?; sleep 60"
    with terminal(cmd) as term:
        term.wait_for(lambda s: "Welcome to supple" in s, "the welcome")
        _answer_screen(term, {})
        term.wait_for(lambda s: "Where do you usually stretch" in s, "the places question")
        term.type_line("kitchen")  # not a place: said plainly, and asked again
        again = term.wait_for(lambda s: "is not a place" in s, "the places hint")
        assert '"kitchen" is not a place' in again and "--places" not in again
        term.wait_for(lambda s: _last_line(s).endswith("[floor]"), "the places question again")
        term.type_line("Floor, chair")
        term.wait_for(lambda s: "Sessions per week" in s, "the goal question")
        term.type_line("20")  # out of range: asked again
        term.wait_for(lambda s: "1 to 14" in s, "the range hint")
        term.type_line("4")
        term.wait_for(lambda s: "Spoken cues" in s, "the voice question")
        term.type_line("n")
        done = term.wait_for(lambda s: "EXIT=" in s, "the end")
    assert "EXIT=0" in done
    assert "CLEAR" in done or "What supple will do" in done
    assert "Aim for 4 sessions a week, at: floor, chair" in done
    assert "supple plan --minutes 10" in done


def test_first_time_flow_can_go_back_and_stops_at_an_urgent_answer(cli, home):
    cmd = f"{sys.executable} -m supple welcome --home {home}; echo EXIT=$?; sleep 60"
    with terminal(cmd) as term:
        term.wait_for(lambda s: "[1/" in s, "the first question")
        term.type_line("44")
        term.wait_for(lambda s: "[2/" in s, "the second question")
        term.type_line("b")  # back to the age question
        term.wait_for(lambda s: (_waiting(s) or (0,))[0] == 1, "the age question again")
        term.type_line("44")
        term.wait_for(lambda s: (_waiting(s) or (0,))[0] == 2, "the second question again")
        term.type_line("y")  # the first red flag after age: urgent, and nothing more is asked
        done = term.wait_for(lambda s: "EXIT=" in s, "the end")
    assert "[3/" not in done, "a question was asked after the urgent answer"
    assert "URGENT" in done and "emergency" in done
    assert "will not build a routine" in done
    assert "Your profile" not in done
    (stored,) = [cli("profile", "--json").json()["screening"]]
    assert stored["outcome"] == "urgent"


def test_welcome_asks_the_profile_of_someone_who_has_only_taken_the_screen(cli, home):
    screened(cli)  # the screen records the age, but the profile step is still to do
    cmd = f"{sys.executable} -m supple welcome --home {home}; echo EXIT=$?; sleep 60"
    with terminal(cmd) as term:
        term.wait_for(lambda s: "Where do you usually stretch" in s, "the places question")
        term.type_line("chair")
        term.wait_for(lambda s: "Sessions per week" in s, "the goal question")
        term.type_line("")
        term.wait_for(lambda s: "Spoken cues" in s, "the voice question")
        term.type_line("y")
        done = term.wait_for(lambda s: "EXIT=" in s, "the end")
    assert "EXIT=0" in done and "at: chair" in done
    assert cli("profile", "--json").json()["places"] == ["chair"]
    # Set up once: the next welcome only shows the status.
    cmd = f"{sys.executable} -m supple welcome --home {home}; echo EXIT=$?; sleep 60"
    with terminal(cmd) as term:
        done = term.wait_for(lambda s: "EXIT=" in s, "the end")
    assert "EXIT=0" in done and "Where do you usually stretch" not in done


def test_guided_session_in_the_terminal_logs_holds_and_a_stop(cli, home):
    screened(cli)
    cmd = (
        f"{sys.executable} -m supple start --minutes 10 --warm --no-voice --time-scale 0.1 "
        f"--home {home}; echo EXIT=$?; sleep 60"
    )
    with terminal(cmd) as term:
        term.wait_for(lambda s: "space pause/resume" in s, "the session view")
        term.wait_for(lambda s: "How did" in s or "0-10" in s, "the rating prompt", limit=60)
        term.keys("-l", "2")
        term.keys("Enter")
        term.keys("q")
        done = term.wait_for(lambda s: "EXIT=" in s, "the end", limit=60)
    assert "EXIT=0" in done
    assert "This week:" in done
    (session,) = cli("history", "--json").json()
    assert session["status"] == "stopped"
    assert any(i["discomfort"] == 2 for i in session["items"])
