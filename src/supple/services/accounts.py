"""Accounts on a multi-user server (`supple serve --multi-user`, PostgreSQL only).

An account is a person or a coach. Its data lives in its own schema (store/shared.py), reached
through `account_settings(settings, account)`: the same services, scoped to that account by
construction. Login sessions are random tokens kept only as their SHA-256 in the shared schema,
with an expiry; wrong passwords are counted there per account and per address, so every worker
of the server sees the same counts.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from supple.domain.problems import Kind, Problem, code
from supple.services.context import server_stamp

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Connection

    from supple.config import Settings

NEEDS_POSTGRES = code("accounts.needs-postgres", Kind.BAD_INPUT, field="database")
BAD_EMAIL = code("accounts.bad-email", Kind.BAD_INPUT, field="email")
EMAIL_TAKEN = code("accounts.email-taken", Kind.CONFLICT, field="email")
PASSWORD_SHORT = code("accounts.password-short", Kind.BAD_INPUT, field="password")
PASSWORD_LONG = code("accounts.password-long", Kind.BAD_INPUT, field="password")
WRONG_LOGIN = code("accounts.wrong-login", Kind.BAD_INPUT, field="password")
WRONG_PASSWORD = code("accounts.wrong-password", Kind.BAD_INPUT, field="password")
THROTTLED = code("accounts.throttled", Kind.CONFLICT, field="password")
UNKNOWN_EMAIL = code("accounts.unknown-email", Kind.NOT_FOUND, field="email")

ROLES = ("person", "coach")
#: The shortest password an account accepts (as remote mode: it guards health data).
MIN_PASSWORD = 12
MAX_PASSWORD = 1000
SESSION_DAYS = 14
#: A password hash to verify against when no account has the email, so a wrong email takes as
#: long as a wrong password (no way to tell which emails have accounts by the time taken).
_DUMMY: list[str] = []


class AccountProblem(Problem):
    """An account could not be made or used as asked."""


class LoginThrottled(AccountProblem):
    """Too many wrong passwords for this account or from this address: `seconds` to wait."""


@dataclass(frozen=True)
class Account:
    id: int
    email: str
    role: str
    coach_id: int | None = None

    @property
    def schema(self) -> str:
        from supple.store.shared import account_schema

        return account_schema(self.id)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "email": self.email, "role": self.role, "coach_id": self.coach_id}


def is_postgres(settings: Settings) -> bool:
    return settings.database_url.startswith("postgresql")


def require_postgres(settings: Settings) -> None:
    """A multi-user server keeps each account's data apart in PostgreSQL schemas."""
    if not is_postgres(settings):
        raise AccountProblem(NEEDS_POSTGRES, kind=settings.database_url.split(":", 1)[0])


def server_settings(settings: Settings) -> Settings:
    """A multi-user app's own settings: they name no account, so no person's data can be read
    through them (services.context refuses), only through `account_settings`."""
    return replace(settings, account="")


def account_settings(settings: Settings, account: Account) -> Settings:
    """The settings through which every service reaches this account's data, and only it (its
    own schema, and its own folder under the data directory for files such as cue audio)."""
    return replace(
        settings, home=settings.home / "accounts" / str(account.id), account=account.schema
    )


def normal_email(email: str) -> str:
    text = email.strip().lower()
    local, at, domain = text.partition("@")
    if (
        not at
        or not local
        or "." not in domain
        or len(text) > 254
        or any(c.isspace() or not c.isprintable() for c in text)
        or "@" in domain
    ):
        raise AccountProblem(BAD_EMAIL, given=email)
    return text


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountProblem(PASSWORD_SHORT, n=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise AccountProblem(PASSWORD_LONG, n=MAX_PASSWORD)


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def _verify(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _engine(settings: Settings) -> Any:
    from supple.services.context import server_engine

    require_postgres(settings)
    return server_engine(settings)


def _account(row: Any) -> Account:
    return Account(id=row.id, email=row.email, role=row.role, coach_id=row.coach_id)


def create_account(
    settings: Settings,
    email: str,
    password: str,
    role: str = "person",
    coach_id: int | None = None,
    conn: Connection | None = None,
) -> Account:
    """Make an account with its own schema, migrated. `conn`: a transaction of the caller's
    (an invitation used in the same one)."""
    from sqlalchemy import insert, select
    from sqlalchemy.exc import IntegrityError

    from supple.store.shared import accounts, migrate_account

    if role not in ROLES:
        raise ValueError(role)
    address = normal_email(email)
    check_password(password)
    engine = _engine(settings)
    row = {
        "email": address,
        "role": role,
        "password_hash": _hasher().hash(password),
        "coach_id": coach_id,
        "created_at": datetime.now(UTC),
    }

    def add(c: Connection) -> int:
        if c.execute(select(accounts.c.id).where(accounts.c.email == address)).first():
            raise AccountProblem(EMAIL_TAKEN, given=address)
        return int(c.execute(insert(accounts).values(**row).returning(accounts.c.id)).scalar_one())

    try:
        if conn is not None:
            new_id = add(conn)
        else:
            with engine.begin() as c:
                new_id = add(c)
    except IntegrityError:  # made at the same moment by another request
        raise AccountProblem(EMAIL_TAKEN, given=address) from None
    account = Account(id=new_id, email=address, role=role, coach_id=coach_id)
    if conn is None:
        migrate_account(engine, account.schema)
    return account


def create_coach(settings: Settings, email: str, password: str) -> Account:
    return create_account(settings, email, password, role="coach")


def get_account(settings: Settings, account_id: int) -> Account | None:
    from sqlalchemy import select

    from supple.store.shared import accounts

    with _engine(settings).connect() as conn:
        row = conn.execute(select(accounts).where(accounts.c.id == account_id)).first()
    return _account(row) if row else None


def account_by_email(settings: Settings, email: str) -> Account:
    """The account with this email (AccountProblem NO_ACCOUNT when there is none)."""
    from sqlalchemy import select

    from supple.store.shared import accounts

    with _engine(settings).connect() as conn:
        row = conn.execute(
            select(accounts).where(accounts.c.email == email.strip().lower())
        ).first()
    if row is None:
        raise AccountProblem(UNKNOWN_EMAIL, given=email)
    return _account(row)


# --- Login ---------------------------------------------------------------------------------


def _wait(conn: Connection, keys: list[str]) -> int:
    from sqlalchemy import func, select

    from supple.store.shared import login_attempts
    from supple.web.throttle import wait_after

    rows = conn.execute(
        select(login_attempts.c.failures, login_attempts.c.last_at, func.now()).where(
            login_attempts.c.key.in_(keys)
        )
    ).all()
    return max(
        (wait_after(r.failures, (r[2] - r.last_at).total_seconds()) for r in rows), default=0
    )


def _failed(conn: Connection, keys: list[str]) -> None:
    from sqlalchemy import case, func
    from sqlalchemy.dialects.postgresql import insert

    from supple.store.shared import login_attempts
    from supple.web.throttle import FORGET_AFTER

    for key in keys:
        stmt = insert(login_attempts).values(key=key, failures=1, last_at=func.now())
        stale = login_attempts.c.last_at < func.now() - timedelta(seconds=FORGET_AFTER)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=[login_attempts.c.key],
                set_={
                    "failures": case((stale, 1), else_=login_attempts.c.failures + 1),
                    "last_at": func.now(),
                },
            )
        )


def _attempt_keys(email: str, address: str) -> list[str]:
    return [f"account:{email.strip().lower()[:300]}", f"address:{address[:100]}"]


def log_in(settings: Settings, email: str, password: str, address: str) -> tuple[Account, str]:
    """Check the password; a new login session's token (for the cookie) and the account.

    Raises LoginThrottled (with the seconds to wait) after too many wrong passwords for this
    email or from this address, checked before the password is; AccountProblem WRONG_LOGIN for
    a wrong email or password (the same answer for both)."""
    from sqlalchemy import delete, select

    from supple.store.shared import accounts, login_attempts

    engine = _engine(settings)
    keys = _attempt_keys(email, address)
    with engine.begin() as conn:
        wait = _wait(conn, keys)
        if wait:
            raise LoginThrottled(THROTTLED, seconds=wait)
        row = conn.execute(
            select(accounts).where(accounts.c.email == email.strip().lower()[:254])
        ).first()
    if row is None:
        if not _DUMMY:
            _DUMMY.append(_hasher().hash(secrets.token_hex(16)))
        _verify(_DUMMY[0], password)
        ok = False
    else:
        ok = _verify(row.password_hash, password[:MAX_PASSWORD])
    if not ok:
        with engine.begin() as conn:
            _failed(conn, keys)
        raise AccountProblem(WRONG_LOGIN)
    with engine.begin() as conn:
        conn.execute(delete(login_attempts).where(login_attempts.c.key.in_(keys)))
        token = _new_session(conn, row.id)
    return _account(row), token


def _new_session(conn: Connection, account_id: int) -> str:
    from sqlalchemy import insert

    from supple.store.shared import login_sessions

    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    conn.execute(
        insert(login_sessions).values(
            token_hash=_token_hash(token),
            account_id=account_id,
            created_at=now,
            expires_at=now + timedelta(days=SESSION_DAYS),
        )
    )
    return token


#: Login lookups this process made: token hash -> (the logins' change stamp then, the account,
#: when the login expires as a Unix time). Taken only while the stamp is the same and its lease
#: holds (store/stamp.py): any write to the accounts or logins by any process (a logout, a new
#: password) changes the stamp, and ending a login waits out the lease before it answers
#: (`_ending_logins`), so a login ended anywhere is never taken from here once that is answered.
_seen_logins: OrderedDict[str, tuple[Any, Account, float]] = OrderedDict()
_SEEN_MAX = 10_000


def login_key(token: str | None) -> str | None:
    """What the server keeps of a login token (its SHA-256); None for no token or an absurd one
    (which no login has)."""
    if not token or len(token) > 200:
        return None
    return _token_hash(token)


def known_login(settings: Settings, key: str | None) -> Account | None:
    """`session_account` for the token whose `login_key` this is, from this process's lookups,
    when the database has not changed since (no round trip; safe on the event loop); None when
    the database must be asked."""
    found = _seen_logins.get(key) if key is not None else None
    if found is None:
        return None
    stamp, account, expires = found
    now = server_stamp(settings).fresh_stamp(_logins_scope())
    if now is None or stamp != now or expires <= time.time():
        return None
    return account


@functools.cache
def _logins_scope() -> str:
    """The stamp's scope of the login tables: the shared schema (its module loads SQLAlchemy,
    so it is imported once, on the first login, not with this module)."""
    from supple.store.shared import SHARED_SCHEMA

    return SHARED_SCHEMA


def session_account(settings: Settings, token: str | None) -> Account | None:
    """The account a login session's token belongs to, while it has not expired."""
    key = login_key(token)
    if key is None:
        return None
    from sqlalchemy import func, select

    from supple.store.shared import SHARED_SCHEMA, accounts, login_sessions

    # Before the read: a change during it makes it stale.
    stamp = server_stamp(settings).current(SHARED_SCHEMA)

    with _engine(settings).connect() as conn:
        row = conn.execute(
            select(accounts, login_sessions.c.expires_at)
            .join(login_sessions, login_sessions.c.account_id == accounts.c.id)
            .where(login_sessions.c.token_hash == key, login_sessions.c.expires_at > func.now())
        ).first()
    if row is None:
        return None
    account = _account(row)
    if stamp is not None:
        _seen_logins[key] = (stamp, account, row.expires_at.timestamp())
        while len(_seen_logins) > _SEEN_MAX:
            _seen_logins.popitem(last=False)
    return account


def log_out(settings: Settings, token: str | None) -> None:
    if not token:
        return
    from sqlalchemy import delete

    from supple.store.shared import login_sessions

    with _ending_logins(settings), _engine(settings).begin() as conn:
        conn.execute(
            delete(login_sessions).where(login_sessions.c.token_hash == _token_hash(token))
        )


def change_password(
    settings: Settings, account: Account, current: str, new: str, token: str | None
) -> None:
    """A new password, after the current one is given; every other login of the account ends
    (this one, `token`, stays)."""
    from sqlalchemy import delete, select, update

    from supple.store.shared import accounts, login_sessions

    engine = _engine(settings)
    with engine.connect() as conn:
        stored = conn.execute(
            select(accounts.c.password_hash).where(accounts.c.id == account.id)
        ).scalar_one()
    if not _verify(stored, current[:MAX_PASSWORD]):
        raise AccountProblem(WRONG_PASSWORD)
    check_password(new)
    keep = _token_hash(token) if token else ""
    with _ending_logins(settings), engine.begin() as conn:
        conn.execute(
            update(accounts)
            .where(accounts.c.id == account.id)
            .values(password_hash=_hasher().hash(new))
        )
        conn.execute(
            delete(login_sessions).where(
                login_sessions.c.account_id == account.id, login_sessions.c.token_hash != keep
            )
        )


@contextlib.contextmanager
def _ending_logins(settings: Settings) -> Iterator[None]:
    """Around a write that ends logins (a logout, a new password): once it is answered, no
    process takes them from its lookups (`known_login`). This process's own lookups stop at
    once (its commit counts in the stamp, as a store's commits do). Another process takes a
    lookup only while its stamp's lease holds, which means it has counted every write committed
    more than LEASE_SECONDS ago: so when other supple processes listen on the database, the
    answer waits that long after the commit (a logout then takes about a second)."""
    from supple.store.shared import SHARED_SCHEMA
    from supple.store.stamp import LEASE_SECONDS

    stamp = server_stamp(settings)
    yield
    stamp.note_commit(SHARED_SCHEMA)
    committed = time.monotonic()
    if stamp.others_listening():
        time.sleep(max(0.0, committed + LEASE_SECONDS + 0.02 - time.monotonic()))
