"""A rule's note (its id, source and words) kept with its words as a marked template, so the
note is said in the reader's language where a routine carries it. The planner's rules
(planner_rules) and progression's (progression) are made here; the English copy of each
stays in their `RULES` for the sources page, docs and tests."""

from __future__ import annotations

from supple.domain.routine import RuleNote
from supple.domain.words import say

#: Each rule's template and the values it is filled with, by rule id (unique across the books).
_TEMPLATES: dict[str, tuple[str, dict[str, object]]] = {}


def rule(rule_id: str, source: str, template: str, **values: object) -> RuleNote:
    """A rule's note in English; `template` is marked with `N_` where the rule is written."""
    _TEMPLATES[rule_id] = (template, values)
    return RuleNote(id=rule_id, source=source, text=template.format(**values))


def said(note: RuleNote) -> RuleNote:
    """The note with its words in the reader's language."""
    template, values = _TEMPLATES[note.id]
    return note.model_copy(update={"text": say(template).format(**values)})
