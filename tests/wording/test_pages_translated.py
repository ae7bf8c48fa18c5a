"""The web pages' words go through gettext: a catalog that words a marked string otherwise
changes what the page shows (the proof that the templates' marks are looked up, not inert)."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

import supple.wording.i18n as i18n
from supple.config import Settings
from tests.web.conftest import ApiClient, api_client


def compiled(tmp_path: Path, words: dict[str, str]) -> gettext.GNUTranslations:
    """A real catalog, compiled to a .mo file as the build does, holding only `words`."""
    catalog = Catalog(locale="en", domain=i18n.DOMAIN)
    for msgid, msgstr in words.items():
        catalog.add(msgid, msgstr)
    mo = tmp_path / "supple.mo"
    with mo.open("wb") as f:
        write_mo(f, catalog)
    with mo.open("rb") as f:
        return gettext.GNUTranslations(f)


@pytest.fixture
def page(settings: Settings) -> Iterator[ApiClient]:
    from supple.services.context import close_all
    from supple.web.app import create_app

    with api_client(create_app(settings)) as client:
        yield client
    close_all()


def test_a_page_shows_the_catalogs_words(
    page: ApiClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = page.get("/offline").text
    assert "<h1>You are offline</h1>" in english and ">Plan</a>" in english

    reworded = compiled(
        tmp_path,
        {
            "You are offline": "No connection just now",
            "Plan": "Make a plan",
            "Open the player": "Go to the player",
        },
    )
    monkeypatch.setattr(i18n, "translations", lambda lang=None: reworded)
    shown = page.get("/offline").text
    assert "<h1>No connection just now</h1>" in shown and "You are offline" not in shown
    assert ">Make a plan</a>" in shown  # the menu, from base.html
    assert ">Go to the player</a>" in shown
    # What the catalog does not hold stays in English.
    assert "What still works: the session player" in shown
