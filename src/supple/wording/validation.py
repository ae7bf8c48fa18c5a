"""Validation errors in plain words for every front end: the field by the front end's name for
it and what it takes ("\\"minutes\\" must be a whole number from 1 to 240." in JSON,
"--minutes must be …" in the terminal, "Minutes must be …" on a form), never pydantic's own
sentences. The API, the pages and the terminal all word pydantic's errors here.

The allowed range of a number comes from the models the API reads (their `ge`/`le` bounds), so
a message says the whole range even when the error is about the type, not the bound.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from annotated_types import Ge, Gt, Le, Lt, MaxLen, MinLen
from pydantic import BaseModel

from supple.wording.fronts import API, CLI, FORM, Front
from supple.wording.render import clip

#: Where a field is in the request: not part of its name.
_PLACES = ("body", "query", "path", "header", "cookie")


def field_of(loc: Sequence[Any]) -> str | None:
    """`("body", "minutes")` -> "minutes"; `("body", "places", 0)` -> "places.0"."""
    # A key the request made up (an unknown field) is quoted only in part: a 50 MB key must
    # not give a 50 MB error.
    parts = [clip(str(p)) for p in loc if p not in _PLACES]
    return ".".join(parts) or None


def _bounds(metadata: Iterable[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in metadata:
        for cls, key in ((Ge, "ge"), (Le, "le"), (Gt, "gt"), (Lt, "lt")):
            if isinstance(m, cls):
                out[key] = getattr(m, key)
        if isinstance(m, MaxLen):
            out["max_length"] = m.max_length
        if isinstance(m, MinLen):
            out["min_length"] = m.min_length
    return out


def _is_int(annotation: Any) -> bool:
    """int, or int | None."""
    if annotation is int:
        return True
    args = [a for a in getattr(annotation, "__args__", ()) if a is not type(None)]
    return args == [int]


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in getattr(annotation, "__args__", ()) for m in _models_in(a)]


def _model_limits(model: type[BaseModel], out: dict[str, dict[str, Any]], seen: set[type]) -> None:
    if model in seen:
        return
    seen.add(model)
    for name, info in model.model_fields.items():
        bounds = _bounds(info.metadata)
        if bounds:
            out.setdefault(name, bounds | {"whole": _is_int(info.annotation)})
        for inner in _models_in(info.annotation):
            _model_limits(inner, out, seen)


#: route_limits by the route's id (a route lives as long as its app; APIRoute is not hashable).
_ROUTE_LIMITS: dict[int, dict[str, dict[str, Any]]] = {}


def route_limits(route: Any) -> dict[str, dict[str, Any]]:
    """Field name -> its bounds, for every parameter and body field the route reads (and the
    models its body holds), as FastAPI matched the route for the request."""
    known = _ROUTE_LIMITS.get(id(route))
    if known is None:
        known = _ROUTE_LIMITS[id(route)] = _route_limits(route)
    return known


def _route_limits(route: Any) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return out
    for param in (*dependant.query_params, *dependant.path_params):
        bounds = _bounds(param.field_info.metadata)
        if bounds:
            out[param.name] = bounds | {"whole": _is_int(param.field_info.annotation)}
    seen: set[type] = set()
    for param in dependant.body_params:
        bounds = _bounds(param.field_info.metadata)
        if bounds:
            out[param.name] = bounds
        for model in _models_in(param.field_info.annotation):
            _model_limits(model, out, seen)
    return out


def _range(bounds: Mapping[str, Any], whole: bool) -> str:
    low = bounds.get("ge", bounds.get("gt"))
    high = bounds.get("le", bounds.get("lt"))

    def show(v: Any) -> str:
        return str(int(v)) if whole else f"{v:g}"

    if low is not None and high is not None:
        return f" from {show(low)} to {show(high)}"
    if low is not None:
        return f" of at least {show(low)}"
    if high is not None:
        return f" of at most {show(high)}"
    return ""


def _given(error: Mapping[str, Any]) -> str:
    value = error.get("input")
    if isinstance(value, dict | list) or value is None:
        return ""
    if isinstance(value, bool):
        return f"; {str(value).lower()} is not"
    if isinstance(value, str) and not value.strip().lstrip("-").replace(".", "", 1).isdigit():
        return f"; {clip(value)!r} is not"
    return f"; {clip(str(value))} is not"  # a number, in part if it is 50 MB of digits


def name_of(field: str | None, front: Front) -> str:
    """The field as `front` names it: `"minutes"` in JSON, "Minutes" on a form."""
    if field is None:
        return "The request body" if front is API else "This form"
    top = field.split(".", 1)[0]
    if front is API:
        return f'"{field}"'
    return front.name(top) if top in front.names else top.replace("_", " ").capitalize()


def plain(
    error: Mapping[str, Any], bounds_by_field: Mapping[str, Mapping[str, Any]], front: Front = API
) -> str:
    """One validation error as a sentence naming the field and what it takes."""
    loc = error.get("loc", ())
    leaf = next((str(p) for p in reversed(loc) if isinstance(p, str) and p not in _PLACES), "")
    label = name_of(field_of(loc), front)
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    bounds = {**bounds_by_field.get(leaf, {}), **ctx}
    if kind == "missing":
        return f"{label} is required."
    if kind in ("int_type", "int_parsing", "int_from_float") or (
        kind.startswith(("greater_than", "less_than"))
        and (bounds.get("whole") or isinstance(error.get("input"), int))
    ):
        return f"{label} must be a whole number{_range(bounds, True)}{_given(error)}."
    if kind in ("float_type", "float_parsing", "finite_number") or kind.startswith(
        ("greater_than", "less_than")
    ):
        return f"{label} must be a number{_range(bounds, False)}{_given(error)}."
    if kind in ("bool_type", "bool_parsing"):
        return f"{label} must be true or false{_given(error)}."
    if kind in ("string_type", "string_unicode"):
        return f"{label} must be text{_given(error)}."
    if kind == "string_too_long":
        return f"{label} can be at most {bounds.get('max_length')} characters long."
    if kind == "string_too_short":
        low = bounds.get("min_length", 1)
        if low == 1:
            return f"{label} cannot be empty."
        return f"{label} must be at least {low} characters long."
    if kind == "string_pattern_mismatch":
        return f"{label} cannot hold a slash, control characters or only spaces."
    if kind in ("literal_error", "enum"):
        return f"{label} must be one of {ctx.get('expected', 'the allowed values')}{_given(error)}."
    if kind == "too_short":
        n = bounds.get("min_length", 1)
        return f"{label} needs at least {n} item{'' if n == 1 else 's'}."
    if kind == "too_long":
        n = bounds.get("max_length")
        return f"{label} can hold at most {n} item{'' if n == 1 else 's'}."
    if kind == "list_type":
        return f"{label} must be a list."
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{label} must be a JSON object."
    if kind == "extra_forbidden":
        return f"{label} is not a field this request takes; leave it out."
    if kind in (
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    ):
        return f"{label} must be a date like 2025-01-31{_given(error)}."
    if kind == "value_error" and isinstance(ctx.get("error"), ValueError):
        # Our own validators' words (e.g. "give either options or a routine").
        text = str(ctx["error"])
        return f"{label}: {text[:1].lower()}{text[1:]}" + ("" if text.endswith(".") else ".")
    return f"{label} is not valid here{_given(error)}."


def words(
    errors: Sequence[Mapping[str, Any]], route: Any = None, front: Front = API
) -> list[tuple[str | None, str]]:
    """(field, sentence) for each error of a request to `route` (or of a model's validation,
    `bounds` then from `model_limits`)."""
    bounds = route_limits(route) if route is not None else {}
    return [(field_of(e.get("loc", ())), plain(e, bounds, front)) for e in errors]


def form_errors(
    errors: Sequence[Mapping[str, Any]], *models: type[BaseModel], front: Front = FORM
) -> dict[str, str]:
    """A form's (or a command's) validation errors: the front end's name for each field, its
    first error."""
    bounds: dict[str, dict[str, Any]] = {}
    for model in models:
        _model_limits(model, bounds, set())
    out: dict[str, str] = {}
    for e in errors:
        field = field_of(e.get("loc", ())) or ""
        out.setdefault(field.split(".", 1)[0], plain(e, bounds, front))
    return out


def command_error(errors: Sequence[Mapping[str, Any]], *models: type[BaseModel]) -> str:
    """The first validation error of a command's options, as the terminal says it."""
    return next(iter(form_errors(errors, *models, front=CLI).values()), "")
