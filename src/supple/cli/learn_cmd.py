"""`supple learn`: the why and how of stretching these areas, each point with its source."""

from __future__ import annotations

from typing import Annotated

import typer

from supple.cli.common import HomeOpt, JsonOpt, emit_json, fail, settings
from supple.wording.i18n import _


def register(app: typer.Typer) -> None:
    app.command("learn")(learn)


def learn(
    topic: Annotated[
        str | None,
        typer.Argument(
            help="One topic id (e.g. principles), or faq for every FAQ entry; all when left out."
        ),
    ] = None,
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Why and how to stretch these areas, with sources.

    Anatomy, benefits, general principles, safety and the FAQ; every point names its source.
    """
    import difflib

    from rich.markup import escape

    from supple.cli.common import console
    from supple.data.loader import shipped

    settings(home)  # learn reads only shipped data; --home is checked like everywhere else
    data = shipped()
    topics = data.learn
    if topic is not None:
        wanted = topic.strip().lower()
        # A group name selects every topic under it: `faq` shows each faq-... entry.
        topics = [t for t in topics if t.id == wanted or t.id.startswith(f"{wanted}-")]
        if not topics:
            names = [t.id for t in data.learn]
            groups = sorted({i.split("-", 1)[0] for i in names if i.startswith("faq-")})
            close = difflib.get_close_matches(wanted, [*names, *groups], n=3, cutoff=0.4)
            message = _("No learn topic '{topic}'.").format(topic=topic)
            if close:
                message += " " + _("Did you mean {names}?").format(names=", ".join(close))
            fail(message, hint=_("Topics: {names}").format(names=", ".join([*groups, *names])))
    if as_json:
        emit_json([t.model_dump(mode="json") for t in topics])
        return
    from supple.wording.people import source_ref

    out = console()
    # Sources as numbered notes, in the order first cited: people read titles, not ids.
    note: dict[str, int] = {}
    for t in topics:
        for p in t.points:
            note.setdefault(p.source, len(note) + 1)
    for t in topics:
        out.rule(f"[bold]{escape(t.title)}[/]", align="left")
        if t.question:
            out.print(f"[italic]{escape(t.question)}[/]")
        for p in t.points:
            out.print(f" • {escape(p.text)} [dim]\\[{note[p.source]}][/]")
        out.print()
    out.print(f"[bold]{_('Sources')}[/]")
    for sid, n in note.items():
        out.print(f" \\[{n}] {escape(source_ref(data.sources.get(sid), sid))}")
