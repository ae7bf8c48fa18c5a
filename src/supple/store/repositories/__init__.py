"""Repositories: the only code that queries the database. Each write is its own transaction."""

from supple.store.repositories.imports import ImportRepo
from supple.store.repositories.pain_checks import PainCheckRepo
from supple.store.repositories.profile import ProfileRepo
from supple.store.repositories.routines import RoutineExists, RoutineRepo
from supple.store.repositories.screenings import ScreeningRepo
from supple.store.repositories.sessions import SessionRepo, UnknownSession
from supple.store.repositories.user_stretches import UserStretchRepo

__all__ = [
    "ImportRepo",
    "PainCheckRepo",
    "ProfileRepo",
    "RoutineExists",
    "RoutineRepo",
    "ScreeningRepo",
    "SessionRepo",
    "UnknownSession",
    "UserStretchRepo",
]
