"""Page forms need their CSRF field."""

from __future__ import annotations

from tests.web.conftest import clear_answers, form_post


def test_page_forms_without_the_csrf_field_are_refused(client):
    for path, data in [("/profile", {"weekly_goal": "4"}), ("/screen", clear_answers())]:
        for token in (None, "forged"):
            r = form_post(client, path, {k: str(v) for k, v in data.items()}, token=token)
            assert r.status_code == 403, (path, token)
            assert "security token did not match" in r.text
    assert client.get("/api/v1/profile").json()["weekly_goal"] == 3, "nothing was saved"
    assert client.get("/api/v1/screening/latest").status_code == 404
