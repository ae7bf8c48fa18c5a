"""Read sides, position and kind of movement from an exercise's instruction text.

These are guesses from wording, so every field set here is listed in the stretch's `inferred`.
The rules are deliberately few and literal: when the text does not say, we do not guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from supple.domain.catalog import Place, Position

_I = re.IGNORECASE

ONE_SIDED = re.compile(
    r"\b(each side|other side|opposite side|switch(es|ing)?|alternat\w*|change (legs|sides)"
    r"|(other|opposite) (leg|foot|arm|knee|hip)|your other)\b",
    _I,
)


@dataclass(frozen=True)
class PositionRule:
    name: str
    pattern: re.Pattern[str]
    position: Position
    places: tuple[Place, ...]


# Checked in this order; the first rule whose pattern appears anywhere in the text wins. The order
# runs from specific to general: "sit back on your heels" is kneeling even though it says "sit",
# and "sit on a chair" is the chair even though it also matches the plain seated rule.
POSITION_RULES: tuple[PositionRule, ...] = (
    PositionRule(
        "kneeling",
        re.compile(
            r"\b(kneel(ing)?|(sit|sitting) (back )?on(to)? your heels"
            r"|settle onto your heels)\b",
            _I,
        ),
        "kneeling",
        ("floor",),
    ),
    PositionRule(
        "chair",
        re.compile(r"\b(sit|seat|sitting|seated)\b[^.]{0,40}\b(chair|bench)\b", _I),
        "chair",
        ("chair",),
    ),
    PositionRule(
        "lying",
        re.compile(r"\b(lie|lying|lay)\b|\bface ?down\b|\bon your (back|stomach)\b", _I),
        "lying",
        ("floor",),
    ),
    PositionRule(
        "all-fours",
        re.compile(r"\b(hands and knees|all fours)\b", _I),
        "all-fours",
        ("floor",),
    ),
    PositionRule(
        "seated",
        re.compile(r"\b(sit|sitting|seated|seat yourself)\b", _I),
        "seated",
        ("floor",),
    ),
    PositionRule(
        "standing",
        re.compile(r"\b(stand|standing|stance)\b", _I),
        "standing",
        ("standing",),
    ),
)

# Repetitions, jumps and swings describe a movement, not a hold; our imported style is static.
MOVEMENT = re.compile(
    r"\b(repetitions?|\d+\s*-\s*\d+ times|jump\w*|swing\w*|alternating fashion)\b",
    _I,
)
HOLD_RANGE = re.compile(r"\b(\d+)\s*(?:-|to)\s*(\d+)\s*seconds\b", _I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(A-Z])")


def infer_sides(text: str) -> str:
    """'each' when the text says to do the other side, else 'both'."""
    return "each" if ONE_SIDED.search(text) else "both"


def infer_position(text: str) -> PositionRule | None:
    for rule in POSITION_RULES:
        if rule.pattern.search(text):
            return rule
    return None


def movement_phrase(text: str) -> str | None:
    """The phrase showing the entry is a repeated movement, or None for a hold."""
    m = MOVEMENT.search(text)
    return m.group(0) if m else None


def stated_hold(text: str) -> tuple[int, int] | None:
    """The first 'N-M seconds' the text states, for the report (we use seed defaults)."""
    m = HOLD_RANGE.search(text)
    return (int(m.group(1)), int(m.group(2))) if m else None


def split_steps(instructions: list[str], minimum: int) -> list[str]:
    """The instructions verbatim; when there are fewer than `minimum`, each is split into its
    sentences (the words stay exactly theirs, only the line breaks are ours)."""
    steps = [s.strip() for s in instructions if s.strip()]
    if len(steps) >= minimum:
        return steps
    out: list[str] = []
    for s in steps:
        out += [p.strip() for p in _SENTENCE_END.split(s) if p.strip()]
    return out
