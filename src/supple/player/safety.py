"""What the player shows after a sharp-pain stop: the signs that need urgent care.

They come from the screening's own data (the `red-flag` questions whose answer leads to an
`urgent` outcome), so the pain panel and the screen can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from supple.domain.questions import Question


def red_flags(questions: Iterable[Question]) -> list[str]:
    """One sentence per urgent warning sign, in the screen's order."""
    return [
        q.reason
        for q in questions
        if q.category == "red-flag" and q.outcome == "urgent" and q.reason
    ]


@cache
def shipped_red_flags() -> tuple[str, ...]:
    from supple.data.loader import shipped

    return tuple(red_flags(shipped().questions))


URGENT_HEADING = "Get medical help the same day (call your doctor or an emergency line) if:"
