"""Per-session summaries, rewritten in the same transaction as the items they sum up.

History and progress over ten years of daily sessions (3,650 sessions, ~36,000 items) must each
take under 100 ms (issue #4). Fetching every item row and building a dict for each cannot: the
row fetch alone takes about 100 ms on SQLite on our machines. So every write that changes a
session's items also rewrites, from all of that session's items:

- `sessions.items_doc`: its items as the JSON array history shows (`ITEM_KEYS`, in `seq` order);
- `sessions.held_seconds`: the seconds held (`Tally.held`: skips and empty holds add nothing);
- `session_stretches`: per stretch, the `Tally` of its items (supple.domain.progress, which says
  what an item adds): how many were rated, the sum of those ratings, when the first rated one was
  saved, and how many reported sharp pain.

The items stay the record; the summaries are derived from them and rebuilt from them by the one
function here. Databases from before migration 0003 have NULL summaries, which `fill_missing`
computes the first time history or progress reads them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from supple.domain.progress import Tally
from supple.store.tables import SessionItemRow, SessionRow, SessionStretchRow

#: The keys of a history item, in the order `supple history --json` writes them.
ITEM_KEYS = (
    "id",
    "seq",
    "side",
    "held_seconds",
    "planned_seconds",
    "discomfort",
    "pain",
    "skipped",
)

_DETAILED_KEYS = (*ITEM_KEYS, "recorded_at")

#: Sessions refreshed per statement when filling many (keeps IN lists well inside SQLite's limit).
CHUNK = 500

_ITEM_COLUMNS = (
    SessionItemRow.session_id,
    SessionItemRow.stretch_id,
    SessionItemRow.seq,
    SessionItemRow.side,
    SessionItemRow.held_seconds,
    SessionItemRow.planned_seconds,
    SessionItemRow.discomfort,
    SessionItemRow.pain,
    SessionItemRow.skipped,
    SessionItemRow.recorded_at,
)


def read_items(s: Session, which: Any) -> dict[str, list[dict[str, Any]]]:
    """The items of the sessions that `which` (a condition on session_items.session_id)
    selects, by session, in `seq` order: each the history item (`ITEM_KEYS`) plus its
    `recorded_at`. The one reader of item rows, for the summaries and for export."""
    rows = s.execute(
        select(*_ITEM_COLUMNS).where(which).order_by(SessionItemRow.session_id, SessionItemRow.seq)
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for sid, stretch, seq, side, held, planned, discomfort, pain, skipped, at in rows:
        values = (stretch, seq, side, held, planned, discomfort, bool(pain), bool(skipped), at)
        out.setdefault(sid, []).append(dict(zip(_DETAILED_KEYS, values, strict=True)))
    return out


def refresh(s: Session, session_ids: Sequence[str]) -> None:
    """Recompute the summaries of these sessions from their items, within the caller's
    transaction. The sessions' rows are written first, which locks them (PostgreSQL row locks,
    SQLite's write lock), so a concurrent writer to the same session waits and the items read
    next are the latest."""
    for start in range(0, len(session_ids), CHUNK):
        _refresh_chunk(s, list(session_ids[start : start + CHUNK]))


def _refresh_chunk(s: Session, ids: list[str]) -> None:
    s.execute(update(SessionRow).where(SessionRow.id.in_(ids)).values(held_seconds=None))
    items = read_items(s, SessionItemRow.session_id.in_(ids))
    rows = []
    stretches: dict[tuple[str, str], Tally] = {}
    for sid in ids:
        plain, held = [], 0.0
        for item in items.get(sid, []):
            part = _Part.of(item)
            plain.append(part.plain)
            held += part.tally.held
            key = (sid, item["id"])
            stretches[key] = stretches.get(key, Tally()) + part.tally
        rows.append({"id": sid, "items_doc": _json(plain), "held_seconds": held})
    s.execute(update(SessionRow), rows)
    s.execute(delete(SessionStretchRow).where(SessionStretchRow.session_id.in_(ids)))
    if stretches:
        s.execute(
            insert(SessionStretchRow),
            [_stretch_row(sid, stretch, t) for (sid, stretch), t in stretches.items()],
        )


def item_entry(item: dict[str, Any]) -> tuple[str, Tally]:
    """What one new item (the history item `ITEM_KEYS` plus `recorded_at`, the last of its
    session) adds to its session's summaries: its entry in the items document (JSON text, to
    append to `sessions.items_doc`) and its `Tally` (to add to `held_seconds` and to its
    stretch's `session_stretches` row). The session log appends these in the transaction that
    saves the item, after writing the session's row (so it holds the lock `refresh` takes):
    a long session's every hold costs as little as its first, and `refresh` rebuilds from all
    items when an item changes (event_log.py)."""
    part = _Part.of(item)
    return _json(part.plain), part.tally


@dataclass(frozen=True)
class _Part:
    """What one item adds to its session's summaries: its entry in the items document, and its
    `Tally` (the domain's rule for what an item adds to progress), for a rebuild and for an
    append alike."""

    plain: dict[str, Any]
    tally: Tally

    @classmethod
    def of(cls, item: dict[str, Any]) -> _Part:
        return cls(
            plain={key: item[key] for key in ITEM_KEYS},
            tally=Tally.of_item(
                item["held_seconds"],
                item["skipped"],
                item["discomfort"],
                item["pain"],
                item["recorded_at"],
            ),
        )


def _stretch_row(session_id: str, stretch_id: str, t: Tally) -> dict[str, Any]:
    """The session_stretches row of a session's items of one stretch, summed in `t`."""
    return {
        "session_id": session_id,
        "stretch_id": stretch_id,
        "rated": t.rated,
        "rating_sum": t.rating_sum,
        "rated_at": t.rated_at,
        "pains": t.pains,
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def fill_missing(s: Session) -> int:
    """Compute the summaries of every session that has none yet (a database migrated from
    before revision 0003); returns how many were computed."""
    missing = list(s.scalars(select(SessionRow.id).where(SessionRow.items_doc.is_(None))))
    refresh(s, missing)
    return len(missing)
