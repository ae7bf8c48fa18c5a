"""The API's OpenAPI schema, made as strict as the server and with links between operations.

FastAPI writes the schema from the request models; `install(app)` adds what those cannot say:

* OpenAPI links (LINKS): the name POST /routines gave leads to GET/DELETE /routines/{name}, the
  id POST /sessions gave to resume it, post its events and finish it, a listed stretch's id to
  show it. Clients and schemathesis' stateful tests follow them.
* The server's own bounds, so that no request the schema allows is refused as malformed:
  integer bounds as whole numbers, "exactly one of" bodies (ONE_SOURCE), a routine's limits
  (supple.web.api.limits), a routine name's characters (the domain's printable-text rule), and
  413 on every operation with a body (supple.web.body_limit).
"""

from __future__ import annotations

import functools
from typing import Any

from fastapi import FastAPI

from supple.domain.names import ROUTINE_NAME_MAX
from supple.web.api import PREFIX
from supple.web.api.limits import MAX_HOLD_SECONDS, MAX_REPS, MAX_STEP_SECONDS, MAX_STEPS

#: (method, path, status) -> link name -> (method, path, runtime expression for its one path
#: parameter).
LINKS: dict[tuple[str, str, str], dict[str, tuple[str, str, str]]] = {
    ("post", "/routines", "201"): {
        "ShowSaved": ("get", "/routines/{name}", "$response.body#/name"),
        "DeleteSaved": ("delete", "/routines/{name}", "$response.body#/name"),
    },
    ("get", "/routines", "200"): {
        "ShowFirstSaved": ("get", "/routines/{name}", "$response.body#/0/name"),
    },
    ("post", "/sessions", "201"): {
        "Resume": ("get", "/sessions/{session_id}", "$response.body#/id"),
        "AddEvent": ("post", "/sessions/{session_id}/events", "$response.body#/id"),
        "Finish": ("post", "/sessions/{session_id}/finish", "$response.body#/id"),
    },
    ("post", "/sessions/{session_id}/events", "201"): {
        "AnotherEvent": ("post", "/sessions/{session_id}/events", "$request.path.session_id"),
        "FinishAfterEvent": ("post", "/sessions/{session_id}/finish", "$request.path.session_id"),
    },
    ("get", "/catalog", "200"): {
        "ShowStretch": ("get", "/catalog/{stretch_id}", "$response.body#/0/id"),
    },
}

#: Request models that take exactly one of these fields (their `_one_source` validators).
ONE_SOURCE = {
    "SaveRoutine": ("options", "routine"),
    "NewSession": ("routine", "routine_name", "options"),
}

#: Every operation with a body may answer 413.
TOO_LARGE = {
    "description": "The request body is over its limit (docs/api.md, Limits).",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
}


@functools.cache
def name_pattern() -> str:
    """A routine name as the domain takes it (supple.domain.names): printable characters, no
    slash or backslash (routine_name_schema adds: not only spaces). As a regular expression:
    the printable characters of the Basic Multilingual Plane, from this Python's own Unicode
    tables (the domain's own test, so the schema is never looser than the server)."""
    ranges: list[tuple[int, int]] = []
    start: int | None = None
    for cp in range(0x21, 0x10000):
        ok = chr(cp).isprintable() and chr(cp) not in "/\\"
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, 0xFFFF))

    def char(cp: int) -> str:
        return f"\\u{cp:04x}"

    word = "".join(char(a) if a == b else f"{char(a)}-{char(b)}" for a, b in ranges)
    return f"^[ {word}]*$"


def routine_name_schema() -> dict[str, Any]:
    """Printable text without slashes (name_pattern), 1 to ROUTINE_NAME_MAX characters, not
    only spaces."""
    return {
        "minLength": 1,
        "maxLength": ROUTINE_NAME_MAX,
        "pattern": name_pattern(),
        "not": {"pattern": "^ *$"},
    }


def _whole_bounds(node: Any) -> None:
    """pydantic writes an integer's bounds as floats (`"maximum": 10.0`): as whole numbers."""
    if isinstance(node, dict):
        if node.get("type") == "integer":
            for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
                value = node.get(key)
                if isinstance(value, float) and value.is_integer():
                    node[key] = int(value)
        for value in node.values():
            _whole_bounds(value)
    elif isinstance(node, list):
        for value in node:
            _whole_bounds(value)


def _nullable_int(low: int, high: int) -> dict[str, Any]:
    return {"anyOf": [{"type": "integer", "minimum": low, "maximum": high}, {"type": "null"}]}


def _routine_limits(models: dict[str, Any]) -> None:
    """supple.web.api.limits.check_routine, said in the schema (a routine the planner makes
    always fits, so the responses that hold one still match)."""
    steps = models["Routine"]["properties"]["steps"]
    steps["maxItems"] = MAX_STEPS
    steps["contains"] = {"properties": {"kind": {"enum": ["warmup", "stretch"]}}}
    step = models["Step"]["properties"]
    step["seconds"] = {**step["seconds"], "maximum": MAX_STEP_SECONDS}
    step["reps"] = {**_nullable_int(0, MAX_REPS), "title": step["reps"].get("title", "Reps")}
    step["hold_seconds"] = {
        **_nullable_int(0, MAX_HOLD_SECONDS),
        "title": step["hold_seconds"].get("title", "Hold Seconds"),
    }


def strict_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema FastAPI made, with the links and the server's bounds added (in place)."""
    _whole_bounds(schema)
    models = schema["components"]["schemas"]
    for model, sources in ONE_SOURCE.items():
        models[model]["oneOf"] = [
            {"required": [k], "properties": {k: {"not": {"type": "null"}}}} for k in sources
        ]
    _routine_limits(models)
    name = routine_name_schema()
    models["SaveRoutine"]["properties"]["name"] = {
        **models["SaveRoutine"]["properties"]["name"],
        **name,
    }
    paths = schema["paths"]
    for method in ("get", "delete"):
        for parameter in paths[f"{PREFIX}/routines/{{name}}"][method]["parameters"]:
            if parameter["name"] == "name":
                parameter["schema"] = {**parameter["schema"], **name}
    for operations in paths.values():
        for operation in operations.values():
            if "requestBody" in operation:
                operation["responses"].setdefault("413", TOO_LARGE)
    for (method, path, status), links in LINKS.items():
        response = paths[PREFIX + path][method]["responses"][status]
        response["links"] = {
            link: {
                "operationId": paths[PREFIX + to][to_method]["operationId"],
                "parameters": {to.split("{", 1)[1].split("}", 1)[0]: value},
            }
            for link, (to_method, to, value) in links.items()
        }
    return schema


def install(app: FastAPI) -> None:
    """Serve strict_schema(FastAPI's schema) (made once, on the first request for it)."""
    make = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = strict_schema(make())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
