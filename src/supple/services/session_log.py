"""The session log: every player event written as it happens, each in its own transaction.

Killing the process loses at most the hold in progress; the next start marks the session
`interrupted` (SessionRepo.start) and keeps what was saved.

`record_event` is the one place that turns a player event into rows; the terminal player's
`SessionRecorder` and the web app's event endpoint (`services.web_sessions`) both call it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.domain.routine import Routine
    from supple.domain.timeline import Timeline
    from supple.player.engine import Event
    from supple.store.repositories import SessionRepo

#: Events that end a session, and the status each one leaves it in.
ENDING_EVENTS = {"finished": "completed", "stopped": "stopped"}


def planned_hold_seconds(
    timeline: Timeline, time_scale: float = 1.0
) -> dict[tuple[int, str], float]:
    """Planned hold seconds per (step, side), for items that end early (skip, pain)."""
    planned: dict[tuple[int, str], float] = defaultdict(float)
    for seg in timeline.segments:
        if seg.hold_group is not None:
            planned[(seg.step, seg.side)] += seg.duration * time_scale
    return planned


def record_event(
    repo: SessionRepo,
    session_id: str,
    name: str,
    t: float,
    step: int | None,
    stretch_id: str | None,
    side: str | None,
    scheduled: float | None,
    data: Mapping[str, Any],
    *,
    planned: Mapping[tuple[int, str], float],
    items_of_step: Callable[[int], list[int]],
) -> int | None:
    """Write one player event: a saved item for a hold, skip or pain stop; ratings applied to
    the stretch's items saved so far; and the raw event. Returns the new item's `seq`, if any
    (the raw event keeps it as `item`, so a rating arriving later finds it)."""
    data = dict(data)
    seq: int | None = None
    kind = {"hold-complete": "hold", "skipped": "skipped", "pain": "pain"}.get(name)
    if kind == "skipped" and data.get("kind") in ("transition",):
        kind = None
    if kind is not None and stretch_id and step is not None:
        held = float(data.get("held_seconds") or 0.0)
        seq = repo.add_item(
            session_id,
            stretch_id,
            side or "both",
            round(held, 3),
            float(data.get("planned_seconds") or planned.get((step, side or "both"), 0.0)),
            skipped=kind == "skipped",
            pain=kind == "pain",
        )
        data["item"] = seq
    elif name == "rated" and step is not None:
        # A rating is for the whole stretch: every hold of it saved so far.
        for item in items_of_step(step):
            repo.rate_item(session_id, item, int(data["discomfort"]))
    repo.add_event(
        session_id,
        t,
        name,
        {"step": step, "id": stretch_id, "side": side, "scheduled": scheduled, **data},
    )
    return seq


class SessionRecorder:
    """A player listener that writes the session log as the session goes."""

    def __init__(
        self, settings: Settings, routine: Routine, timeline: Timeline, time_scale: float = 1.0
    ) -> None:
        from supple.services.context import store_for

        self.repo = store_for(settings).sessions
        self.session_id = self.repo.start(routine.model_dump(mode="json"))
        self._items_of_step: dict[int, list[int]] = defaultdict(list)
        self._planned = planned_hold_seconds(timeline, time_scale)
        self.ended = False

    def __call__(self, event: Event) -> None:
        seq = record_event(
            self.repo,
            self.session_id,
            event.event,
            event.t,
            event.step,
            event.id,
            event.side,
            event.scheduled,
            event.data,
            planned=self._planned,
            items_of_step=lambda step: self._items_of_step.get(step, []),
        )
        if seq is not None and event.step is not None:
            self._items_of_step[event.step].append(seq)
        if event.event in ENDING_EVENTS:
            self.finish(ENDING_EVENTS[event.event])

    def finish(self, status: str) -> None:
        if not self.ended:
            self.repo.finish(self.session_id, status)
            self.ended = True
