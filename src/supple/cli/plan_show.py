"""What `supple plan` does and prints, free of Typer: the command's options are in
cli/plan_cmd.py, and cli/fast_run.py runs this directly for the usual arguments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from supple.cli.common import emit_json, fail, settings
from supple.wording.i18n import _, ngettext

if TYPE_CHECKING:
    from rich.console import Console

    from supple.data.loader import DataSet
    from supple.domain.catalog import Catalog
    from supple.domain.routine import Routine
    from supple.services.planning import PlanOptions


def plan_options(
    minutes: int | None,
    place: str | None,
    context: str,
    focus: str | None,
    warm: bool,
    avoid: list[str] | None,
    seed: int | None,
) -> PlanOptions:
    """Turn command-line options into PlanOptions, failing with exit 2 on a bad value."""
    from pydantic import ValidationError

    from supple.cli.common import parse_places
    from supple.services.planning import PlanOptions

    if minutes is None:
        fail(
            _("--minutes is required: how many minutes you have, warm-up included."),
            hint=_("For example: {command}").format(
                command="supple plan --minutes 12 --place floor"
            ),
        )
    raw: dict[str, Any] = {
        "minutes": minutes,
        "context": context,
        "warm": warm,
        "avoid": avoided(avoid or []),
        "seed": seed,
    }
    if place is not None:
        raw["places"] = parse_places(place, "--place")
    if focus is not None:
        raw["focus"] = [f.strip() for f in focus.split(",") if f.strip()]
    try:
        return PlanOptions.model_validate(raw)
    except ValidationError as e:
        from supple.wording.validation import command_error

        fail(command_error(e.errors(), PlanOptions))


def avoided(given: list[str]) -> list[str]:
    """The ids of the stretches `--avoid` names, by name or id, one or several per option
    ("Child's pose", cat-cow,knee-to-chest). An unknown one is kept as typed, so the planner
    says which it is and suggests the closest."""
    from supple.data.loader import shipped

    catalog = shipped().catalog
    out: list[str] = []
    for text in given:
        whole = _found(catalog, text)
        parts = [text] if whole else [p.strip() for p in text.split(",") if p.strip()]
        out += [whole or _found(catalog, part) or part for part in parts]
    return out


def _found(catalog: Catalog, text: str) -> str | None:
    """The id of the stretch a name or id means, or None."""
    from supple.domain.catalog import UnknownStretch

    try:
        return catalog.find(text).id
    except UnknownStretch:
        return None


def plan(
    minutes: int | None = None,
    place: str | None = None,
    context: str = "anytime",
    focus: str | None = None,
    warm: bool = False,
    avoid: list[str] | None = None,
    seed: int | None = None,
    save: str | None = None,
    force: bool = False,
    explain: bool = False,
    as_json: bool = False,
    home: str | None = None,
) -> None:
    """`supple plan`."""
    cfg = settings(home)
    options = plan_options(minutes, place, context, focus, warm, avoid, seed)
    if save is not None and not save.strip():
        fail(_("--save: the name is empty."), hint=_("Give a short name, e.g. --save morning."))
    routine = make_plan_or_fail(cfg, options)
    if save:
        from supple.services.planning import save_routine

        try:
            save_routine(cfg, save, routine, options, overwrite=force)
        except ValueError as e:
            fail(f"--save {save}: {e}", hint=_("Pick another name, or add --force to replace it."))
    if as_json:
        emit_json(routine.model_dump(mode="json"))
        return
    print_routine(routine, explain=explain)
    if save:
        from rich.markup import escape

        from supple.cli.common import console

        console().print(
            _("Saved as {name}: {command}").format(
                name=f"[bold]{escape(save)}[/]", command=escape(f"supple start --routine {save}")
            )
        )


def make_plan_or_fail(cfg: Any, options: PlanOptions) -> Routine:
    from supple.services.planning import build_plan

    return build_plan(cfg, options)  # a SafetyRefusal is worded by the app (exit 3)


def print_changes(routine: Routine, out: Console) -> None:
    """What the safety gate left out or changed, each with its own source."""
    from rich.markup import escape

    from supple.wording.changes import word_change
    from supple.wording.people import source_title

    if routine.changes:
        out.print(f"[bold]{_('Changed for your safety')}[/]")
        for c in routine.changes:
            source = _("(source: {title})").format(title=source_title(c.source))
            out.print(f" • {escape(word_change(c))} [dim]{escape(source)}[/]")
        from supple.cli.common import bring_back_hint

        hurt = {
            c.stretch: c.name for c in routine.changes if c.action == "left-out" and c.why == "pain"
        }
        for sid, name in hurt.items():
            out.print(f"[dim]{escape(bring_back_hint(name, sid))}[/]")


def print_pain_hints(routine: Routine, out: Console) -> None:
    """For each stretch left out after sharp pain, how to bring it back."""
    from rich.markup import escape

    from supple.cli.common import bring_back_hint

    names = {e.id: e.name or e.id for e in routine.excluded if e.kind == "pain"}
    for sid, name in names.items():
        out.print(f"[dim]{escape(bring_back_hint(name, sid))}[/]")


def _fmt_secs(s: int) -> str:
    return f"{s // 60}:{s % 60:02d}"


def print_routine(routine: Routine, explain: bool = False, out: Console | None = None) -> None:
    from rich.markup import escape
    from rich.table import Table

    from supple.cli.common import console
    from supple.data.loader import shipped
    from supple.domain.planner_model import context_word, position_word

    out = out or console()
    data = shipped()
    warm = (
        _("already warm")
        if routine.warmed_up
        else _("gentle movement only")
        if routine.movement_only
        else _("with warm-up")
    )
    title = _("Routine · {time} min · {context} · {warm}").format(
        time=_fmt_secs(routine.total_seconds), context=context_word(routine.context), warm=warm
    )
    table = Table(title=title, title_justify="left")
    table.add_column("#", justify="right")
    table.add_column(_("step"), overflow="fold")
    table.add_column(_("position"), no_wrap=True)
    table.add_column(_("dose"), no_wrap=True)
    table.add_column(_("time"), justify="right", no_wrap=True)
    why: list[str] = []
    n = 0
    for step in routine.steps:
        if step.kind == "transition":
            move = _("move to {position}").format(position=position_word(step.to_position or ""))
            table.add_row("", f"[dim]{escape(move)}[/]", "", "", _fmt_secs(step.seconds))
            continue
        n += 1
        if step.kind == "warmup":
            dose = _("{minutes} min easy").format(minutes=step.seconds // 60)
        elif step.style == "dynamic":
            dose = ngettext(
                "{reps} breath × {seconds} s", "{reps} breaths × {seconds} s", step.reps or 0
            ).format(reps=step.reps, seconds=step.hold_seconds)
        else:
            dose = (
                _("{reps} × {seconds} s each side")
                if step.sides != ["both"]
                else _("{reps} × {seconds} s")
            ).format(reps=step.reps, seconds=step.hold_seconds)
        name = escape(step.name or (step.id or ""))
        if step.modification:
            name += f" [yellow]{_('(modified)')}[/]"
        switch = step.switch_seconds or 0
        position = position_word(step.position) if step.position else ""
        table.add_row(str(n), name, position, dose, _fmt_secs(step.seconds - switch))
        if switch:
            # The switch is a timed part of its own (counted in the step's seconds).
            switch_text = escape(_("switch sides (left to right)"))
            table.add_row("", f"[dim]{switch_text}[/]", "", "", _fmt_secs(switch))
        targets = ", ".join(
            data.anatomy.muscles[m].name if m in data.anatomy.muscles else m for m in step.targets
        )
        line = f" {n}. {escape(step.why)}"
        if explain and step.rules:
            rules = _("Rules: {ids}.").format(ids=", ".join(step.rules))
            line += f" [dim]{escape(rules)}[/]"
        if targets:
            line += f" [dim]{escape(_('Targets: {names}.').format(names=targets))}[/]"
        if step.modification:
            line += f"\n    [yellow]{_('Modified:')}[/] {escape(step.modification)}"
        why.append(line)
    out.print(table)
    out.print(f"[bold]{_('Why each step')}[/]")
    for line in why:
        out.print(line)
    if routine.cautions:
        out.print(f"[bold]{_('Cautions')}[/]")
        for c in routine.cautions:
            out.print(f" • {escape(c)}")
    print_changes(routine, out)
    if routine.excluded:
        out.print(f"[bold]{_('Left out')}[/]")
        for line in left_out_lines(routine, data):
            out.print(f" • {escape(line)}")
    print_pain_hints(routine, out)
    if explain:
        from supple.wording.people import source_ref

        moves = sorted({r for s in routine.steps if s.kind == "transition" for r in s.rules})
        if moves:
            between = _("Moves between positions: {ids}.").format(ids=", ".join(moves))
            out.print(f"[dim]{escape(between)}[/]")
        out.print(f"[bold]{_('Rules that shaped this plan')}[/]")
        for r in routine.rules:
            ref = source_ref(data.sources.get(r.source), r.source)
            out.print(f" • {r.id}: {escape(r.text)} [dim]({escape(ref)})[/]")
    else:
        explain_hint = _("Add `--explain` for the rules behind each choice and their sources.")
        out.print(f"[dim]{escape(explain_hint)}[/]")


def left_out_lines(routine: Routine, data: DataSet) -> list[str]:
    """What the routine left out, in names: one line per reason, naming every stretch it
    covers ("Within 12 minutes …: Knee to chest, Seated figure-four."). The warm-ups not used
    are not listed: one warm-up is all a routine needs."""
    groups: dict[str, list[str]] = {}
    for e in routine.excluded:
        known = e.id in data.catalog
        if e.kind == "warm-up" and (not known or data.catalog.get(e.id).style == "warmup"):
            continue
        name = e.name or (data.catalog.get(e.id).name if known else e.id)
        groups.setdefault(e.reason, []).append(name)
    return [f"{', '.join(names)}: {reason}" for reason, names in groups.items()]
