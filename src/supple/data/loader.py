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
        loc = list(err["loc"])
        named = re.search(r"`([a-z_]+)`", msg)
        if not loc and named:  # a whole-model check about one field: name that field
            loc = [named.group(1)]
        field = _loc([*([prefix] if prefix else []), *loc])
        raise DataError(file, field, msg) from None


def read_toml(path: Path | Any, name: str) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(name, "", "file not found") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise DataError(name, "", f"not valid TOML ({e})") from None


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
    raw = read_toml(root / "sources.toml", "sources.toml")
    out: dict[str, Source] = {}
    for i, item in enumerate(raw.get("source", [])):
        src = parse_model(Source, item, "sources.toml", f"source[{i}]")
        out[src.id] = src
    if not out:
        raise DataError("sources.toml", "source", "no sources defined")
    return out


def load_anatomy(root: Any, sources: Mapping[str, Source]) -> Anatomy:
    name = "anatomy.toml"
    raw = read_toml(root / name, name)
    muscles = {}
    for i, item in enumerate(raw.get("muscle", [])):
        m = parse_model(Muscle, item, name, f"muscle[{i}]")
        muscles[m.id] = m
        for j, sid in enumerate(m.sources):
            if sid not in sources:
                raise DataError(name, f"muscle[{i}].sources[{j}]", f"unknown source '{sid}'")
    regions = {}
    for i, item in enumerate(raw.get("region", [])):
        r = parse_model(Region, item, name, f"region[{i}]")
        for j, mid in enumerate(r.muscles):
            if mid not in muscles:
                raise DataError(name, f"region[{i}].muscles[{j}]", f"unknown muscle '{mid}'")
        regions[r.id] = r
    return Anatomy(muscles=muscles, regions=regions)


def load_questions(root: Any, sources: Mapping[str, Source]) -> list[Question]:
    name = "questions.toml"
    raw = read_toml(root / name, name)
    out: list[Question] = []
    seen: set[str] = set()
    for i, item in enumerate(raw.get("question", [])):
        q = parse_model(Question, item, name, f"question[{i}]")
        if q.id in seen:
            raise DataError(name, f"question[{i}].id", f"duplicate id '{q.id}'")
        if q.source not in sources:
            raise DataError(name, f"question[{i}].source", f"unknown source '{q.source}'")
        seen.add(q.id)
        out.append(q)
    return out


def load_stretch_file(path: Any, name: str) -> Stretch:
    raw = read_toml(path, name)
    stem = name.rsplit("/", 1)[-1].removesuffix(".toml")
    s = parse_model(Stretch, raw, name)
    if s.id != stem:
        raise DataError(name, "id", f"id '{s.id}' does not match the file name '{stem}.toml'")
    return s


def load_learn(root: Any, sources: Mapping[str, Source]) -> list[LearnTopic]:
    name = "learn.toml"
    raw = read_toml(root / name, name)
    out = []
    for i, item in enumerate(raw.get("topic", [])):
        t = parse_model(LearnTopic, item, name, f"topic[{i}]")
        for j, p in enumerate(t.points):
            if p.source not in sources:
                field = f"topic[{i}].points[{j}].source"
                raise DataError(name, field, f"unknown source '{p.source}'")
        out.append(t)
    return out


def load_dataset(root: Any = None) -> DataSet:
    """Load every shipped data file from `root` (default: the installed package data)."""
    root = _data_root() if root is None else root
    sources = load_sources(root)
    anatomy = load_anatomy(root, sources)
    questions = load_questions(root, sources)
    conditions = condition_ids(questions)
    stretches = []
    files = sorted(
        (p for p in (root / "stretches").iterdir() if p.name.endswith(".toml")),
        key=lambda p: p.name,
    )
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
    """The package's own data, loaded once per process."""
    return load_dataset()
