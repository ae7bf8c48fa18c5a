"""Turning a chosen selection into a Routine: order, steps, the why of each, what was left out."""

from __future__ import annotations

from supple.domain.catalog import Catalog
from supple.domain.planner_model import Candidate, Problem
from supple.domain.planner_rules import (
    POSITION_ORDER,
    RULES,
    TARGET_SECONDS_PER_SIDE,
    TRANSITION_SECONDS,
)
from supple.domain.planner_selection import Solution
from supple.domain.routine import Excluded, Routine, RuleNote, Side, Step

GENERAL_CAUTION = (
    "Ease into each stretch until you feel mild tension, never pain; stop at once if you feel "
    "sharp pain or pain spreading down a leg (seed-002)."
)


def _words(ids: list[str]) -> str:
    names = [m.replace("-", " ") for m in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def ordered(p: Problem, chosen: list[Candidate]) -> list[Candidate]:
    """Grouped by position in the flow order; before activity, dynamic positions come first and
    a position holding both kinds does its dynamic part first."""
    dyn = {c.stretch.position for c in chosen if c.dynamic}
    stat = {c.stretch.position for c in chosen if not c.dynamic}

    def block(position: str) -> tuple[int, int]:
        rank = POSITION_ORDER.index(position)
        if not p.before or not dyn:
            return 0, rank
        if position in dyn and position not in stat:
            return 0, rank
        return (1, rank) if position in dyn else (2, rank)

    return sorted(
        chosen, key=lambda c: (block(c.stretch.position), not c.dynamic, c.stretch.id, c.order)
    )


def _why(p: Problem, c: Candidate, hold: int, reps: int) -> str:
    focus_targets = [m for m in c.stretch.targets.primary if m in p.muscles]
    regions = [r for k, r in enumerate(p.focus) if c.region_mask >> k & 1]
    covers = f"{_words(focus_targets)} ({' and '.join(regions)})"
    if c.dynamic:
        when = (
            "before activity it comes ahead of every static hold (context-before, seed-002)"
            if p.before
            else "it moves the spine with the breath (seed-002)"
        )
        return f"Mobilises {covers} over {reps} slow breath cycles of {hold} s; {when}."
    side = " on each side" if c.stretch.one_sided else ""
    total = hold * reps
    if p.before:
        dose = "short holds suit the time before activity (context-before, seed-002)"
    elif total >= TARGET_SECONDS_PER_SIDE:
        dose = (
            f"{total} s of holding meets the target of about {TARGET_SECONDS_PER_SIDE} s "
            "(total-dose, garber-2011)"
        )
    else:
        dose = (
            f"a step toward about {TARGET_SECONDS_PER_SIDE} s of holding that the time allows "
            "(total-dose, garber-2011)"
        )
    return f"Stretches {covers} with {reps} × {hold} s{side}; {dose}."


def _stretch_step(p: Problem, c: Candidate, di: int) -> Step:
    d = c.doses[di]
    s = c.stretch
    sides: list[Side] = ["left", "right"] if s.one_sided else ["both"]
    return Step(
        kind="stretch",
        id=s.id,
        seconds=d.seconds,
        name=s.name,
        style=s.style,
        position=s.position,
        sides=sides,
        hold_seconds=d.hold,
        reps=d.reps,
        targets=list(s.targets.primary),
        why=_why(p, c, d.hold, d.reps),
        modification=c.modification,
    )


def _transition(src: str, dst: str) -> Step:
    return Step(
        kind="transition",
        seconds=TRANSITION_SECONDS,
        name=f"Move from {src} to {dst}",
        position=dst,
        from_position=src,
        to_position=dst,
        why=f"Changing position is counted as {TRANSITION_SECONDS} s (transitions).",
    )


def _rules(p: Problem, chosen: list[Candidate], steps: list[Step]) -> list[RuleNote]:
    req = p.request
    ids = ["warm-up" if p.warmup is not None else "already-warm"]
    ids.append("hold-time-older" if p.hold_range[0] >= 30 else "hold-time")
    ids += ["total-dose", "few-exercises"]
    if any(c.stretch.one_sided for c in chosen):
        ids.append("equal-sides")
    if req.context == "before":
        ids.append("context-before")
    elif req.context == "after":
        ids.append("context-after")
    ids += ["place-fit", "position-flow"]
    if any(s.kind == "transition" for s in steps):
        ids.append("transitions")
    ids.append("focus" if len(p.focus) == 1 else "focus-both")
    ids.append("time-budget")
    if req.excluded or req.modified:
        ids.append("screening")
    if req.avoid:
        ids.append("avoid")
    if req.pain_history:
        ids.append("pain-history")
    if req.seed is not None:
        ids.append("variety")
    return [RULES[i] for i in ids]


def build_routine(catalog: Catalog, p: Problem, sol: Solution) -> Routine:
    req = p.request
    chosen = ordered(p, [p.candidates[ci] for ci in sol.doses])
    dose_of = {p.candidates[ci].stretch.id: di for ci, di in sol.doses.items()}
    steps: list[Step] = []
    here: str | None = None
    if p.warmup is not None:
        w = p.warmup
        position = w.stretch.position if w.stretch is not None else "standing"
        steps.append(
            Step(
                kind="warmup",
                id=w.id,
                seconds=w.options[sol.warm],
                name=w.stretch.name if w.stretch is not None else "Light cardio warm-up",
                style="warmup",
                position=position,
                sides=["both"],
                why=(
                    f"{w.options[sol.warm] // 60} minutes of easy walking or cycling warm the "
                    "muscles so no stretch starts cold (warm-up, seed-002)."
                ),
            )
        )
        here = position
    for c in chosen:
        if here is not None and c.stretch.position != here:
            steps.append(_transition(here, c.stretch.position))
        here = c.stretch.position
        steps.append(_stretch_step(p, c, dose_of[c.stretch.id]))
    used = {s.id for s in steps if s.id is not None}
    excluded = list(p.excluded)
    known = {e.id for e in excluded}
    for s in catalog:
        if s.id in used or s.id in known:
            continue
        excluded.append(
            Excluded(
                id=s.id,
                reason=(
                    f"time: within {req.minutes} minutes the chosen stretches give more; "
                    "fewer stretches done fully beat many done once (total-dose, garber-2011; "
                    "few-exercises, bachmann-2018)."
                ),
            )
        )
    cautions = [GENERAL_CAUTION]
    cautions += [f"{c.stretch.name}: {c.modification}" for c in chosen if c.modification]
    return Routine(
        total_seconds=sum(s.seconds for s in steps),
        warmed_up=p.warmup is None,
        context=req.context,
        steps=steps,
        excluded=excluded,
        cautions=cautions,
        rules=_rules(p, chosen, steps),
        minutes=req.minutes,
        places=list(req.places),
        focus=list(p.focus),
        seed=req.seed,
    )
