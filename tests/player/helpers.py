"""Small routines and a recording player for the player tests."""

from __future__ import annotations

from supple.data.loader import shipped
from supple.domain.planner_rules import REST_SECONDS, SWITCH_SECONDS
from supple.domain.routine import Routine, Side, Step
from supple.domain.timeline import Timeline, compile_timeline
from supple.player.clock import FakeClock
from supple.player.engine import Event, Player

CATALOG = shipped().catalog
T0 = 1000.0  # FakeClock's default start


def static(sid: str, hold: int, reps: int, lead: int = 8) -> Step:
    s = CATALOG.get(sid)
    sides: list[Side] = ["left", "right"] if s.one_sided else ["both"]
    per_side = reps * hold + (reps - 1) * REST_SECONDS
    seconds = len(sides) * per_side + (len(sides) - 1) * SWITCH_SECONDS + lead
    return Step(
        kind="stretch",
        id=sid,
        seconds=seconds,
        name=s.name,
        style="static",
        position=s.position,
        sides=sides,
        hold_seconds=hold,
        reps=reps,
    )


def routine(*steps: Step) -> Routine:
    return Routine(
        total_seconds=sum(s.seconds for s in steps),
        warmed_up=False,
        context="anytime",
        steps=list(steps),
    )


def sample_routine() -> Routine:
    """Warm-up 60 s, transition 15 s, cat-cow 4 rounds (5 s lead), transition 15 s,
    supine figure-four 2 x 30 s per side (8 s lead), supine spinal twist 1 x 20 s per side."""
    return routine(
        Step(
            kind="warmup",
            id="light-cardio-warmup",
            seconds=60,
            name="Light cardio warm-up",
            style="warmup",
            sides=["both"],
        ),
        Step(kind="transition", seconds=15, name="Move from standing to all-fours"),
        Step(
            kind="stretch",
            id="cat-cow",
            seconds=37,
            name="Cat-cow",
            style="dynamic",
            sides=["both"],
            hold_seconds=8,
            reps=4,
        ),
        Step(kind="transition", seconds=15, name="Move from all-fours to lying"),
        static("supine-figure-four", 30, 2),
        static("supine-spinal-twist", 20, 1),
    )


def sample_timeline() -> Timeline:
    return compile_timeline(sample_routine(), CATALOG)


class Recorder:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def __call__(self, event: Event) -> None:
        self.events.append(event)

    def names(self) -> list[str]:
        return [e.event for e in self.events]

    def of(self, name: str) -> list[Event]:
        return [e for e in self.events if e.event == name]


def scripted(
    commands: dict[float, str], timeline: Timeline | None = None, scale: float = 1.0
) -> tuple[Recorder, Player]:
    """Run a whole session on a fake clock, posting each command at its session second."""
    clock = FakeClock(T0)
    rec = Recorder()
    player = Player(timeline or sample_timeline(), clock, rec, scale)
    for at, command in commands.items():
        clock.call_at(T0 + at, lambda c=command: player.post(c))
    player.run()
    return rec, player
