"""Export and import a user's whole data (profile, screenings, routines, sessions, imported
stretches) as JSON or CSV, losslessly; importing the same file twice changes nothing."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from supple.config import Settings

FORMAT_NAME = "supple-export"
FORMAT_VERSION = 1
#: CSV: one row per record; the columns a spreadsheet user reads, plus `data` (JSON) so nested
#: records (profile, screenings, routines) survive the round trip.
CSV_COLUMNS = [
    "record",
    "id",
    "session_id",
    "started_at",
    "ended_at",
    "status",
    "stretch_id",
    "side",
    "held_seconds",
    "planned_seconds",
    "discomfort",
    "pain",
    "skipped",
    "recorded_at",
    "data",
]


class TransferError(ValueError):
    """A file that is not a supple export (exit 2); the message names the file and the problem."""


def _iso(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def collect(settings: Settings) -> dict[str, Any]:
    from supple.services.context import store_for

    store = store_for(settings)
    profile = store.profile.get()
    data: dict[str, Any] = _iso(
        {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "exported_at": datetime.now().astimezone(),
            "profile": None if profile is None else profile.model_dump(mode="json"),
            "screenings": store.screenings.list(),
            "routines": store.routines.list(),
            "sessions": store.sessions.history(detailed=True),
            "user_stretches": store.user_stretches.list(),
        }
    )
    return data


def export(settings: Settings, fmt: Literal["json", "csv"], path: Path) -> dict[str, int]:
    data = collect(settings)
    text = json.dumps(data, indent=2, ensure_ascii=False) if fmt == "json" else _to_csv(data)
    tmp = path.with_name(path.name + ".partial")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # never leave a half-written export behind
    return _counts(data)


def _counts(data: dict[str, Any]) -> dict[str, int]:
    return {
        k: len(data.get(k) or []) for k in ("screenings", "routines", "sessions", "user_stretches")
    } | {"profile": int(data.get("profile") is not None)}


def _to_csv(data: dict[str, Any]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, CSV_COLUMNS)
    w.writeheader()
    meta = {k: data[k] for k in ("format", "version", "exported_at")}
    w.writerow({"record": "meta", "data": json.dumps(meta)})
    if data["profile"] is not None:
        w.writerow({"record": "profile", "data": json.dumps(data["profile"])})
    for s in data["screenings"]:
        w.writerow({"record": "screening", "id": s["id"], "data": json.dumps(s)})
    for r in data["routines"]:
        w.writerow({"record": "routine", "id": r["name"], "data": json.dumps(r)})
    for u in data["user_stretches"]:
        w.writerow({"record": "user_stretch", "id": u["id"], "data": json.dumps(u)})
    for s in data["sessions"]:
        w.writerow(
            {
                "record": "session",
                "id": s["id"],
                "started_at": s["started_at"],
                "ended_at": s["ended_at"] or "",
                "status": s["status"],
                "data": json.dumps(
                    {"routine": s.get("routine"), "heartbeat_at": s.get("heartbeat_at")}
                ),
            }
        )
        for i in s["items"]:
            w.writerow(
                {
                    "record": "item",
                    "id": i["seq"],
                    "session_id": s["id"],
                    "stretch_id": i["id"],
                    "side": i["side"],
                    "held_seconds": i["held_seconds"],
                    "planned_seconds": i["planned_seconds"],
                    "discomfort": "" if i["discomfort"] is None else i["discomfort"],
                    "pain": int(bool(i["pain"])),
                    "skipped": int(bool(i["skipped"])),
                    "recorded_at": i.get("recorded_at") or "",
                }
            )
    return buf.getvalue()


def _from_csv(text: str, name: str) -> dict[str, Any]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "record" not in reader.fieldnames:
        raise TransferError(f"{name}: not a supple CSV export (no 'record' column).")
    data: dict[str, Any] = {
        "profile": None,
        "screenings": [],
        "routines": [],
        "sessions": [],
        "user_stretches": [],
    }
    sessions: dict[str, dict[str, Any]] = {}
    for n, row in enumerate(reader, start=2):
        kind = row["record"]
        try:
            if kind == "meta":
                data.update(json.loads(row["data"]))
            elif kind == "profile":
                data["profile"] = json.loads(row["data"])
            elif kind in ("screening", "routine", "user_stretch"):
                key = {
                    "screening": "screenings",
                    "routine": "routines",
                    "user_stretch": "user_stretches",
                }[kind]
                data[key].append(json.loads(row["data"]))
            elif kind == "session":
                extra = json.loads(row["data"] or "{}")
                sessions[row["id"]] = {
                    "id": row["id"],
                    "started_at": row["started_at"],
                    "ended_at": row["ended_at"] or None,
                    "status": row["status"],
                    "items": [],
                    **extra,
                }
            elif kind == "item":
                sessions[row["session_id"]]["items"].append(
                    {
                        "seq": int(row["id"]),
                        "id": row["stretch_id"],
                        "side": row["side"],
                        "held_seconds": float(row["held_seconds"]),
                        "planned_seconds": float(row["planned_seconds"]),
                        "discomfort": int(row["discomfort"]) if row["discomfort"] else None,
                        "pain": row["pain"] == "1",
                        "skipped": row["skipped"] == "1",
                        "recorded_at": row["recorded_at"] or None,
                    }
                )
            else:
                raise TransferError(f"{name}: line {n}: unknown record type '{kind}'.")
        except (KeyError, ValueError) as e:
            if isinstance(e, TransferError):
                raise
            raise TransferError(f"{name}: line {n} ({kind}): {e}") from None
    data["sessions"] = list(sessions.values())
    return data


def read_export(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise TransferError(f"{path}: cannot read the file ({e.strerror}).") from None
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise TransferError(f"{path}: not valid JSON (line {e.lineno}: {e.msg}).") from None
    else:
        data = _from_csv(text, str(path))
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise TransferError(f"{path}: not a supple export (made by `supple export`).")
    if data.get("version", 0) > FORMAT_VERSION:
        raise TransferError(
            f"{path}: made by a newer supple (format {data['version']}); update supple first."
        )
    return data


def import_data(settings: Settings, path: Path) -> dict[str, int]:
    """Add what the file holds that is not here yet; returns how many records were added."""
    from supple.domain.catalog import Stretch
    from supple.domain.profile import Profile
    from supple.services.context import store_for

    data = read_export(path)
    store = store_for(settings)
    added = {"profile": 0, "screenings": 0, "routines": 0, "sessions": 0, "user_stretches": 0}
    try:
        profile = Profile.model_validate(data["profile"]) if data.get("profile") else None
        stretches = [Stretch.model_validate(u["data"]) for u in data.get("user_stretches", [])]
    except ValueError as e:
        raise TransferError(f"{path}: {e}") from None
    if profile is not None and store.profile.get() != profile:
        store.profile.save(profile)
        added["profile"] = 1
    known = {s["id"] for s in store.screenings.list()}
    for s in data.get("screenings", []):
        if s["id"] in known:
            continue
        store.screenings.add(
            s["result"],
            s["answers"],
            s["outcome"],
            date.fromisoformat(s["screened_on"]),
            date.fromisoformat(s["valid_until"]),
            taken_at=datetime.fromisoformat(s["taken_at"]),
            screening_id=s["id"],
        )
        added["screenings"] += 1
    names = set(store.routines.names())
    for r in data.get("routines", []):
        if r["name"] not in names:
            store.routines.save(r["name"], r["routine"], r.get("options") or {})
            added["routines"] += 1
    for u, s in zip(data.get("user_stretches", []), stretches, strict=True):
        if store.user_stretches.upsert(s.id, u["origin"], u["data"], u["source_hash"]):
            added["user_stretches"] += 1
    for sess in data.get("sessions", []):
        record = dict(sess)
        if record["status"] == "running":  # exported mid-session: it ended there
            record["status"] = "interrupted"
        if store.sessions.import_session(record):
            added["sessions"] += 1
    return added
