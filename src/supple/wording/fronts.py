"""The front ends and their names for the fields and places a message mentions.

A template says `{opt[minutes]}` where it names a field; each front end puts its own word
there: `--minutes` in the terminal, `"minutes"` in an API answer, "Minutes" on the plan form.
A test checks that every name a template uses is known to every front end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from supple.wording.i18n import N_, _


@dataclass(frozen=True)
class Front:
    id: str
    names: Mapping[str, str]
    translate: frozenset[str] = field(default_factory=frozenset)
    """Names that are words for people (form labels, page names): translated when used."""

    def name(self, key: str) -> str:
        if key not in self.names and key.startswith("steps."):
            return self.step_field(key)
        text = self.names[key]
        return _(text) if key in self.translate else text

    def step_field(self, key: str) -> str:
        """A field of one routine step ("steps.2.hold_seconds"): its JSON path in the API,
        "step 3" (counted from 1) for people."""
        if self.id == "api":
            return _json(key)
        parts = key.split(".")
        return _("step {n}").format(n=int(parts[1]) + 1) if parts[1].isdigit() else key


def _cli(option: str) -> str:
    return f"--{option}"


def _json(name: str) -> str:
    return f'"{name}"'


#: Field or place -> (terminal, API, web form). Terminal options are the command's own flags.
_TABLE: dict[str, tuple[str, str, str]] = {
    # plan options
    "minutes": (_cli("minutes"), _json("minutes"), N_("Minutes")),
    "places": (_cli("place"), _json("places"), N_("Where")),
    "context": (_cli("context"), _json("context"), N_("When")),
    "focus": (_cli("focus"), _json("focus"), N_("Focus")),
    "warm": (_cli("warm"), _json("warm"), N_('"I am already warm"')),
    "avoid": (_cli("avoid"), _json("avoid"), N_("Avoid")),
    "seed": (_cli("seed"), _json("seed"), N_("Variation")),
    "save": (_cli("save"), _json("name"), N_("Routine name")),
    "routine": (_cli("routine"), _json("routine_name"), N_("Routine")),
    # catalog filters and entries
    "place": (_cli("place"), _json("place"), N_("Where")),
    "style": (_cli("style"), _json("style"), N_("Style")),
    "region": (_cli("region"), _json("region"), N_("Region")),
    "position": (_cli("position"), _json("position"), N_("Position")),
    "sides": (_cli("sides"), _json("sides"), N_("Sides")),
    "stretch": (_cli("stretch"), _json("id"), N_("Stretch")),
    # profile
    "name": (_cli("name"), _json("name"), N_("Name")),
    "age": (_cli("age"), _json("age"), N_("Age")),
    "goal": (_cli("goal"), _json("weekly_goal"), N_("Sessions a week")),
    "timezone": (_cli("timezone"), _json("timezone"), N_("Time zone")),
    # accounts (a multi-user server)
    "email": ("EMAIL", _json("email"), N_("Email")),
    "password": (_cli("password-file"), _json("password"), N_("Password")),
    # a coach's prescription
    "stretches": (N_("the stretches"), _json("stretches"), N_("Stretches")),
    "days_per_week": (N_("days a week"), _json("days_per_week"), N_("Days a week")),
    # reminders
    "days": (_cli("days"), _json("days"), N_("Days")),
    "time": (_cli("time"), _json("time"), N_("Time")),
    "ics": (_cli("ics"), _json("ics"), N_("Calendar file")),
    # history
    "since": (_cli("since"), _json("since"), N_("Since")),
    # pain checks
    "reason": (_cli("reason"), _json("reason"), N_("Reason")),
    "checked": ("NAME", _json("stretch"), N_("Stretch")),
    # data files and the data directory
    "file": (N_("the file"), _json("file"), N_("File")),
    "home": (_cli("home"), "SUPPLE_HOME", N_("the data directory")),
    "database": ("SUPPLE_DATABASE_URL", "SUPPLE_DATABASE_URL", "SUPPLE_DATABASE_URL"),
    "answers": (_cli("answers"), _json("answers"), N_("the screening answers")),
    # sessions
    "session": (N_("the session"), _json("session_id"), N_("the session")),
    "event": (N_("the event"), _json("event"), N_("the event")),
    "step": (N_("the step"), _json("step"), N_("the step")),
    "side": (N_("the side"), _json("side"), N_("Side")),
    "steps": (N_("the steps"), _json("steps"), N_("the steps")),
    "discomfort": (N_("the rating"), _json("discomfort"), N_("Discomfort")),
    "time_scale": (_cli("time-scale"), _json("time_scale"), N_("Speed")),
    # where a person goes next
    "catalog-list": (
        N_("`supple catalog`"),
        "GET /api/v1/catalog",
        N_("the Stretches page"),
    ),
    "screen-again": (N_("`supple screen`"), "POST /api/v1/screening", N_("the safety screen")),
    "plan-again": (N_("`supple plan`"), "POST /api/v1/plan", N_("the Plan page")),
    "routines-list": (N_("`supple routine list`"), "GET /api/v1/routines", N_("the Plan page")),
    "import-catalog": (
        N_("`supple catalog import`"),
        "supple catalog import",
        N_("`supple catalog import` in a terminal"),
    ),
}

CLI = Front(
    "cli",
    {k: v[0] for k, v in _TABLE.items()},
    frozenset(k for k, v in _TABLE.items() if not v[0].startswith(("-", "SUPPLE_"))),
)
API = Front("api", {k: v[1] for k, v in _TABLE.items()})
FORM = Front(
    "form",
    {k: v[2] for k, v in _TABLE.items()},
    frozenset(k for k, v in _TABLE.items() if not v[2].startswith("SUPPLE_")),
)
FRONTS = (CLI, API, FORM)
