"""The stretch model and queries over a catalog of stretches.

A stretch is data (one TOML file per stretch in ``supple/data/stretches``); this module only
describes its shape and answers questions about a set of them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from supple.domain.figure import Figure
from supple.domain.problems import Kind, Problem, code

Style = Literal["static", "dynamic", "warmup"]
Place = Literal["floor", "chair", "standing"]
Position = Literal["lying", "seated", "kneeling", "all-fours", "standing", "chair"]
Sides = Literal["each", "both"]

PLACES: tuple[Place, ...] = ("floor", "chair", "standing")
STYLES: tuple[Style, ...] = ("static", "dynamic", "warmup")
POSITIONS: tuple[Position, ...] = ("standing", "chair", "kneeling", "all-fours", "seated", "lying")


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty or only spaces: write the text, or remove the entry")
    return value.strip()


def _optional_text(value: str) -> str:
    if value and not value.strip():
        raise ValueError("is only spaces: write the text, or leave the field out")
    return value.strip()


Text = Annotated[str, AfterValidator(_text)]
"""A user-facing text: surrounding spaces dropped, and never empty."""
OptionalText = Annotated[str, AfterValidator(_optional_text)]
"""A user-facing text that may be left out (empty), but is never only spaces."""
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]


def _unique(items: list[str]) -> list[str]:
    repeated = sorted({x for x in items if items.count(x) > 1})
    if repeated:
        raise ValueError(f"lists {', '.join(repr(x) for x in repeated)} more than once")
    return items


Ids = Annotated[list[str], AfterValidator(_unique)]
"""Ids (muscles, sources) where each may appear once."""


class _Strict(BaseModel):
    """Data models: unknown fields are errors and types are not coerced (`min = "20"` is
    refused, not read as 20), so a typo in a data file never passes silently."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)


class Range(_Strict):
    """An inclusive whole-number range (seconds, breaths or minutes)."""

    min: int = Field(ge=1)
    max: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self


class Targets(_Strict):
    primary: Annotated[Ids, Field(min_length=1)]
    secondary: Ids = []
    note: OptionalText = ""
    """Where general anatomy adds to or corrects the seed's claim, say so here."""


class Tempo(_Strict):
    """Breath pacing of a dynamic movement: one repetition is one inhale plus one exhale."""

    inhale_seconds: int = Field(ge=1, le=15)
    exhale_seconds: int = Field(ge=1, le=15)
    inhale_cue: Text
    exhale_cue: Text

    @property
    def rep_seconds(self) -> int:
        return self.inhale_seconds + self.exhale_seconds


class Modification(_Strict):
    kind: Literal["easier", "deeper"]
    text: Annotated[Text, Field(min_length=3)]
    source: str


class Caution(_Strict):
    condition: str
    action: Literal["avoid", "modify"]
    text: Annotated[Text, Field(min_length=3)]
    source: str


class Stretch(_Strict):
    id: Id
    name: Annotated[Text, Field(min_length=2)]
    aliases: Annotated[list[Text], AfterValidator(_unique)] = []
    style: Style
    places: Annotated[list[Place], Field(min_length=1), AfterValidator(_unique)]
    position: Position
    sides: Sides
    targets: Targets
    hold_seconds: Range | None = None
    repetitions: Range | None = None
    tempo: Tempo | None = None
    minutes: Range | None = None
    summary: OptionalText = ""
    steps: Annotated[list[Text], Field(min_length=3)]
    tips: list[Text] = []
    cues: Annotated[list[Text], Field(min_length=1)]
    modifications: list[Modification] = []
    cautions: list[Caution] = []
    sources: Annotated[Ids, Field(min_length=1)]
    origin: str = "supple"
    """`supple` for the shipped catalog; for imported entries, the file they came from."""
    inferred: list[str] = []
    """Fields an importer guessed rather than read (shown to the user as such)."""
    figure: Figure | None = None
    """How the pose looks (supple.domain.figure); imported entries may have none."""

    @model_validator(mode="after")
    def _dose_fits_style(self) -> Stretch:
        need: dict[Style, tuple[str, ...]] = {
            "static": ("hold_seconds",),
            "dynamic": ("repetitions", "tempo"),
            "warmup": ("minutes",),
        }
        for name in need[self.style]:
            if getattr(self, name) is None:
                raise ValueError(f"a {self.style} stretch needs `{name}`")
        doses = {n for names in need.values() for n in names}
        for name in sorted(doses - set(need[self.style])):
            if getattr(self, name) is not None:
                fits = ", ".join(f"`{n}`" for n in need[self.style])
                raise ValueError(
                    f"`{name}` does not fit a {self.style} stretch, whose dose is {fits}; "
                    "remove it or change `style`"
                )
        return self

    @property
    def one_sided(self) -> bool:
        return self.sides == "each"

    def easier(self) -> Modification | None:
        return next((m for m in self.modifications if m.kind == "easier"), None)

    def all_muscles(self) -> list[str]:
        return [*self.targets.primary, *self.targets.secondary]

    def texts(self) -> Iterator[tuple[str, str]]:
        """Every user-facing sentence with a field path, for wording checks."""
        yield "summary", self.summary
        for i, s in enumerate(self.steps):
            yield f"steps[{i}]", s
        for i, s in enumerate(self.tips):
            yield f"tips[{i}]", s
        for i, s in enumerate(self.cues):
            yield f"cues[{i}]", s
        for i, m in enumerate(self.modifications):
            yield f"modifications[{i}].text", m.text
        for i, c in enumerate(self.cautions):
            yield f"cautions[{i}].text", c.text
        if self.targets.note:
            yield "targets.note", self.targets.note
        if self.tempo:
            yield "tempo.inhale_cue", self.tempo.inhale_cue
            yield "tempo.exhale_cue", self.tempo.exhale_cue


UNKNOWN_STRETCH = code("catalog.unknown-stretch", Kind.NOT_FOUND, field="stretch")


class UnknownStretch(Problem):
    """No stretch has this id or name; `params` carry the closest ones (names and ids)."""

    @property
    def stretch_id(self) -> str:
        return str(self.params["given"])

    @property
    def suggestions(self) -> list[str]:
        """The ids of the closest stretches."""
        return list(self.params["suggestion_ids"])


def _plain(text: str) -> str:
    """A name as a person might type it: "Child's pose" ~ "childs pose" ~ "childs-pose"."""
    return "".join(c for c in text.lower().replace("-", " ") if c.isalnum() or c == " ").strip()


class Catalog:
    """An ordered, id-keyed set of stretches with the queries the CLI, planner and web need."""

    def __init__(self, stretches: Iterable[Stretch]) -> None:
        self._by_id: dict[str, Stretch] = {}
        for s in stretches:
            if s.id in self._by_id:
                raise ValueError(f"duplicate stretch id '{s.id}'")
            self._by_id[s.id] = s

    def __iter__(self) -> Iterator[Stretch]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, stretch_id: object) -> bool:
        return stretch_id in self._by_id

    def ids(self) -> list[str]:
        return list(self._by_id)

    def get(self, stretch_id: str) -> Stretch:
        try:
            return self._by_id[stretch_id]
        except KeyError:
            raise self._unknown(stretch_id) from None

    def find(self, text: str) -> Stretch:
        """The stretch a person means by an id or a name (any case, with or without
        punctuation: "child's pose", "Childs Pose"); UnknownStretch with suggestions if none."""
        if text in self._by_id:
            return self._by_id[text]
        wanted = " ".join(_plain(text).split())
        for s in self:
            names = (s.id, s.name, *s.aliases)
            if wanted and any(" ".join(_plain(n).split()) == wanted for n in names):
                return s
        raise self._unknown(text)

    def _unknown(self, text: str) -> UnknownStretch:
        ids = self.suggest(text)
        return UnknownStretch(
            UNKNOWN_STRETCH,
            given=text,
            suggestions=[self._by_id[i].name for i in ids],
            suggestion_ids=ids,
        )

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Closest ids (and ids whose name or alias is close) to a mistyped id."""
        scored: dict[str, float] = {}
        needle = text.lower().strip()
        for s in self:
            for cand in (s.id, s.name.lower(), *(a.lower() for a in s.aliases)):
                r = difflib.SequenceMatcher(None, needle, cand).ratio()
                if needle and needle in cand:
                    r = max(r, 0.8)
                scored[s.id] = max(scored.get(s.id, 0.0), r)
        best = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
        return [k for k, r in best[:n] if r >= 0.5]

    def filter(
        self,
        *,
        place: str | None = None,
        region_muscles: Iterable[str] | None = None,
        style: str | None = None,
    ) -> list[Stretch]:
        """Stretches usable at `place`, with a primary target in `region_muscles`, of `style`."""
        wanted = set(region_muscles) if region_muscles is not None else None
        out = []
        for s in self:
            if place is not None and place not in s.places:
                continue
            if style is not None and s.style != style:
                continue
            if wanted is not None and not wanted.intersection(s.targets.primary):
                continue
            out.append(s)
        return out

    def merged(self, extra: Iterable[Stretch]) -> Catalog:
        """This catalog plus user entries (imported); shipped ids win over an imported clash."""
        return Catalog([*self, *(s for s in extra if s.id not in self._by_id)])
