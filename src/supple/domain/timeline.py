"""A routine compiled into timed segments: what happens at which second, and what to say.

    timeline = compile_timeline(routine, catalog)
    timeline.segment_at(42.0)  # the segment running 42 s after the session start

The planner gives each step its whole duration (`Step.seconds`: every side, repetition, rest and
switch included). The timeline keeps every hold at exactly the planned length and distributes the
rest of the step (its *non-hold time*) like this:

* the gaps between holds get the planner's own constants (`SWITCH_SECONDS` between sides,
  `REST_SECONDS` between repetitions on one side); each gap ends with a short `breathe-in` so the
  next hold starts on an out-breath (seed-002: breathe in before, out as you ease in);
* whatever is left over is a lead-in before the first hold: `prepare` (get ready, naming the
  stretch and side) and `breathe-in`;
* if the step is shorter than its gaps at the planner's constants, the gaps shrink in proportion
  and there is no lead-in; if it is shorter than its holds, `TimelineError`.

So the segments of a step always add up to `Step.seconds`, and the timeline's total is the
routine's total. Cue texts are the project's own words and carry the id of their source.

The cue texts are templates marked for translation (`N_`), each looked up in the reader's language
(`domain.words.say`, the front end's translation) before it is filled. The stretches' own cues and
names are data and are shown as they are.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from supple.domain.catalog import Catalog, Stretch, UnknownStretch
from supple.domain.planner_rules import REST_SECONDS, SWITCH_SECONDS
from supple.domain.problems import Problem, code
from supple.domain.routine import Routine, Side, Step
from supple.domain.words import N_, say

SegmentKind = Literal[
    "warmup", "transition", "prepare", "breathe-in", "hold", "breathe-out", "switch", "rest"
]
SEGMENT_KINDS: tuple[SegmentKind, ...] = (
    "warmup",
    "transition",
    "prepare",
    "breathe-in",
    "hold",
    "breathe-out",
    "switch",
    "rest",
)

#: Longest in-breath before a static hold; a gap shorter than twice this gives it half the gap.
BREATHE_IN_SECONDS = 3.0
#: The project's own cue texts (timing and transitions) name this source id.
OWN_SOURCE = "supple"
#: The breathing pattern (in before the stretch, out as you ease in) comes from seed-002.
BREATH_SOURCE = "seed-002"

#: Looks a cue template up in the reader's language (`domain.words.say`, or a test's own).
Words = Callable[[str], str]

BREATHE_IN = N_("Breathe in.")
HOLD = N_("Breathe out as you ease in, then hold.")
WARM_UP = N_("Walk or cycle at an easy pace to warm up.")
#: Getting into a stretch, by the side it starts on ("both": a stretch without sides).
GET_READY = {
    "both": N_("Get ready: {name}."),
    "left": N_("Get ready: {name}, left side."),
    "right": N_("Get ready: {name}, right side."),
}
GET_READY_MOVING = {
    "both": N_("Get ready: {name}. Move with your breath."),
    "left": N_("Get ready: {name}, left side. Move with your breath."),
    "right": N_("Get ready: {name}, right side. Move with your breath."),
}
#: Between the sides of a held stretch, and of a moving one, by the side that comes next.
RELEASE_AND_SWITCH = {
    "both": N_("Release slowly and switch sides: both sides next."),
    "left": N_("Release slowly and switch sides: left side next."),
    "right": N_("Release slowly and switch sides: right side next."),
}
SWITCH = {
    "both": N_("Switch sides: both sides next."),
    "left": N_("Switch sides: left side next."),
    "right": N_("Switch sides: right side next."),
}
#: Between two holds on the same side.
REST = {
    "both": N_("Ease off and rest; again in a moment."),
    "left": N_("Ease off and rest; the left side again in a moment."),
    "right": N_("Ease off and rest; the right side again in a moment."),
}
CHANGE_POSITION = N_("Change position")
MOVE_TO = N_("Move to {position}")
MOVE_FROM_TO = N_("Move from {start} to {end}")
TRANSITION = N_("{move}.")
TRANSITION_THEN = N_("{move}. Next: {name}.")
#: Positions as a transition's cue names them.
POSITION_WORDS = {
    "lying": N_("lying"),
    "seated": N_("seated"),
    "kneeling": N_("kneeling"),
    "all-fours": N_("all-fours"),
    "standing": N_("standing"),
    "chair": N_("chair"),
}


STEP_TOO_SHORT = code("timeline.step-too-short", field="steps")
STEP_UNKNOWN = code("timeline.unknown-stretch", field="steps")
STEP_NO_HOLD = code("timeline.no-hold", field="steps")
STEP_NO_TEMPO = code("timeline.no-tempo", field="steps")
STEP_NO_ID = code("timeline.no-stretch-id", field="steps")
BAD_SCALE = code("timeline.time-scale", field="time_scale")


class TimelineError(Problem):
    """A routine that cannot be timed: which step, and what to change (as data)."""


@dataclass(frozen=True)
class Segment:
    index: int
    kind: SegmentKind
    start: float
    """Seconds from the session start (already multiplied by the time scale)."""
    duration: float
    step: int
    """Index into `routine.steps`."""
    id: str | None
    """Catalog id of the warm-up or stretch; None for a transition."""
    side: Side
    rep: int
    """1-based repetition on this side for hold, rest and breathing segments; 0 otherwise."""
    cue: str
    source: str
    """Source id of the cue text."""
    name: str = ""
    """The step's display name (the stretch name, or the transition's description)."""
    cues: tuple[str, ...] = ()
    """The stretch's own short cues, for a view to show or rotate through during a hold."""
    hold_group: int | None = None
    """Segments that make up one hold (a static hold, a dynamic side's breath cycles, the
    warm-up) share a number; the player reports `hold-complete` when the group's last one ends."""
    note: str | None = None
    """The screening's modification for this stretch, when it must be done a modified way."""

    @property
    def end(self) -> float:
        return self.start + self.duration

    def to_dict(self) -> dict[str, object]:
        return {
            "index": self.index,
            "kind": self.kind,
            "start": self.start,
            "duration": self.duration,
            "end": self.end,
            "step": self.step,
            "id": self.id,
            "side": self.side,
            "rep": self.rep,
            "cue": self.cue,
            "source": self.source,
            "name": self.name,
            "cues": list(self.cues),
            "hold_group": self.hold_group,
            "note": self.note,
        }


@dataclass(frozen=True)
class Timeline:
    segments: tuple[Segment, ...]
    time_scale: float = 1.0
    _starts: tuple[float, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s.start for s in self.segments))

    @property
    def total(self) -> float:
        return self.segments[-1].end if self.segments else 0.0

    def __len__(self) -> int:
        return len(self.segments)

    def segment_at(self, t: float) -> Segment | None:
        """The segment running at `t` seconds from the start; None before 0 or from `total` on."""
        if t < 0 or t >= self.total:
            return None
        return self.segments[bisect.bisect_right(self._starts, t) - 1]

    def first_of_step(self, step: int) -> Segment | None:
        return next((s for s in self.segments if s.step == step), None)

    def steps(self) -> list[int]:
        """Step indices that have segments, in order (a 0-second step has none)."""
        seen: list[int] = []
        for s in self.segments:
            if not seen or seen[-1] != s.step:
                seen.append(s.step)
        return seen

    def to_json(self) -> list[dict[str, object]]:
        return [s.to_dict() for s in self.segments]


@dataclass
class _Piece:
    kind: SegmentKind
    seconds: float
    side: Side
    rep: int
    cue: str
    source: str
    cues: tuple[str, ...] = ()
    group: bool = False
    """True for a piece of a hold; consecutive ones with the same `group_key` share a group."""
    group_key: tuple[Side, int] = ("both", 0)


def _distribute(
    step_no: int, step: Step, work: float, gaps: list[float]
) -> tuple[float, list[float]]:
    """(lead-in seconds, gap seconds) so that work + gaps + lead-in == step.seconds."""
    non_hold = step.seconds - work
    if non_hold < -1e-9:
        raise TimelineError(
            STEP_TOO_SHORT,
            f"steps.{step_no}.seconds",
            step=step_no + 1,
            stretch=step.name or step.id or "",
            given=step.seconds,
            holds=round(work, 3),
        )
    nominal = sum(gaps)
    if non_hold >= nominal:
        return non_hold - nominal, gaps
    return 0.0, [g * non_hold / nominal for g in gaps]


def _lookup(catalog: Catalog, step_no: int, step: Step) -> Stretch | None:
    if step.id is None:
        return None
    try:
        return catalog.get(step.id)
    except UnknownStretch as e:
        if step.kind == "warmup":
            return None  # a warm-up can be timed from the routine alone
        raise TimelineError(
            STEP_UNKNOWN,
            f"steps.{step_no}.id",
            step=step_no + 1,
            given=step.id or "",
            suggestions=e.params.get("suggestions", []),
        ) from e


def _sides(step: Step, stretch: Stretch | None) -> list[Side]:
    if step.sides:
        return list(step.sides)
    if stretch is not None and stretch.one_sided:
        return ["left", "right"]
    return ["both"]


def _breath_gap(
    kind: SegmentKind, seconds: float, side: Side, rep: int, words: Words
) -> list[_Piece]:
    """A rest or switch that ends with an in-breath before the next hold."""
    breathe = min(BREATHE_IN_SECONDS, seconds / 2)
    cue = words(RELEASE_AND_SWITCH[side] if kind == "switch" else REST[side])
    return [
        _Piece(kind, seconds - breathe, side, rep - 1 if kind == "rest" else 0, cue, OWN_SOURCE),
        _Piece("breathe-in", breathe, side, rep, words(BREATHE_IN), BREATH_SOURCE),
    ]


def _static_pieces(step_no: int, step: Step, stretch: Stretch | None, words: Words) -> list[_Piece]:
    name = step.name or (stretch.name if stretch else step.id or "stretch")
    sides = _sides(step, stretch)
    hold = step.hold_seconds
    if hold is None:
        if stretch is None or stretch.hold_seconds is None:
            raise TimelineError(
                STEP_NO_HOLD, f"steps.{step_no}.hold_seconds", step=step_no + 1, stretch=name
            )
        hold = stretch.hold_seconds.min
    reps = step.reps or 1
    holds = [(side, rep) for side in sides for rep in range(1, reps + 1)]
    gap_kinds: list[SegmentKind] = [
        "switch" if holds[k][0] != holds[k - 1][0] else "rest" for k in range(1, len(holds))
    ]
    nominal = [float(SWITCH_SECONDS if k == "switch" else REST_SECONDS) for k in gap_kinds]
    lead, gaps = _distribute(step_no, step, float(hold * len(holds)), nominal)
    cues = tuple(stretch.cues) if stretch else ()
    source = stretch.sources[0] if stretch else OWN_SOURCE
    out: list[_Piece] = []
    for k, (side, rep) in enumerate(holds):
        if k == 0 and lead > 0:
            breathe = min(BREATHE_IN_SECONDS, lead / 2)
            out.append(
                _Piece(
                    "prepare",
                    lead - breathe,
                    side,
                    0,
                    words(GET_READY[side]).format(name=name),
                    source,
                )
            )
            out.append(_Piece("breathe-in", breathe, side, rep, words(BREATHE_IN), BREATH_SOURCE))
        elif k > 0:
            out += _breath_gap(gap_kinds[k - 1], gaps[k - 1], side, rep, words)
        out.append(
            _Piece(
                "hold",
                float(hold),
                side,
                rep,
                words(HOLD),
                BREATH_SOURCE,
                cues,
                True,
                (side, rep),
            )
        )
    return out


def _dynamic_pieces(step_no: int, step: Step, stretch: Stretch, words: Words) -> list[_Piece]:
    tempo = stretch.tempo
    if tempo is None:  # the catalog model guarantees a tempo for dynamic stretches
        raise TimelineError(
            STEP_NO_TEMPO, f"steps.{step_no}", step=step_no + 1, stretch=step.name or stretch.name
        )
    cycle = float(step.hold_seconds or tempo.rep_seconds)
    inhale = cycle * tempo.inhale_seconds / tempo.rep_seconds
    reps = step.reps or (stretch.repetitions.min if stretch.repetitions else 1)
    sides = _sides(step, stretch)
    nominal = [float(SWITCH_SECONDS)] * (len(sides) - 1)
    lead, gaps = _distribute(step_no, step, cycle * reps * len(sides), nominal)
    name = step.name or stretch.name
    source = stretch.sources[0]
    out: list[_Piece] = []
    for k, side in enumerate(sides):
        if k == 0 and lead > 0:
            out.append(
                _Piece(
                    "prepare",
                    lead,
                    side,
                    0,
                    words(GET_READY_MOVING[side]).format(name=name),
                    source,
                )
            )
        elif k > 0:
            out.append(
                _Piece(
                    "switch",
                    gaps[k - 1],
                    side,
                    0,
                    words(SWITCH[side]),
                    OWN_SOURCE,
                )
            )
        for rep in range(1, reps + 1):
            out.append(
                _Piece(
                    "breathe-in",
                    inhale,
                    side,
                    rep,
                    tempo.inhale_cue,
                    source,
                    tuple(stretch.cues),
                    True,
                    (side, 0),
                )
            )
            out.append(
                _Piece(
                    "breathe-out",
                    cycle - inhale,
                    side,
                    rep,
                    tempo.exhale_cue,
                    source,
                    tuple(stretch.cues),
                    True,
                    (side, 0),
                )
            )
    return out


def _warmup_pieces(step: Step, stretch: Stretch | None, words: Words) -> list[_Piece]:
    cues = tuple(stretch.cues) if stretch else ()
    cue = cues[0] if cues else words(WARM_UP)
    source = stretch.sources[0] if stretch else BREATH_SOURCE
    return [_Piece("warmup", float(step.seconds), "both", 0, cue, source, cues, True)]


def _position(position: str, words: Words) -> str:
    return words(POSITION_WORDS[position]) if position in POSITION_WORDS else position


def _move(step: Step, words: Words) -> str:
    """What a transition asks for: from one position to another when the planner says both
    (in the reader's words), else the step's own name, else where to go."""
    start, end = step.from_position, step.to_position
    if start and end:
        return words(MOVE_FROM_TO).format(start=_position(start, words), end=_position(end, words))
    if step.name:
        return step.name
    if end:
        return words(MOVE_TO).format(position=_position(end, words))
    return words(CHANGE_POSITION)


def _transition_pieces(routine: Routine, step_no: int, step: Step, words: Words) -> list[_Piece]:
    nxt = next((s for s in routine.steps[step_no + 1 :] if s.kind != "transition"), None)
    move = _move(step, words)
    if nxt is not None and nxt.name:
        cue = words(TRANSITION_THEN).format(move=move, name=nxt.name)
    else:
        cue = words(TRANSITION).format(move=move)
    return [_Piece("transition", float(step.seconds), "both", 0, cue, OWN_SOURCE)]


def _pieces(
    routine: Routine, catalog: Catalog, step_no: int, step: Step, words: Words
) -> list[_Piece]:
    if step.kind == "transition":
        return _transition_pieces(routine, step_no, step, words)
    stretch = _lookup(catalog, step_no, step)
    if step.kind == "warmup":
        return _warmup_pieces(step, stretch, words)
    if stretch is None:
        raise TimelineError(STEP_NO_ID, f"steps.{step_no}.id", step=step_no + 1)
    if stretch.style == "dynamic" or step.style == "dynamic":
        return _dynamic_pieces(step_no, step, stretch, words)
    return _static_pieces(step_no, step, stretch, words)


def compile_timeline(
    routine: Routine, catalog: Catalog, time_scale: float = 1.0, words: Words = say
) -> Timeline:
    """The routine as contiguous segments; every duration is multiplied by `time_scale`; the
    cues in the reader's language (`words` replaces the lookup, e.g. in a test)."""
    if not time_scale > 0:
        raise TimelineError(BAD_SCALE, given=time_scale)
    segments: list[Segment] = []
    step_start = 0.0
    group = -1
    for step_no, step in enumerate(routine.steps):
        pieces = [p for p in _pieces(routine, catalog, step_no, step, words) if p.seconds > 1e-9]
        at = step_start
        last_key: tuple[Side, int] | None = None
        for k, p in enumerate(pieces):
            if p.group and (last_key != p.group_key or not pieces[k - 1].group):
                group += 1
            last_key = p.group_key if p.group else None
            # Each step starts at the exact sum of the steps before it, so float rounding in
            # shrunk gaps never carries over into later steps; holds keep their exact length.
            end = at + p.seconds
            segments.append(
                Segment(
                    index=len(segments),
                    kind=p.kind,
                    start=at * time_scale,
                    duration=p.seconds * time_scale,
                    step=step_no,
                    id=step.id,
                    side=p.side,
                    rep=p.rep,
                    cue=p.cue,
                    source=p.source,
                    name=step.name or (step.id or ""),
                    cues=p.cues,
                    hold_group=group if p.group else None,
                    note=step.modification,
                )
            )
            at = end
        step_start += step.seconds
    return Timeline(tuple(segments), time_scale)
