"""A real gettext catalog for a test: compiled to a .mo file as the build does."""

from __future__ import annotations

import gettext
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

import supple.wording.i18n as i18n


def compiled(
    tmp_path: Path,
    words: dict[str, str],
    counted: dict[tuple[str, str], tuple[str, ...]] | None = None,
    locale: str = "en",
) -> gettext.GNUTranslations:
    """A catalog holding only `words` (msgid → text) and `counted` ((singular, plural) → the
    language's forms), with the plural rule of `locale` (Polish has three forms)."""
    catalog = Catalog(locale=locale, domain=i18n.DOMAIN)
    for msgid, msgstr in words.items():
        catalog.add(msgid, msgstr)
    for pair, forms in (counted or {}).items():
        catalog.add(pair, forms)
    mo = tmp_path / f"supple-{locale}.mo"
    with mo.open("wb") as f:
        write_mo(f, catalog)
    with mo.open("rb") as f:
        return gettext.GNUTranslations(f)
