"""The domain's own sentences (a screen's verdict, the session's cues) are said through the
catalog the front ends use: `supple.wording.i18n` installs itself into `supple.domain.words`,
so a catalog that words them otherwise changes what a person reads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import supple.wording.i18n as i18n
from supple.data.loader import shipped
from supple.domain.screening import DISCLAIMER, screen
from supple.domain.timeline import compile_timeline
from tests.domain.test_screening import nothing_to_report
from tests.domain.test_timeline import FULL
from tests.player.helpers import CATALOG
from tests.wording.catalogs import compiled

SEE = (
    "Please see a doctor or physiotherapist before you start, and tell them about the points "
    "listed below."
)


def test_the_screens_verdict_and_the_cues_come_from_the_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = shipped()
    answers = {**nothing_to_report(data.questions), "heart-condition": True}
    english = screen(data.questions, data.catalog, answers, date(2026, 12, 3)).message
    assert english.startswith(SEE) and english.endswith(DISCLAIMER)

    polish = compiled(
        tmp_path,
        {
            SEE: "Zanim zaczniesz, idź do lekarza lub fizjoterapeuty.",
            DISCLAIMER: "To ogólne wskazówki, nie porada medyczna.",
            "Breathe in.": "Wdech.",
        },
        locale="pl",
    )
    monkeypatch.setattr(i18n, "translations", lambda lang=None: polish)
    shown = screen(data.questions, data.catalog, answers, date(2026, 12, 3)).message
    assert shown.startswith("Zanim zaczniesz, idź do lekarza lub fizjoterapeuty.")
    assert shown.endswith("To ogólne wskazówki, nie porada medyczna.")
    assert "Wdech." in {s.cue for s in compile_timeline(FULL, CATALOG).segments}
