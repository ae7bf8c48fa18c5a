"""Translations: gettext over the catalog that the build compiles (`locale/<lang>/supple.mo`).

Every user-facing string is marked with `_()` / `ngettext()` (or `N_()` where it is only
collected, as in `messages/`), so a translation is one `.po` file later. The English catalog is
compiled from `locale/en/LC_MESSAGES/supple.po` by the build (see `hatch_build.py`); without a
compiled catalog gettext falls back to the English source strings, with English plural rules.
"""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path

from supple.domain import words as domain_words

DOMAIN = "supple"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def language() -> str:
    """The language people read: SUPPLE_LANG, else English (the only catalog shipped today)."""
    return os.environ.get("SUPPLE_LANG", "en") or "en"


@cache
def translations(lang: str | None = None) -> gettext.NullTranslations:
    return gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[lang or language(), "en"], fallback=True
    )


def _(message: str) -> str:
    return translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for count `n` ("1 hold", "3 holds"), by the language's rules."""
    return translations().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (it is translated when used)."""
    return message


def N_ngettext(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a count for extraction without choosing its form now (the browser's
    words, `web/js_words.py`, send every form of it and the language's plural rule)."""
    return singular, plural


def plural_index(n: int) -> int:
    """Which plural form of a message the language uses for count `n` (English: 0 for one, 1
    for the rest), from the catalog's Plural-Forms rule."""
    rule = getattr(translations(), "plural", None)
    return int(rule(n)) if rule is not None else int(n != 1)


# The domain's own sentences (a screen's verdict, the session's cues) go through this catalog
# too: the domain marks them with `say()` and cannot import gettext itself.
domain_words.install(_, ngettext)
