"""The HTML pages, rendered on the server from the same services as the CLI.

Every page works without JavaScript except the session player; forms post back here with a CSRF
field. The app (supple.web.app.create_app) includes `router` and mounts `STATIC_DIR` at /static.
Settings come from `request.app.state.settings` (set by create_app).
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from supple.web import audio, charts

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.domain.screening import ScreeningResult
    from supple.services.planning import SafetyRefusal

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"
CSRF_FIELD = "csrf_token"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
router = APIRouter(include_in_schema=False)


@cache
def _source_ids() -> re.Pattern[str]:
    ids = "|".join(map(re.escape, sorted(_sources())))
    return re.compile(r"(?<![\w-])(" + ids + r")(?![\w-])")


def _link_sources(text: str) -> Markup:
    """Text that names source ids in passing ("(total-dose, garber-2011)"): each known source
    id becomes a link to its entry on the learn page."""
    return Markup(
        _source_ids().sub(
            lambda m: f'<a class="src" href="/learn#source-{m.group(1)}">{m.group(1)}</a>',
            escape(text),
        )
    )


templates.env.filters["link_sources"] = _link_sources


# ----- helpers -----------------------------------------------------------------------------------


def _settings(request: Request) -> Settings:
    settings: Settings | None = getattr(request.app.state, "settings", None)
    if settings is None:
        from supple.config import get_settings

        settings = get_settings()
        request.app.state.settings = settings
    return settings


def _csrf(request: Request) -> str:
    from supple.web.security import csrf_token

    return csrf_token(request)


def _voice_mode(settings: Settings) -> str:
    from supple.services.profile import get_profile

    voice_on = settings.voice if settings.voice is not None else get_profile(settings).voice
    return audio.voice_mode(audio.espeak_path() is not None, voice_on)


def _sources() -> dict[str, Any]:
    from supple.data.loader import shipped

    return shipped().sources


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("page", template.removesuffix(".html"))
    context["csrf"] = _csrf(request)
    context["sources"] = _sources()
    response: HTMLResponse = templates.TemplateResponse(
        request, template, context, status_code=status_code
    )
    return response


async def _form(request: Request) -> dict[str, list[str]]:
    """The posted form, after checking its CSRF field (pages must not depend on python-multipart
    for plain url-encoded forms)."""
    body = (await request.body()).decode("utf-8", errors="replace")
    form = parse_qs(body, keep_blank_values=True)
    sent = (form.get(CSRF_FIELD) or [""])[0]
    if not secrets.compare_digest(sent.encode(), _csrf(request).encode()):
        raise _CsrfError
    return form


class _CsrfError(Exception):
    pass


def _csrf_refused(request: Request) -> HTMLResponse:
    return render(
        request,
        "error.html",
        status_code=403,
        title="Form expired",
        message="This form's security token did not match (csrf_token). "
        "Reload the page and send the form again.",
    )


def _first(form: dict[str, list[str]], key: str, default: str = "") -> str:
    return (form.get(key) or [default])[0].strip()


def _screen_refusal(settings: Settings) -> SafetyRefusal | None:
    """Why no routine may be planned now (no screen, expired, consult, urgent, sharp pain since
    the screen), or None. The planner's own check, so the pages and the planner agree."""
    from supple.services.planning import SafetyRefusal, check_screening

    try:
        check_screening(settings)
    except SafetyRefusal as e:
        return e
    return None


def _urgent(settings: Settings) -> ScreeningResult | None:
    """The latest screen when its outcome is urgent: then a page shows where to go, nothing else."""
    from supple.services import screening

    result = screening.latest(settings)
    return result if result is not None and result.outcome == "urgent" else None


# ----- home --------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    from supple.services import screening, sessions
    from supple.services.profile import has_profile

    settings = _settings(request)
    result = screening.latest(settings)
    return render(
        request,
        "home.html",
        result=result,
        refusal=_screen_refusal(settings) if result is not None else None,
        progress=sessions.progress(settings),
        has_profile=has_profile(settings),
    )


# ----- screening ---------------------------------------------------------------------------------


@router.get("/screen", response_class=HTMLResponse)
def screen_form(request: Request) -> HTMLResponse:
    from supple.services import screening

    return render(request, "screen.html", questions=screening.questions(), answers={}, errors={})


def _answers(form: dict[str, list[str]], questions: list[Any]) -> dict[str, object]:
    """Form strings -> typed answers; the domain's validation reports what is missing or wrong."""
    out: dict[str, object] = {}
    for q in questions:
        raw = _first(form, q.id)
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
    from supple.domain.screening import AnswersError
    from supple.services import screening

    try:
        form = await _form(request)
    except _CsrfError:
        return _csrf_refused(request)
    questions = screening.questions()
    answers = _answers(form, questions)
    try:
        screening.submit(_settings(request), answers)
    except AnswersError as e:
        errors = {p.question: p.problem for p in e.problems}
        return render(
            request,
            "screen.html",
            status_code=422,
            questions=questions,
            answers={k: _first(form, k) for k in form},
            errors=errors,
        )
    return RedirectResponse("/screen/result", status_code=303)


@router.get("/screen/result", response_class=HTMLResponse, response_model=None)
def screen_result(request: Request) -> Response:
    from supple.services import screening

    settings = _settings(request)
    result = screening.latest(settings)
    if result is None:
        return RedirectResponse("/screen", status_code=303)
    if result.outcome == "urgent":
        # Where to go now and nothing else: no navigation, no plan, no other page to get lost in.
        return render(request, "urgent.html", result=result)
    return render(request, "screen_result.html", result=result, refusal=_screen_refusal(settings))


# ----- profile -----------------------------------------------------------------------------------


@router.get("/profile", response_class=HTMLResponse)
def profile_form(request: Request, saved: int = 0) -> HTMLResponse:
    from supple.domain.catalog import PLACES
    from supple.services.profile import get_profile

    profile = get_profile(_settings(request))
    return render(
        request,
        "profile.html",
        values=profile.model_dump(),
        places=PLACES,
        errors={},
        saved=bool(saved),
    )


@router.post("/profile", response_class=HTMLResponse, response_model=None)
async def profile_submit(request: Request) -> Response:
    from pydantic import ValidationError

    from supple.domain.catalog import PLACES
    from supple.domain.profile import Profile
    from supple.services.profile import get_profile, save_profile

    try:
        form = await _form(request)
    except _CsrfError:
        return _csrf_refused(request)
    settings = _settings(request)
    raw: dict[str, Any] = {
        "name": _first(form, "name"),
        "places": form.get("places", []),
        "weekly_goal": _first(form, "weekly_goal") or None,
        "voice": _first(form, "voice") == "on",
        "age": _first(form, "age") or None,
    }
    raw = {k: v for k, v in raw.items() if v is not None}
    try:
        current = get_profile(settings).model_dump()
        profile = Profile.model_validate(current | raw)
    except ValidationError as e:
        errors: dict[str, str] = {}
        for err in e.errors():
            errors.setdefault(
                str(err["loc"][0]), f"{err['msg']} (you gave '{err.get('input', '')}')."
            )
        # What was typed goes back into the form, next to what was wrong with it.
        typed = current | {
            "name": _first(form, "name"),
            "age": _first(form, "age"),
            "places": form.get("places", []),
            "weekly_goal": _first(form, "weekly_goal"),
            "voice": _first(form, "voice") == "on",
        }
        return render(
            request,
            "profile.html",
            status_code=422,
            values=typed,
            places=PLACES,
            errors=errors,
            saved=False,
        )
    save_profile(settings, profile)
    return RedirectResponse("/profile?saved=1", status_code=303)


# ----- plan --------------------------------------------------------------------------------------


def _plan_options(request: Request) -> tuple[dict[str, Any], Any, str | None]:
    """(form values to redisplay, PlanOptions or None, error message)."""
    from pydantic import ValidationError

    from supple.services.planning import PlanOptions

    q = request.query_params
    values: dict[str, Any] = {
        "minutes": q.get("minutes", "10"),
        "places": q.getlist("places"),
        "context": q.get("context", "anytime"),
        "focus": q.getlist("focus"),
        "warm": q.get("warm") == "on",
    }
    if "minutes" not in q:
        return values, None, None
    try:
        options = PlanOptions(
            minutes=values["minutes"],
            places=values["places"] or None,
            context=values["context"],
            focus=values["focus"] or None,
            warm=values["warm"],
        )
    except ValidationError as e:
        from supple.web.wording import FORM_LABELS

        err = e.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else ""
        label = FORM_LABELS.get(field, field)
        return values, None, f"{label}: {err['msg']} (you gave '{err.get('input', '')}')."
    return values, options, None


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request) -> HTMLResponse:
    from supple.data.loader import shipped
    from supple.domain.catalog import PLACES
    from supple.domain.planner_model import PlanError
    from supple.services.catalog import full_catalog
    from supple.services.planning import SafetyRefusal, build_plan
    from supple.services.profile import get_profile
    from supple.wording import FORM, word

    settings = _settings(request)
    urgent = _urgent(settings)
    if urgent is not None:  # no plan form under the emergency text: only where to go
        return render(request, "urgent.html", status_code=409, result=urgent)
    values, options, error = _plan_options(request)
    if not values["places"]:
        values["places"] = list(get_profile(settings).places)
    routine = refusal = None
    status = 200
    if options is not None:
        try:
            routine = build_plan(settings, options)
        except SafetyRefusal as e:
            refusal, status = e, 409
        except PlanError as e:
            error, status = word(e, FORM), 422
    elif error:
        status = 422
    return render(
        request,
        "plan.html",
        status_code=status,
        values=values,
        places=PLACES,
        routine=routine,
        routine_json=routine.model_dump_json().replace("</", "<\\/") if routine else "",
        refusal=refusal,
        error=error,
        catalog=full_catalog(settings),
        muscles=shipped().anatomy.muscles,
    )


# ----- session player ----------------------------------------------------------------------------


@router.get("/session", response_class=HTMLResponse)
def session_page(request: Request) -> HTMLResponse:
    settings = _settings(request)
    urgent = _urgent(settings)
    if urgent is not None:
        return render(request, "urgent.html", result=urgent)
    return render(request, "session.html", voice_mode=_voice_mode(settings))


@router.get("/sw.js")
def service_worker() -> FileResponse:
    # Served from the root so the worker's scope covers every page, not just /static/.
    return FileResponse(
        STATIC_DIR / "sw.js",
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@router.get("/offline", response_class=HTMLResponse)
def offline_page(request: Request) -> HTMLResponse:
    """What the service worker shows for a page it has no copy of while offline."""
    return render(request, "offline.html")


@router.get("/audio/cue.wav", response_model=None)
def cue_audio(request: Request, text: str = "") -> Response:
    try:
        path = audio.render_cue(_settings(request).home / "audio", text)
    except audio.CueTextError as e:
        return Response(str(e), status_code=422, media_type="text/plain")
    if path is None:
        return Response(
            "espeak-ng is not installed: the page uses the browser's voice or chimes instead.",
            status_code=404,
            media_type="text/plain",
        )
    return FileResponse(
        path, media_type="audio/wav", headers={"Cache-Control": "public, max-age=31536000"}
    )


# ----- history and progress ----------------------------------------------------------------------


@router.get("/history", response_class=HTMLResponse)
def history_page(request: Request) -> HTMLResponse:
    from supple.services import sessions
    from supple.services.catalog import full_catalog

    settings = _settings(request)
    rows = sessions.history(settings)
    progress = sessions.progress(settings)
    weeks = [charts.WeekBar(w.week_start, w.sessions, w.met) for w in progress.weeks]
    names = {s.id: s.name for s in full_catalog(settings)}
    for row in rows:  # shown in the user's local time, not the stored UTC
        row["when"] = datetime.fromisoformat(row["started_at"]).astimezone()
    week_charts = []
    if weeks and progress.total_sessions:  # a new user gets words, not a row of empty weeks
        week_charts = [
            charts.weekly_bars(weeks, progress.weekly_goal, size)
            for size in (charts.WIDE, charts.NARROW)
        ]
    return render(
        request,
        "history.html",
        sessions=list(reversed(rows)),
        progress=progress,
        week_charts=week_charts,
        stretches=_stretch_rows(rows, progress.trends, names),
        names=names,
    )


def _stretch_rows(
    rows: list[dict[str, Any]], trends: list[Any], names: dict[str, str]
) -> list[dict[str, Any]]:
    """One entry per rated stretch, for its chart and its row of the trend table alike (so no
    stretch has one without the other): its name, the chart (two rated sessions or more), the
    single rating otherwise, and its trend (None until the trend has two ratings)."""
    series = charts.discomfort_series(rows)
    by_id = {t.id: t for t in trends}
    out = []
    for sid in sorted(set(series) | set(by_id), key=lambda i: (names.get(i) or i).lower()):
        points = series.get(sid, [])
        name = names.get(sid) or sid
        out.append(
            {
                "id": sid,
                "name": name,
                "chart": charts.discomfort_line(name, points) if len(points) > 1 else "",
                "single": points[0] if len(points) == 1 else None,
                "trend": by_id.get(sid),
            }
        )
    return out


# ----- catalog and learn -------------------------------------------------------------------------


@router.get("/catalog", response_class=HTMLResponse)
def catalog_page(request: Request) -> HTMLResponse:
    from supple.services.catalog import full_catalog

    return render(request, "catalog.html", stretches=list(full_catalog(_settings(request))))


@router.get("/catalog/{stretch_id}", response_class=HTMLResponse)
def stretch_page(request: Request, stretch_id: str) -> HTMLResponse:
    from supple.data.loader import shipped
    from supple.domain.catalog import UnknownStretch
    from supple.services.catalog import full_catalog

    catalog = full_catalog(_settings(request))
    try:
        stretch = catalog.get(stretch_id)
    except UnknownStretch:
        return render(
            request,
            "error.html",
            status_code=404,
            title="No such stretch",
            message=f"There is no stretch with the id '{stretch_id}'. "
            f"Pick one from the catalog: {', '.join(catalog.ids())}.",
        )
    return render(request, "stretch.html", s=stretch, muscles=shipped().anatomy.muscles)


@router.get("/learn", response_class=HTMLResponse)
def learn_page(request: Request) -> HTMLResponse:
    from supple.data.loader import shipped

    return render(request, "learn.html", topics=shipped().learn)


# ----- settings ----------------------------------------------------------------------------------


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request) -> HTMLResponse:
    settings = _settings(request)
    return render(
        request,
        "settings.html",
        voice_mode=_voice_mode(settings),
        espeak=audio.espeak_path(),
        home=settings.home,
    )
