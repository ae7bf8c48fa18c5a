"""The plan page: errors in the form's words, names for people, linked sources."""

from __future__ import annotations

import re

from tests.web.conftest import clear_answers


def test_plan_errors_on_the_page_name_the_form_fields(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    r = client.get("/plan?minutes=10&places=floor&context=anytime&avoid=cat-cows")
    assert r.status_code == 422
    error = re.search(r'id="plan-error">(.*?)</p>', r.text, re.S)
    assert error, r.text
    text = error.group(1)
    assert "--" not in text, text
    assert "Avoid" in text and "the Stretches page" in text and "Cat-cow" in text
    bad = client.get("/plan?minutes=0")
    assert (
        bad.status_code == 422
        and "Minutes must be a whole number from 1 to 240; 0 is not." in bad.text
    )


def test_the_plan_shows_muscle_and_stretch_names_and_links_its_sources(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    page = client.get("/plan?minutes=12&places=floor").text
    targets = re.findall(r"<p>Targets: ([^<]*)</p>", page)
    assert targets and all("-" not in t for t in targets), targets  # names, not ids
    left_out = page.split("<h3>Left out</h3>", 1)[1].split("</ul>", 1)[0]
    names = re.findall(r'<a href="/catalog/[^"]+">([^<]+)</a>', left_out)
    assert names and all(n[0].isupper() for n in names), names
    why = re.findall(r'<p class="why">(.*?)</p>', page, re.S)
    assert any('href="/sources#source-garber-2011"' in w for w in why)


def test_places_and_positions_are_words_on_the_plan_and_the_stretch_pages(client):
    from supple.domain.catalog import Position
    from supple.domain.planner_model import position_word

    # The ids that differ from their words ("kneeling" is both).
    ids = {p for p in Position.__args__ if position_word(p) != p} | {"floor", "chair"}
    client.write("POST", "/api/v1/screening", json=clear_answers())
    for path in ("/plan?minutes=15&places=floor&places=chair&places=standing", "/catalog"):
        page = client.get(path).text
        doses = re.findall(r'<p class="dose">(.*?)</p>', page, re.S)
        assert doses, path
        parts = {p.strip() for d in doses for p in re.split(r"·|,", d)}
        assert not parts & ids, (path, parts & ids)  # "on all fours", not "all-fours"
    assert "· on all fours" in client.get("/catalog/cat-cow").text
