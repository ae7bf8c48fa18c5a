"""Problems as data: what went wrong, about which field, with which values; never a sentence.

Every raise site in the domain and the services passes a registered code and its parameters.
Each front end words the problem in its own terms (`supple.wording`): the terminal names
`--options` and maps the kind to an exit code (2, or 3 for safety), the API answers 422/409/404/503
with `{code, field, message, params}`, and the pages put the message by the form field.

Codes are registered where they are raised (`code(...)` at module level), so the registry is the
list of everything a front end must be able to word; a test holds every front end to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What sort of problem it is; the front ends map it to exit codes and HTTP statuses."""

    BAD_INPUT = "bad-input"
    """The input cannot be used as given (exit 2, HTTP 422)."""
    SAFETY = "safety"
    """Refused for safety (exit 3, HTTP 409)."""
    CONFLICT = "conflict"
    """Clashes with what is stored, e.g. a name already taken (exit 2, HTTP 409)."""
    NOT_FOUND = "not-found"
    """Names something that does not exist (exit 2, HTTP 404)."""
    UNAVAILABLE = "unavailable"
    """The data store or a file cannot be used right now (exit 2, HTTP 503)."""


@dataclass(frozen=True, slots=True)
class Code:
    """One registered problem: its stable id, its kind and the field it concerns by default."""

    id: str
    kind: Kind
    field: str | None = None


#: Every registered code by id.
REGISTRY: dict[str, Code] = {}


def code(id: str, kind: Kind = Kind.BAD_INPUT, field: str | None = None) -> Code:
    """Register a problem code (once, at import time) and return it."""
    known = REGISTRY.get(id)
    if known is not None and known != Code(id, kind, field):
        raise ValueError(f"problem code {id!r} is registered twice with different meanings")
    REGISTRY[id] = Code(id, kind, field)
    return REGISTRY[id]


class Problem(Exception):
    """A problem a person must know about or fix, as data (see the module docstring).

    `field` is the option or JSON name it concerns (never a flag); `params` the values a
    wording may quote; `parts` (kept as `problems`) the individual problems of a compound one
    (e.g. every bad screening answer at once).
    """

    def __init__(
        self,
        code: Code,
        field: str | None = None,
        /,
        parts: Sequence[Problem] = (),
        **params: Any,
    ) -> None:
        super().__init__(code.id)
        self.code: Code = code
        self.field: str | None = field if field is not None else code.field
        self.params: Mapping[str, Any] = params
        self.problems: tuple[Problem, ...] = tuple(parts)

    @property
    def kind(self) -> Kind:
        return self.code.kind

    def __str__(self) -> str:
        # For logs and tracebacks only: people read a front end's wording of it.
        shown = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        where = f" [{self.field}]" if self.field else ""
        return f"{self.code.id}{where}" + (f" ({shown})" if shown else "")

    def __repr__(self) -> str:
        return f"Problem({self!s})"

    def as_dict(self) -> dict[str, Any]:
        """The machine-readable part: code, kind, field, params (JSON-safe values)."""
        out: dict[str, Any] = {
            "code": self.code.id,
            "kind": self.kind.value,
            "field": self.field,
            "params": {k: json_safe(v) for k, v in self.params.items()},
        }
        if self.problems:
            out["problems"] = [p.as_dict() for p in self.problems]
        return out


def json_safe(value: Any) -> Any:
    """A parameter as JSON can carry it (dates and other objects as text)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [json_safe(v) for v in items]
    return str(value)
