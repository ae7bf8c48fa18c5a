"""The planner's inputs and the optimisation problem they define.

`build_problem` turns a catalog and a request into candidates (each with its dose options), the
stretches left out with their reasons, and the limits of the time budget. The objective
(`SearchProblem.score`) is shared by the fast search and the exhaustive one, so they are compared on
exactly the same scale.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from supple.domain.anatomy import Anatomy
from supple.domain.catalog import Catalog, Place, Stretch
from supple.domain.level import LevelDose
from supple.domain.planner_imported import imported, missing_fields, twin_of
from supple.domain.planner_rules import (
    DOSE_WEIGHT,
    DYNAMIC_ANYTIME_SHARE,
    DYNAMIC_BEFORE_BONUS,
    EXTRA_STRETCH_COST,
    FEW_EXERCISES,
    FILL_FROM_MINUTES,
    FILL_SHARE,
    HOLD_65_PLUS,
    HOLD_UNDER_65,
    MAX_REPS,
    MUSCLE_WEIGHT,
    POSITION_ORDER,
    PREPARE_SECONDS,
    REGION_WEIGHT,
    REST_SECONDS,
    STRETCH_COST,
    SWITCH_SECONDS,
    TARGET_SECONDS_PER_SIDE,
    TIME_WEIGHT,
    WARMUP_MINUTES,
    WARMUP_PREFERENCE,
)
from supple.domain.problems import Problem, code
from supple.domain.profile import OLDER_ADULT_AGE
from supple.domain.routine import Context, Excluded, ExcludedKind
from supple.domain.screening import stretch_effects
from supple.domain.words import N_, say

DEFAULT_FOCUS = ["upper-glutes", "lower-back"]
MAX_MINUTES = 240

MINUTES_RANGE = code("plan.minutes-range", field="minutes")
NO_PLACE = code("plan.no-place", field="places")
NO_FOCUS = code("plan.no-focus", field="focus")
UNKNOWN_FOCUS = code("plan.unknown-focus", field="focus")
UNKNOWN_AVOID = code("plan.unknown-avoid", field="avoid")
NO_STRETCHES = code("plan.no-stretches", field="places")
TOO_SHORT_WARMUP = code("plan.too-short-with-warmup", field="minutes")
TOO_SHORT = code("plan.too-short", field="minutes")
NO_FIT = code("plan.no-fit", field="minutes")


class PlanError(Problem):
    """No routine can be planned for this request: always bad input (see `Problem`)."""


def _default_places() -> list[Place]:
    return ["floor"]


class PlanRequest(BaseModel):
    """What the user asked for, plus what screening, profile and history add."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    minutes: int
    places: list[Place] = Field(default_factory=_default_places)
    context: Context = "anytime"
    focus: list[str] = Field(default_factory=lambda: list(DEFAULT_FOCUS))
    warm: bool = False
    avoid: list[str] = []
    seed: int | None = None
    age: int | None = None
    excluded: dict[str, str] = {}
    """Stretch id -> reason, from screening."""
    modified: dict[str, str] = {}
    """Stretch id -> the modification text screening asks for."""
    pain_history: dict[str, str] = {}
    """Stretch id -> why (a logged sharp pain)."""
    conditions: list[str] = []
    """The caution conditions the screen names (for imported stretches, rule imported-safety)."""
    levels: dict[str, LevelDose] = {}
    """Stretch id -> its level from the log (supple.domain.progression): the hold, the most
    repetitions and the variation it is planned at. A stretch without one gets the planner's
    own range of doses."""
    pain_out: dict[str, str] = {}
    """Stretch id -> why it stays out after a sharp pain (the gate's words: rule
    progression-pain); the warm-up is eased instead (`pain_history`)."""


Regions = Anatomy | Mapping[str, Sequence[str]]


def region_map(regions: Regions) -> dict[str, list[str]]:
    if isinstance(regions, Anatomy):
        return {r.id: list(r.muscles) for r in regions.regions.values()}
    return {k: list(v) for k, v in regions.items()}


@dataclass(frozen=True, slots=True)
class Dose:
    hold: int
    """Static: seconds per hold. Dynamic: seconds per breath cycle."""
    reps: int
    seconds: int
    """Whole duration: every side, repetition, rest and side switch."""
    value: float
    """DOSE_WEIGHT times how adequate the dose is (1.0 at the target)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    stretch: Stretch
    order: int
    """Position in the candidate order: the tie-break among equal options."""
    pos_bit: int
    dynamic: bool
    region_mask: int
    muscle_mask: int
    doses: tuple[Dose, ...]
    """Ascending by seconds."""
    fixed: float
    """Value that does not depend on the dose (minus the per-stretch cost, plus bonuses)."""
    modification: str | None
    pain_note: str | None
    screened: bool = False
    """Whether `modification` holds a change the screening asks for."""
    level: LevelDose | None = None
    """Its level from the log, which capped its doses and chose its variation."""


@dataclass(frozen=True, slots=True)
class WarmUp:
    id: str
    stretch: Stretch | None
    pos_bit: int
    options: tuple[int, ...]
    """Allowed lengths in seconds (whole minutes)."""
    modification: str | None = None
    """The screening's change and/or the easier version after a logged sharp pain."""
    rules: tuple[str, ...] = ()
    """Rule ids behind `modification` (screening, pain-history)."""


@dataclass(frozen=True)
class SearchProblem:
    request: PlanRequest
    budget: int
    lower: int
    before: bool
    warmup: WarmUp | None
    candidates: tuple[Candidate, ...]
    focus: tuple[str, ...]
    muscles: tuple[str, ...]
    """Focus-region muscles in bit order of `Candidate.muscle_mask`."""
    hold_range: tuple[int, int]
    excluded: list[Excluded] = field(default_factory=list)
    pain_modified: dict[str, str] = field(default_factory=dict)
    region_sets: dict[str, frozenset[str]] = field(default_factory=dict)
    """Focus region id -> its muscle ids."""
    movement_only: bool = False
    """A warm-up was due but does not fit with a stretch: the routine is dynamic movement only
    (rule movement-only)."""
    fill_limit: int | None = None
    """Seconds every fitting stretch fills at its fullest, when that is short of the fill
    share of the minutes (rule time-budget): `lower` is then the fill share of this."""
    memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    """The search's memos for this problem (planner_search). Not an input: a problem made by
    `dataclasses.replace` (other candidates) starts with an empty one."""

    def transitions(self, pos: int, dyn: int, stat: int) -> int | None:
        """Position changes for a selection, or None when no order satisfies the rules.

        Before activity all dynamic stretches come first; a position can hold both kinds only
        if it is the one where the dynamic part ends and the static part starts. The warm-up's
        position counts as visited: a stretch there must come first (the routine never goes
        back to a position it left), so it must also be a valid first block.
        """
        if pos == 0:
            return 0
        n = pos.bit_count() - 1
        w = self.warmup.pos_bit if self.warmup is not None else 0
        if self.before and dyn:
            mixed = dyn & stat
            if mixed.bit_count() > 1:
                return None
            dyn_only = dyn & ~stat
            if w & pos:
                # The warm-up's block leads: it may be static only when nothing is dynamic,
                # and mixed only when no other block is dynamic.
                if w & dyn_only:
                    return n
                if w & mixed and not dyn_only:
                    return n
                return None
        elif w & pos:
            return n
        return n + 1 if w else n

    def score(self, regions: int, muscles: int, count: int, value: float, seconds: int) -> float:
        """The objective: see docs/planner.md."""
        extra = max(0, count - FEW_EXERCISES) * EXTRA_STRETCH_COST
        return (
            REGION_WEIGHT * regions.bit_count()
            + MUSCLE_WEIGHT * muscles.bit_count()
            + value
            - extra
            + TIME_WEIGHT * seconds / self.budget
        )


def position_bit(position: str) -> int:
    return 1 << POSITION_ORDER.index(position)


def hold_range(age: int | None, stretch: Stretch | None = None) -> tuple[int, int]:
    """The seeds' 20-30 s under 65, narrowed to the stretch's own range where the two overlap;
    acsm-2021's 30-60 s from 65."""
    if age is not None and age >= OLDER_ADULT_AGE:
        return HOLD_65_PLUS
    lo, hi = HOLD_UNDER_65
    if stretch is not None and stretch.hold_seconds is not None:
        a, b = max(lo, stretch.hold_seconds.min), min(hi, stretch.hold_seconds.max)
        if a <= b:
            return a, b
    return lo, hi


def static_seconds(hold: int, reps: int, sides: int) -> int:
    per_side = reps * hold + (reps - 1) * REST_SECONDS
    return PREPARE_SECONDS + sides * per_side + (sides - 1) * SWITCH_SECONDS


def dose_options(
    s: Stretch, age: int | None, before: bool, level: tuple[int, int] | None = None
) -> tuple[Dose, ...]:
    """The doses the search may choose for a stretch. With a `level` (hold, most repetitions:
    `LevelDose`), a static stretch holds exactly that long (the short end of its range before
    activity) for at most that many repetitions, and a dynamic one does at most that many
    breath cycles."""
    sides = 2 if s.one_sided else 1
    out: list[Dose] = []
    most = level[1] if level is not None else MAX_REPS
    if s.style == "dynamic" and s.tempo is not None and s.repetitions is not None:
        lo, hi = s.repetitions.min, s.repetitions.max
        counts = sorted({lo, (lo + hi) // 2, hi})
        if level is not None:
            counts = [n for n in counts if n <= most] or [lo]
        for reps in counts:
            secs = (
                PREPARE_SECONDS + sides * reps * s.tempo.rep_seconds + (sides - 1) * SWITCH_SECONDS
            )
            # Outside the time before activity a movement loosens but does not build the held
            # flexibility dose (garber-2011): it counts for DYNAMIC_ANYTIME_SHARE of one.
            share = 1.0 if before else DYNAMIC_ANYTIME_SHARE
            out.append(Dose(s.tempo.rep_seconds, reps, secs, DOSE_WEIGHT * share * reps / hi))
    else:
        lo, hi = hold_range(age, s)
        holds = [lo] if before else sorted({lo, hi})
        if level is not None and not before:
            holds = [min(max(level[0], lo), hi)]
        for hold in holds:
            # Beyond twice the target a longer hold only fills time; it is not offered.
            for reps in range(1, min(most, MAX_REPS) + 1):
                if hold * reps > 2 * TARGET_SECONDS_PER_SIDE:
                    break
                # The target is built over 2-4 repetitions (garber-2011): one hold never carries
                # more than half of it, so 2 x 30 s is preferred to 1 x 60 s from 65.
                if reps == 1 and hold > TARGET_SECONDS_PER_SIDE // 2:
                    continue
                adequacy = min(hold * reps, TARGET_SECONDS_PER_SIDE) / TARGET_SECONDS_PER_SIDE
                secs = static_seconds(hold, reps, sides)
                out.append(Dose(hold, reps, secs, DOSE_WEIGHT * adequacy))
    out.sort(key=lambda d: (d.seconds, -d.value))
    # Longer options worth no more dose still count: they fill time (see the objective).
    kept = [
        d
        for i, d in enumerate(out)
        if i == 0 or (d.seconds, d.value) != (out[i - 1].seconds, out[i - 1].value)
    ]
    return tuple(kept)


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the planner reads of one stretch on every plan, worked out once per catalog."""

    stretch: Stretch
    warmup: bool
    shipped: bool
    twin: str | None
    missing: tuple[str, ...]
    places: frozenset[str]
    pos_bit: int
    dynamic: bool
    shape: tuple[object, ...]
    """Everything its dose options depend on besides age and context."""


@dataclass(slots=True)
class _CatalogFacts:
    stretches: list[_Facts]
    masks: dict[tuple[object, ...], tuple[list[int], list[int]]] = field(default_factory=dict)
    """(focus, its regions' muscles) -> each stretch's region mask and muscle mask."""
    doses: dict[tuple[object, ...], tuple[Dose, ...]] = field(default_factory=dict)
    """(dose shape, older adult, before activity) -> the dose options."""


# A Catalog never changes once made and its stretches are frozen, so what is derived from them
# holds for the catalog's lifetime (and goes with it).
_FACTS: weakref.WeakKeyDictionary[Catalog, _CatalogFacts] = weakref.WeakKeyDictionary()


def _facts(catalog: Catalog) -> _CatalogFacts:
    known = _FACTS.get(catalog)
    if known is None:
        out = []
        for s in catalog:
            shipped = not imported(s)
            h, n, t = s.hold_seconds, s.repetitions, s.tempo
            out.append(
                _Facts(
                    stretch=s,
                    warmup=s.style == "warmup",
                    shipped=shipped,
                    twin=None if shipped else twin_of(s),
                    missing=() if shipped else tuple(missing_fields(s.origin)),
                    places=frozenset(s.places),
                    pos_bit=position_bit(s.position),
                    dynamic=s.style == "dynamic",
                    shape=(
                        s.style,
                        s.sides,
                        h and (h.min, h.max),
                        n and (n.min, n.max),
                        t and t.rep_seconds,
                    ),
                )
            )
        known = _FACTS[catalog] = _CatalogFacts(out)
    return known


def _masks(
    facts: _CatalogFacts,
    focus: tuple[str, ...],
    region_sets: dict[str, frozenset[str]],
    muscle_bit: dict[str, int],
) -> tuple[list[int], list[int]]:
    """Each stretch's focus regions and focus muscles among its primary targets, as bit masks."""
    key = (focus, tuple(region_sets[r] for r in focus), tuple(muscle_bit))
    known = facts.masks.get(key)
    if known is None:
        regions: list[int] = []
        muscles: list[int] = []
        for f in facts.stretches:
            primary = f.stretch.targets.primary
            regions.append(
                sum(1 << k for k, r in enumerate(focus) if not region_sets[r].isdisjoint(primary))
            )
            mask = 0
            for m in primary:
                mask |= muscle_bit.get(m, 0)
            muscles.append(mask)
        known = facts.masks[key] = (regions, muscles)
    return known


def _check_request(catalog: Catalog, req: PlanRequest, regions: Mapping[str, list[str]]) -> None:
    if not 1 <= req.minutes <= MAX_MINUTES:
        raise PlanError(MINUTES_RANGE, given=req.minutes, low=1, high=MAX_MINUTES)
    if not req.places:
        raise PlanError(NO_PLACE, choices=["floor", "chair", "standing"])
    if not req.focus:
        raise PlanError(NO_FOCUS, choices=sorted(regions))
    for r in req.focus:
        if r not in regions:
            raise PlanError(UNKNOWN_FOCUS, given=r, choices=sorted(regions))
    for a in req.avoid:
        if a not in catalog:
            hint = catalog.suggest(a)
            raise PlanError(
                UNKNOWN_AVOID,
                given=a,
                suggestions=[catalog.get(h).name for h in hint],
                suggestion_ids=hint,
            )


def choose_warmup(catalog: Catalog, places: Sequence[str], avoid: Sequence[str]) -> Stretch | None:
    """The warm-up entry for these places (rule warm-up-place): the first of
    WARMUP_PREFERENCE at a chosen place, then any other warm-up at one, earliest position in
    the flow first. Never one at a place not chosen; None when no warm-up fits."""
    fits = [
        s
        for s in catalog
        if s.style == "warmup" and not set(s.places).isdisjoint(places) and s.id not in avoid
    ]
    rank = {wid: k for k, wid in enumerate(WARMUP_PREFERENCE)}
    fits.sort(key=lambda s: (rank.get(s.id, len(rank)), POSITION_ORDER.index(s.position)))
    return fits[0] if fits else None


def _warmup(catalog: Catalog, req: PlanRequest) -> WarmUp | None:
    if req.warm or req.context == "after":
        return None
    chosen = choose_warmup(catalog, req.places, req.avoid)
    lo, hi = WARMUP_MINUTES
    if chosen is not None and chosen.minutes is not None:
        lo, hi = max(lo, chosen.minutes.min), min(hi, chosen.minutes.max)
        lo, hi = (lo, hi) if lo <= hi else WARMUP_MINUTES
    # With no warm-up entry at a chosen place the routine still opens with one, made of
    # walking or marching on the spot where you are (rule warm-up).
    position = chosen.position if chosen is not None else "standing"
    wid = chosen.id if chosen is not None else WARMUP_PREFERENCE[-1]
    mods = [req.modified[wid]] if wid in req.modified else []
    rules = ["screening"] if mods else []
    if wid in req.pain_history:
        easier = chosen.easier() if chosen is not None else None
        # The warm-up cannot be left out (rule warm-up), so it is eased rather than dropped.
        change = easier.text if easier is not None else say("Go slower and stop at any sharp pain.")
        mods.append(
            say("Easier version after {pain}: {change}").format(
                pain=req.pain_history[wid], change=change
            )
        )
        rules.append("pain-history")
    return WarmUp(
        id=wid,
        stretch=chosen,
        pos_bit=position_bit(position),
        options=tuple(m * 60 for m in range(lo, hi + 1)),
        modification=" ".join(mods) if mods else None,
        rules=tuple(rules),
    )


#: The places as a sentence names them ("Needs a chair; you chose the floor").
PLACE_WORDS = {"floor": N_("the floor"), "chair": N_("a chair"), "standing": N_("room to stand")}


def place_words(ids: Sequence[str]) -> list[str]:
    """Place ids as words: "chair" -> "a chair" (an unknown id as it is)."""
    return [say(PLACE_WORDS[i]) if i in PLACE_WORDS else i for i in ids]


#: The body's positions in words, as they follow a dose ("hold 30 s · lying down") or "move to".
POSITION_WORDS = {
    "lying": N_("lying down"),
    "seated": N_("seated"),
    "kneeling": N_("kneeling"),
    "all-fours": N_("on all fours"),
    "standing": N_("standing"),
    "chair": N_("on a chair"),
}


#: When the routine is done, in words (the plan form's choices, the terminal plan's title).
CONTEXT_WORDS = {
    "before": N_("before activity"),
    "after": N_("after activity"),
    "anytime": N_("any time"),
}


def context_word(context: str) -> str:
    """A context id as words: "anytime" -> "any time" (an unknown id as it is)."""
    return say(CONTEXT_WORDS[context]) if context in CONTEXT_WORDS else context


def position_word(position: str) -> str:
    """A position id as words: "all-fours" -> "on all fours" (an unknown id as it is)."""
    return say(POSITION_WORDS[position]) if position in POSITION_WORDS else position


def _words(ids: Sequence[str]) -> list[str]:
    """Region or muscle ids as words: "lower-back" -> "lower back"."""
    return [i.replace("-", " ") for i in ids]


def _and(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return say("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def _sentence(text: str) -> str:
    """A reason from elsewhere (a caution, a pain note) as one sentence: capital, full stop."""
    text = text.strip().rstrip(".")
    return f"{text[:1].upper()}{text[1:]}."


def _name(catalog: Catalog, stretch_id: str) -> str:
    return catalog.get(stretch_id).name if stretch_id in catalog else stretch_id


def _left_out_by(text: str) -> str:
    text = text.strip().rstrip(".")
    return say("your screen leaves out: {reason}").format(reason=f"{text[:1].lower()}{text[1:]}")


def _own_cautions(catalog: Catalog, req: PlanRequest) -> tuple[dict[str, str], dict[str, str]]:
    """Screening effects of imported entries' own cautions (added by hand after the screen
    was taken, so the stored screen result does not list them)."""
    if not req.conditions:
        return {}, {}
    extra = [
        s
        for s in catalog
        if imported(s) and s.cautions and s.id not in req.excluded and s.id not in req.modified
    ]
    excluded, modified = stretch_effects(extra, req.conditions)
    return {n.id: n.text for n in excluded}, {n.id: n.text for n in modified}


def _variation(s: Stretch, level: LevelDose | None, screened: bool) -> str | None:
    """The change a level's variation asks for: the easier version, or the deeper one (never
    on top of a change the screen asks for: the standard version is kept then)."""
    if level is None or level.variation == "standard":
        return None
    if level.variation == "deeper" and screened:
        return None
    m = next((m for m in s.modifications if m.kind == level.variation), None)
    if m is None:
        return None
    if level.variation == "easier":
        return say("Easier version at this level: {change}").format(change=m.text)
    return say("Deeper version at this level: {change}").format(change=m.text)


def build_problem(catalog: Catalog, req: PlanRequest, regions_in: Regions) -> SearchProblem:
    regions = region_map(regions_in)
    _check_request(catalog, req, regions)
    before = req.context == "before"
    warmup = _warmup(catalog, req)
    focus = tuple(dict.fromkeys(req.focus))
    muscles = tuple(dict.fromkeys(m for r in focus for m in regions[r]))
    muscle_bit = {m: 1 << i for i, m in enumerate(muscles)}
    places = set(req.places)
    region_sets = {r: frozenset(regions[r]) for r in focus}
    excluded: list[Excluded] = []
    pain_modified: dict[str, str] = {}
    modified_extra: dict[str, str] = {}
    pain_notes: dict[str, str] = {}

    def out(s: Stretch, kind: ExcludedKind, reason: str, *rules: str) -> None:
        # A big catalog leaves out hundreds per plan; pydantic's validation of a few fields is
        # quicker than model_construct.
        excluded.append(Excluded(id=s.id, reason=reason, kind=kind, name=s.name, rules=rules))

    own_effects = _own_cautions(catalog, req)
    # Reasons' fixed parts, made once: a big catalog leaves out hundreds of stretches a plan.
    needs = say("Needs {needed}; you chose {chosen}.")
    chosen_places = _and(place_words(req.places))
    focus_rule = "focus" if len(focus) == 1 else "focus-both"
    focus_reason = say("None of its main targets is in the {regions}.").format(
        regions=say(" or the ").join(_words(focus))
    )
    no_notes = say(
        "An imported stretch with no safety notes of its own, and your safety screen names "
        "conditions that need them; it stays out until a professional adds its cautions."
    )
    place_reasons: dict[tuple[str, ...], str] = {}
    movements: dict[str, str] = {}
    facts = _facts(catalog)
    region_masks, muscle_masks = _masks(facts, focus, region_sets, muscle_bit)
    chosen: list[tuple[_Facts, int, int]] = []
    for f, region_mask, muscle_mask in zip(
        facts.stretches, region_masks, muscle_masks, strict=True
    ):
        s = f.stretch
        sid = s.id
        if f.warmup:
            if warmup is None:
                why = (
                    say("you are stretching after activity")
                    if req.context == "after"
                    else say("you said you are already warm")
                )
                out(s, "warm-up", say("Not needed: {why}.").format(why=why), "already-warm")
            elif sid != warmup.id:
                if places.isdisjoint(f.places):
                    where = say(" or ").join(s.places)
                    out(
                        s,
                        "warm-up",
                        say("Done {places}, a place you did not choose.").format(places=where),
                        "warm-up-place",
                    )
                else:
                    if warmup.stretch is not None:
                        used = say("{name} is the warm-up used.").format(name=warmup.stretch.name)
                    else:
                        used = say("another is the warm-up used.")
                    out(s, "warm-up", used, "warm-up-place")
            continue
        shipped, twin = f.shipped, f.twin
        screened_out = req.excluded.get(sid)
        if screened_out is None and twin is not None and twin in req.excluded:
            screened_out = say("The same movement as {name}, which {reason}").format(
                name=_name(catalog, twin), reason=_left_out_by(req.excluded[twin])
            )
        if screened_out is None and own_effects[0]:
            screened_out = own_effects[0].get(sid)
        if screened_out is not None:
            out(s, "screening", _sentence(screened_out), "screening")
            continue
        if f.missing:
            out(
                s,
                "incomplete",
                say("Its {fields} are not set yet; set them to use it.").format(
                    fields=say(" and ").join(f.missing)
                ),
                "complete-entry",
            )
            continue
        if req.conditions and not shipped and twin is None and not s.cautions:
            out(s, "screening", no_notes, "imported-safety")
            continue
        if sid in req.avoid or (twin is not None and twin in req.avoid):
            if twin is None or sid in req.avoid:
                asked = say("You asked to leave it out.")
            else:
                asked = say("You asked to leave {name}, the same movement, out.").format(
                    name=_name(catalog, twin)
                )
            out(s, "avoid", asked, "avoid")
            continue
        held_out = req.pain_out.get(sid) or (twin and req.pain_out.get(twin))
        if held_out:
            out(s, "pain", held_out, "pain-history", "progression-pain")
            continue
        pain = req.pain_history.get(sid) or (twin and req.pain_history.get(twin))
        if pain:
            pain_notes[sid] = pain
            easier = s.easier()
            if easier is None:
                out(
                    s,
                    "pain",
                    say(
                        "{pain}; it has no easier version, so it stays out until someone "
                        "reviews it."
                    ).format(pain=_sentence(pain)[:-1]),
                    "pain-history",
                )
                continue
            pain_modified[sid] = say("Easier version after {pain}: {change}").format(
                pain=pain, change=easier.text
            )
        if places.isdisjoint(f.places):
            key = tuple(s.places)
            if key not in place_reasons:
                place_reasons[key] = needs.format(
                    needed=say(" or ").join(place_words(key)), chosen=chosen_places
                )
            out(s, "place", place_reasons[key], "place-fit")
            continue
        if not region_mask:
            out(s, "focus", focus_reason, focus_rule)
            continue
        key_m = twin or sid
        if key_m in movements:
            out(
                s,
                "same-movement",
                say("{name} is the same movement and is the version used.").format(
                    name=_name(catalog, movements[key_m])
                ),
                "same-movement",
            )
            continue
        movements[key_m] = sid
        if twin is not None and sid not in req.modified and twin in req.modified:
            modified_extra[sid] = say("As for {name}: {change}").format(
                name=_name(catalog, twin), change=req.modified[twin]
            )
        elif sid in own_effects[1]:
            modified_extra[sid] = own_effects[1][sid]
        chosen.append((f, region_mask, muscle_mask))

    cands: list[Candidate] = []
    older = req.age is not None and req.age >= OLDER_ADULT_AGE
    for i, (f, region_mask, muscle_mask) in enumerate(chosen):
        s = f.stretch
        # Many catalog entries share a dose shape; each shape's options are worked out once.
        level = req.levels.get(s.id)
        cap = (level.hold, level.reps) if level is not None else None
        dkey = (f.shape, older, before, cap)
        doses = facts.doses.get(dkey)
        if doses is None:
            doses = facts.doses[dkey] = dose_options(s, req.age, before, cap)
        sid = s.id
        screen_mod = req.modified.get(sid) or modified_extra.get(sid)
        pain_mod = pain_modified.get(sid) or _variation(s, level, bool(screen_mod))
        if screen_mod and pain_mod:
            modification: str | None = f"{screen_mod} {pain_mod}"
        else:
            modification = screen_mod or pain_mod or None
        cands.append(
            Candidate(
                stretch=s,
                order=i,
                pos_bit=f.pos_bit,
                dynamic=f.dynamic,
                region_mask=region_mask,
                muscle_mask=muscle_mask,
                doses=doses,
                fixed=-STRETCH_COST + (DYNAMIC_BEFORE_BONUS if f.dynamic and before else 0.0),
                modification=modification,
                pain_note=pain_notes.get(sid),
                screened=bool(screen_mod),
                level=level,
            )
        )
    budget = req.minutes * 60
    lower = int(FILL_SHARE * budget + 0.999999) if req.minutes >= FILL_FROM_MINUTES else 0
    return SearchProblem(
        request=req,
        budget=budget,
        lower=lower,
        before=before,
        warmup=warmup,
        candidates=tuple(cands),
        focus=focus,
        muscles=muscles,
        hold_range=hold_range(req.age),
        excluded=excluded,
        pain_modified=pain_modified,
        region_sets=region_sets,
    )
