"""What the player shows after a sharp-pain stop: what to do, and the signs that need help the
same day.

One text for every front end: `services.screening.pain_panel` (learn.toml's `sharp-pain` topic
and the screen's urgent warning signs), so the pain panel, the web player and the screen can
never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from supple.domain.questions import Question
from supple.wording.i18n import N_, _

PAIN_TITLE = N_("Stopped: sharp pain")


def red_flags(questions: Iterable[Question]) -> list[str]:
    """One sentence per urgent warning sign, in the screen's order."""
    return [
        q.reason
        for q in questions
        if q.category == "red-flag" and q.outcome == "urgent" and q.reason
    ]


@cache
def _panel() -> dict[str, object]:
    from supple.services.screening import pain_panel

    return pain_panel()


@cache
def shipped_red_flags() -> tuple[str, ...]:
    signs = _panel()["signs"]
    assert isinstance(signs, list)
    return tuple(s["text"] for s in signs)


@cache
def pain_advice() -> str:
    """The advice points of the pain panel as one paragraph."""
    advice = _panel()["advice"]
    assert isinstance(advice, list)
    return " ".join(p["text"] for p in advice)


@cache
def urgent_heading() -> str:
    same_day = _panel()["same_day"]
    assert isinstance(same_day, dict)
    return str(same_day["text"])


def pain_panel() -> dict[str, Any]:
    """The whole panel for the web player: {"title", "advice": [{"text", "source"}],
    "same_day": {"text", "source"}, "signs": [{"text", "source"}]} (the terminal's panel is
    `pain_text`, from the same data)."""
    return {"title": _(PAIN_TITLE), **_panel()}


def pain_text(red_flags: Iterable[str]) -> str:
    """The panel as plain text for the terminal: the advice, then the same-day signs."""
    advice = _panel()["advice"]
    assert isinstance(advice, list)
    text = "\n".join(str(p["text"]) for p in advice)
    flags = list(red_flags)
    if flags:
        text += "\n\n" + urgent_heading() + "\n" + "\n".join(f"• {flag}" for flag in flags)
    return text
