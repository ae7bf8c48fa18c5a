"""The plan page's swap, variation and save, and the saved-routines page that starts them."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.web.conftest import clear_answers, form_post, report_pain


def _stretches(page: str) -> list[str]:
    """The stretch ids of the routine on a plan page, in order (from its swap links)."""
    return [
        parse_qs(urlsplit(href.replace("&amp;", "&")).query)["avoid"][-1]
        for href in re.findall(r'<p class="swap"><a class="button" href="([^"]+)"', page)
    ]


def test_swapping_a_stretch_plans_again_without_it_and_keeps_the_other_choices(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    first = client.get("/plan?minutes=12&places=floor&context=after&warm=on")
    assert first.status_code == 200
    stretches = _stretches(first.text)
    assert len(stretches) >= 2
    swap = re.search(r'<p class="swap"><a class="button" href="([^"]+)"', first.text)
    assert swap
    url = swap.group(1).replace("&amp;", "&")
    assert all(f in url for f in ("minutes=12", "places=floor", "context=after", "warm=on"))
    again = client.get(url)
    assert again.status_code == 200
    assert stretches[0] not in _stretches(again.text)
    assert re.search(r'name="minutes"[^>]*value="12"', again.text)
    assert 'value="after" checked' in again.text
    # The stretch is named (not its id) with a way to put it back.
    put_back = re.search(r'id="put-back">(.*?)</div>', again.text, re.S)
    assert put_back and "put it back" in put_back.group(1)
    assert stretches[0] not in re.sub(r'href="[^"]*"', "", put_back.group(1))


def test_another_variation_shows_a_different_routine_at_its_own_address(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    page = client.get("/plan?minutes=12").text
    link = re.search(r'href="(/plan/variation\?[^"]+)" id="another-variation"', page)
    assert link
    r = client.get(link.group(1).replace("&amp;", "&"), follow_redirects=False)
    assert r.status_code == 303 and "seed=" in r.headers["location"]
    other = client.get(r.headers["location"]).text
    assert _stretches(other) != _stretches(page) or re.findall(
        r'<p class="dose">[^<]*', other
    ) != re.findall(r'<p class="dose">[^<]*', page)
    # And again from there: yet another seed.
    link2 = re.search(r'href="(/plan/variation\?[^"]+)" id="another-variation"', other)
    assert link2
    r2 = client.get(link2.group(1).replace("&amp;", "&"), follow_redirects=False)
    seed = lambda u: int(parse_qs(urlsplit(u).query)["seed"][0])  # noqa: E731
    assert r2.status_code == 303 and seed(r2.headers["location"]) > seed(r.headers["location"])


def test_save_then_start_from_the_saved_list(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    fields = {"minutes": "8", "places": "floor", "context": "anytime", "warm": "on"}
    r = form_post(client, "/plan/save", {"plan": urlencode(fields), "name": "  Morning  "})
    assert r.status_code == 303, r.text
    shown = client.get(r.headers["location"]).text
    assert "Saved as <strong>Morning</strong>" in shown
    listing = client.get("/routines").text
    assert 'data-name="Morning"' in listing and "Start Morning" in listing
    started = form_post(client, "/routines/start", {"name": "Morning", "scale": "0.5"})
    assert started.status_code == 303
    assert re.fullmatch(r"/session\?id=[\w-]+&scale=0.5", started.headers["location"])
    session_id = parse_qs(urlsplit(started.headers["location"]).query)["id"][0]
    played = client.get(f"/api/v1/sessions/{session_id}").json()
    saved = client.get("/api/v1/routines/Morning").json()
    assert [s["id"] for s in played["routine"]["steps"]] == [s["id"] for s in saved["steps"]]


def test_a_bad_or_taken_routine_name_is_shown_by_the_field_in_plain_words(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    fields = {"minutes": "8", "places": "floor", "warm": "on"}
    for name, words in [
        ("   ", "Routine name cannot be empty"),
        ("x" * 81, "at most 80 characters"),
        ("a/b", "slash"),
    ]:
        r = form_post(client, "/plan/save", {"plan": urlencode(fields), "name": name})
        assert r.status_code == 422, name
        error = re.search(r'<span class="field-error" id="routine-name-error">([^<]*)<', r.text)
        assert error and words in error.group(1), (name, error)
        assert "--" not in error.group(1)
        assert re.search(r'id="routine-name"[^>]*aria-invalid="true"', r.text)
    assert (
        form_post(client, "/plan/save", {"plan": urlencode(fields), "name": "Evening"}).status_code
        == 303
    )
    taken = form_post(client, "/plan/save", {"plan": urlencode(fields), "name": "Evening"})
    assert taken.status_code == 422 and "already saved as &#34;Evening&#34;" in taken.text


def test_a_saved_routine_is_refused_when_the_screen_no_longer_allows_it(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    form_post(client, "/plan/save", {"plan": "minutes=8&places=floor", "name": "Mine"})
    report_pain(client)  # a sharp-pain report since the screen: no routine until a new one
    listing = client.get("/routines").text
    assert 'id="routines-gate"' in listing and "Start Mine</button>" in listing
    r = form_post(client, "/routines/start", {"name": "Mine"})
    assert r.status_code == 409
    refused = re.search(r'id="start-refused">(.*?)</div>', r.text, re.S)
    assert refused and "sharp pain" in refused.group(1)
    unknown = form_post(client, "/routines/start", {"name": "Nope"})
    assert unknown.status_code == 404
