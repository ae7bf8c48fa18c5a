"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

#: JSON documents (routines, answers, results): JSONB on PostgreSQL, JSON text on SQLite.
JsonDoc = JSON().with_variant(JSONB(), "postgresql")


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out on every backend.

    SQLite has no time zone type, so values are stored as naive UTC there (which also keeps
    string comparison in `WHERE started_at >= ?` correct); PostgreSQL gets `timestamptz`.
    Naive inputs are rejected because guessing their zone silently shifts a user's history.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"datetime {value!r} has no time zone; pass an aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class JsonTime(FunctionElement[str]):
    """A `UtcDateTime` column as the JSON text of `datetime.isoformat()` of its aware UTC
    value ('"2026-03-01T07:30:00+00:00"', the fraction only when non-zero), or 'null', made by
    the database: converting thousands of datetimes in Python took most of the time of a
    ten-year history."""

    type = String()
    inherit_cache = True
    name = "json_time"


class JsonString(FunctionElement[str]):
    """A text column as a JSON string literal, quoted and escaped by the database."""

    type = String()
    inherit_cache = True
    name = "json_string"


@compiles(JsonTime, "sqlite")
def _json_time_sqlite(element: JsonTime, compiler: Any, **kw: Any) -> str:
    # Stored as naive UTC text, always "YYYY-MM-DD HH:MM:SS.ffffff" (UtcDateTime).
    t = compiler.process(element.clauses, **kw)
    whole = f"CASE WHEN substr({t}, 21) = '000000' THEN substr({t}, 1, 19) ELSE {t} END"
    text = f"replace({whole}, ' ', 'T')"
    return f"""CASE WHEN {t} IS NULL THEN 'null' ELSE '"' || {text} || '+00:00"' END"""


@compiles(JsonTime, "postgresql")
def _json_time_postgresql(element: JsonTime, compiler: Any, **kw: Any) -> str:
    t = compiler.process(element.clauses, **kw)
    seconds = """'YYYY-MM-DD"T"HH24:MI:SS'"""
    fraction = """'YYYY-MM-DD"T"HH24:MI:SS.US'"""
    form = f"CASE WHEN date_trunc('second', {t}) = {t} THEN {seconds} ELSE {fraction} END"
    text = f"to_char({t} AT TIME ZONE 'UTC', {form})"
    return f"""CASE WHEN {t} IS NULL THEN 'null' ELSE '"' || {text} || '+00:00"' END"""


@compiles(JsonString, "sqlite")
def _json_string_sqlite(element: JsonString, compiler: Any, **kw: Any) -> str:
    return f"json_quote({compiler.process(element.clauses, **kw)})"


@compiles(JsonString, "postgresql")
def _json_string_postgresql(element: JsonString, compiler: Any, **kw: Any) -> str:
    return f"to_json({compiler.process(element.clauses, **kw)})::text"


class EpochSeconds(FunctionElement[int]):
    """A `UtcDateTime` column as whole seconds since 1970-01-01 UTC (the fraction dropped),
    computed by the database: `datetime.fromtimestamp` turns it into local time far faster
    than converting each stored time through its column type (progress reads thousands)."""

    type = Integer()
    inherit_cache = True
    name = "epoch_seconds"


@compiles(EpochSeconds, "sqlite")
def _epoch_sqlite(element: EpochSeconds, compiler: Any, **kw: Any) -> str:
    return f"CAST(strftime('%s', {compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(EpochSeconds, "postgresql")
def _epoch_postgresql(element: EpochSeconds, compiler: Any, **kw: Any) -> str:
    return f"floor(extract(epoch FROM {compiler.process(element.clauses, **kw)}))::bigint"
