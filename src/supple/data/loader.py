"""Load and validate the shipped data files.

Every error names the file, the field and what is wrong, so a physiotherapist adding a stretch can
fix it without reading code. Cross-references (muscle, source and condition ids) are checked here,
once, for the whole data set.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from supple.domain.anatomy import Anatomy, Muscle, Region
from supple.domain.catalog import Catalog, Stretch
from supple.domain.figure_check import Fault, check_figure
from supple.domain.learn import LearnTopic
from supple.domain.questions import Question, condition_ids
from supple.domain.sources import Source

M = TypeVar("M", bound=BaseModel)


class DataError(ValueError):
    """A data file is malformed; the message names the file and field."""

    def __init__(self, file: str, field: str, problem: str) -> None:
        self.file, self.field, self.problem = file, field, problem
        where = f"{file}: {field}" if field else file
        super().__init__(f"{where}: {problem}")


def _loc(loc: Iterable[object]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_model(model: type[M], raw: Mapping[str, Any], file: str, prefix: str = "") -> M:
    """Validate `raw` as `model`, turning pydantic's error into a DataError naming the field."""
    try:
        return model.model_validate(raw)
    except ValidationError as e:
        err = e.errors()[0]
        msg = err["msg"].removeprefix("Value error, ")
        if str(err["type"]).endswith("_type") or err["type"] == "literal_error":
            msg += f", got {_shown(err['input'])}"
        loc = list(err["loc"])
        named = re.search(r"`([a-z_]+)`", msg)
        if not loc and named:  # a whole-model check about one field: name that field
            loc = [named.group(1)]
        field = _loc([*([prefix] if prefix else []), *loc])
        raise DataError(file, field, msg) from None


def _shown(value: object) -> str:
    """A bad value as it looked in the file (a quoted "20" where a number belongs)."""
    if isinstance(value, str):
        return f'the text "{value}"' + ("" if not value.strip().isdigit() else "; drop the quotes")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def read_toml(path: Path | Any, name: str) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(name, "", "file not found") from None
    except UnicodeDecodeError as e:
        line = e.object[: e.start].count(b"\n") + 1
        raise DataError(
            name, "", f"not UTF-8 text (byte {e.start + 1}, line {line}); save the file as UTF-8"
        ) from None
    except OSError as e:
        raise DataError(name, "", f"cannot be read ({e.strerror or e})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise DataError(name, "", f"not valid TOML ({e})") from None


def _entries(raw: Mapping[str, Any], name: str, key: str, what: str) -> list[Any]:
    """The `[[key]]` entries of a file; an error when there are none, so an empty or mistyped
    file is blamed on itself rather than on the first file that refers to it."""
    items = raw.get(key, [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise DataError(name, key, f"expected [[{key}]] tables, one per {what}")
    if not items:
        raise DataError(name, key, f"no {what} defined: add at least one [[{key}]] table")
    return items


def _add_unique(found: dict[str, M], item: M, item_id: str, name: str, field: str) -> None:
    """Add to an id-keyed dict; a second entry with the same id is an error, not a silent
    replacement of the first."""
    if item_id in found:
        raise DataError(name, field, f"duplicate id '{item_id}'")
    found[item_id] = item


def _data_root() -> Any:
    return resources.files("supple.data")


@dataclass(frozen=True)
class DataSet:
    sources: dict[str, Source]
    anatomy: Anatomy
    questions: list[Question]
    catalog: Catalog
    learn: list[LearnTopic]

    def check_stretch(self, s: Stretch, file: str) -> None:
        """Cross-reference checks for one stretch (also used for imported entries)."""
        check_stretch_refs(s, file, self.sources, self.anatomy, condition_ids(self.questions))


def check_stretch_refs(
    s: Stretch,
    file: str,
    sources: Mapping[str, Source],
    anatomy: Anatomy,
    conditions: set[str],
) -> None:
    for group in ("primary", "secondary"):
        for i, m in enumerate(getattr(s.targets, group)):
            if m not in anatomy.muscles:
                raise DataError(
                    file,
                    f"targets.{group}[{i}]",
                    f"unknown muscle '{m}' (known: {', '.join(sorted(anatomy.muscles))})",
                )
    refs: list[tuple[str, str]] = [(f"sources[{i}]", x) for i, x in enumerate(s.sources)]
    refs += [(f"modifications[{i}].source", m.source) for i, m in enumerate(s.modifications)]
    refs += [(f"cautions[{i}].source", c.source) for i, c in enumerate(s.cautions)]
    for field, sid in refs:
        if sid not in sources and not sid.startswith("import:"):
            raise DataError(file, field, f"unknown source '{sid}' (see sources.toml)")
    for i, c in enumerate(s.cautions):
        if c.condition not in conditions:
            raise DataError(
                file,
                f"cautions[{i}].condition",
                f"unknown condition '{c.condition}' (known: {', '.join(sorted(conditions))})",
            )


def load_sources(root: Any) -> dict[str, Source]:
    name = "sources.toml"
    raw = read_toml(root / name, name)
    out: dict[str, Source] = {}
    for i, item in enumerate(_entries(raw, name, "source", "source")):
        src = parse_model(Source, item, name, f"source[{i}]")
        _add_unique(out, src, src.id, name, f"source[{i}].id")
    return out


def load_anatomy(root: Any, sources: Mapping[str, Source]) -> Anatomy:
    name = "anatomy.toml"
    raw = read_toml(root / name, name)
    muscles: dict[str, Muscle] = {}
    for i, item in enumerate(_entries(raw, name, "muscle", "muscle")):
        m = parse_model(Muscle, item, name, f"muscle[{i}]")
        _add_unique(muscles, m, m.id, name, f"muscle[{i}].id")
        for j, sid in enumerate(m.sources):
            if sid not in sources:
                raise DataError(name, f"muscle[{i}].sources[{j}]", f"unknown source '{sid}'")
    regions: dict[str, Region] = {}
    for i, item in enumerate(_entries(raw, name, "region", "body region")):
        r = parse_model(Region, item, name, f"region[{i}]")
        for j, mid in enumerate(r.muscles):
            if mid not in muscles:
                raise DataError(name, f"region[{i}].muscles[{j}]", f"unknown muscle '{mid}'")
        for j, sid in enumerate(r.sources):
            if sid not in sources:
                raise DataError(name, f"region[{i}].sources[{j}]", f"unknown source '{sid}'")
        _add_unique(regions, r, r.id, name, f"region[{i}].id")
    return Anatomy(muscles=muscles, regions=regions)


def load_questions(root: Any, sources: Mapping[str, Source]) -> list[Question]:
    name = "questions.toml"
    raw = read_toml(root / name, name)
    found: dict[str, Question] = {}
    for i, item in enumerate(_entries(raw, name, "question", "question")):
        q = parse_model(Question, item, name, f"question[{i}]")
        _add_unique(found, q, q.id, name, f"question[{i}].id")
        if q.source not in sources:
            raise DataError(name, f"question[{i}].source", f"unknown source '{q.source}'")
    return list(found.values())


def load_stretch_file(path: Any, name: str) -> Stretch:
    raw = read_toml(path, name)
    stem = name.rsplit("/", 1)[-1].removesuffix(".toml")
    s = parse_model(Stretch, raw, name)
    if s.id != stem:
        raise DataError(name, "id", f"id '{s.id}' does not match the file name '{stem}.toml'")
    check_stretch_figure(s, name)
    return s


def check_stretch_figure(s: Stretch, file: str) -> None:
    """A figure fits its stretch and every keyframe is a pose a body can take; the error names
    the keyframe and the joint or body part."""
    fig = s.figure
    if fig is None:
        return
    if s.style == "dynamic" and fig.cycle is None:
        raise DataError(
            file, "figure.cycle", "a dynamic stretch's figure needs a `cycle` (inhale, exhale)"
        )
    if fig.cycle is not None and s.tempo is None:
        raise DataError(file, "figure.cycle", "a `cycle` follows the breath: it needs `tempo`")
    faults = check_figure(fig)
    if faults:
        f = faults[0]
        raise DataError(file, f"figure.keyframes.{f.keyframe}.{f.where}", figure_fault_text(f))


def figure_fault_text(f: Fault) -> str:
    """A figure fault in words for the person writing the data file."""
    p = f.params
    if f.kind == "range":
        return (
            f"{p['angle']:g}° is outside the normal range of this joint, {p['low']:g}° to "
            f"{p['high']:g}° ({p['movement']}; source {p['source']}); "
            "check the sign and the size of the angle"
        )
    if f.kind == "below-floor":
        return f"goes {p['depth']} cm below the floor; raise `at` or change the angles"
    if f.kind == "in-chair":
        return f"goes through the chair ({p['part']}); move `at` or the chair"
    if f.kind == "unsupported":
        return (
            f"nothing touches the floor, the chair or the wall (the lowest point is "
            f"{p['height']} cm up); lower `at`"
        )
    return (
        f"would tip over: the centre of mass (x = {p['centre']} cm) is not above what holds "
        f"the body up (x = {p['low']} to {p['high']} cm); move the supports under the body"
    )


def load_learn(root: Any, sources: Mapping[str, Source]) -> list[LearnTopic]:
    name = "learn.toml"
    raw = read_toml(root / name, name)
    found: dict[str, LearnTopic] = {}
    for i, item in enumerate(_entries(raw, name, "topic", "topic")):
        t = parse_model(LearnTopic, item, name, f"topic[{i}]")
        _add_unique(found, t, t.id, name, f"topic[{i}].id")
        for j, p in enumerate(t.points):
            if p.source not in sources:
                field = f"topic[{i}].points[{j}].source"
                raise DataError(name, field, f"unknown source '{p.source}'")
    return list(found.values())


def load_dataset(root: Any = None) -> DataSet:
    """Load every shipped data file from `root` (default: the installed package data)."""
    root = _data_root() if root is None else root
    sources = load_sources(root)
    anatomy = load_anatomy(root, sources)
    questions = load_questions(root, sources)
    conditions = condition_ids(questions)
    stretches = []
    folder = root / "stretches"
    if not folder.is_dir():
        raise DataError(
            "stretches/", "", "folder not found: the catalog needs one file per stretch"
        )
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name)
    if not files:
        raise DataError("stretches/", "", "no stretch files (*.toml): the catalog would be empty")
    for p in files:
        name = f"stretches/{p.name}"
        s = load_stretch_file(p, name)
        check_stretch_refs(s, name, sources, anatomy, conditions)
        stretches.append(s)
    try:
        catalog = Catalog(stretches)
    except ValueError as e:
        raise DataError("stretches/", "id", str(e)) from None
    learn = load_learn(root, sources)
    return DataSet(sources, anatomy, questions, catalog, learn)


@functools.cache
def shipped() -> DataSet:
    """The package's own data, loaded once per process (validated once per change of the
    files or the code, then kept in the user's cache directory: supple/data/cache.py)."""
    from supple.data.cache import cached_dataset

    return cached_dataset()
