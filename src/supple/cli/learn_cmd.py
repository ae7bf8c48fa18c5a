"""`supple learn`: the why and how of stretching these areas, each point with its source."""

from __future__ import annotations

from typing import Annotated

import typer

from supple.cli.common import JsonOpt, emit_json, fail


def register(app: typer.Typer) -> None:
    app.command("learn")(learn)


def learn(
    topic: Annotated[
        str | None,
        typer.Argument(help="One topic id (e.g. principles); all topics when left out."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Why and how to stretch these areas, with sources.

    Anatomy, benefits, general principles, safety and the FAQ; every point names its source.
    """
    import difflib

    from rich.markup import escape

    from supple.cli.common import console
    from supple.data.loader import shipped

    data = shipped()
    topics = data.learn
    if topic is not None:
        topics = [t for t in topics if t.id == topic]
        if not topics:
            close = difflib.get_close_matches(topic, [t.id for t in data.learn], n=3, cutoff=0.4)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            fail(
                f"No learn topic '{topic}'.{hint}",
                hint="Topics: " + ", ".join(t.id for t in data.learn),
            )
    if as_json:
        emit_json([t.model_dump(mode="json") for t in topics])
        return
    out = console()
    for t in topics:
        out.rule(f"[bold]{escape(t.title)}[/]", align="left")
        if t.question:
            out.print(f"[italic]{escape(t.question)}[/]")
        for p in t.points:
            out.print(f" • {escape(p.text)} [dim]\\[{p.source}][/]")
        out.print()
    used = sorted({p.source for t in topics for p in t.points})
    out.print("[bold]Sources[/]")
    for sid in used:
        out.print(f" \\[{sid}] {escape(data.sources[sid].title)}")
