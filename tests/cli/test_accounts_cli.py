"""`supple accounts create-coach` and `supple serve --multi-user`: PostgreSQL required (SQLite
refused in one line, exit 2); the coach's password at least 12 characters; one account per
email; the coach can then log in."""

from __future__ import annotations

import pytest


def test_multi_user_refuses_sqlite_in_one_line_with_exit_2(supple, tmp_path):
    r = supple("serve", "--multi-user", "--no-browser", "--port", "8765")
    assert r.code == 2
    lines = [line for line in r.err.splitlines() if line.strip()]
    assert len(lines) == 1, r.err
    assert "PostgreSQL" in lines[0] and "SUPPLE_DATABASE_URL" in lines[0]
    assert "Traceback" not in r.err
    pw = tmp_path / "pw"
    pw.write_text("a long enough password\n")
    r = supple("accounts", "create-coach", "c@example.org", "--password-file", str(pw))
    assert r.code == 2 and "PostgreSQL" in r.err


def test_workers_need_multi_user(supple):
    r = supple("serve", "--workers", "2", "--no-browser")
    assert r.code == 2 and "--multi-user" in r.err


@pytest.mark.postgres
def test_create_coach_on_postgres_then_log_in(supple, tmp_path, postgres_url):
    env = {"SUPPLE_DATABASE_URL": postgres_url}
    short = tmp_path / "short"
    short.write_text("too short\n")
    r = supple(
        "accounts", "create-coach", "coach@example.org", "--password-file", str(short), env=env
    )
    assert r.code == 2 and "at least 12 characters" in r.err
    bad = tmp_path / "pw"
    bad.write_text("a long enough password\n")
    r = supple("accounts", "create-coach", "not-an-email", "--password-file", str(bad), env=env)
    assert r.code == 2 and "not an email address" in r.err
    r = supple(
        "accounts", "create-coach", "Coach@Example.org", "--password-file", str(bad), env=env
    )
    assert r.code == 0, r.err
    assert "coach@example.org" in r.out
    again = supple(
        "accounts", "create-coach", "coach@example.org", "--password-file", str(bad), env=env
    )
    assert again.code == 2 and "already an account" in again.err

    from supple.config import Settings
    from supple.services.accounts import log_in
    from supple.services.context import close_all

    try:
        account, token = log_in(
            Settings(home=tmp_path, database_url=postgres_url),
            "coach@example.org",
            "a long enough password",
            "127.0.0.1",
        )
        assert account.role == "coach" and token
    finally:
        close_all()


@pytest.mark.postgres
def test_export_one_accounts_data_to_a_file_it_can_import(supple, tmp_path, postgres_url):
    import json

    from supple.config import Settings
    from supple.services.accounts import account_settings, create_account
    from supple.services.context import close_all
    from supple.services.profile import get_profile, save_profile

    server = Settings(home=tmp_path / "srv", database_url=postgres_url)
    try:
        ann = create_account(server, "ann@example.org", "a long enough password")
        create_account(server, "ben@example.org", "a long enough password")
        mine = account_settings(server, ann)
        save_profile(mine, get_profile(mine).model_copy(update={"name": "Ann Export"}))
    finally:
        close_all()
    env = {"SUPPLE_DATABASE_URL": postgres_url}
    out = tmp_path / "ann.json"
    r = supple("accounts", "export", "ann@example.org", str(out), env=env)
    assert r.code == 0, r.err
    doc = json.loads(out.read_text())
    assert "Ann Export" in out.read_text() and doc
    missing = supple("accounts", "export", "nobody@example.org", str(tmp_path / "x.json"), env=env)
    assert missing.code == 2 and "no account for nobody@example.org" in missing.err
    # The file is the person's own: their local supple imports it.
    r = supple("import", str(out))
    assert r.code == 0, r.err
    assert "Ann Export" in supple("profile", "--json").out
