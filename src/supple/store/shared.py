"""A multi-user server's shared schema, and each account's own schema (PostgreSQL only).

Isolation by construction: the shared schema `supple_shared` holds what is about accounts
(accounts, login sessions, login attempts, invitations, prescriptions); each account's own data
(profile, screens, routines, sessions: the tables of `store.tables`) lives in a schema of its
own, `acct_<id>`, made and migrated with the ordinary migrations when the account is made.

An account's store runs on the server's one engine through `scoped(engine, schema)`: every
statement names the account's schema in every table it reaches (SQLAlchemy's
`schema_translate_map`, applied when each statement is compiled), so the existing repositories
run unchanged, each one able to reach only the account it was opened for, with no round trip
to set anything per transaction or per checkout. Every connection's own `search_path` is the
shared schema (set once, when it is made), which holds no person's table: a query not scoped
to an account finds no person's data at all. The shared tables are always named with their
schema. Migrations, which also run raw SQL, run on `migrating(engine, schema)`, whose every
transaction starts with `SET LOCAL search_path` to the account's schema.

The shared tables are created with `metadata.create_all` (under an advisory lock, so several
workers starting at once do not race); they are apart from the per-person migration chain.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    event,
    text,
)

from supple.store.migrate import current_revision, head_revision, upgrade

SHARED_SCHEMA = "supple_shared"
_SCHEMA_OPTION = "supple_schema"
_ACCOUNT_SCHEMA = re.compile(r"acct_[0-9]+")
#: Advisory lock keys (any fixed numbers): creating the shared tables; migrating an account.
_SHARED_LOCK = 7_211_501
_ACCOUNT_LOCK = 7_211_502

metadata = MetaData(schema=SHARED_SCHEMA)

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("role", String(10), nullable=False),  # person | coach
    Column("password_hash", String(300), nullable=False),
    Column("coach_id", Integer, ForeignKey(f"{SHARED_SCHEMA}.accounts.id"), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_accounts_coach", accounts.c.coach_id)

login_sessions = Table(
    "login_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("account_id", Integer, ForeignKey(f"{SHARED_SCHEMA}.accounts.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
Index("ix_login_sessions_account", login_sessions.c.account_id)

login_attempts = Table(
    "login_attempts",
    metadata,
    Column("key", String(400), primary_key=True),  # "account:<email>" or "address:<ip>"
    Column("failures", Integer, nullable=False),
    Column("last_at", DateTime(timezone=True), nullable=False),
)

invitations = Table(
    "invitations",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("coach_id", Integer, ForeignKey(f"{SHARED_SCHEMA}.accounts.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=True),
    Column("used_by", Integer, ForeignKey(f"{SHARED_SCHEMA}.accounts.id"), nullable=True),
)

prescriptions = Table(
    "prescriptions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("coach_id", Integer, ForeignKey(f"{SHARED_SCHEMA}.accounts.id"), nullable=False),
    Column("client_id", Integer, ForeignKey(f"{SHARED_SCHEMA}.accounts.id"), nullable=False),
    Column("name", String(80), nullable=False),
    Column("steps", JSON, nullable=False),  # [{"stretch": id, "seconds": n, "reps": n}]
    Column("days_per_week", Integer, nullable=False),
    Column("notes", Text, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_prescriptions_client", prescriptions.c.client_id, prescriptions.c.active)


def account_schema(account_id: int) -> str:
    return f"acct_{int(account_id)}"


def _checked(schema: str) -> str:
    """The schema name, if it is an account schema (acct_<id>); else ValueError."""
    if not _ACCOUNT_SCHEMA.fullmatch(schema):
        raise ValueError(f"not an account schema: {schema!r}")
    return schema


def scoped(engine: Engine, schema: str) -> Engine:
    """The server's engine as seen by one account's store: every table a statement names is
    in `schema` (same pool, no engine of its own, nothing set per transaction)."""
    return engine.execution_options(schema_translate_map={None: _checked(schema)})


def migrating(engine: Engine, schema: str) -> Engine:
    """The server's engine for migrating one account's schema (Alembic, raw SQL included):
    every transaction's search_path is `schema` (SET LOCAL, so it ends with the transaction)."""
    return engine.execution_options(**{_SCHEMA_OPTION: _checked(schema)})


def _on_begin(conn: Any) -> None:
    schema = conn.get_execution_options().get(_SCHEMA_OPTION)
    if schema is None:
        return
    # The schema is ours (checked by `migrating`); SET LOCAL ends with the transaction, so a
    # pooled connection never carries one account's path into the next one's work.
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(f'SET LOCAL search_path TO "{schema}"')
    finally:
        cursor.close()


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    """Each new connection's search_path: the shared schema, which holds no person's table."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"SET search_path TO {SHARED_SCHEMA}")
    finally:
        cursor.close()
    dbapi_connection.commit()


def prepare_server_engine(engine: Engine) -> None:
    """Make `engine` a multi-user server's engine (once per engine): scoped transactions, and
    the shared schema and its tables created if missing."""
    if engine.url.get_backend_name() != "postgresql":
        raise ValueError("a multi-user server needs PostgreSQL")
    if not event.contains(engine, "begin", _on_begin):
        event.listen(engine, "begin", _on_begin)
    if not event.contains(engine.pool, "connect", _on_connect):
        # Any connection the pool holds already (none, normally) is made again, with it.
        engine.pool.dispose()
        event.listen(engine.pool, "connect", _on_connect)
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SHARED_LOCK})
        conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {SHARED_SCHEMA}"))
        metadata.create_all(conn, checkfirst=True)
        _notify_on_change(conn)


#: Shared tables whose writes every process must hear at once (a logout, a new password, an
#: account's coach): they send NOTIFY supple_data naming this schema, as the account tables
#: name theirs (migrations 0004 and 0006), so the change stamp's SHARED_SCHEMA scope
#: (store/stamp.py), which keeps a process's login lookups fresh, changes.
_NOTIFYING = ("accounts", "login_sessions")


def _notify_on_change(conn: Any) -> None:
    conn.execute(
        text(
            f"""
            CREATE OR REPLACE FUNCTION {SHARED_SCHEMA}.supple_data_changed() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('supple_data', TG_TABLE_SCHEMA);
                RETURN NULL;
            END
            $$
            """
        )
    )
    for table in _NOTIFYING:
        conn.execute(
            text(
                f"CREATE OR REPLACE TRIGGER supple_data_changed AFTER INSERT OR UPDATE OR DELETE "
                f"OR TRUNCATE ON {SHARED_SCHEMA}.{table} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION {SHARED_SCHEMA}.supple_data_changed()"
            )
        )


@functools.cache
def _head() -> str:
    """The migrations' head revision, read from the shipped scripts once per process."""
    return head_revision()


def warm_up() -> None:
    """What opening an account's store first loads (the migration scripts), loaded before the
    server takes requests: not on some account's first request."""
    _head()
    import supple.store.store  # noqa: F401


def migrate_account(engine: Engine, schema: str) -> None:
    """Create the account's schema if missing and bring it to the current revision with the
    ordinary migrations (one migration at a time across workers). An account already at the
    head, as every account is once made, costs one query (no lock, no script walk): each
    worker opens each account's store once, on that account's first request."""
    scoped_engine = migrating(engine, schema)
    if current_revision(scoped_engine) == _head():
        return
    with engine.connect() as lock:
        lock.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _ACCOUNT_LOCK})
        lock.commit()
        try:
            with engine.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
            upgrade(scoped_engine)
        finally:
            lock.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _ACCOUNT_LOCK})
            lock.commit()
