"""Coach mode on a multi-user server: invitations, clients, prescriptions, the dashboard.

A coach reaches a client only through `client_of` (the client's account must name this coach),
and reads from the client's own data only what coach mode shares: whether each prescribed
stretch is left out by the client's screen (never the answers or reasons), and for the
dashboard the sessions done, the discomfort ratings and sharp-pain reports of the last weeks.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from supple.domain.problems import Kind, Problem, code
from supple.services.accounts import (
    Account,
    _engine,
    _new_session,
    account_settings,
    create_account,
)

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.domain.prescription import Prescription
    from supple.domain.routine import Routine

NOT_A_COACH = code("coach.not-a-coach", Kind.NOT_FOUND)
UNKNOWN_CLIENT = code("coach.unknown-client", Kind.NOT_FOUND)
BAD_INVITATION = code("coach.bad-invitation", Kind.NOT_FOUND)
NO_PRESCRIPTION = code("coach.no-prescription", Kind.NOT_FOUND)

INVITATION_DAYS = 7
#: The dashboard's window: the last four weeks.
WINDOW_DAYS = 28


class CoachProblem(Problem):
    """Coach mode could not do what was asked (a client that is not this coach's, a used or
    expired invitation)."""


@dataclass(frozen=True)
class Invitation:
    token: str
    expires_at: datetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def require_coach(account: Account | None) -> Account:
    if account is None or account.role != "coach":
        raise CoachProblem(NOT_A_COACH)
    return account


def invite(settings: Settings, coach: Account) -> Invitation:
    """A single-use invitation for one new client, valid for INVITATION_DAYS."""
    from sqlalchemy import insert

    from supple.store.shared import invitations

    require_coach(coach)
    token = secrets.token_urlsafe(24)
    now = datetime.now(UTC)
    expires = now + timedelta(days=INVITATION_DAYS)
    with _engine(settings).begin() as conn:
        conn.execute(
            insert(invitations).values(
                token_hash=_hash(token), coach_id=coach.id, created_at=now, expires_at=expires
            )
        )
    return Invitation(token, expires)


def invitation_open(settings: Settings, token: str) -> bool:
    """Whether the invitation can still be used (known, not used, not expired)."""
    from sqlalchemy import func, select

    from supple.store.shared import invitations

    if not token or len(token) > 200:
        return False
    with _engine(settings).connect() as conn:
        return (
            conn.execute(
                select(invitations.c.coach_id).where(
                    invitations.c.token_hash == _hash(token),
                    invitations.c.used_at.is_(None),
                    invitations.c.expires_at > func.now(),
                )
            ).first()
            is not None
        )


def sign_up(settings: Settings, token: str, email: str, password: str) -> tuple[Account, str]:
    """A client's account made by an invitation, and a login session for it. The invitation is
    used in the same transaction (single use, even with two sign-ups at once)."""
    from sqlalchemy import func, update

    from supple.store.shared import invitations, migrate_account

    engine = _engine(settings)
    with engine.begin() as conn:
        coach_id = conn.execute(
            update(invitations)
            .where(
                invitations.c.token_hash == _hash(token[:200]),
                invitations.c.used_at.is_(None),
                invitations.c.expires_at > func.now(),
            )
            .values(used_at=func.now())
            .returning(invitations.c.coach_id)
        ).scalar()
        if coach_id is None:
            raise CoachProblem(BAD_INVITATION)
        account = create_account(settings, email, password, "person", coach_id, conn=conn)
        conn.execute(
            update(invitations)
            .where(invitations.c.token_hash == _hash(token[:200]))
            .values(used_by=account.id)
        )
        login = _new_session(conn, account.id)
    migrate_account(engine, account.schema)
    return account, login


def clients(settings: Settings, coach: Account) -> list[Account]:
    from sqlalchemy import select

    from supple.store.shared import accounts

    require_coach(coach)
    with _engine(settings).connect() as conn:
        rows = conn.execute(
            select(accounts).where(accounts.c.coach_id == coach.id).order_by(accounts.c.email)
        ).all()
    return [Account(r.id, r.email, r.role, r.coach_id) for r in rows]


def client_of(settings: Settings, coach: Account, client_id: int) -> Account:
    """The client, if they are this coach's; else CoachProblem (404: no other account's
    existence is told)."""
    require_coach(coach)
    for c in clients(settings, coach):
        if c.id == client_id:
            return c
    raise CoachProblem(UNKNOWN_CLIENT, client=client_id)


# --- Prescriptions -------------------------------------------------------------------------


def _catalog(settings: Settings) -> dict[str, Any]:
    from supple.data.loader import shipped

    return {s.id: s for s in shipped().catalog}


def prescribe(
    settings: Settings, coach: Account, client_id: int, prescription: Prescription
) -> None:
    """Give the client this routine (their earlier prescription is replaced). The doses are
    checked by the rules any hand-made routine meets (adult band; the client's own age and
    screen are applied when they start it)."""
    from sqlalchemy import insert, update

    from supple.domain.prescription import prescribed_routine
    from supple.domain.routine_dose import check_dose
    from supple.store.shared import prescriptions

    client = client_of(settings, coach, client_id)
    catalog = _catalog(settings)
    check_dose(prescribed_routine(prescription, catalog), catalog, None)
    with _engine(settings).begin() as conn:
        conn.execute(
            update(prescriptions)
            .where(prescriptions.c.client_id == client.id, prescriptions.c.active.is_(True))
            .values(active=False)
        )
        conn.execute(
            insert(prescriptions).values(
                coach_id=coach.id,
                client_id=client.id,
                name=prescription.name,
                steps=[s.model_dump() for s in prescription.stretches],
                days_per_week=prescription.days_per_week,
                notes=prescription.notes,
                active=True,
                created_at=datetime.now(UTC),
            )
        )


def prescription_for(settings: Settings, client: Account) -> Prescription | None:
    """The client's current prescription (None when their coach has given none)."""
    from sqlalchemy import select

    from supple.domain.prescription import Prescription
    from supple.store.shared import prescriptions

    with _engine(settings).connect() as conn:
        row = conn.execute(
            select(prescriptions)
            .where(prescriptions.c.client_id == client.id, prescriptions.c.active.is_(True))
            .order_by(prescriptions.c.id.desc())
            .limit(1)
        ).first()
    if row is None:
        return None
    return Prescription(
        name=row.name, stretches=row.steps, days_per_week=row.days_per_week, notes=row.notes
    )


def prescribed_routine_to_start(settings: Settings, client: Account) -> Routine:
    """The client's prescription as the routine to play now, through the one gate (their own
    screen and pain log leave out or change stretches; SafetyRefusal when it may not start).
    `settings`: the server's; the client's own data is read through their account."""
    from supple.domain.prescription import prescribed_routine
    from supple.services.planning import start_routine

    found = prescription_for(settings, client)
    if found is None:
        raise CoachProblem(NO_PRESCRIPTION)
    routine = prescribed_routine(found, _catalog(settings))
    return start_routine(account_settings(settings, client), routine)


def left_out_for_client(settings: Settings, client: Account, p: Prescription) -> list[str]:
    """The names of the prescribed stretches the client's latest screen leaves out: all a
    coach is told of the screen."""
    from supple.domain.gate import left_out_by_screen
    from supple.domain.prescription import stretch_ids
    from supple.services.screening import latest_with_time

    found = latest_with_time(account_settings(settings, client))
    if found is None:
        return []
    catalog = _catalog(settings)
    ids = left_out_by_screen(stretch_ids(p), set(found[0].excluded))
    return [catalog[i].name if i in catalog else i for i in ids]


# --- The dashboard -------------------------------------------------------------------------


@dataclass
class ClientSummary:
    client: Account
    prescribed_days: int = 0
    """Days a week the prescription asks for (0: no prescription)."""
    done: int = 0
    """Days with a completed session in the last four weeks."""
    expected: int = 0
    pain: list[dict[str, Any]] = field(default_factory=list)
    """Sharp-pain reports of the last four weeks: {"stretch", "name", "day"}."""
    trends: list[dict[str, Any]] = field(default_factory=list)
    """Per rated stretch: {"name", "first", "last", "sessions"} (discomfort 0-10)."""

    @property
    def adherence(self) -> float | None:
        return None if not self.expected else min(1.0, self.done / self.expected)


def summary(
    settings: Settings, coach: Account, client: Account, today: date | None = None
) -> ClientSummary:
    from supple.services.sessions import history

    client_settings = account_settings(settings, client)
    day = today or date.today()
    since = day - timedelta(days=WINDOW_DAYS - 1)
    p = prescription_for(settings, client)
    out = ClientSummary(client=client)
    if p is not None:
        out.prescribed_days = p.days_per_week
        out.expected = p.days_per_week * WINDOW_DAYS // 7
    catalog = _catalog(settings)
    days: set[date] = set()
    ratings: dict[str, list[tuple[str, int]]] = {}
    for s in history(client_settings, since=since):
        started = _day(s.get("started_at"))
        if s.get("status") == "completed" and started is not None:
            days.add(started)
        for item in s.get("items") or []:
            sid = item.get("id") or item.get("stretch_id") or ""
            name = catalog[sid].name if sid in catalog else sid
            if item.get("pain"):
                out.pain.append({"stretch": sid, "name": name, "day": started})
            if item.get("discomfort") is not None:
                ratings.setdefault(name, []).append((s.get("started_at") or "", item["discomfort"]))
    out.done = len(days)
    for name, rated in sorted(ratings.items()):
        rated.sort()
        out.trends.append(
            {"name": name, "first": rated[0][1], "last": rated[-1][1], "ratings": len(rated)}
        )
    return out


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def dashboard(settings: Settings, coach: Account, today: date | None = None) -> list[ClientSummary]:
    """Every client's summary, those with a sharp-pain report first, then by adherence
    (lowest first: who needs a word soonest)."""
    rows = [summary(settings, coach, c, today) for c in clients(settings, coach)]
    return sorted(
        rows,
        key=lambda r: (not r.pain, r.adherence if r.adherence is not None else 2.0, r.client.email),
    )
