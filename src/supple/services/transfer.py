"""Export and import a user's whole data (profile, screenings, routines, sessions with their
items and raw events, imported stretches) as JSON or CSV, losslessly; importing the same file
twice changes nothing.

An import is checked whole before anything is written, and a bad file changes nothing; the
error names the entry and the field (and, in a CSV file, the line). The checks are the API's:
the `*In` models below take their numbers, names and routine bounds from
`supple.domain.limits` and `supple.domain.names`, the same types the API's request models use,
and are validated strictly (a JSON `true` is not a number, a date must be a date); every text
in the file is bounded and free of NUL characters; every routine must be playable (it is timed
as the API times one before saving it); and every stretch id must be known.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationError,
    model_validator,
)

from supple.domain.catalog import Catalog, Stretch
from supple.domain.limits import Discomfort, Seconds
from supple.domain.limits import check_routine as check_routine_bounds
from supple.domain.names import RoutineNameStr
from supple.domain.problems import Code, Kind, Problem, code
from supple.domain.profile import Profile
from supple.domain.routine import Routine

if TYPE_CHECKING:
    from supple.config import Settings

FORMAT_NAME = "supple-export"
#: 2: the export says how many records of each kind it holds (`counts`) and carries a SHA-256
#: of its body (`sha256`; in CSV, the last row, record `end`), so a file cut short is refused.
#: 3: it holds the pain checks too (`pain_checks`: a stretch that gave sharp pain, marked as
#: checked), so a stretch brought back stays back, and one not brought back stays out.
#: 4: it holds since when the weekly goal holds (`goal_since`, a day; JSON at the top, CSV in
#: the meta row), so goal suggestions after an import count the same weeks as before it.
FORMAT_VERSION = 4
#: What `counts` counts: every kind of record, items and raw events included.
COUNTED = (
    "profile",
    "screenings",
    "routines",
    "sessions",
    "user_stretches",
    "pain_checks",
    "items",
    "events",
)
#: The lists of records at the top of an export.
LISTED = ("screenings", "routines", "sessions", "user_stretches", "pain_checks")
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


# --- what an import may hold -----------------------------------------------------------------

Id = Annotated[str, StringConstraints(min_length=1, max_length=100)]
SessionId = Annotated[str, StringConstraints(min_length=1, max_length=36)]
#: The longest text an export holds anywhere (a stretch's instructions, a cue); a longer one
#: (a 5 MB name) is not a supple export's.
MAX_TEXT = 20_000


class _In(BaseModel):
    # Unknown fields are refused rather than dropped: an import must not lose data silently.
    model_config = ConfigDict(extra="forbid")


class ScreeningIn(_In):
    id: SessionId
    taken_at: AwareDatetime
    screened_on: date
    valid_until: date
    outcome: Literal["clear", "caution", "consult", "urgent"]
    answers: dict[str, Any]
    result: dict[str, Any]


class RoutineIn(_In):
    name: RoutineNameStr
    created_at: AwareDatetime
    routine: Routine
    options: dict[str, Any] = {}


class UserStretchIn(_In):
    id: Id
    origin: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    data: dict[str, Any]
    imported_at: AwareDatetime | None = None
    source_hash: Annotated[str, StringConstraints(max_length=128)]

    @model_validator(mode="after")
    def _a_stretch(self) -> UserStretchIn:
        stretch = Stretch.model_validate(self.data)
        if stretch.id != self.id:
            raise ValueError(f"data.id '{stretch.id}' is not the entry's id '{self.id}'")
        return self


class PainCheckIn(_In):
    stretch_id: Id
    checked_at: AwareDatetime
    reason: Literal["professional", "settled"]


class ItemIn(_In):
    id: Id
    seq: Annotated[int, Field(ge=1)] | None = None
    side: Literal["left", "right", "both"]
    held_seconds: Seconds
    planned_seconds: Seconds
    discomfort: Discomfort | None = None
    pain: StrictBool = False
    skipped: StrictBool = False
    recorded_at: AwareDatetime | None = None


class EventIn(_In):
    seq: Annotated[int, Field(ge=1)]
    t: Seconds
    event: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    data: dict[str, Any] = {}


class SessionIn(_In):
    id: SessionId
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    status: Literal["completed", "stopped", "interrupted", "running"]
    routine: dict[str, Any] = {}
    heartbeat_at: AwareDatetime | None = None
    items: list[ItemIn] = []
    events: list[EventIn] = []

    @model_validator(mode="after")
    def _unique_numbers(self) -> SessionIn:
        for what, seqs in (
            ("items", [i.seq for i in self.items if i.seq is not None]),
            ("events", [e.seq for e in self.events]),
        ):
            if len(set(seqs)) != len(seqs):
                raise ValueError(f"two {what} share a seq number; each must be unique")
        if self.ended_at is not None and self.ended_at < self.started_at:
            raise ValueError("ended_at is before started_at; a session ends after it starts")
        return self


class ExportIn(_In):
    format: Literal["supple-export"]
    version: Annotated[StrictInt, Field(ge=1, le=FORMAT_VERSION)]
    exported_at: AwareDatetime | None = None
    counts: dict[str, Annotated[StrictInt, Field(ge=0)]] | None = None
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    profile: Profile | None = None
    goal_since: date | None = None
    screenings: list[ScreeningIn] = []
    routines: list[RoutineIn] = []
    sessions: list[SessionIn] = []
    user_stretches: list[UserStretchIn] = []
    pain_checks: list[PainCheckIn] = []


NOT_READABLE = code("transfer.unreadable", Kind.BAD_INPUT, field="file")
NOT_TEXT = code("transfer.not-text", Kind.BAD_INPUT, field="file")
BAD_JSON = code("transfer.bad-json", Kind.BAD_INPUT, field="file")
BAD_CSV = code("transfer.bad-csv", Kind.BAD_INPUT, field="file")
NOT_EXPORT = code("transfer.not-export", Kind.BAD_INPUT, field="file")
NEWER = code("transfer.newer", Kind.BAD_INPUT, field="file")
BAD_ENTRY = code("transfer.bad-entry", Kind.BAD_INPUT, field="file")
UNKNOWN_STRETCH = code("transfer.unknown-stretch", Kind.BAD_INPUT, field="file")
BAD_ANSWERS = code("transfer.bad-answers", Kind.BAD_INPUT, field="file")
LEGACY = code("transfer.text", Kind.BAD_INPUT, field="file")
NUL_TEXT = code("transfer.nul", Kind.BAD_INPUT, field="file")
LONG_TEXT = code("transfer.text-too-long", Kind.BAD_INPUT, field="file")
UNPLAYABLE = code("transfer.unplayable", Kind.BAD_INPUT, field="file")
INCOMPLETE = code("transfer.incomplete", Kind.BAD_INPUT, field="file")
# Warnings (the import goes on): what the file cannot prove about itself.
UNCOUNTED = code("transfer.uncounted", Kind.BAD_INPUT, field="file")
CHANGED = code("transfer.changed", Kind.BAD_INPUT, field="file")


class TransferError(Problem, ValueError):
    """A file that is not a supple export, or an entry in it that cannot be taken (exit 2);
    `file` names the file, `where` the entry and field.

    Transitional for web/api/transfer.py, which rewraps the message with the upload's name:
    it may still be built from a message (`TransferError("text")`, code transfer.text), and
    `str()` gives the API's wording. Remove both once web/ words Problems itself."""

    def __init__(self, problem: Code | str, field: str | None = None, /, **params: Any) -> None:
        if isinstance(problem, str):
            super().__init__(LEGACY, field, text=problem)
        else:
            super().__init__(problem, field, **params)

    def __str__(self) -> str:
        from supple.wording import API, word

        return word(self, API)


def _iso(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def collect(settings: Settings) -> dict[str, Any]:
    from supple.services.context import store_for

    store = store_for(settings)
    store.sessions.mark_stale_running_as_interrupted()
    sessions = store.sessions.history(detailed=True)
    events = store.sessions.all_events()
    for session in sessions:
        session["events"] = events.get(session["id"], [])
    profile = store.profile.get()
    data: dict[str, Any] = _iso(
        {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "exported_at": datetime.now().astimezone(),
            "profile": None if profile is None else profile.model_dump(mode="json"),
            "goal_since": store.profile.goal_since() if profile is not None else None,
            "screenings": store.screenings.list(),
            "routines": store.routines.list(),
            "sessions": sessions,
            "user_stretches": store.user_stretches.list(),
            "pain_checks": [
                {"stretch_id": sid, "checked_at": at, "reason": reason}
                for sid, at, reason in store.pain_checks.all()
            ],
        }
    )
    return data


def export_bytes(settings: Settings, fmt: Literal["json", "csv"]) -> tuple[bytes, dict[str, int]]:
    """The whole export as the file's bytes, and how many records of each kind it holds."""
    data = collect(settings)
    data["counts"] = table_counts(data)
    if fmt == "json":
        data["sha256"] = _digest(data)
        text = json.dumps(data, indent=2, ensure_ascii=False)
    else:
        text = _to_csv(data)
    return text.encode("utf-8"), _counts(data)


def export(settings: Settings, fmt: Literal["json", "csv"], path: Path) -> dict[str, int]:
    """Write the export to `path` whole or not at all, as `remind --ics` writes its file
    (services.files): a temporary file in the same folder replaces the target in one step and
    is removed when the disk refuses it; a symbolic link is followed (the file it points at is
    written); a device, folder or pipe is refused (a Problem)."""
    from supple.services.files import write_file_safely

    body, counts = export_bytes(settings, fmt)
    write_file_safely(path, body)
    return counts


def table_counts(data: dict[str, Any]) -> dict[str, int]:
    """How many records of each kind (COUNTED) the data holds (a list that is not one counts
    as none: the entry check refuses it)."""
    sessions = [s for s in _listed(data, "sessions") if isinstance(s, dict)]
    return _counts(data) | {
        "items": sum(len(_listed(s, "items")) for s in sessions),
        "events": sum(len(_listed(s, "events")) for s in sessions),
    }


def _listed(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _digest(data: dict[str, Any]) -> str:
    """SHA-256 of a JSON export's body: every key but `sha256` (and the CSV line map), in one
    canonical spelling, so indentation and key order do not matter but any value does."""
    body = {k: v for k, v in data.items() if k != "sha256" and k not in PRIVATE}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _counts(data: dict[str, Any]) -> dict[str, int]:
    return {k: len(_listed(data, k)) for k in LISTED} | {
        "profile": int(data.get("profile") is not None)
    }


def _to_csv(data: dict[str, Any]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, CSV_COLUMNS)
    w.writeheader()
    meta = {k: data[k] for k in ("format", "version", "exported_at", "counts", "goal_since")}
    w.writerow({"record": "meta", "data": json.dumps(meta)})
    if data["profile"] is not None:
        w.writerow({"record": "profile", "data": json.dumps(data["profile"])})
    for s in data["screenings"]:
        w.writerow({"record": "screening", "id": s["id"], "data": json.dumps(s)})
    for r in data["routines"]:
        w.writerow({"record": "routine", "id": r["name"], "data": json.dumps(r)})
    for u in data["user_stretches"]:
        w.writerow({"record": "user_stretch", "id": u["id"], "data": json.dumps(u)})
    for c in data.get("pain_checks", []):
        w.writerow(
            {
                "record": "pain_check",
                "stretch_id": c["stretch_id"],
                "recorded_at": c["checked_at"],
                "data": json.dumps({"reason": c["reason"]}),
            }
        )
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
        for e in s.get("events", []):
            w.writerow(
                {
                    "record": "event",
                    "id": e["seq"],
                    "session_id": s["id"],
                    "data": json.dumps({"t": e["t"], "event": e["event"], "data": e["data"]}),
                }
            )
    # The last row: the SHA-256 of every byte before it. A file without it was cut short.
    digest = _csv_body_digest(buf.getvalue())
    w.writerow({"record": "end", "data": json.dumps({"sha256": digest})})
    return buf.getvalue()


#: Where each record of a CSV file came from: a location in the data ("sessions", 3, "items",
#: 0) -> its line in the file, kept under this key of the data until the check reads it.
LINES = "__lines__"
#: A CSV file's own integrity, under this key of the data: `end` (its last row was the `end`
#: record), `digest_ok` (that record's SHA-256 is the body's), `cut_at` (the line of a last
#: row cut in the middle, left out).
CSVINFO = "__csv__"
PRIVATE = (LINES, CSVINFO)


def _number(text: str, field: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{field} '{text[:20]}' is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{field} '{text[:20]}' is not a finite number")
    return value


def _whole(text: str, field: str) -> int:
    if not (text.isascii() and text.lstrip("-").isdigit()) or len(text) > 18:
        raise ValueError(f"{field} '{text[:20]}' is not a whole number")
    return int(text)


def _flag(text: str, field: str) -> bool:
    if text not in ("0", "1"):
        raise ValueError(f"{field} '{text[:20]}' is not 0 or 1")
    return text == "1"


def _json_cell(text: str | None) -> Any:
    return json.loads(text or "null", parse_constant=_no_constant)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _from_csv(text: str, name: str) -> dict[str, Any]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "record" not in reader.fieldnames:
        raise TransferError(BAD_CSV, file=name, problem="no 'record' column")
    data: dict[str, Any] = {
        "profile": None,
        "screenings": [],
        "routines": [],
        "sessions": [],
        "user_stretches": [],
        "pain_checks": [],
    }
    lines: dict[tuple[str | int, ...], int] = {}
    sessions: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as e:
        raise TransferError(
            BAD_CSV, file=name, problem=f"line {reader.line_num + 1}: {e}"
        ) from None
    info: dict[str, Any] = {"end": False, "digest_ok": False, "cut_at": None}
    for index, (n, row) in enumerate(rows):
        kind = row["record"]
        if info["end"]:
            raise TransferError(BAD_CSV, file=name, problem=f"line {n}: a row after the end row")
        last = index == len(rows) - 1
        counted = isinstance(data.get("counts"), dict)
        if last and kind != "end" and counted and not text.endswith("\n"):
            # A counted file that stops in the middle of a row (no line end, no end row):
            # that row was cut; the count check says what is missing.
            info["cut_at"] = n
            break
        try:
            if kind == "end":
                info["end"] = True
                info["digest_ok"] = _json_cell(row["data"]).get("sha256") == _csv_digest(text)
            elif kind == "meta":
                data.update(_json_cell(row["data"]))
            elif kind == "profile":
                data["profile"] = _json_cell(row["data"])
                lines[("profile",)] = n
            elif kind in ("screening", "routine", "user_stretch"):
                key = {
                    "screening": "screenings",
                    "routine": "routines",
                    "user_stretch": "user_stretches",
                }[kind]
                lines[(key, len(data[key]))] = n
                data[key].append(_json_cell(row["data"]))
            elif kind == "pain_check":
                lines[("pain_checks", len(data["pain_checks"]))] = n
                data["pain_checks"].append(
                    {
                        "stretch_id": row["stretch_id"],
                        "checked_at": row["recorded_at"],
                        **_json_cell(row["data"]),
                    }
                )
            elif kind == "session":
                extra = _json_cell(row["data"] or "{}")
                if row["id"] not in sessions:
                    order.append(row["id"])
                lines[("sessions", order.index(row["id"]))] = n
                sessions[row["id"]] = {
                    "id": row["id"],
                    "started_at": row["started_at"],
                    "ended_at": row["ended_at"] or None,
                    "status": row["status"],
                    "items": [],
                    "events": [],
                    **extra,
                }
            elif kind == "item":
                items = sessions[row["session_id"]]["items"]
                lines[("sessions", order.index(row["session_id"]), "items", len(items))] = n
                items.append(
                    {
                        "seq": _whole(row["id"], "id"),
                        "id": row["stretch_id"],
                        "side": row["side"],
                        "held_seconds": _number(row["held_seconds"], "held_seconds"),
                        "planned_seconds": _number(row["planned_seconds"], "planned_seconds"),
                        "discomfort": _whole(row["discomfort"], "discomfort")
                        if row["discomfort"]
                        else None,
                        "pain": _flag(row["pain"], "pain"),
                        "skipped": _flag(row["skipped"], "skipped"),
                        "recorded_at": row["recorded_at"] or None,
                    }
                )
            elif kind == "event":
                events = sessions[row["session_id"]]["events"]
                lines[("sessions", order.index(row["session_id"]), "events", len(events))] = n
                events.append({"seq": _whole(row["id"], "id"), **_json_cell(row["data"])})
            else:
                raise TransferError(BAD_CSV, file=name, problem=f"line {n}: record type '{kind}'")
        except (KeyError, ValueError, TypeError, AttributeError) as e:
            if last and isinstance(data.get("counts"), dict):
                # The last row of a counted file, broken: the file was cut in that row. The
                # count check says what is missing.
                info["cut_at"] = n
                break
            if isinstance(e, TransferError):
                raise
            if isinstance(e, KeyError):
                e = ValueError(f"missing {e}")
            raise TransferError(BAD_CSV, file=name, problem=f"line {n} ({kind}): {e}") from None
    data["sessions"] = list(sessions.values())
    data[LINES] = lines
    data[CSVINFO] = info
    return data


def _csv_digest(text: str) -> str:
    """SHA-256 of a CSV export's text before its last line (the `end` row)."""
    return _csv_body_digest(text[: text.rstrip("\r\n").rfind("\n") + 1])


def _csv_body_digest(body: str) -> str:
    # Line ends as \n: a copy that turns CRLF into LF (git, an editor) changes no record.
    return hashlib.sha256(body.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def check_complete(data: dict[str, Any], path: Path, warnings: list[Problem]) -> None:
    """The file holds every record its export counted, else TransferError naming what is
    missing (a file cut short). A file that cannot show it is whole (made before exports
    were counted, or changed since: its SHA-256 differs) is taken with a warning added to
    `warnings`: every entry in it is still checked."""
    declared = data.get("counts")
    if not isinstance(declared, dict):
        warnings.append(Problem(UNCOUNTED, file=path.name))
        return
    sessions = data.get("sessions")
    lists = [data.get(k) for k in LISTED]
    lists += [s.get(k) for s in sessions or [] if isinstance(s, dict) for k in ("items", "events")]
    if not all(isinstance(x, list) for x in lists if x is not None):
        return  # not the shape of an export: the entry check says where
    found = table_counts(data)
    written = {
        k: v
        for k, v in declared.items()
        if k in found and isinstance(v, int) and not isinstance(v, bool)
    }
    short = [k for k in COUNTED if k in written and found[k] < written[k]]
    info = data.get(CSVINFO) or {}
    if short:
        first = short[0]
        raise TransferError(
            INCOMPLETE,
            file=path.name,
            what=first.replace("_", " "),
            found=found[first],
            written=written[first],
            others=[f"{k.replace('_', ' ')} ({found[k]}/{written[k]})" for k in short[1:]],
            line=info.get("cut_at"),
        )
    # More records than counted: added by hand after the export; like any edit, a warning.
    over = any(found[k] > written[k] for k in COUNTED if k in written)
    if over:
        intact = False
    elif CSVINFO in data:
        intact = bool(info.get("end") and info.get("digest_ok"))
    else:
        intact = data.get("sha256") == _digest(data)
    if not intact:
        warnings.append(Problem(CHANGED, file=path.name))


def read_export(path: Path) -> dict[str, Any]:
    """The file's data as plain values (not checked yet beyond being a supple export)."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise TransferError(NOT_READABLE, file=path.name, problem=e.strerror or str(e)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise TransferError(NOT_TEXT, file=path.name) from None
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text, parse_constant=_no_constant)
        except json.JSONDecodeError as e:
            raise TransferError(BAD_JSON, file=path.name, line=e.lineno, problem=e.msg) from None
        except (ValueError, RecursionError) as e:
            raise TransferError(BAD_JSON, file=path.name, line=0, problem=str(e)) from None
    else:
        try:
            data = _from_csv(text, path.name)
        except csv.Error as e:
            raise TransferError(BAD_CSV, file=path.name, problem=str(e)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise TransferError(NOT_EXPORT, file=path.name)
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise TransferError(NEWER, file=path.name, version=version)
    return data


def _where(loc: tuple[str | int, ...] | list[str | int]) -> str:
    """ "sessions[3] items[0].held_seconds" for a location in the data."""
    loc = list(loc)
    head = "".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc[:2])
    rest = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc[2:]).lstrip(".")
    return f"{head} {rest}".strip() or "the file"


def _located(data: dict[str, Any], loc: tuple[str | int, ...] | list[str | int]) -> dict[str, Any]:
    """`where` the location is, the entry's id or name (`label`), and for a CSV file the
    `line` the entry is on."""
    loc = list(loc)
    entry = _child(_child(data, loc[0]), loc[1]) if len(loc) > 1 else None
    name = entry.get("id", entry.get("name")) if isinstance(entry, dict) else None
    out: dict[str, Any] = {
        "where": _where(loc),
        "label": f"('{name[:60]}')" if isinstance(name, str) else "",
    }
    lines = data.get(LINES) or {}
    for size in range(len(loc), 0, -1):
        if tuple(loc[:size]) in lines:
            out["line"] = lines[tuple(loc[:size])]
            break
    return out


def _check_texts(data: Any, path: Path) -> None:
    """Every text in the file, keys too: no NUL character (PostgreSQL cannot store one) and at
    most MAX_TEXT characters; else TransferError naming where."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        texts: list[tuple[tuple[str | int, ...], Any]] = [(loc, value)]
        if isinstance(value, dict):
            texts = [((*loc, k), k) for k in value]
            stack.extend(((*loc, k), v) for k, v in value.items() if loc or k not in PRIVATE)
        elif isinstance(value, list):
            stack.extend(((*loc, i), v) for i, v in enumerate(value))
        for at, text in texts:
            if not isinstance(text, str):
                continue
            if "\x00" in text:
                raise TransferError(NUL_TEXT, file=path.name, **_located(data, at))
            if len(text) > MAX_TEXT:
                raise TransferError(
                    LONG_TEXT,
                    file=path.name,
                    **_located(data, at),
                    length=len(text),
                    limit=MAX_TEXT,
                )


def check_export(
    data: dict[str, Any], path: Path, known_ids: set[str], catalog: Catalog | None = None
) -> ExportIn:
    """Every entry and field checked as the API checks it, every routine playable and every
    stretch id known (to the shipped catalog, the user's imported stretches, or the file's
    own); else TransferError naming the first problem."""
    _check_texts(data, path)
    body = {k: v for k, v in data.items() if k not in PRIVATE}
    try:
        # Strict, from JSON text: the API's request models read JSON strictly the same way.
        checked = ExportIn.model_validate_json(json.dumps(body), strict=True)
    except ValidationError as e:
        raise TransferError(BAD_ENTRY, file=path.name, **_first_problem(data, e)) from None
    known = known_ids | {u.id for u in checked.user_stretches}
    # Every stretch id the file names, with where it stands.
    named: list[tuple[tuple[str | int, ...], str]] = [
        (("routines", n, "routine", "steps", k, "id"), step.id)
        for n, r in enumerate(checked.routines)
        for k, step in enumerate(r.routine.steps)
        if step.id is not None
    ]
    named += [
        (("sessions", n, "items", k, "id"), item.id)
        for n, sess in enumerate(checked.sessions)
        for k, item in enumerate(sess.items)
    ]
    named += [
        (("pain_checks", n, "stretch_id"), c.stretch_id) for n, c in enumerate(checked.pain_checks)
    ]
    for at, stretch_id in named:
        if stretch_id not in known:
            raise TransferError(
                UNKNOWN_STRETCH, file=path.name, **_located(data, at), given=stretch_id
            )
    if catalog is not None:
        _check_playable(checked, data, path, catalog)
    return checked


def _check_playable(checked: ExportIn, data: dict[str, Any], path: Path, catalog: Catalog) -> None:
    """Each routine as the API takes one to save: within bounds, and timed without error (a
    routine of 0 seconds cannot be played)."""
    from supple.domain.timeline import compile_timeline

    own = [Stretch.model_validate(u.data) for u in checked.user_stretches]
    full = catalog.merged(own) if own else catalog
    for n, r in enumerate(checked.routines):
        at = _located(data, ("routines", n, "routine"))
        try:
            check_routine_bounds(r.routine)
            timeline = compile_timeline(r.routine, full, 1.0)
        except Problem as p:
            raise TransferError(UNPLAYABLE, file=path.name, parts=(p,), **at) from None
        if timeline.total <= 0:
            raise TransferError(UNPLAYABLE, file=path.name, problem="it lasts 0 seconds", **at)


def _first_problem(data: dict[str, Any], error: ValidationError) -> dict[str, Any]:
    """The first error: `where` ("sessions[3] started_at"), the entry's id or name (`label`),
    the CSV line, what is wrong, the value given (cut short), and how many more problems
    follow."""
    first = error.errors()[0]
    value = first.get("input")
    return {
        **_located(data, list(first["loc"])),
        "problem": first["msg"],
        "given": "" if isinstance(value, (dict, list)) else repr(value)[:60],
        "more": len(error.errors()) - 1,
    }


def _child(entry: Any, part: str | int) -> Any:
    if isinstance(entry, dict) and isinstance(part, str):
        return entry.get(part)
    if isinstance(entry, list) and isinstance(part, int) and 0 <= part < len(entry):
        return entry[part]
    return None


def _record(sess: SessionIn) -> dict[str, Any]:
    record = sess.model_dump()
    if sess.status == "running":  # exported mid-session: it ended there
        record["status"] = "interrupted"
        record["ended_at"] = sess.ended_at or sess.heartbeat_at or sess.started_at
    return record


def recomputed(
    screenings: list[ScreeningIn], path: Path, corrections: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each screening as its answers and date say, never as the file says: outcome,
    exclusions, changes and validity are judged again (on the earlier of `screened_on` and
    the day of `taken_at`, so an edited date cannot stretch the validity). Each stored value
    that disagrees is added to `corrections`: {"screening", "field", "stored", "computed"}."""
    from supple.domain.screening import AnswersError, screen
    from supple.services.catalog import full_catalog
    from supple.services.screening import questions

    out: list[dict[str, Any]] = []
    catalog = list(full_catalog(None))
    for n, sc in enumerate(screenings):
        day = min(sc.screened_on, sc.taken_at.date())
        try:
            result = screen(questions(), catalog, sc.answers, day)
        except AnswersError as e:
            raise TransferError(
                BAD_ANSWERS,
                file=path.name,
                where=f"screenings[{n}] answers",
                label=f"(id '{sc.id}')",
                answer_problems=[f"{p.question}: {p.problem}" for p in e.problems],
            ) from None
        computed = result.model_dump(mode="json")
        for field, stored, now in (
            ("outcome", sc.outcome, result.outcome),
            ("screened_on", sc.screened_on, result.screened_on),
            ("valid_until", sc.valid_until, result.valid_until),
            ("excluded", sc.result.get("excluded"), computed["excluded"]),
        ):
            if stored != now:
                corrections.append(
                    {
                        "screening": sc.id,
                        "field": field,
                        "stored": _iso(stored),
                        "computed": _iso(now),
                    }
                )
        out.append(
            {
                **sc.model_dump(),
                "screened_on": result.screened_on,
                "valid_until": result.valid_until,
                "outcome": result.outcome,
                "answers": result.answers,
                "result": computed,
            }
        )
    return out


def import_data(
    settings: Settings,
    path: Path,
    corrections: list[dict[str, Any]] | None = None,
    warnings: list[Problem] | None = None,
) -> dict[str, int]:
    """Add what the file holds that is not here yet; returns how many records were added.
    Nothing is written unless the whole file is good (complete, as its counts say, and every
    entry checked). Screenings are recomputed from their answers (`recomputed`); what the
    file said otherwise is added to `corrections`, and what the file cannot prove about
    itself (`check_complete`) to `warnings`."""
    from supple.services.catalog import full_catalog
    from supple.services.context import store_for

    data = read_export(path)
    check_complete(data, path, warnings if warnings is not None else [])
    store = store_for(settings)
    catalog = full_catalog(settings)
    checked = check_export(data, path, set(catalog.ids()), catalog)
    screenings = recomputed(
        checked.screenings, path, corrections if corrections is not None else []
    )
    return store.imports.add_all(
        profile=checked.profile,
        goal_since=checked.goal_since,
        screenings=screenings,
        routines=[
            {**r.model_dump(exclude={"routine"}), "routine": _raw_routine(data, n)}
            for n, r in enumerate(checked.routines)
        ],
        user_stretches=[u.model_dump() for u in checked.user_stretches],
        sessions=[_record(sess) for sess in checked.sessions],
        pain_checks=[c.model_dump() for c in checked.pain_checks],
    )


def _raw_routine(data: dict[str, Any], n: int) -> dict[str, Any]:
    """The routine as the file wrote it (checked above), so nothing the model leaves out
    by default is added or lost."""
    raw: dict[str, Any] = data["routines"][n]["routine"]
    return raw


#: What an import report counts, in the order a person reads it.
RECORD_KINDS = ("profile", "screenings", "routines", "sessions", "user_stretches", "pain_checks")


def import_report(settings: Settings, path: Path) -> dict[str, dict[str, int]]:
    """`import_data` with what the file held beside what was added: {kind: {"in_file",
    "added", "skipped"}}; skipped records were here already (an import never duplicates)."""
    in_file = _counts(read_export(path))
    added = import_data(settings, path)
    return {
        kind: {
            "in_file": in_file.get(kind, 0),
            "added": added.get(kind, 0),
            "skipped": in_file.get(kind, 0) - added.get(kind, 0),
        }
        for kind in RECORD_KINDS
    }
