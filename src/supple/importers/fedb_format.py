"""Validate entries against the free-exercise-db format (its schema.json, draft-04).

Only what the schema states is checked: required fields, their types and the enums. A file that
breaks it raises ImportFormatError naming the entry (index and id) and the field, so the user can
open the file at the right place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from supple.importers.muscle_map import FEDB_MUSCLES
from supple.importers.report import ImportFormatError

REQUIRED = (
    "id",
    "name",
    "level",
    "mechanic",
    "equipment",
    "primaryMuscles",
    "secondaryMuscles",
    "instructions",
    "category",
    "images",
)
CATEGORIES = frozenset(
    {
        "powerlifting",
        "strength",
        "stretching",
        "cardio",
        "olympic weightlifting",
        "strongman",
        "plyometrics",
    }
)
LEVELS = frozenset({"beginner", "intermediate", "expert"})
MECHANICS = frozenset({"isolation", "compound"})
FORCES = frozenset({"static", "pull", "push"})
EQUIPMENT = frozenset(
    {
        "medicine ball",
        "dumbbell",
        "body only",
        "bands",
        "kettlebells",
        "foam roll",
        "cable",
        "machine",
        "barbell",
        "exercise ball",
        "e-z curl bar",
        "other",
    }
)
_ID_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-")


def _type_name(v: object) -> str:
    return (
        "null"
        if v is None
        else {
            dict: "object",
            list: "list",
            str: "string",
            bool: "boolean",
            int: "number",
            float: "number",
        }.get(type(v), type(v).__name__)
    )


def check_entry(entry: object, index: int, file: str) -> Mapping[str, Any]:
    """Raise ImportFormatError unless `entry` follows the format; return it typed as a mapping."""
    if not isinstance(entry, dict):
        raise ImportFormatError(file, f"expected an object, found {_type_name(entry)}", index=index)
    raw_id = entry.get("id")
    entry_id = raw_id if isinstance(raw_id, str) else None

    def fail(field: str, problem: str) -> ImportFormatError:
        return ImportFormatError(file, problem, index=index, entry_id=entry_id, field=field)

    for name in REQUIRED:
        if name not in entry:
            raise fail(name, "required field is missing")

    def string(field: str, allowed: frozenset[str] | None = None, nullable: bool = False) -> None:
        v = entry[field]
        if v is None and nullable:
            return
        if not isinstance(v, str):
            want = "a string or null" if nullable else "a string"
            raise fail(field, f"expected {want}, found {_type_name(v)}")
        if allowed is not None and v not in allowed:
            raise fail(field, f"'{v}' is not one of: {', '.join(sorted(allowed))}")

    def strings(field: str, allowed: frozenset[str] | None = None) -> None:
        v = entry[field]
        if not isinstance(v, list):
            raise fail(field, f"expected a list, found {_type_name(v)}")
        for i, item in enumerate(v):
            if not isinstance(item, str):
                raise fail(f"{field}[{i}]", f"expected a string, found {_type_name(item)}")
            if allowed is not None and item not in allowed:
                raise fail(f"{field}[{i}]", f"'{item}' is not one of: {', '.join(sorted(allowed))}")

    string("id")
    if not entry["id"] or not set(entry["id"]) <= _ID_CHARS:
        raise fail("id", f"'{entry['id']}' may hold only letters, digits, '_' and '-'")
    string("name")
    if not entry["name"].strip():
        raise fail("name", "is empty")
    string("level", LEVELS)
    string("mechanic", MECHANICS, nullable=True)
    string("equipment", EQUIPMENT, nullable=True)
    if "force" in entry:
        string("force", FORCES, nullable=True)
    string("category", CATEGORIES)
    strings("primaryMuscles", FEDB_MUSCLES)
    strings("secondaryMuscles", FEDB_MUSCLES)
    strings("instructions")
    strings("images")
    return entry
