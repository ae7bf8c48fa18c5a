"""The commands' `--help` goes through the catalog: a catalog that words a command's or an
option's help otherwise changes what `--help` shows, at the root and for a command and a
command of a group. The texts themselves are in the English catalog (the extractor reads the
command tree; `test_translation_catalog` fails while the catalog is stale)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main
from babel.messages.pofile import read_po

import supple.wording.i18n as i18n
from supple.cli.app import app
from supple.cli.help_words import help_texts
from tests.cli.conftest import Run
from tests.wording.catalogs import compiled

PLAN = "Build a routine for your minutes, place and context."
MINUTES = "Whole session in minutes, warm-up included."
HOME = "Data directory for every command (overrides SUPPLE_HOME)."


def test_every_help_text_is_in_the_english_catalog() -> None:
    with (i18n.LOCALE_DIR / "en" / "LC_MESSAGES" / "supple.po").open("rb") as f:
        ids = {m.id for m in read_po(f)}
    texts = list(help_texts(typer.main.get_command(app)))
    assert PLAN in texts and MINUTES in texts and len(texts) > 50
    missing = [text for text in texts if text not in ids]
    assert not missing, f"help texts missing from supple.po: {missing[:5]}"


def test_help_is_shown_in_the_catalogs_words(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = cli("--help").out
    assert PLAN in english and HOME in english

    reworded = compiled(
        tmp_path,
        {
            PLAN: "Eine Routine für deine Minuten, deinen Ort und Anlass.",
            MINUTES: "Die ganze Sitzung in Minuten, mit Aufwärmen.",
            HOME: "Datenordner für jeden Befehl.",
            "One stretch: steps, tips, variations, cautions and sources.": "Eine Dehnung zeigen.",
        },
    )
    monkeypatch.setattr(i18n, "translations", lambda lang=None: reworded)
    root = cli("--help").out
    assert "Eine Routine für deine Minuten" in root and PLAN not in root
    assert "Datenordner für jeden Befehl." in root
    # What the catalog does not hold stays in English.
    assert "Take the safety screen" in root

    plan = cli("plan", "--help").out
    assert "Die ganze Sitzung in Minuten, mit Aufwärmen." in plan and MINUTES not in plan
    assert "Eine Routine für deine Minuten" in plan

    show = cli("catalog", "show", "--help").out
    assert "Eine Dehnung zeigen." in show, show
