"""A multi-user server's change stamp keeps one count per account's schema and one for the
logins: one client's writes leave every other client's cached plans and history, and every
login lookup, as they were."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import text

from tests.web.multiuser.conftest import PASSWORD

pytestmark = pytest.mark.postgres


def _stores(mu_settings, people) -> tuple[Any, Any]:
    from supple.services.accounts import account_settings
    from supple.services.context import store_for

    return (
        store_for(account_settings(mu_settings, people["alice"])),
        store_for(account_settings(mu_settings, people["bob"])),
    )


def _until_changed(stamp: Any, before: Any, seconds: float = 10.0) -> Any:
    end = time.monotonic() + seconds
    while (now := stamp.current()) == before and time.monotonic() < end:
        time.sleep(0.01)
    return now


def test_one_accounts_write_moves_only_that_accounts_stamp(mu_settings, people):
    from supple.services.accounts import log_in
    from supple.services.context import server_stamp
    from supple.store.shared import SHARED_SCHEMA

    alice, bob = _stores(mu_settings, people)
    logins = server_stamp(mu_settings)
    assert logins.catch_up()  # the accounts' setup writes all heard
    a, b, shared = alice.stamp.current(), bob.stamp.current(), logins.current(SHARED_SCHEMA)
    assert None not in (a, b, shared)
    alice.routines.save("mine", {"steps": []}, {})
    assert alice.stamp.current() != a  # at once: this process's own commit
    assert logins.catch_up()  # its notification has come back
    assert bob.stamp.current() == b
    assert logins.current(SHARED_SCHEMA) == shared

    log_in(mu_settings, "bob@example.org", PASSWORD, "198.51.100.7")
    assert logins.current(SHARED_SCHEMA) != shared
    a = alice.stamp.current()
    assert logins.catch_up()
    assert alice.stamp.current() == a, "a login is not a write to anyone's data"


def test_another_processs_write_to_one_account_moves_only_its_stamp(mu_settings, people):
    import sqlalchemy

    from supple.services.context import server_stamp

    alice, bob = _stores(mu_settings, people)
    assert server_stamp(mu_settings).catch_up()
    a, b = alice.stamp.current(), bob.stamp.current()
    other = sqlalchemy.create_engine(alice.engine.url)  # as another process would
    try:
        with other.begin() as conn:
            conn.execute(
                text(
                    f"INSERT INTO {people['bob'].schema}.routines (name, created_at, routine, "
                    "options) VALUES ('elsewhere', CURRENT_TIMESTAMP, '{}', '{}')"
                )
            )
        assert _until_changed(bob.stamp, b) != b
        assert server_stamp(mu_settings).catch_up()
        assert alice.stamp.current() == a
    finally:
        other.dispose()
