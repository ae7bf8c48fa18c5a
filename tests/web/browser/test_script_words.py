"""In Chromium, the scripts show the words the server sends them: a page whose words block
is in Polish (three plural forms) has the screen's question count and its "answer first"
message in Polish, the count in the form Polish uses for that number."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import supple.wording.i18n as i18n
from supple.web.js_words import browser_words
from tests.wording.catalogs import compiled

FORMS = (
    "Pytanie {number} z {n} (jedno)",
    "Pytanie {number} z {n} (kilka)",
    "Pytanie {number} z {n}",
)
ANSWER = "Please answer this question to go on (question {number} of {count})."


def polish_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    polish = compiled(
        tmp_path,
        {ANSWER: "Odpowiedz na pytanie {number} z {count}, aby iść dalej."},
        {("Question {number} of {n}", "Question {number} of {n}"): FORMS},
        locale="pl",
    )
    with monkeypatch.context() as m:
        m.setattr(i18n, "translations", lambda lang=None: polish)
        return browser_words()


def test_the_screen_counts_its_questions_in_the_pages_language(
    page: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = json.dumps(polish_words(tmp_path, monkeypatch))

    def in_polish(route: Any) -> None:
        html = route.fetch().text()
        block = re.compile(r'(<script type="application/json" id="supple-words">).*?(</script>)')
        assert block.search(html), "the page carries no words block"
        route.fulfill(
            body=block.sub(lambda m: m.group(1) + words + m.group(2), html),
            content_type="text/html; charset=utf-8",
        )

    page.route("**/screen", in_polish)
    page.goto("/screen")
    questions = page.locator("fieldset.question").count()
    # Polish: 1 -> the first form; 2-4, 22-24 ... -> the second; 5-21, 25-31 ... -> the third.
    tens, ones = questions % 100, questions % 10
    form = 0 if questions == 1 else 1 if 2 <= ones <= 4 and not 12 <= tens <= 14 else 2
    expected = FORMS[form].format(number=1, n=questions)
    assert page.locator("#step-count").inner_text() == expected

    page.click("#q-next")  # nothing answered yet: the script asks for an answer, in Polish
    assert page.locator("#step-count").inner_text() == (
        f"Odpowiedz na pytanie 1 z {questions}, aby iść dalej."
    )


def test_without_a_translation_the_scripts_show_english(page: Any) -> None:
    """Without a translation the block holds the English words, and the scripts fill them."""
    page.goto("/screen")
    count = page.locator("fieldset.question").count()
    assert page.locator("#step-count").inner_text() == f"Question 1 of {count}"
