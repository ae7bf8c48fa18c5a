"""The session log: every player event written as it happens, each in its own transaction.

Killing the process loses at most the hold in progress; the next start marks the session
`interrupted` (SessionRepo.start) and keeps what was saved.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.domain.routine import Routine
    from supple.domain.timeline import Timeline
    from supple.player.engine import Event


class SessionRecorder:
    """A player listener that writes the session log as the session goes."""

    def __init__(
        self, settings: Settings, routine: Routine, timeline: Timeline, time_scale: float = 1.0
    ) -> None:
        from supple.services.context import store_for

        self.repo = store_for(settings).sessions
        self.session_id = self.repo.start(routine.model_dump(mode="json"))
        self._items_of_step: dict[int, list[int]] = defaultdict(list)
        self._rating: dict[int, int] = {}
        # Planned hold seconds per (step, side), for items that end early (skip, pain).
        self._planned: dict[tuple[int, str], float] = defaultdict(float)
        for seg in timeline.segments:
            if seg.hold_group is not None:
                self._planned[(seg.step, seg.side)] += seg.duration * time_scale
        self.ended = False

    def __call__(self, event: Event) -> None:
        data: dict[str, Any] = dict(event.data)
        name = event.event
        if name == "hold-complete" and event.id:
            self._item(event, float(data.get("held_seconds", 0.0)), data)
        elif name == "skipped" and event.id and data.get("kind") not in ("transition",):
            self._item(event, float(data.get("held_seconds", 0.0)), data, skipped=True)
        elif name == "pain" and event.id:
            self._item(event, float(data.get("held_seconds", 0.0)), data, pain=True)
        elif name == "rated" and event.step is not None:
            # A rating is for the whole stretch: the holds saved so far and any still to come.
            self._rating[event.step] = int(data["discomfort"])
            for seq in self._items_of_step.get(event.step, []):
                self.repo.rate_item(self.session_id, seq, self._rating[event.step])
        self.repo.add_event(
            self.session_id,
            event.t,
            name,
            {
                "step": event.step,
                "id": event.id,
                "side": event.side,
                "scheduled": event.scheduled,
                **data,
            },
        )
        if name in ("finished", "stopped"):
            self.finish("completed" if name == "finished" else "stopped")

    def _item(
        self,
        event: Event,
        held: float,
        data: dict[str, Any],
        *,
        skipped: bool = False,
        pain: bool = False,
    ) -> None:
        assert event.id is not None and event.step is not None
        seq = self.repo.add_item(
            self.session_id,
            event.id,
            event.side or "both",
            round(held, 3),
            float(data.get("planned_seconds") or self._planned[(event.step, event.side or "both")]),
            skipped=skipped,
            pain=pain,
        )
        self._items_of_step[event.step].append(seq)

    def finish(self, status: str) -> None:
        if not self.ended:
            self.repo.finish(self.session_id, status)
            self.ended = True
