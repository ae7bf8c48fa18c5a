"""The stretches: the catalog page and one page per stretch."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from supple.data.loader import shipped
from supple.domain.catalog import UnknownStretch
from supple.services.catalog import full_catalog
from supple.web.pages.figures import CARD, stretch_figures, thumbnails
from supple.web.templating import render, settings_of
from supple.wording.i18n import _

router = APIRouter(include_in_schema=False)


@router.get("/catalog", response_class=HTMLResponse)
def catalog_page(request: Request) -> HTMLResponse:
    stretches = list(full_catalog(settings_of(request)))
    return render(request, "catalog.html", stretches=stretches, figures=thumbnails(stretches, CARD))


@router.get("/catalog/{stretch_id}", response_class=HTMLResponse)
def stretch_page(request: Request, stretch_id: str) -> HTMLResponse:
    catalog = full_catalog(settings_of(request))
    try:
        stretch = catalog.get(stretch_id)
    except UnknownStretch:
        return render(
            request,
            "error.html",
            status_code=404,
            title=_("No such stretch"),
            message=_("There is no stretch at this address. Pick one from the Stretches page."),
        )
    return render(
        request,
        "stretch.html",
        s=stretch,
        muscles=shipped().anatomy.muscles,
        figures=stretch_figures(stretch),
    )
