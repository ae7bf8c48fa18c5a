"""Problems (`supple.domain.problems`) as the web says them: the status for each kind, the JSON
body for the API, and a safety refusal's parts for a page.

A page or an answer never reads a problem's text: it words the code through `supple.wording`
(the API's names for fields in JSON, the form's labels on a page).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from supple.data.loader import shipped
from supple.domain.problems import Kind, Problem, json_safe
from supple.web.errors.body import error_body
from supple.wording import API, Front, word
from supple.wording.people import source_ref
from supple.wording.render import PARAM_LIMIT, clip

#: The HTTP status of each kind of problem.
STATUS = {
    Kind.BAD_INPUT: 422,
    Kind.SAFETY: 409,
    Kind.CONFLICT: 409,
    Kind.NOT_FOUND: 404,
    Kind.UNAVAILABLE: 503,
}


@dataclass(frozen=True)
class Reason:
    """One reason of a safety refusal: its text and the source id it rests on (or None)."""

    text: str
    source: str | None

    @property
    def reference(self) -> str:
        """The source as a person reads it (title, publisher), or ""."""
        if not self.source:
            return ""
        return source_ref(shipped().sources.get(self.source), self.source)

    def line(self) -> str:
        return f"{self.text} ({self.reference})" if self.reference else self.text


@dataclass(frozen=True)
class Refusal:
    """A safety refusal as a page shows it: the message, its reasons, where to go next (a key
    of supple.wording.fronts, e.g. "screen-again", or None)."""

    code: str
    message: str
    reasons: list[Reason]
    next: str | None
    params: dict[str, Any]


def refusal(exc: Problem, front: Front) -> Refusal:
    """The parts of a safety refusal: a Problem of kind SAFETY carries `params` `reasons`
    ([{"text", "source"}]) and `next`."""
    given = exc.params.get("reasons") or []
    reasons = [Reason(str(r.get("text", "")), r.get("source") or None) for r in given]
    next_key = exc.params.get("next")
    return Refusal(exc.code.id, word(exc, front), reasons, next_key, exc.as_dict()["params"])


def api_field(field: str | None) -> str | None:
    """The JSON name of a problem's field ("goal" -> "weekly_goal", "stretch" -> "id")."""
    if field is None:
        return None
    name = API.names.get(field, field)
    return name[1:-1] if name.startswith('"') and name.endswith('"') else field


#: A parameter in an error body is cut to this (a 50 MB value must not give a 50 MB answer):
#: text to PARAM_LIMIT characters, lists and objects to MAX_ITEMS entries.
MAX_ITEMS = 100


def bounded(value: Any) -> Any:
    """A JSON-safe parameter, cut to the bounds above."""
    if isinstance(value, str):
        return clip(value, PARAM_LIMIT)
    if isinstance(value, list):
        return [bounded(v) for v in value[:MAX_ITEMS]]
    if isinstance(value, dict):
        return {clip(k): bounded(v) for k, v in list(value.items())[:MAX_ITEMS]}
    return value


def problem_body(problem: Problem) -> dict[str, Any]:
    """`{code, field, message, params}` for a problem, with `problems` for its parts,
    `suggestions` (stretch ids) for an unknown stretch, `reasons` for a safety refusal."""
    params = {k: bounded(json_safe(v)) for k, v in problem.params.items()}
    body = error_body(problem.code.id, word(problem, API), api_field(problem.field), params)
    if problem.problems:
        body["problems"] = [problem_body(p) for p in problem.problems]
    if "suggestion_ids" in problem.params:
        body["suggestions"] = list(problem.params["suggestion_ids"])[:MAX_ITEMS]
    if problem.kind is Kind.SAFETY:
        body["reasons"] = [r.line() for r in refusal(problem, API).reasons]
    return body
