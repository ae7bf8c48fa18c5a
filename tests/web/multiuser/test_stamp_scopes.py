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


def test_a_servers_first_requests_at_once_open_one_engine_and_one_listener(mu_settings):
    """Several threads asking for the server at the same moment (a worker's first requests)
    get one engine and one listening connection, not one each left open."""
    import threading

    from sqlalchemy import text

    from supple.services.context import close_all, server_engine, server_stamp
    from supple.store.stamp import APPLICATION_NAME

    close_all()
    start = threading.Barrier(8)
    engines: list[Any] = []

    def first_request() -> None:
        start.wait()
        engines.append(server_engine(mu_settings))
        server_stamp(mu_settings).current()

    threads = [threading.Thread(target=first_request) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(e) for e in engines}) == 1
    with engines[0].connect() as conn:
        listening = conn.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = :n "
                "AND datname = current_database()"
            ),
            {"n": APPLICATION_NAME},
        ).scalar_one()
    assert listening == 1
