"""The safety screen: its form, the answers posted back, and the result."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.domain.screening import AnswersError
from supple.services import screening
from supple.web.forms import CsrfError, Form, csrf_refused, first, read_form
from supple.web.gates import screen_refusal
from supple.web.templating import render, settings_of

router = APIRouter(include_in_schema=False)


@router.get("/screen", response_class=HTMLResponse)
def screen_form(request: Request) -> HTMLResponse:
    return render(request, "screen.html", questions=screening.questions(), answers={}, errors={})


def _answers(form: Form, questions: list[Any]) -> dict[str, object]:
    """Form strings -> typed answers; the domain's validation reports what is missing or wrong."""
    out: dict[str, object] = {}
    for q in questions:
        raw = first(form, q.id)
        if raw == "":
            continue
        if q.kind == "yes-no":
            out[q.id] = {"yes": True, "no": False}.get(raw, raw)
        elif q.kind == "number":
            out[q.id] = int(raw) if raw.lstrip("-").isdigit() else raw
        else:
            out[q.id] = raw
    return out


@router.post("/screen", response_class=HTMLResponse, response_model=None)
async def screen_submit(request: Request) -> Response:
    try:
        form = await read_form(request)
    except CsrfError:
        return csrf_refused(request)
    questions = screening.questions()
    answers = _answers(form, questions)
    try:
        screening.submit(settings_of(request), answers)
    except AnswersError as e:
        errors = {p.question: p.problem for p in e.problems}
        return render(
            request,
            "screen.html",
            status_code=422,
            questions=questions,
            answers={k: first(form, k) for k in form},
            errors=errors,
        )
    return RedirectResponse("/screen/result", status_code=303)


@router.get("/screen/result", response_class=HTMLResponse, response_model=None)
def screen_result(request: Request) -> Response:
    settings = settings_of(request)
    result = screening.latest(settings)
    if result is None:
        return RedirectResponse("/screen", status_code=303)
    if result.outcome == "urgent":
        # Where to go now and nothing else: no navigation, no plan, no other page to get lost in.
        return render(request, "urgent.html", result=result)
    return render(request, "screen_result.html", result=result, refusal=screen_refusal(settings))
