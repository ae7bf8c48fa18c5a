"""free-exercise-db JSON → supple stretches (no database: the service layer stores the result).

`import_file(path)` reads and fingerprints a file; `parse_entries(raw, file_label)` does the work on
already-decoded JSON. Both are deterministic: the same input gives equal stretches in the same
order, so a re-import can be recognised as "nothing changed" by id, data and `source_hash`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from supple.domain.catalog import Catalog, Stretch
from supple.domain.planner_imported import incomplete_origin, missing_fields, twin_origin
from supple.importers.fedb_format import check_entry
from supple.importers.muscle_map import map_muscles
from supple.importers.report import ImportFormatError, ImportReport, IncompleteEntry, SkippedEntry
from supple.importers.text_inference import (
    infer_position,
    infer_sides,
    movement_phrase,
    split_steps,
    stated_hold,
)
from supple.importers.twins import match_twin

ID_PREFIX = "fedb-"
ORIGIN_PREFIX = "free-exercise-db:"
# Seed defaults for a static hold (seed-000, seed-002); the entry's own figure goes to the report.
DEFAULT_HOLD = {"min": 20, "max": 30}
MIN_STEPS = 3
# Equipment the planner cannot assume a user has; "body only" and null need nothing.
NO_EQUIPMENT = (None, "body only")
PARTNER = re.compile(r"\bpartner\b|\bhelper\b", re.IGNORECASE)

REASON_CATEGORY = "not a stretch (category {})"
REASON_EQUIPMENT = "needs equipment ({})"
REASON_PARTNER = "needs a partner"
REASON_MOVEMENT = "a repeated movement, not a static hold"
REASON_TARGETS = "targets no lower-back or upper-glute muscle"
REASON_POSITION = "position not stated: stored incomplete, set it with supple catalog set"
MISSING_POSITION = ("places", "position")
#: Starts the last sentence of an incomplete entry's summary (removed once it is completed).
INCOMPLETE_NOTE = " Its text does not say where it is done: "
REASON_STEPS = "fewer than 3 instruction steps"
REASON_DUPLICATE = "duplicate id"
REASON_INVALID = "does not make a valid stretch"


def slug(entry_id: str) -> str:
    """Our id for their id: lowercase, runs of anything but [a-z0-9] become one '-'."""
    return ID_PREFIX + (re.sub(r"[^a-z0-9]+", "-", entry_id.lower()).strip("-") or "entry")


def import_file(path: str | Path, known: Catalog | None = None) -> ImportReport:
    """Read a free-exercise-db JSON file. Raises ImportFormatError (exit 2) when it is not one.
    `known` is the catalog whose stretches imported entries are matched to (default: shipped)."""
    p = Path(path)
    label = p.name
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ImportFormatError(str(p), f"cannot read the file ({e.strerror or e})") from None
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ImportFormatError(label, f"not UTF-8 text ({e.reason} at byte {e.start})") from None
    except json.JSONDecodeError as e:
        raise ImportFormatError(
            label, f"not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})"
        ) from None
    return _parse(raw, label, hashlib.sha256(data).hexdigest(), known)


def parse_entries(raw: object, file_label: str, known: Catalog | None = None) -> ImportReport:
    """Import already-decoded JSON. Without the file's bytes, `source_hash` is the sha256 of the
    canonical JSON (sorted keys, compact separators), which is stable for equal data."""
    canonical = json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return _parse(raw, file_label, hashlib.sha256(canonical.encode("utf-8")).hexdigest(), known)


def _parse(raw: object, label: str, source_hash: str, known: Catalog | None) -> ImportReport:
    if not isinstance(raw, list):
        kind = "an object" if isinstance(raw, dict) else type(raw).__name__
        raise ImportFormatError(
            label, f"expected a JSON list of exercises at the top level, found {kind}"
        )
    # Validate every entry first, so a malformed file imports nothing rather than half.
    entries = [check_entry(e, i, label) for i, e in enumerate(raw)]
    if known is None:
        from supple.data.loader import shipped

        known = shipped().catalog
    report = ImportReport(file_label=label, source_hash=source_hash, entries=len(entries))
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        result = _convert(entry, i, label, known)
        if isinstance(result, SkippedEntry):
            report.skipped.append(result)
            continue
        stretch, warnings = result
        if stretch.id in seen:
            report.skipped.append(
                SkippedEntry(
                    i,
                    entry["id"],
                    entry["name"],
                    REASON_DUPLICATE,
                    f"'{stretch.id}' is also made by entry {seen[stretch.id]}",
                )
            )
            continue
        seen[stretch.id] = i
        report.stretches.append(stretch)
        if missing := missing_fields(stretch.origin):
            report.incomplete.append(
                IncompleteEntry(i, stretch.id, stretch.name, REASON_POSITION, missing)
            )
        report.warnings.extend(warnings)
    return report


def _convert(
    e: Mapping[str, Any], i: int, label: str, known: Catalog
) -> tuple[Stretch, list[str]] | SkippedEntry:
    def skip(reason: str, detail: str = "") -> SkippedEntry:
        return SkippedEntry(i, e["id"], e["name"], reason, detail)

    if e["category"] != "stretching":
        return skip(REASON_CATEGORY.format(e["category"]))
    instructions: list[str] = e["instructions"]
    text = " ".join(instructions)
    if e["equipment"] not in NO_EQUIPMENT:
        return skip(REASON_EQUIPMENT.format(e["equipment"]))
    if m := PARTNER.search(text):
        return skip(REASON_PARTNER, f"the text says '{m.group(0)}'")
    if phrase := movement_phrase(text):
        return skip(REASON_MOVEMENT, f"the text says '{phrase}'")
    targets = map_muscles(e["primaryMuscles"], e["secondaryMuscles"], text)
    if not targets.primary:
        return skip(REASON_TARGETS, f"primary: {', '.join(e['primaryMuscles']) or 'none'}")
    where = infer_position(text)
    steps = split_steps(instructions, MIN_STEPS)
    if len(steps) < MIN_STEPS:
        return skip(REASON_STEPS, f"{len(steps)} found")

    sid = slug(e["id"])
    note = f"Mapped from free-exercise-db muscles: {', '.join(e['primaryMuscles'])} (primary)"
    if e["secondaryMuscles"]:
        note += f"; {', '.join(e['secondaryMuscles'])} (secondary)"
    note += ". The mapping is supple's inference (docs/importer.md)."
    if targets.unmapped:
        note += f" Also worked, not modelled by supple: {', '.join(targets.unmapped)}."
    origin = f"{ORIGIN_PREFIX}{label}"
    summary = (
        f"Imported from {label} (free-exercise-db, public domain): the steps are that "
        "project's text, not supple's, and were not reviewed by supple."
    )
    twin = match_twin(e["name"], where.position, known) if where is not None else None
    if twin is not None:
        origin = twin_origin(origin, twin.id)
        summary += (
            f" Matched by name to supple's {twin.name} ({twin.id}): the same movement, so it "
            "follows that stretch's safety screening and a routine holds only one of them."
        )
    if where is None:
        # The text does not say where: stored with placeholders the planner never uses, for
        # the user to complete (supple catalog set); never guessed.
        origin = incomplete_origin(origin, list(MISSING_POSITION))
        summary += (
            f"{INCOMPLETE_NOTE}set its places and position with "
            f"`supple catalog set {sid} --place ... --position ...` before the planner uses it."
        )
    data: dict[str, Any] = {
        "id": sid,
        "name": e["name"].strip(),
        "style": "static",
        # Placeholders until the user sets them (an incomplete entry, see above).
        "places": list(where.places) if where is not None else ["floor"],
        "position": where.position if where is not None else "lying",
        "sides": infer_sides(text),
        "targets": {"primary": targets.primary, "secondary": targets.secondary, "note": note},
        "hold_seconds": dict(DEFAULT_HOLD),
        "summary": summary,
        "steps": steps,
        "cues": [f"{e['name'].strip()}: ease in, hold still and breathe."],
        "sources": [f"import:{label}"],
        "origin": origin,
        "inferred": ["places", "position", "sides", "targets", "hold_seconds"],
    }
    try:
        stretch = Stretch.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        return skip(REASON_INVALID, f"{loc}: {first['msg']}")
    warnings = []
    if (stated := stated_hold(text)) and stated != (DEFAULT_HOLD["min"], DEFAULT_HOLD["max"]):
        warnings.append(
            f"{sid}: the text says hold {stated[0]}-{stated[1]} s; supple uses "
            f"{DEFAULT_HOLD['min']}-{DEFAULT_HOLD['max']} s (seed defaults) and marks it inferred."
        )
    return stretch, warnings
