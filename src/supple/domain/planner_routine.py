"""Turning a chosen selection into a Routine: order, steps, the why of each, what was left out."""

from __future__ import annotations

import random

from supple.domain.catalog import Catalog
from supple.domain.planner_model import (
    Candidate,
    SearchProblem,
    _and,
    place_words,
    position_bit,
)
from supple.domain.planner_rules import (
    HOLD_65_PLUS,
    POSITION_ORDER,
    RULES,
    SWITCH_SECONDS,
    TARGET_SECONDS_PER_SIDE,
    TRANSITION_SECONDS,
)
from supple.domain.planner_selection import Solution
from supple.domain.progression import RULES as LEVEL_RULES
from supple.domain.routine import Excluded, Routine, RuleNote, Side, Step, Uncovered
from supple.domain.rule_notes import said
from supple.domain.words import N_, say, say_n

#: Said with every routine (seed-002).
GENERAL_CAUTION = N_(
    "Ease into each stretch until you feel mild tension, never pain; stop at once if you feel "
    "sharp pain or pain spreading down a leg."
)


def _words(ids: list[str]) -> str:
    return _and([m.replace("-", " ") for m in ids])


def ordered(
    p: SearchProblem, chosen: list[Candidate], rng: random.Random | None = None
) -> list[Candidate]:
    """Grouped by position in the flow order, the warm-up's position first (it is where the
    routine starts); before activity, dynamic positions come first and a position holding both
    kinds does its dynamic part first. Within a position, stretches of the same kind go by id,
    or in an order drawn from `rng` (rule variety)."""
    dyn = {c.stretch.position for c in chosen if c.dynamic}
    stat = {c.stretch.position for c in chosen if not c.dynamic}
    start = p.warmup.pos_bit if p.warmup is not None else 0

    def block(position: str) -> tuple[int, int, int]:
        rank = POSITION_ORDER.index(position)
        lead = 0 if position_bit(position) == start else 1
        if not p.before or not dyn:
            return lead, 0, rank
        if position in dyn and position not in stat:
            return lead, 0, rank
        return (lead, 1, rank) if position in dyn else (lead, 2, rank)

    tie = {c.stretch.id: c.stretch.id for c in chosen}
    if rng is not None:
        draws = sorted(tie)
        rng.shuffle(draws)
        tie = {sid: f"{k:04d}" for k, sid in enumerate(draws)}
    return sorted(
        chosen,
        key=lambda c: (block(c.stretch.position), not c.dynamic, tie[c.stretch.id], c.order),
    )


def _why(p: SearchProblem, c: Candidate, hold: int, reps: int) -> str:
    focus_targets = [m for m in c.stretch.targets.primary if m in p.muscles]
    regions = [r for k, r in enumerate(p.focus) if c.region_mask >> k & 1]
    places = [r.replace("-", " ") for r in regions]
    if len(places) > 1:
        places[-1] = say("the {region}").format(region=places[-1])
    covers = say("{muscles} (the {regions})").format(
        muscles=_words(focus_targets), regions=_and(places)
    )
    if c.dynamic:
        when = (
            say("before activity it comes ahead of every static hold")
            if p.before
            else say("each movement follows the breath")
        )
        return say_n(
            "Mobilises {covers} over {reps} slow breath cycle of {hold} s; {when}.",
            "Mobilises {covers} over {reps} slow breath cycles of {hold} s; {when}.",
            reps,
        ).format(covers=covers, reps=reps, hold=hold, when=when)
    total = hold * reps
    if p.before:
        dose = say("short holds suit the time before activity")
    elif total >= TARGET_SECONDS_PER_SIDE:
        dose = say("{total} s of holding meets the target of about {target} s").format(
            total=total, target=TARGET_SECONDS_PER_SIDE
        )
    else:
        dose = say("a step toward about {target} s of holding that the time allows").format(
            target=TARGET_SECONDS_PER_SIDE
        )
    if c.stretch.one_sided:
        template = say("Stretches {covers} with {reps} × {hold} s on each side; {dose}.")
    else:
        template = say("Stretches {covers} with {reps} × {hold} s; {dose}.")
    return template.format(covers=covers, reps=reps, hold=hold, dose=dose)


def step_rules(p: SearchProblem, c: Candidate) -> list[str]:
    """The rule ids that shaped one stretch step, in the order --explain names them."""
    ids = ["focus" if len(p.focus) == 1 else "focus-both", "place-fit", "position-flow"]
    if not c.dynamic:
        ids.append("hold-time-older" if p.hold_range == HOLD_65_PLUS else "hold-time")
        ids.append("total-dose")
    if p.before:
        ids.append("context-before")
    elif p.request.context == "after":
        ids.append("context-after")
    if c.stretch.one_sided:
        ids.append("equal-sides")
    if c.screened:
        ids.append("screening")
    if c.pain_note:
        ids.append("pain-history")
    if c.level is not None:
        ids += [r for r in c.level.rules if r not in ids]
    return ids


def _stretch_step(p: SearchProblem, c: Candidate, di: int) -> Step:
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
        switch_seconds=SWITCH_SECONDS if s.one_sided else None,
        targets=list(s.targets.primary),
        why=_why(p, c, d.hold, d.reps) + (f" {c.level.why}" if c.level is not None else ""),
        modification=c.modification,
        rules=step_rules(p, c),
    )


def _warmup_step(p: SearchProblem, warm: int) -> Step:
    w = p.warmup
    assert w is not None
    position = w.stretch.position if w.stretch is not None else "standing"
    rules = ["warm-up", *w.rules]
    return Step(
        kind="warmup",
        id=w.id,
        seconds=w.options[warm],
        name=w.stretch.name if w.stretch is not None else say("Light cardio warm-up"),
        style="warmup",
        position=position,
        sides=["both"],
        why=_warmup_why(position, w.options[warm] // 60),
        modification=w.modification,
        rules=[*rules[:1], "warm-up-place", *rules[1:]],
    )


def _warmup_why(position: str, minutes: int) -> str:
    """Why the warm-up: one whole sentence per place it is done (standing, chair, floor)."""
    if position == "standing":
        why = say_n(
            "{minutes} minute of gentle movement on your feet warms the muscles so no stretch "
            "starts cold; it is done where you chose to be.",
            "{minutes} minutes of gentle movement on your feet warm the muscles so no stretch "
            "starts cold; it is done where you chose to be.",
            minutes,
        )
    elif position == "chair":
        why = say_n(
            "{minutes} minute of gentle movement on the chair warms the muscles so no stretch "
            "starts cold; it is done where you chose to be.",
            "{minutes} minutes of gentle movement on the chair warm the muscles so no stretch "
            "starts cold; it is done where you chose to be.",
            minutes,
        )
    elif position == "lying":
        why = say_n(
            "{minutes} minute of gentle movement on the floor warms the muscles so no stretch "
            "starts cold; it is done where you chose to be.",
            "{minutes} minutes of gentle movement on the floor warm the muscles so no stretch "
            "starts cold; it is done where you chose to be.",
            minutes,
        )
    else:
        why = say_n(
            "{minutes} minute of gentle movement warms the muscles so no stretch starts cold; "
            "it is done where you chose to be.",
            "{minutes} minutes of gentle movement warm the muscles so no stretch starts cold; "
            "it is done where you chose to be.",
            minutes,
        )
    return why.format(minutes=minutes)


def _transition(src: str, dst: str) -> Step:
    return Step(
        kind="transition",
        seconds=TRANSITION_SECONDS,
        name=say("Move from {start} to {end}").format(start=src, end=dst),
        position=dst,
        from_position=src,
        to_position=dst,
        why=say("Changing position is counted as {seconds} s.").format(seconds=TRANSITION_SECONDS),
        rules=["transitions", "position-flow"],
    )


def _rules(p: SearchProblem, chosen: list[Candidate], steps: list[Step]) -> list[RuleNote]:
    req = p.request
    if p.movement_only:
        ids = ["movement-only"]
    elif p.warmup is not None:
        ids = ["warm-up", "warm-up-place"]
    else:
        ids = ["already-warm"]
    ids.append("hold-time-older" if p.hold_range == HOLD_65_PLUS else "hold-time")
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
    behind = {r for e in p.excluded for r in e.rules}
    if req.excluded or req.modified or "screening" in behind:
        ids.append("screening")
    for rule in ("imported-safety", "same-movement", "complete-entry"):
        if rule in behind:
            ids.append(rule)
    if req.avoid:
        ids.append("avoid")
    if req.pain_history:
        ids.append("pain-history")
    if req.seed is not None:
        ids.append("variety")
    notes = [said(RULES[i]) for i in ids]
    levels = [r for c in chosen if c.level is not None for r in c.level.rules]
    levels += [r for e in p.excluded if e.kind == "pain" for r in e.rules]
    notes += [said(LEVEL_RULES[i]) for i in dict.fromkeys(levels) if i in LEVEL_RULES]
    return notes


def uncovered(catalog: Catalog, p: SearchProblem, region: str) -> Uncovered:
    """Why no chosen stretch covers `region`, and what would cover it (as data)."""
    req = p.request
    why = {e.id: e.kind for e in p.excluded}
    muscles = p.region_sets.get(region, frozenset())
    kinds: list[str] = []
    places: set[str] = set()
    for s in catalog:
        if s.style == "warmup" or muscles.isdisjoint(s.targets.primary):
            continue
        kind = why.get(s.id, "time")
        # A static hold left out for want of a warm-up is a matter of minutes too.
        kinds.append("time" if kind == "warm-up" else kind)
        if kind == "place":
            places.update(x for x in s.places if x not in req.places)
    known = ("place", "screening", "avoid", "pain", "time")
    reasons = [k for k in dict.fromkeys(kinds) if k in known] or ["none"]
    return Uncovered(
        region=region,
        reasons=reasons,
        places=sorted(places),
        more_minutes=not places and "time" in reasons,
    )


def uncovered_words(u: Uncovered, p: SearchProblem) -> str:
    """The plain-words caution for an uncovered region (no option names: the front ends say
    how to change a place or the minutes)."""
    req = p.request
    words = {
        "place": say("none can be done where you chose to be ({places})").format(
            places=_and(place_words(req.places))
        ),
        "screening": say("your safety screen leaves some out"),
        "avoid": say("you asked to leave some out"),
        "pain": say("some gave you sharp pain"),
        "time": say_n(
            "none fits in {minutes} minute next to the rest",
            "none fits in {minutes} minutes next to the rest",
            req.minutes,
        ).format(minutes=req.minutes),
        "none": say("no stretch in the catalog targets it"),
    }
    reasons = "; ".join(words[k] for k in u.reasons)
    text = say("The {region} is not covered, though you asked for it: {reasons}.").format(
        region=region_words(u.region), reasons=reasons
    )
    if u.places:
        text += " " + say("Adding {places} to your places would cover it.").format(
            places=say(" or ").join(u.places)
        )
    elif u.more_minutes:
        text += " " + say("A few more minutes would cover it.")
    return text


def region_words(region: str) -> str:
    return region.replace("-", " ")


def _time_notes(p: SearchProblem) -> list[str]:
    notes: list[str] = []
    if p.movement_only:
        notes.append(
            say_n(
                "{minutes} minute leaves no room for a 5-minute warm-up and a stretch after it, "
                "so this routine is gentle movement only, which warms the muscles as it goes; "
                "static holds wait for warm muscles.",
                "{minutes} minutes leave no room for a 5-minute warm-up and a stretch after it, "
                "so this routine is gentle movement only, which warms the muscles as it goes; "
                "static holds wait for warm muscles.",
                p.request.minutes,
            ).format(minutes=p.request.minutes)
        )
    if p.fill_limit is not None:
        fills = max(1, round(p.fill_limit / 60))
        notes.append(
            say_n(
                "Every stretch that fits your places and focus fills about {fills} minute at its "
                "fullest dose, so this routine is shorter than the {minutes} minutes you gave "
                "rather than repeat a stretch. Adding a place or widening the focus would make it "
                "longer.",
                "Every stretch that fits your places and focus fills about {fills} minutes at its "
                "fullest dose, so this routine is shorter than the {minutes} minutes you gave "
                "rather than repeat a stretch. Adding a place or widening the focus would make it "
                "longer.",
                fills,
            ).format(fills=fills, minutes=p.request.minutes)
        )
    return notes


def build_routine(
    catalog: Catalog,
    p: SearchProblem,
    sol: Solution,
    rng: random.Random | None = None,
    notes: list[str] | None = None,
) -> Routine:
    req = p.request
    chosen = ordered(p, [p.candidates[ci] for ci in sol.doses], rng)
    dose_of = {p.candidates[ci].stretch.id: di for ci, di in sol.doses.items()}
    steps: list[Step] = []
    here: str | None = None
    if p.warmup is not None:
        steps.append(_warmup_step(p, sol.warm))
        here = steps[0].position
    for c in chosen:
        if here is not None and c.stretch.position != here:
            steps.append(_transition(here, c.stretch.position))
        here = c.stretch.position
        steps.append(_stretch_step(p, c, dose_of[c.stretch.id]))
    used = {s.id for s in steps if s.id is not None}
    excluded = list(p.excluded)
    known = {e.id for e in excluded}
    not_chosen = say_n(
        "Within {minutes} minutes the chosen stretches give more; fewer stretches done fully "
        "beat many done once.",
        "Within {minutes} minutes the chosen stretches give more; fewer stretches done fully "
        "beat many done once.",
        req.minutes,
    ).format(minutes=req.minutes)
    time_rules = ["total-dose", "few-exercises"]
    # Validating a few fields is quicker than model_construct (hundreds a plan on a big catalog).
    excluded += [
        Excluded(id=s.id, reason=not_chosen, kind="time", name=s.name, rules=time_rules)
        for s in catalog
        if s.id not in used and s.id not in known
    ]
    cautions = [say(GENERAL_CAUTION)]
    changed = say("{name}: {modification}")
    if p.warmup is not None and p.warmup.modification:
        cautions.append(changed.format(name=steps[0].name, modification=p.warmup.modification))
    cautions += [
        changed.format(name=c.stretch.name, modification=c.modification)
        for c in chosen
        if c.modification
    ]
    covered = 0
    for c in chosen:
        covered |= c.region_mask
    gaps = [uncovered(catalog, p, r) for k, r in enumerate(p.focus) if not covered >> k & 1]
    cautions += [uncovered_words(u, p) for u in gaps]
    cautions += _time_notes(p)
    cautions += notes or []
    return Routine(
        total_seconds=sum(s.seconds for s in steps),
        warmed_up=p.warmup is None and not p.movement_only,
        context=req.context,
        steps=steps,
        excluded=excluded,
        cautions=cautions,
        rules=_rules(p, chosen, steps),
        minutes=req.minutes,
        places=list(req.places),
        focus=list(p.focus),
        seed=req.seed,
        uncovered=gaps,
        movement_only=p.movement_only,
        fill_limit_seconds=p.fill_limit,
    )
