"""'Do this stretch now': a session of that stretch alone, through the screen's gate."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from tests.web.conftest import clear_answers, form_post, report_pain


def _played(client, response) -> list[str | None]:
    assert response.status_code == 303, response.text
    session_id = parse_qs(urlsplit(response.headers["location"]).query)["id"][0]
    steps = client.get(f"/api/v1/sessions/{session_id}").json()["routine"]["steps"]
    return [s["id"] for s in steps if s["kind"] == "stretch"]


def test_do_this_stretch_now_plays_only_that_stretch(client):
    client.write("POST", "/api/v1/screening", json=clear_answers())
    page = client.get("/catalog/childs-pose").text
    assert 'action="/catalog/childs-pose/now"' in page and "Do this stretch now" in page
    warm = form_post(client, "/catalog/childs-pose/now", {"warm": "on"})
    assert _played(client, warm) == ["childs-pose"]
    cold = form_post(client, "/catalog/seated-figure-four/now", {})
    assert _played(client, cold) == ["seated-figure-four"]
    assert "Do this stretch now" not in client.get("/catalog/light-cardio-warmup").text


def test_do_this_stretch_now_is_refused_without_a_valid_screen(client):
    r = form_post(client, "/catalog/childs-pose/now", {"warm": "on"})
    assert r.status_code == 409
    problem = re.search(r'id="stretch-now-problem">(.*?)</div>', r.text, re.S)
    assert problem and "safety screen" in problem.group(1) and 'href="/screen"' in problem.group(1)
    report_pain(client)
    after_pain = form_post(client, "/catalog/childs-pose/now", {"warm": "on"})
    assert after_pain.status_code == 409 and "sharp pain" in after_pain.text


def test_a_stretch_the_screen_leaves_out_is_refused_with_the_reason(client):
    from supple.data.loader import shipped

    client.write(
        "POST", "/api/v1/screening", json=clear_answers(**{"hip-replacement": "posterior"})
    )
    excluded = client.get("/api/v1/screening/latest").json()["excluded"]
    assert excluded, "the hip replacement answer leaves stretches out"
    sid = excluded[0]
    r = form_post(client, f"/catalog/{sid}/now", {"warm": "on"})
    assert r.status_code == 409
    problem = re.search(r'id="stretch-now-problem">(.*?)</p>', r.text, re.S)
    name = shipped().catalog.get(sid).name
    assert problem and f"{name} is left out for you" in problem.group(1).replace("&#39;", "'")
