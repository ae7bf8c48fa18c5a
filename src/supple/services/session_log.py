"""The session log: every player event written as it happens, each in its own transaction.

The terminal player hands each event to `SessionRecorder`, which queues it for its own writer
thread: the player's thread never waits for the database, so a slow commit cannot make the
next cue late. The writer takes each event as soon as it is queued (milliseconds later), so
killing the process loses at most the hold in progress; the session, left `running`, stops
heartbeating and is marked `interrupted` once its heartbeat is stale (`SessionRepo.STALE_AFTER`)
keeping what was saved.

`record_event` is the one place that turns a player event into rows; the terminal player's
`SessionRecorder` and the web app's event endpoint (`services.web_sessions`) both call it.
"""

from __future__ import annotations

import queue
import threading
from collections import defaultdict
from collections.abc import Callable, Mapping
from functools import partial
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
    rating_of_step: Callable[[int], int | None] | None = None,
    stored_ratings: bool = False,
) -> int | None:
    """Write one player event: a saved item for a hold, skip or pain stop; ratings applied to
    the stretch's items saved so far; and the raw event. Returns the new item's `seq`, if any
    (the raw event keeps it as `item`, so a rating arriving later finds it). A hold, skip or
    pain stop and its raw event are one transaction (SessionRepo.log_event).

    `rating_of_step` gives a rating already given for the step, if any: an item saved after
    its stretch was rated (say `rate 6` during the first hold) gets it too. With
    `stored_ratings` that rating is the last one the session's stored raw events gave the step,
    read within the transaction (the web app, which keeps nothing between requests)."""
    from supple.store.repositories.event_log import NewItem

    data = dict(data)
    item: NewItem | None = None
    kind = {"hold-complete": "hold", "skipped": "skipped", "pain": "pain"}.get(name)
    if kind == "skipped" and data.get("kind") in ("transition",):
        kind = None
    if kind is not None and stretch_id and step is not None:
        held = float(data.get("held_seconds") or 0.0)
        rated = rating_of_step(step) if rating_of_step is not None else None
        item = NewItem(
            stretch_id,
            side or "both",
            round(held, 3),
            float(data.get("planned_seconds") or planned.get((step, side or "both"), 0.0)),
            discomfort=rated,
            skipped=kind == "skipped",
            pain=kind == "pain",
            rating_step=step if stored_ratings and rated is None else None,
        )
    elif name == "rated" and step is not None:
        # A rating is for the whole stretch: every hold of it saved so far.
        for seq in items_of_step(step):
            repo.rate_item(session_id, seq, int(data["discomfort"]))
    return repo.log_event(
        session_id,
        t,
        name,
        {"step": step, "id": stretch_id, "side": side, "scheduled": scheduled, **data},
        item,
    )


class SessionRecorder:
    """A player listener that writes the session log as the session goes, off the player's
    thread: `__call__` only queues the event; a writer thread commits it at once, and
    heartbeats every `heartbeat_seconds` while nothing happens (a pause), so a live session
    is never taken for a dead one. `close` writes what is queued and ends the session."""

    #: Seconds between heartbeats while no event is written; well under STALE_AFTER.
    HEARTBEAT_SECONDS = 20.0

    def __init__(
        self,
        settings: Settings,
        routine: Routine,
        timeline: Timeline,
        time_scale: float = 1.0,
        *,
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
    ) -> None:
        from supple.services.context import store_for

        self.repo = store_for(settings).sessions
        self.session_id = self.repo.start(routine.model_dump(mode="json"))
        self._items_of_step: dict[int, list[int]] = defaultdict(list)
        self._ratings: dict[int, int] = {}
        self._planned = planned_hold_seconds(timeline, time_scale)
        self._heartbeat = heartbeat_seconds
        self._queue: queue.SimpleQueue[Event | None] = queue.SimpleQueue()
        self.ended = False
        self.failures: list[str] = []
        """What could not be written (the writer carries on with the next event)."""
        self._writer = threading.Thread(target=self._write_loop, name="supple-log", daemon=True)
        self._writer.start()

    def __call__(self, event: Event) -> None:
        self._queue.put(event)

    def close(self, status: str = "stopped") -> None:
        """Write every queued event, stop the writer, and end the session as `status` if no
        `finished` / `stopped` event has ended it already."""
        if self._writer.is_alive():
            self._queue.put(None)
            self._writer.join()
        self.finish(status)

    def finish(self, status: str) -> None:
        if not self.ended:
            self.repo.finish(self.session_id, status)
            self.ended = True

    def _write_loop(self) -> None:
        while True:
            try:
                event = self._queue.get(timeout=self._heartbeat)
            except queue.Empty:
                self._safely("heartbeat", lambda: self.repo.heartbeat(self.session_id))
                continue
            if event is None:
                return
            self._safely(event.event, partial(self._write, event))

    def _safely(self, what: str, write: Callable[[], None]) -> None:
        try:
            write()
        except Exception as e:  # a failed write must not stop the log of what follows
            self.failures.append(f"{what}: {e}")

    def _write(self, event: Event) -> None:
        if event.event == "rated" and event.step is not None:
            self._ratings[event.step] = int(str(event.data["discomfort"]))
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
            rating_of_step=self._ratings.get,
        )
        if seq is not None and event.step is not None:
            self._items_of_step[event.step].append(seq)
        if event.event in ENDING_EVENTS:
            self.finish(ENDING_EVENTS[event.event])
