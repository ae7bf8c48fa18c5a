"""The profile form: a failed save keeps what was typed, with the error by the field."""

from __future__ import annotations

import re

from tests.web.conftest import form_post


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
