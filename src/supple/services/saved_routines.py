"""Routines saved under a name a person chose: the name's rules, saving, the list to start from.

The web pages use this; the store keeps the routine and the options it was planned with
(`supple routine list` shows the same rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from supple.domain.problems import Kind, Problem, code
from supple.domain.routine import Routine
from supple.services.planning import (
    PlanOptions,
    checked_saved_routine,
    list_routines,
    save_routine,
)

if TYPE_CHECKING:
    from supple.config import Settings

#: The longest name a routine may have (it is shown in lists and calendar titles).
MAX_NAME = 80

NAME_EMPTY = code("routines.name-empty", field="save")
NAME_TOO_LONG = code("routines.name-too-long", field="save")
NAME_BAD_CHARACTER = code("routines.name-bad-character", field="save")
NAME_TAKEN = code("routines.name-taken", Kind.CONFLICT, field="save")
NOT_SAVED = code("routines.not-saved", Kind.NOT_FOUND, field="routine")


class RoutineNameError(Problem):
    """A routine name that cannot be used, or a routine that is not saved."""


def checked_name(text: str) -> str:
    """The name without surrounding spaces; RoutineNameError when it is empty, too long, or
    holds a slash or a control character (it is part of a URL and of calendar titles)."""
    name = text.strip()
    if not name:
        raise RoutineNameError(NAME_EMPTY)
    if len(name) > MAX_NAME:
        raise RoutineNameError(NAME_TOO_LONG, length=len(name), limit=MAX_NAME)
    if "/" in name or any(not c.isprintable() for c in name):
        raise RoutineNameError(NAME_BAD_CHARACTER, given=name)
    return name


def save_as(
    settings: Settings, text: str, routine: Routine, options: PlanOptions, overwrite: bool = False
) -> str:
    """Save the routine under the checked name; returns the name. RoutineNameError when the
    name cannot be used or is taken (unless `overwrite`)."""
    from supple.store import RoutineExists

    name = checked_name(text)
    try:
        save_routine(settings, name, routine, options, overwrite=overwrite)
    except RoutineExists:
        raise RoutineNameError(NAME_TAKEN, given=name) from None
    return name


@dataclass(frozen=True)
class Saved:
    """One saved routine as a list shows it."""

    name: str
    created_at: datetime
    minutes: int
    stretches: list[str]
    """The names of its stretches, in order (no warm-up, no changes of position)."""


def saved(settings: Settings) -> list[Saved]:
    """Every saved routine, newest first."""
    out = []
    for row in list_routines(settings):
        routine = Routine.model_validate(row["routine"])
        out.append(
            Saved(
                name=row["name"],
                created_at=row["created_at"],
                minutes=max(1, -(-routine.total_seconds // 60)),
                stretches=[s.name or s.id or "" for s in routine.stretch_steps()],
            )
        )
    return sorted(out, key=lambda s: s.created_at, reverse=True)


def routine_to_start(settings: Settings, name: str) -> Routine:
    """The saved routine, if the latest screen still allows it: RoutineNameError when no
    routine has that name, SafetyRefusal when it may not be played now."""
    try:
        return checked_saved_routine(settings, name)
    except LookupError:
        raise RoutineNameError(NOT_SAVED, given=name) from None
