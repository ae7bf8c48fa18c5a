"""What the player shows after a sharp-pain stop: what to do now, and the signs that need help
the same day. ONE text for the terminal player (`player.view`) and the web player
(`templates/session.html`, through `pain_panel()`), so the two never say different things.

The warning signs come from the screening's own data (the `red-flag` questions whose answer
leads to an `urgent` outcome), so the pain panel and the screen can never disagree.

`pain_panel()` has the shape the safety work's `services.screening.pain_panel` returns (text
kept in data); when that lands, this module reads it instead and both players follow.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from supple.domain.questions import Question
from supple.wording.i18n import N_, _

PAIN_TITLE = N_("Stopped: sharp pain")
#: What to do now, each with its source: the advice points of the panel, in order.
PAIN_POINTS: tuple[tuple[str, str], ...] = (
    (
        N_(
            "Stop this stretch now and do not repeat it today. Sharp or spreading pain is a "
            "signal to stop, not to push through: if it persists, or spreads down a leg, see a "
            "health professional."
        ),
        "seed-002",
    ),
    (
        N_("supple will ask you to take the safety screen again before your next routine."),
        "seed-002",
    ),
)
URGENT_HEADING = N_("Get medical help the same day (call your doctor or an emergency line) if:")
URGENT_SOURCE = "nice-ng59"

#: The advice as one line with its source, as the player's `pain` event logs it.
PAIN_ADVICE = f"{PAIN_POINTS[0][0][:-1]} ({PAIN_POINTS[0][1]})."


def urgent_signs(questions: Iterable[Question]) -> list[Question]:
    """The questions whose yes means care the same day, in the screen's order."""
    return [q for q in questions if q.category == "red-flag" and q.outcome == "urgent" and q.reason]


def red_flags(questions: Iterable[Question]) -> list[str]:
    """One sentence per urgent warning sign, in the screen's order."""
    return [q.reason for q in urgent_signs(questions)]


@cache
def shipped_red_flags() -> tuple[str, ...]:
    from supple.data.loader import shipped

    return tuple(red_flags(shipped().questions))


def pain_panel() -> dict[str, Any]:
    """{"title", "advice": [{"text", "source"}], "same_day": {"text", "source"},
    "signs": [{"text", "source"}]}: the whole panel, for every front end."""
    from supple.data.loader import shipped

    return {
        "title": _(PAIN_TITLE),
        "advice": [{"text": _(text), "source": source} for text, source in PAIN_POINTS],
        "same_day": {"text": _(URGENT_HEADING), "source": URGENT_SOURCE},
        "signs": [
            {"text": q.reason, "source": q.source} for q in urgent_signs(shipped().questions)
        ],
    }


def pain_text(red_flags: Iterable[str]) -> str:
    """The panel as plain text for the terminal: the advice, then the same-day signs."""
    text = "\n".join(f"{_(t)} ({s})" for t, s in PAIN_POINTS)
    flags = list(red_flags)
    if flags:
        text += "\n\n" + _(URGENT_HEADING) + "\n" + "\n".join(f"• {flag}" for flag in flags)
    return text
