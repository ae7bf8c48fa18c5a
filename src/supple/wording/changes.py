"""The safety gate's changes to a routine (`supple.domain.routine.Change`) in words.

The gate returns what it left out or changed and why as data; each front end words it with
these templates (and shows the change's source its own way).
"""

from __future__ import annotations

from supple.domain.routine import Change
from supple.wording.i18n import N_, _

#: (action, why) -> template; `{name}`, `{text}`, `{day}` come from the change.
TEMPLATES: dict[tuple[str, str], str] = {
    ("left-out", "screen"): N_("{name} is left out: {text}"),
    ("left-out", "pain"): N_(
        "{name} is left out: you reported sharp pain in it on {day}. It comes back once you "
        "mark it checked, after a professional has looked at it or once it has settled and you "
        "want to try again (not on the day of the pain)."
    ),
    ("left-out", "pregnancy-later"): N_("{name} is left out: {text}"),
    ("left-out", "floor-transfer"): N_("{name} is left out: {text}"),
    ("changed", "screen"): N_("{name} is done a changed way: {text}"),
    ("changed", "pain"): N_(
        "{name} is done its easier way after your sharp-pain report on {day}: {text}"
    ),
    ("changed", "pain-checked"): N_(
        "{name} is back after your sharp-pain report on {day}, marked checked since: it starts "
        "at its easier version and lowest dose. {text}"
    ),
    ("shortened", "under-18"): N_("{name} is done with shorter holds: {text}"),
}
DEFAULT = N_("{name}: {text}")


def word_change(change: Change) -> str:
    template = TEMPLATES.get((change.action, change.why), DEFAULT)
    day = change.day.isoformat() if change.day is not None else ""
    return _(template).format(name=change.name, text=change.text.rstrip(), day=day)
