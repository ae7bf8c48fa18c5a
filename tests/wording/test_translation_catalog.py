"""The English catalog: current with the marked strings, compiled by the build, and used."""

from __future__ import annotations

import gettext

from supple.domain.planner_model import TOO_SHORT, PlanError
from supple.services.profile import UNKNOWN_PLACES, BadPlaces
from supple.wording import CLI, FORM, word
from supple.wording.extract import main as extract
from supple.wording.i18n import LOCALE_DIR, translations


def test_the_catalog_holds_every_marked_string() -> None:
    """Fails when a string was marked (or changed) without `python -m supple.wording.extract`."""
    assert extract(["--check"]) == 0


def test_the_build_compiled_the_english_catalog_and_it_is_the_one_read() -> None:
    assert (LOCALE_DIR / "en" / "LC_MESSAGES" / "supple.mo").is_file()
    assert isinstance(translations("en"), gettext.GNUTranslations)


def test_plurals_follow_the_count() -> None:
    one = word(PlanError(TOO_SHORT, given=1, need=2), CLI)
    many = word(PlanError(TOO_SHORT, given=3, need=4), CLI)
    assert one.startswith("1 minute is too short") and many.startswith("3 minutes is too short")
    assert '"pool" is not a place' in word(
        BadPlaces(UNKNOWN_PLACES, given=["pool"], count=1, choices=["floor"]), FORM
    )
    two = word(BadPlaces(UNKNOWN_PLACES, given=["pool", "bed"], count=2, choices=["floor"]), FORM)
    assert '"pool, bed" are not places' in two
