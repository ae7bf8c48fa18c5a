"""What `supple history` and `supple progress` do and print, free of Typer: the commands' options
are in cli/log_cmd.py, and cli/fast_run.py runs these directly for the usual arguments."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from supple.cli.common import emit_json, fail, settings
from supple.wording.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from supple.config import Settings

#: A session's status as people read it.
STATUS = {
    "running": N_("running"),
    "completed": N_("completed"),
    "stopped": N_("stopped"),
    "interrupted": N_("interrupted"),
}
#: The sources of the meaningful-change rule (domain.progress.MEANINGFUL_POINTS).
CHANGE_SOURCES = ("farrar-2001", "ostelo-2008")


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(
            _("--since '{text}' is not a date; use YYYY-MM-DD, e.g. 2026-01-31.").format(text=text)
        )


def _namer(cfg: Settings) -> Callable[[str], str]:
    """A stretch's name for its id (the id itself for one no longer in the catalog, e.g. an
    imported stretch since removed). The catalog loads at the first name asked for: a
    history without pain reports names no stretch, and starts without the domain models."""
    found: list[Any] = []

    def name(sid: str) -> str:
        if not found:
            from supple.services.catalog import full_catalog

            found.append(full_catalog(cfg))
        catalog = found[0]
        return str(catalog.get(sid).name) if sid in catalog else sid

    return name


def _reference(source_id: str) -> str:
    """A source as people read it: its title without the parenthesised detail."""
    from supple.data.loader import shipped

    source = shipped().sources.get(source_id)
    return source.title.split(" (", 1)[0] if source is not None else source_id


def _dose(hold: int, reps: int, variation: str) -> str:
    what = (
        _("{hold} s × {reps}").format(hold=hold, reps=reps)
        if hold
        else _("{reps} breaths").format(reps=reps)
    )
    extra = {"easier": _("easier version"), "deeper": _("deeper version")}.get(variation)
    return f"{what}, {extra}" if extra else what


def _print_levels(p: Any, name: Callable[[str], str], out: Any) -> None:
    """Each stretch's level: where it started, now, its changes, and discomfort by week."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=_("Level per stretch"), title_justify="left")
    table.add_column(_("stretch"), overflow="fold")
    table.add_column(_("now"), no_wrap=True)
    table.add_column(_("level"), justify="right", no_wrap=True)
    table.add_column(_("over time"), overflow="fold")
    table.add_column(_("discomfort by week"), overflow="fold")
    for lv in p.levels:
        steps = [f"{c.day:%d %b}: {_dose(c.hold, c.reps, c.variation)}" for c in lv.history[-3:]]
        if lv.start is not None and not lv.history:
            steps = [_("since {day}").format(day=f"{lv.start.day:%d %b}")]
        weeks = " ".join(f"{w.average:.0f}" for w in lv.weeks[-8:]) or "-"
        table.add_row(
            escape(name(lv.id)),
            escape(_dose(lv.hold, lv.reps, lv.variation)),
            f"{lv.step + 1}/{lv.steps}",
            escape("; ".join(steps)),
            escape(weeks),
        )
    out.print()
    out.print(table)
    for lv in p.levels:
        out.print(f" {escape(name(lv.id))}: {escape(lv.why)}")


def history(since: str | None = None, as_json: bool = False, home: str | None = None) -> None:
    """`supple history`."""
    from supple.services import sessions

    day = _parse_date(since) if since is not None else None
    cfg = settings(home)
    if as_json:
        # The whole history as one compact line (pipe it to `jq` to read it): built from each
        # session's stored items as they are, so ten years print at once.
        sys.stdout.write(sessions.history_document(cfg, day) + "\n")
        return
    rows = sessions.history(cfg, day)
    from rich.markup import escape
    from rich.table import Table

    from supple.cli.common import console

    out = console()
    if not rows:
        out.print(_("No sessions yet. Start one with: supple start --minutes 10"))
        return
    name = _namer(cfg)
    title = ngettext("{n} session", "{n} sessions", len(rows)).format(n=len(rows))
    table = Table(title=title, title_justify="left")
    for col in (N_("started"), N_("status"), N_("stretches"), N_("held"), N_("discomfort")):
        table.add_column(_(col))
    table.add_column(_("pain"))
    for r in rows[-50:]:
        items = [i for i in r["items"] if not i["skipped"]]
        ratings = [i["discomfort"] for i in items if i["discomfort"] is not None]
        pains = sorted({name(i["id"]) for i in r["items"] if i["pain"]})
        table.add_row(
            f"{datetime.fromisoformat(r['started_at']).astimezone():%Y-%m-%d %H:%M}",  # local
            _(STATUS.get(r["status"], r["status"])),
            str(len({i["id"] for i in items})),
            _("{minutes:.1f} min").format(minutes=sum(i["held_seconds"] for i in items) / 60),
            f"{sum(ratings) / len(ratings):.1f}" if ratings else "-",
            escape(", ".join(pains)) or "-",
        )
    out.print(table)
    if len(rows) > 50:
        out.print(
            "[dim]" + escape(_("Showing the last 50; --json or --since for the rest.")) + "[/]"
        )


def progress(as_json: bool = False, accept_goal: bool = False, home: str | None = None) -> None:
    """`supple progress`."""
    from supple.services.sessions import accept_goal as take
    from supple.services.sessions import progress as compute

    cfg = settings(home)
    before = None
    if accept_goal:
        from supple.services.profile import get_profile

        before = get_profile(cfg).weekly_goal
        p = take(cfg)  # no offer: a Problem worded by the app (exit 2)
    else:
        p = compute(cfg)
    if as_json:
        emit_json(p.model_dump(mode="json"))
        return
    from rich.markup import escape

    from supple.cli.common import console

    out = console()
    if before is not None:
        said = _("Weekly goal changed from {old} to {new} sessions.").format(
            old=before, new=p.weekly_goal
        )
        out.print(f"[green]{escape(said)}[/]")
    tw = p.this_week
    left = max(0, p.weekly_goal - tw.sessions)
    mark = "[green]" + _("met") + "[/]" if tw.met else _("{n} to go").format(n=left)
    done = ngettext("{done} of {goal} session", "{done} of {goal} sessions", p.weekly_goal).format(
        done=tw.sessions, goal=p.weekly_goal
    )
    out.print(f"[bold]{_('This week')}[/]: {done} ({mark})")
    streak = ngettext(
        "Streak: {n} week meeting the goal (best {best})",
        "Streak: {n} weeks meeting the goal (best {best})",
        p.streak_weeks,
    ).format(n=p.streak_weeks, best=p.best_streak_weeks)
    total = ngettext("{n} session", "{n} sessions", p.total_sessions).format(n=p.total_sessions)
    minutes = round(p.total_minutes)
    in_all = ngettext("{n} minute in all", "{n} minutes in all", minutes).format(n=minutes)
    out.print(f"{streak} · {total} · {in_all}")
    out.print(
        f"\n[bold]{_('Sessions per week')}[/] "
        + _("(last {n}; ┆ marks the goal)").format(n=len(p.weeks))
    )
    top = max([p.weekly_goal, *(w.sessions for w in p.weeks)])
    width = 30
    goal_at = round(p.weekly_goal * width / top)
    for w in p.weeks:
        filled = round(w.sessions * width / top)
        cells = ["█" if i < filled else " " for i in range(width)]
        cells.insert(goal_at, "┆")
        colour = "green" if w.met else "yellow"
        out.print(f" {w.week_start:%d %b} [{colour}]{''.join(cells)}[/] {w.sessions}")
    if p.trends:
        name = _namer(cfg)
        out.print(f"\n[bold]{_('Discomfort per stretch')}[/] " + _("(0-10, first vs recent)"))
        for t in p.trends:
            note = {
                "easier": "[green]" + _("easier — a real change") + "[/]",
                "harder": "[red]" + _("harder — a real change") + "[/]",
                "steady": _("no clear change"),
            }[t.direction]
            rated = ngettext("{n} session rated", "{n} sessions rated", t.ratings)
            pain = ngettext("{n} pain report", "{n} pain reports", t.pain_reports)
            pains = f" · [red]{pain.format(n=t.pain_reports)}[/]" if t.pain_reports else ""
            out.print(
                f" {escape(name(t.id))}: {t.first_average:.1f} → {t.recent_average:.1f} "
                f"({rated.format(n=t.ratings)}) {note}{pains}"
            )
        from supple.domain.progress import MEANINGFUL_POINTS, MEANINGFUL_SHARE, TREND_WINDOW

        rule = _(
            "A change of {points:g} points or {share:.0f} % counts as real ({sources}). Each "
            "session counts once per stretch; first vs latest sessions, up to {window} each."
        ).format(
            points=MEANINGFUL_POINTS,
            share=MEANINGFUL_SHARE * 100,
            sources="; ".join(_reference(x) for x in CHANGE_SOURCES),
            window=TREND_WINDOW,
        )
        out.print(f"[dim]{escape(rule)}[/]")
    if p.levels:
        _print_levels(p, _namer(cfg), out)
    offer = p.goal_suggestion
    if offer is not None:
        out.print(f"\n[bold]{_('Weekly goal')}[/]: {escape(offer.why)}")
        take_it = _("To take {n} sessions a week: {command}").format(
            n=offer.suggested, command="supple progress --accept-goal"
        )
        keep = _("(or keep your goal: nothing changes by itself)")
        out.print(f" {escape(take_it)} [dim]{escape(keep)}[/]")
