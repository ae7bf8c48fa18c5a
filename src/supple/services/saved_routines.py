"""Routines saved under a name a person chose: the name's rules, saving, the list to start from.

The web pages use this; the store keeps the routine and the options it was planned with
(`supple routine list` shows the same rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from supple.domain.names import routine_name
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

NAME_TAKEN = code("routines.name-taken", Kind.CONFLICT, field="save")
NOT_SAVED = code("routines.not-saved", Kind.NOT_FOUND, field="routine")


class RoutineNameError(Problem):
    """A routine name that is taken, or a routine that is not saved."""


def save_as(
    settings: Settings, text: str, routine: Routine, options: PlanOptions, overwrite: bool = False
) -> str:
    """Save the routine under the checked name; returns the name. RoutineNameError when the
    name cannot be used or is taken (unless `overwrite`)."""
    from supple.store import RoutineExists

    name = routine_name(text)  # one rule for every front end (supple.domain.names)
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
