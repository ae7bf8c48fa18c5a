"""`supple history` and `supple progress`: what was done, and whether it is kept up and helps."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from supple.cli.common import HomeOpt, JsonOpt, emit_json, fail, settings


def register(app: typer.Typer) -> None:
    app.command("history")(history)
    app.command("progress")(progress)


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"--since '{text}' is not a date; use YYYY-MM-DD, e.g. 2026-01-31.")


def history(
    since: Annotated[
        str | None, typer.Option(help="Only sessions from this date on (YYYY-MM-DD).")
    ] = None,
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """List your sessions: stretches, sides, time held, how it felt."""
    from supple.services import sessions

    day = _parse_date(since) if since is not None else None
    if as_json:
        # The whole history as one compact line (pipe it to `jq` to read it): built from each
        # session's stored items as they are, so ten years print at once.
        sys.stdout.write(sessions.history_document(settings(home), day) + "\n")
        return
    rows = sessions.history(settings(home), day)
    from rich.table import Table

    from supple.cli.common import console

    out = console()
    if not rows:
        out.print("No sessions yet. Start one with: supple start --minutes 10")
        return
    table = Table(title=f"{len(rows)} sessions", title_justify="left")
    for col in ("started", "status", "stretches", "held", "discomfort", "pain"):
        table.add_column(col)
    for r in rows[-50:]:
        items = [i for i in r["items"] if not i["skipped"]]
        ratings = [i["discomfort"] for i in items if i["discomfort"] is not None]
        table.add_row(
            r["started_at"][:16].replace("T", " "),
            r["status"],
            str(len({i["id"] for i in items})),
            f"{sum(i['held_seconds'] for i in items) / 60:.1f} min",
            f"{sum(ratings) / len(ratings):.1f}" if ratings else "-",
            ", ".join(sorted({i["id"] for i in r["items"] if i["pain"]})) or "-",
        )
    out.print(table)
    if len(rows) > 50:
        out.print("[dim]Showing the last 50; --json or --since for the rest.[/]")


def progress(as_json: JsonOpt = False, home: HomeOpt = None) -> None:
    """This week against your goal, streaks, discomfort trends."""
    from supple.services.sessions import progress as compute

    p = compute(settings(home))
    if as_json:
        emit_json(p.model_dump(mode="json"))
        return
    from rich.markup import escape

    from supple.cli.common import console

    out = console()
    tw = p.this_week
    mark = "[green]met[/]" if tw.met else f"{max(0, p.weekly_goal - tw.sessions)} to go"
    out.print(f"[bold]This week[/]: {tw.sessions} of {p.weekly_goal} sessions ({mark})")
    out.print(
        f"Streak: {p.streak_weeks} week(s) meeting the goal (best {p.best_streak_weeks}) · "
        f"{p.total_sessions} sessions · {p.total_minutes:.0f} minutes in all"
    )
    out.print("\n[bold]Sessions per week[/] (last 12; ┆ marks the goal)")
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
        out.print("\n[bold]Discomfort per stretch[/] (0-10, first vs recent)")
        for t in p.trends:
            note = {
                "easier": "[green]easier — a real change[/]",
                "harder": "[red]harder — a real change[/]",
                "steady": "no clear change",
            }[t.direction]
            pain = f" · [red]{t.pain_reports} pain report(s)[/]" if t.pain_reports else ""
            out.print(
                f" {escape(t.id)}: {t.first_average:.1f} → {t.recent_average:.1f} "
                f"({t.ratings} sessions rated) {note}{pain}"
            )
        out.print(
            "[dim]A change of 2 points or 30 % counts as real \\[farrar-2001, ostelo-2008]. "
            "Each session counts once per stretch; first vs latest sessions, up to 3 each.[/]"
        )
