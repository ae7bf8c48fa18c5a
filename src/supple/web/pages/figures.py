"""Pose figures on the pages: the stretch's drawing (supple.figures.svg) ready for a template,
the figures' stylesheet, and the player's figures for the stretches of a session.

The drawing is inline SVG made on the server, so it needs no script and no inline style (the
CSP forbids both); its colours come from figure.css, served here as a static stylesheet. An
imported stretch without figure data draws the neutral placeholder.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from supple.domain.catalog import Catalog, Stretch, UnknownStretch
from supple.domain.figure import Side
from supple.domain.routine import Routine
from supple.figures.svg import PoseName, figure_svg, stylesheet
from supple.services.catalog import full_catalog
from supple.web.templating import settings_of
from supple.wording.i18n import N_, _

router = APIRouter(include_in_schema=False)

#: Pixel widths before CSS scales them: the drawings carry a viewBox, so CSS sets the size.
THUMB = 72
CARD = 120
PAGE = 220
PLAYER = 320
#: More stretches than a session of 240 minutes could hold: the rest of a longer list is ignored.
MAX_STRETCHES = 100


#: A one-sided stretch's caption for each side ("Stretch, left side").
SIDE_CAPTIONS = {"left": N_("{label}, left side"), "right": N_("{label}, right side")}


def figure(
    stretch: Stretch,
    size: int = PAGE,
    pose: PoseName = "stretch",
    side: Side | None = None,
    uid: str = "",
) -> Markup:
    # figure_svg escapes every text and attribute it writes: the markup is safe as it is.
    return Markup(figure_svg(stretch, pose=pose, size=size, side=side, uid=uid))


def thumbnails(stretches: Iterable[Stretch], size: int = THUMB, uid: str = "") -> dict[str, Markup]:
    """Stretch id -> its stretch-pose drawing, for a page that lists stretches."""
    return {s.id: figure(s, size, uid=uid) for s in stretches}


def routine_thumbnails(routine: Routine | None, catalog: Catalog) -> dict[str, Markup]:
    """Stretch id -> thumbnail for each warm-up and stretch of the plan."""
    if routine is None:
        return {}
    return thumbnails(catalog.get(s.id) for s in routine.steps if s.id and s.id in catalog)


def stretch_figures(stretch: Stretch) -> list[tuple[str, Markup]]:
    """The stretch page's drawings with their captions: where to start, the stretch, and for
    a one-sided stretch the other side (the mirror image of the same data)."""
    fig = stretch.figure
    side = fig.side if fig else "left"
    other: Side = "right" if side == "left" else "left"
    if fig is None:
        return [(_("No drawing of this stretch yet"), figure(stretch))]
    # A dynamic move draws every pose; app.js moves it with the breath (figure.css shows the
    # stretch pose alone without script or with reduced motion).
    pose: PoseName = "both" if fig.cycle else "stretch"
    label = _("Moving with the breath") if fig.cycle else _("Stretch")
    out = [(_("Start"), figure(stretch, pose="start"))]
    if stretch.one_sided:
        for shown in (side, other):
            caption = _(SIDE_CAPTIONS[shown]).format(label=label)
            out.append((caption, figure(stretch, pose=pose, side=shown)))
    else:
        out.append((label, figure(stretch, pose=pose)))
    return out


@router.get("/static/figure.css")
def figure_css() -> Response:
    """figure.css lives with the drawing code (supple.figures); pages load it from here."""
    return Response(
        stylesheet(), media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
    )


@router.get("/session/figures", response_class=HTMLResponse)
def session_figures(
    request: Request, id: Annotated[list[str] | None, Query(max_length=100)] = None
) -> HTMLResponse:
    """Every pose of each stretch named, one `<div class="player-fig" data-id=...>` each, for
    the player to show and move (player.js). The other side is the same drawing mirrored by
    CSS, which keeps a session's first visit small."""
    catalog = full_catalog(settings_of(request))
    parts = []
    for sid in dict.fromkeys((id or [])[:MAX_STRETCHES]):
        try:
            stretch = catalog.get(sid)
        except UnknownStretch:
            continue
        side = stretch.figure.side if stretch.figure else "left"
        parts.append(
            Markup('<div class="player-fig" data-id="{}" data-side="{}" hidden>{}</div>').format(
                sid, side, figure(stretch, PLAYER, pose="both", uid="player")
            )
        )
    return HTMLResponse("".join(parts), headers={"Cache-Control": "no-cache"})
