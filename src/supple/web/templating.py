"""Rendering a page: the Jinja templates, what every template may use (the CSRF token, the
sources), and the app's settings for a request.

Every page module renders through `render`; the error handlers and the login form too, so
every HTML answer has the same layout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from supple.config import Settings, get_settings
from supple.data.conditions import condition_name
from supple.data.loader import shipped
from supple.domain.planner_model import context_word, position_word
from supple.domain.planner_rules import RULES
from supple.domain.progression import RULES as LEVEL_RULES
from supple.domain.sources import Source
from supple.web.js_words import browser_words
from supple.web.security import csrf_token
from supple.wording.i18n import N_, _, ngettext
from supple.wording.people import source_ref

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
# The pages' words go through the same gettext catalog as the terminal's: `{% trans %}` blocks
# and `_()` in the templates (extracted by supple.wording.extract, trimmed there as here, so a
# block's message id is the same when collected and when looked up).
templates.env.add_extension("jinja2.ext.i18n")
templates.env.policies["ext.i18n.trimmed"] = True
templates.env.install_gettext_callables(gettext=_, ngettext=ngettext, newstyle=True)  # type: ignore[attr-defined]


def sources() -> dict[str, Source]:
    return shipped().sources


def short_ref(source_id: str) -> str:
    """A source as running text names it: its reference (title, publisher) cut at the first
    comma or colon when long ("Garber et al."), the whole title being on the sources page."""
    ref = source_ref(sources().get(source_id), source_id)
    if len(ref) > 40:
        for mark in (": ", ", ", " ("):
            if mark in ref:
                return ref.split(mark, 1)[0]
    return ref


def cite(source_id: str, bare: bool = False) -> Markup:
    """A link to the source's entry on the sources page, in readable words: "(Mayo Clinic)"
    after a sentence, without the brackets in a list (`bare`)."""
    known = sources().get(source_id)
    title = source_ref(known, source_id) if known else source_id
    link = Markup('<a class="src" href="/sources#source-{}" title="{}">{}</a>').format(
        source_id, title, short_ref(source_id)
    )
    return link if bare else Markup("(") + link + Markup(")")


def rule_sources(rule_ids: list[str]) -> Markup:
    """The sources behind the rules that shaped a step or left a stretch out, as readable
    links ("(Garber et al., Article on stretching …)"); the rule ids themselves are shown on
    the plan page's "details" only. supple's own choices are not a source to cite."""
    known = sources()
    every = RULES | LEVEL_RULES
    ids = list(dict.fromkeys(every[r].source for r in rule_ids if r in every))
    refs = [cite(i, bare=True) for i in ids if i in known and i != "supple"]
    return Markup(" (") + Markup(", ").join(refs) + Markup(")") if refs else Markup("")


#: A place as a checkbox names it (the id stays the form's value).
PLACE_LABELS = {"floor": N_("On the floor"), "chair": N_("On a chair"), "standing": N_("Standing")}


def place_label(place: str) -> str:
    return _(PLACE_LABELS[place]) if place in PLACE_LABELS else place


templates.env.globals["place_label"] = place_label
templates.env.filters["place_label"] = place_label
templates.env.globals["position_word"] = position_word
templates.env.globals["context_word"] = context_word
templates.env.globals["rule_sources"] = rule_sources
templates.env.globals["cite"] = cite
templates.env.globals["source_ref"] = source_ref
templates.env.globals["condition_name"] = condition_name
templates.env.globals["browser_words"] = browser_words


def settings_of(request: Request) -> Settings:
    """The settings of this request: on a multi-user server the signed-in account's
    (web/accounts.py), else those create_app put on the app (or the environment's, for an app
    made bare)."""
    mine: Settings | None = getattr(request.state, "settings", None)
    if mine is not None:
        return mine
    settings: Settings | None = getattr(request.app.state, "settings", None)
    if settings is None:
        settings = get_settings()
        request.app.state.settings = settings
    return settings


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("page", template.removesuffix(".html"))
    context["csrf"] = csrf_token(request)
    context["sources"] = sources()
    # A multi-user server's signed-in account (web/accounts.py), for the menu; else None.
    context["account"] = getattr(request.state, "account", None)
    response: HTMLResponse = templates.TemplateResponse(
        request, template, context, status_code=status_code
    )
    return response
