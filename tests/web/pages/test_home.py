"""The home page in the states a user meets."""

from __future__ import annotations

from tests.web.conftest import clear_answers, form_post, report_pain


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
