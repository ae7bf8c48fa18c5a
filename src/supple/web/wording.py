"""The planner's messages in the words of the page or the JSON body that asked.

`PlanError` messages are written for the command line (`--minutes 1 is too short … add --warm`).
The rule and its numbers stay in the planner; this module only renames the options it mentions:
to the plan form's labels on the web pages, and to the JSON fields of `POST /api/v1/plan`.
"""

from __future__ import annotations

import re

#: CLI option -> the PlanOptions field it sets.
OPTION_FIELDS = {
    "minutes": "minutes",
    "place": "places",
    "focus": "focus",
    "warm": "warm",
    "avoid": "avoid",
}
#: PlanOptions field -> the plan form's label for it (templates/plan.html).
FORM_LABELS = {
    "minutes": "Minutes",
    "places": "Where",
    "context": "When",
    "focus": "Focus",
    "warm": "I am already warm",
    "avoid": "Avoid",
}
_OPTION = re.compile(r"--(minutes|place|focus|avoid)\b(?: ([\w-]+(?:,[\w-]+)*))?")
#: "give at least --minutes 7", "Ask for --minutes 40 or fewer": what to set the field to.
_ASK_MINUTES = re.compile(r"\b(give|ask for) (at least )?--minutes (\d+)", re.IGNORECASE)
_ADD_WARM = re.compile(r"\badd --warm\b")
_CATALOG_LIST = "`supple catalog list` shows the ids"


def plan_field(message: str) -> str | None:
    """The PlanOptions field a planner message is about: the first option it names."""
    found = re.search(r"--(minutes|place|focus|warm|avoid)\b", message)
    return OPTION_FIELDS[found.group(1)] if found else None


def for_form(message: str) -> str:
    """`--minutes 1 is too short … give at least --minutes 7, or add --warm` ->
    `1 minute is too short … set Minutes to at least 7, or tick "I am already warm"`."""

    def option(m: re.Match[str]) -> str:
        field, value = OPTION_FIELDS[m.group(1)], m.group(2)
        if field == "minutes" and value is not None and value.isdigit():
            return f"{value} minute{'' if value == '1' else 's'}"
        label = FORM_LABELS[field]
        return f"{label}: {value.replace(',', ', ')}" if value else label

    def ask(m: re.Match[str]) -> str:
        verb = "Set" if m.group(1)[0].isupper() else "set"
        return f"{verb} {FORM_LABELS['minutes']} to {m.group(2) or ''}{m.group(3)}"

    text = _ADD_WARM.sub(f'tick "{FORM_LABELS["warm"]}"', message)
    text = _ASK_MINUTES.sub(ask, text)
    text = text.replace(_CATALOG_LIST, "the Stretches page lists them")
    return _OPTION.sub(option, text)


def for_api(message: str) -> str:
    """`--minutes 1 … add --warm` -> `"minutes": 1 … set "warm": true` (the JSON body's words)."""

    def option(m: re.Match[str]) -> str:
        field, value = OPTION_FIELDS[m.group(1)], m.group(2)
        if value is None:
            return f'"{field}"'
        if field == "minutes":
            return f'"minutes": {value}'
        items = ", ".join(f'"{v}"' for v in value.split(","))
        return f'"{field}": [{items}]'

    text = _ADD_WARM.sub('set "warm": true', message)
    text = text.replace(_CATALOG_LIST, "GET /api/v1/catalog lists them")
    return _OPTION.sub(option, text)
