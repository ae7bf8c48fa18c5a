"""The web pages' words go through gettext: a catalog that words a marked string otherwise
changes what the page shows (the proof that the templates' marks are looked up, not inert)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import supple.wording.i18n as i18n
from supple.config import Settings
from tests.web.conftest import ApiClient, api_client
from tests.wording.catalogs import compiled


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


def words_block(html: str) -> dict[str, Any]:
    """The scripts' words a page carries (`<script type="application/json" id="supple-words">`)."""
    found = re.search(r'<script type="application/json" id="supple-words">(.*?)</script>', html)
    assert found, "the page carries no words for its scripts"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_the_scripts_words_come_from_the_catalog(
    page: ApiClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = words_block(page.get("/session").text)
    assert english["words"]["player.paused"] == "Paused. Press space or Resume to go on."
    assert english["counted"]["seconds"] == ["{n} second", "{n} seconds"]
    assert english["plural"][:3] == [1, 0, 1]  # 0 seconds, 1 second, 2 seconds

    polish = compiled(
        tmp_path,
        {"Paused. Press space or Resume to go on.": "Pauza. Spacja albo Wznów, aby iść dalej."},
        {("{n} second", "{n} seconds"): ("{n} sekunda", "{n} sekundy", "{n} sekund")},
        locale="pl",
    )
    monkeypatch.setattr(i18n, "translations", lambda lang=None: polish)
    shown = words_block(page.get("/session").text)
    assert shown["words"]["player.paused"] == "Pauza. Spacja albo Wznów, aby iść dalej."
    assert shown["counted"]["seconds"] == ["{n} sekunda", "{n} sekundy", "{n} sekund"]
    # Polish: 1 sekunda, 2-4 sekundy, 5-21 sekund, 22 sekundy, 112 sekund.
    assert [shown["plural"][n] for n in (1, 2, 4, 5, 12, 21, 22, 112)] == [0, 1, 1, 2, 2, 2, 1, 2]
    # What the catalog does not hold stays in English, in the language's forms.
    assert shown["words"]["done.complete"] == "Session complete"
    assert shown["counted"]["minutes"] == ["{n} minute", "{n} minutes", "{n} minutes"]


def test_the_words_block_cannot_end_the_script_element(
    page: ApiClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A translation holding `</script>` stays data: the block is JSON escaped for HTML."""
    hostile = compiled(tmp_path, {"Saving your session…": "</script><script>alert(1)</script>"})
    monkeypatch.setattr(i18n, "translations", lambda lang=None: hostile)
    html = page.get("/session").text
    assert "<script>alert(1)" not in html
    assert words_block(html)["words"]["done.saving"] == "</script><script>alert(1)</script>"
