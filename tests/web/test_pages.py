"""The HTML pages through httpx (no browser): what each page says in the states a user meets,
the forms' CSRF field, and a failed form keeping what was typed."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import clear_answers, report_pain


def form_post(client, path: str, data: dict, token: str | None = "ok"):
    """A form as the page sends it: url-encoded, with the csrf_token field (unless None)."""
    if token == "ok":
        token = client.csrf
    body = {**data, **({"csrf_token": token} if token is not None else {})}
    return client.post(path, data=body)


def test_home_and_screen_result_ask_for_a_new_screen_after_sharp_pain(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    home = client.get("/").text
    assert "Plan today's routine" in home and 'id="screen-again"' not in home
    report_pain(client)

    home = client.get("/")
    assert 'id="screen-again"' in home.text and "sharp pain" in home.text
    assert 'href="/plan"' not in home.text.split("</header>", 1)[1], "no plan button after pain"
    result = client.get("/screen/result")
    assert 'id="screen-again"' in result.text and "sharp pain" in result.text
    assert "Plan a routine" not in result.text
    # The page and the planner agree.
    assert client.get("/plan?minutes=10").status_code == 409

    client.write("POST", "/api/v1/screening", json=clear_answers())  # screened again
    home = client.get("/").text
    assert 'id="screen-again"' not in home and "Plan today's routine" in home


def test_home_offers_the_profile_when_only_the_screen_was_taken(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())  # also stores the age
    assert 'id="setup-profile"' in client.get("/").text
    r = form_post(client, "/profile", {"weekly_goal": "3", "places": "floor", "age": "40"})
    assert r.status_code == 303
    assert 'id="setup-profile"' not in client.get("/").text


def test_page_forms_without_the_csrf_field_are_refused(client):
    for path, data in [("/profile", {"weekly_goal": "4"}), ("/screen", clear_answers())]:
        for token in (None, "forged"):
            r = form_post(client, path, {k: str(v) for k, v in data.items()}, token=token)
            assert r.status_code == 403, (path, token)
            assert "csrf_token" in r.text
    assert client.get("/api/v1/profile").json()["weekly_goal"] == 3, "nothing was saved"
    assert client.get("/api/v1/screening/latest").status_code == 404


def test_a_failed_profile_save_keeps_what_was_typed_with_the_error_by_the_field(client):
    r = form_post(
        client,
        "/profile",
        {"name": "Ana", "age": "44", "weekly_goal": "99", "places": "chair", "voice": ""},
    )
    assert r.status_code == 422
    page = r.text
    assert re.search(r'name="name" value="Ana"', page)
    assert re.search(r'name="age"[^>]*value="44"', page)
    assert re.search(r'name="weekly_goal"[^>]*value="99"[^>]*aria-invalid="true"', page)
    assert re.search(r'value="chair" checked', page) and not re.search(
        r'value="floor" checked', page
    )
    error = re.search(r'<span class="field-error" id="err-weekly_goal">([^<]*)</span>', page)
    assert error and "14" in error.group(1) and "99" in error.group(1)
    assert client.get("/api/v1/profile").json()["weekly_goal"] == 3, "nothing was saved"


def test_plan_errors_on_the_page_name_the_form_fields(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    r = client.get("/plan?minutes=1&places=floor&context=anytime")
    assert r.status_code == 422
    error = re.search(r'id="plan-error">(.*?)</p>', r.text, re.S)
    assert error, r.text
    text = error.group(1)
    assert "--" not in text, text
    assert "Minutes" in text and "I am already warm" in text
    bad = client.get("/plan?minutes=0")
    assert (
        bad.status_code == 422 and "Minutes:" in bad.text and "(you gave &#39;0&#39;)" in bad.text
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
    assert any('href="/learn#source-garber-2011"' in w for w in why)


@pytest.mark.parametrize("path", ["/plan", "/plan?minutes=10", "/session", "/screen/result"])
def test_an_urgent_screen_shows_only_where_to_go(client, path):
    client.write("POST", "/api/v1/screening", json=clear_answers(**{"bladder-bowel": True}))
    page = client.get(path).text
    assert "Get medical care now" in page
    assert "<form" not in page and "<nav" not in page and 'id="player"' not in page
