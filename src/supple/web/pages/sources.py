"""The sources page: every source supple rests on, and what each one supports (the stretches,
planner rules, screening questions and learn topics that cite it)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from supple.data.loader import shipped
from supple.domain.planner_rules import RULES
from supple.services.catalog import full_catalog
from supple.web.templating import render, settings_of

router = APIRouter(include_in_schema=False)


@dataclass
class Supports:
    """What cites one source, by kind, as (link, name) pairs or rule texts."""

    stretches: dict[str, str] = field(default_factory=dict)
    rules: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    topics: dict[str, str] = field(default_factory=dict)


def supports(request: Request) -> dict[str, Supports]:
    data = shipped()
    out: dict[str, Supports] = defaultdict(Supports)
    for s in full_catalog(settings_of(request)):
        cited = {*s.sources, *(m.source for m in s.modifications), *(c.source for c in s.cautions)}
        for src in cited:
            out[src].stretches[s.id] = s.name
    for rule in RULES.values():
        out[rule.source].rules.append(rule.text)
    for q in data.questions:
        out[q.source].questions.append(q.text)
    for t in data.learn:
        for p in t.points:
            out[p.source].topics[t.id] = t.title
    return out


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> HTMLResponse:
    return render(request, "sources.html", supports=supports(request))
