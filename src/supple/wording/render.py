"""A problem in words: its template, translated, with values and the front end's names filled in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from supple.domain.problems import Problem
from supple.wording.fronts import Front
from supple.wording.i18n import _, ngettext

#: A value a person typed (the `given` parameter) longer than this is cut: a 50 MB field must
#: not give a 50 MB message. Other values (paths, URLs, details) are cut at PARAM_LIMIT.
QUOTE_LIMIT = 60
PARAM_LIMIT = 400


@dataclass(frozen=True)
class Message:
    """One code's English template (translated through gettext when it is used).

    `plural`/`count`: the template for other counts than one, chosen by ngettext on the
    parameter `count`. `tails`: parameter -> a sentence added when that parameter is given and
    not empty (e.g. "Did you mean …?" only when there are suggestions).
    """

    text: str
    plural: str | None = None
    count: str | None = None
    tails: Mapping[str, str] = field(default_factory=dict)

    def texts(self) -> Iterable[str]:
        yield self.text
        if self.plural:
            yield self.plural
        yield from self.tails.values()


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """At most `limit` characters of a quoted value, with an ellipsis when cut; control
    characters (a NUL, a newline) shown as spaces."""
    text = "".join(c if c.isprintable() else " " for c in text[: limit + 1])
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def show(value: Any, limit: int = PARAM_LIMIT) -> str:
    """A parameter as a person reads it."""
    if isinstance(value, str):
        return clip(value, limit)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        # A list is cut like text: its first items, to `limit` characters in all.
        return clip(", ".join(show(v, limit) for v in list(items)[:100]), limit)
    return clip(str(value), limit)


class _Values(dict[str, Any]):
    # A parameter a raise site forgot shows as an ellipsis: the person still gets the message
    # (a test fills every template from its declared parameters, so this is a last resort).
    def __missing__(self, key: str) -> str:
        return "…"


class _Names:
    def __init__(self, front: Front) -> None:
        self.front = front

    def __getitem__(self, key: str) -> str:
        return self.front.name(key)


def _fill(template: str, values: Mapping[str, Any], front: Front, problem: Problem) -> str:
    shown = _Values(
        {k: show(v, QUOTE_LIMIT if k == "given" else PARAM_LIMIT) for k, v in values.items()}
    )
    shown["opt"] = _Names(front)
    shown["field"] = front.name(problem.field) if problem.field else ""
    return template.format_map(shown)


def word(problem: Problem, front: Front) -> str:
    """The problem's message for people using `front`."""
    from supple.wording.messages import MESSAGES

    msg = MESSAGES[problem.code.id]
    params = problem.params
    if msg.plural is not None and msg.count is not None:
        n = params[msg.count]
        text = ngettext(msg.text, msg.plural, int(n) if isinstance(n, int | float) else 2)
    else:
        text = _(msg.text)
    out = _fill(text, params, front, problem)
    for key, tail in msg.tails.items():
        if params.get(key):
            out += " " + _fill(_(tail), params, front, problem)
    return out


def word_all(problem: Problem, front: Front) -> list[str]:
    """The message of each part of a compound problem, or the problem's own message."""
    if problem.problems:
        return [word(p, front) for p in problem.problems]
    return [word(problem, front)]
