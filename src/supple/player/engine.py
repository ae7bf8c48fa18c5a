"""The session player: a state machine that runs a timeline against a clock.

Every segment is due at `start + segment.start * time_scale + offset`, where `offset` is the total
time the schedule has been shifted (by pauses, skips and going back). The player sleeps until the
next absolute due time, never for a duration, so lateness never accumulates.

Commands (`pause`, `resume`, `skip`, `back`, `pain`, `rate N`, `quit`) may be posted from any
thread with `post`; the run loop wakes at once to handle them. Every event goes to the listener
as it happens, so a session log can persist each one in its own transaction.
"""

from __future__ import annotations

import queue
import re
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from supple.domain.timeline import Segment, Timeline
from supple.player import safety
from supple.player.clock import Clock

State = Literal["idle", "running", "paused", "pain", "done"]

#: `back` within this many timeline seconds of a step's start goes to the step before it.
BACK_GRACE_SECONDS = 3.0

#: The pain event's advice: the same text as both players' pain panels (player.safety).
PAIN_ADVICE = safety.PAIN_ADVICE

#: The GIL switch interval while a session plays (seconds; Python's default is 0.005).
SWITCH_INTERVAL = 0.001

#: Seconds by which a boundary may be early and still count as reached.
DUE_TOLERANCE = 1e-6

COMMANDS = ("pause", "resume", "skip", "back", "pain", "rate N", "quit")

# Plain ASCII digits only: str.isdigit() also accepts "²" or "٣", which int() then refuses.
_WHOLE = re.compile(r"[0-9]{1,4}", re.ASCII)


def whole_number(text: str) -> int | None:
    """`text` as a non-negative whole number written in ASCII digits, else None."""
    return int(text) if _WHOLE.fullmatch(text) else None


@dataclass(frozen=True)
class Event:
    event: str
    t: float
    """Seconds since the session start on the clock (real seconds)."""
    scheduled: float
    """When it was due, in the same seconds as `t` (after time scale and schedule shifts)."""
    step: int | None
    id: str | None
    side: str | None
    data: dict[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "t": round(self.t, 6),
            "scheduled": round(self.scheduled, 6),
            "event": self.event,
            "step": self.step,
            "id": self.id,
            "side": self.side,
            **self.data,
        }


Listener = Callable[[Event], None]


@dataclass(frozen=True)
class Status:
    """What a view needs to draw one frame."""

    state: State
    segment: Segment | None
    next_segment: Segment | None
    remaining: float
    """Real seconds left in the current segment."""
    elapsed: float
    """Timeline seconds of the session done (0..timeline.total)."""
    total: float


class Player:
    def __init__(
        self,
        timeline: Timeline,
        clock: Clock,
        listener: Listener,
        time_scale: float = 1.0,
        red_flags: Sequence[str] = (),
    ) -> None:
        """`red_flags`: signs that need urgent care, added to every `pain` event (the
        screening's red-flag questions; see `supple.player.safety`)."""
        if not time_scale > 0:
            raise ValueError(f"time scale {time_scale!r} must be a positive number")
        self.timeline = timeline
        self.red_flags = list(red_flags)
        self.clock = clock
        self.listener = listener
        self.scale = time_scale
        self.state: State = "idle"
        self._segs = timeline.segments
        self._start = 0.0
        self._offset = 0.0
        self._idx = 0
        self._paused_at = 0.0
        self._group_start = 0.0
        self._group_paused = 0.0
        self._last_stretch: int | None = None
        self._commands: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._wake = threading.Event()
        self._lock = threading.RLock()

    # ----- driving -----------------------------------------------------------------------------

    def post(self, command: str) -> None:
        """Queue a command from any thread; the run loop handles it at once. After the session
        has ended there is no run loop, so the command is handled here and now (only `rate` is
        accepted then: the view asks about the last stretch after the end)."""
        with self._lock:
            if self.state == "done":
                self.handle(command)
                return
            self._commands.put(command)
        self._wake.set()

    def run(self) -> None:
        """Play the whole timeline, handling posted commands, until finished or stopped."""
        # Other threads (the session log's writer, the view) run Python too; a thread that
        # wakes at its deadline must wait for the GIL until the one holding it is made to let
        # go, which takes up to the switch interval (5 ms by default): shorten it while playing.
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
        try:
            self.start()
            while self.state != "done":
                self.clock.wait_until(self.next_deadline(), self._wake)
                self._wake.clear()
                self.tick()
                while True:
                    try:
                        command = self._commands.get_nowait()
                    except queue.Empty:
                        break
                    self.handle(command)
        finally:
            sys.setswitchinterval(interval)

    def start(self) -> None:
        with self._lock:
            self._start = self.clock.now()
            self.state = "running"
            self._emit("started", 0.0, None, total=self.timeline.total * self.scale)
            if not self._segs:
                self._finish(0.0)
                return
            self._enter(0)

    def next_deadline(self) -> float | None:
        """Absolute clock time of the next scheduled change; None while paused or after pain."""
        with self._lock:
            if self.state != "running":
                return None
            return self._start + self._end_due(self._idx)

    def tick(self) -> None:
        """Process every segment boundary that is due by now."""
        with self._lock:
            if self.state != "running":
                return
            # The tolerance absorbs float rounding between the absolute deadline the clock woke
            # at and the relative due time (otherwise a fake clock could wait at it forever).
            now = self._rel() + DUE_TOLERANCE
            while self.state == "running" and self._end_due(self._idx) <= now:
                end = self._end_due(self._idx)
                if self._ends_group(self._idx):
                    seg = self._segs[self._idx]
                    self._emit(
                        "hold-complete",
                        end,
                        seg,
                        kind=seg.kind,
                        segment=seg.index,
                        held_seconds=self._held(self._rel()),
                        planned_seconds=round(self._group_planned(self._idx), 6),
                    )
                if self._idx + 1 >= len(self._segs):
                    self._finish(end)
                else:
                    self._enter(self._idx + 1)

    def handle(self, command: str) -> None:
        """Apply one command line (`pause`, `rate 3`, ...); a bad one yields an `error` event."""
        with self._lock:
            self.tick()
            words = command.strip().lower().split()
            if not words:
                return
            verb, args = words[0], words[1:]
            if self.state == "done" and verb != "rate":
                return
            handler = {
                "pause": self._pause,
                "resume": self._resume,
                "skip": self._skip,
                "next": self._skip,
                "back": self._back,
                "pain": self._pain,
                "rate": self._rate,
                "quit": self._quit,
                "stop": self._quit,
            }.get(verb)
            if handler is None:
                self._error(command, f"unknown command; use one of: {', '.join(COMMANDS)}")
            elif verb != "rate" and args:
                self._error(command, f"`{verb}` takes no argument")
            else:
                handler(command, args)

    def status(self) -> Status:
        with self._lock:
            seg = self._segs[self._idx] if self._segs and self.state != "done" else None
            nxt = (
                self._segs[self._idx + 1]
                if seg is not None and self._idx + 1 < len(self._segs)
                else None
            )
            now = self._paused_at if self.state in ("paused", "pain") else self._rel()
            remaining = max(0.0, self._end_due(self._idx) - now) if seg is not None else 0.0
            total = self.timeline.total
            if self.state == "done":
                elapsed = total
            elif self.state == "idle":
                elapsed = 0.0
            else:
                elapsed = min(total, max(0.0, (now - self._offset) / self.scale))
            return Status(self.state, seg, nxt, remaining, elapsed, total)

    # ----- schedule ----------------------------------------------------------------------------

    def _rel(self) -> float:
        return self.clock.now() - self._start

    def _due(self, idx: int) -> float:
        return self._segs[idx].start * self.scale + self._offset

    def _end_due(self, idx: int) -> float:
        return self._segs[idx].end * self.scale + self._offset

    def _ends_group(self, idx: int) -> bool:
        g = self._segs[idx].hold_group
        if g is None:
            return False
        return idx + 1 >= len(self._segs) or self._segs[idx + 1].hold_group != g

    def _group_planned(self, idx: int) -> float:
        g = self._segs[idx].hold_group
        return sum(s.duration for s in self._segs if s.hold_group == g) * self.scale

    def _in_group(self) -> bool:
        return (
            self.state != "done"
            and bool(self._segs)
            and (self._segs[self._idx].hold_group is not None)
        )

    def _held(self, now: float) -> float:
        return round(max(0.0, now - self._group_start - self._group_paused), 6)

    def _enter(self, idx: int, fresh: bool = False) -> None:
        """Make segment `idx` current and announce it; `fresh` starts a new hold group even if
        the previous segment belonged to the same one (after a skip or going back)."""
        prev = self._segs[self._idx].hold_group
        self._idx = idx
        seg = self._segs[idx]
        if seg.hold_group is not None and (fresh or idx == 0 or seg.hold_group != prev):
            self._group_start = self._rel()
            self._group_paused = 0.0
        if seg.id is not None and seg.kind != "warmup":
            self._last_stretch = seg.step
        self._emit(
            "segment-start",
            self._due(idx),
            seg,
            kind=seg.kind,
            segment=seg.index,
            rep=seg.rep,
            duration=round(seg.duration * self.scale, 6),
            cue=seg.cue,
            source=seg.source,
        )

    def _jump(self, idx: int) -> None:
        """Shift the schedule so segment `idx` begins now."""
        self._offset = self._rel() - self._segs[idx].start * self.scale
        self.state = "running"
        self._enter(idx, fresh=True)

    def _finish(self, due: float) -> None:
        self.state = "done"
        self._emit("finished", due, None)

    # ----- commands ----------------------------------------------------------------------------

    def _pause(self, command: str, args: list[str]) -> None:
        if self.state != "running":
            self._error(command, f"cannot pause while {self._state_words()}")
            return
        self.state = "paused"
        self._paused_at = self._rel()
        self._emit("paused", self._paused_at, self._segs[self._idx])

    def _resume(self, command: str, args: list[str]) -> None:
        if self.state != "paused":
            self._error(command, f"cannot resume while {self._state_words()}")
            return
        now = self._rel()
        gap = now - self._paused_at
        self._offset += gap
        self._group_paused += gap
        self.state = "running"
        self._emit("resumed", now, self._segs[self._idx], paused_seconds=round(gap, 6))

    def _skip(self, command: str, args: list[str]) -> None:
        seg = self._segs[self._idx]
        now = self._paused_at if self.state in ("paused", "pain") else self._rel()
        extra: dict[str, object] = {"kind": seg.kind}
        if self.state != "pain" and self._in_group():
            extra["held_seconds"] = self._held(now)
            # The hold in progress, not the whole stretch: its other holds are logged apart.
            extra["planned_seconds"] = round(self._group_planned(self._idx), 6)
        if self.state != "pain":
            self._emit("skipped", self._rel(), seg, **extra)
        later = [i for i, s in enumerate(self._segs) if s.step > seg.step]
        if not later:
            self._finish(self._rel())
            return
        self._jump(later[0])

    def _back(self, command: str, args: list[str]) -> None:
        if self.state == "pain":
            self._error(command, "after a pain stop, say `skip` for the next stretch or `quit`")
            return
        seg = self._segs[self._idx]
        steps = self.timeline.steps()
        first = self.timeline.first_of_step(seg.step)
        assert first is not None
        now = self._paused_at if self.state == "paused" else self._rel()
        into = (now - self._due(first.index)) / self.scale
        target = seg.step
        if into <= BACK_GRACE_SECONDS or seg.kind == "transition":
            before = [s for s in steps if s < seg.step and self._step_kind(s) != "transition"]
            if before:
                target = before[-1]
        dest = self.timeline.first_of_step(target)
        assert dest is not None
        self._emit("back", self._rel(), seg, to_step=target)
        self._jump(dest.index)

    def _step_kind(self, step: int) -> str:
        first = self.timeline.first_of_step(step)
        return first.kind if first is not None and first.kind == "transition" else "other"

    def _pain(self, command: str, args: list[str]) -> None:
        if self.state == "pain":
            self._error(command, "already stopped for pain; say `skip` or `quit`")
            return
        seg = self._segs[self._idx]
        now = self._paused_at if self.state == "paused" else self._rel()
        extra: dict[str, object] = {
            "kind": seg.kind,
            "advice": PAIN_ADVICE,
            "red_flags": self.red_flags,
        }
        if self._in_group():
            extra["held_seconds"] = self._held(now)
            extra["planned_seconds"] = round(self._group_planned(self._idx), 6)
        self.state = "pain"
        self._paused_at = self._rel()
        self._emit("pain", self._paused_at, seg, **extra)

    def _rate(self, command: str, args: list[str]) -> None:
        """`rate N` scores the last stretch started; `rate N STEP` a given step (a view that
        asks after a stretch may get the answer once the next one has begun)."""
        numbers = [whole_number(a) for a in args]
        score = numbers[0] if numbers else None
        if not 1 <= len(args) <= 2 or None in numbers or score is None or score > 10:
            self._error(command, "give a whole number from 0 (none) to 10 (worst), e.g. `rate 3`")
            return
        step = numbers[1] if len(numbers) == 2 else self._last_stretch
        first = self.timeline.first_of_step(step) if step is not None else None
        if first is None or first.id is None or first.kind == "warmup":
            self._error(command, "no stretch has started yet, so there is nothing to rate")
            return
        if first.step > self._segs[self._idx].step:
            self._error(command, f"step {first.step} has not started yet; rate it afterwards")
            return
        now = self._rel()
        self.listener(Event("rated", now, now, first.step, first.id, "both", {"discomfort": score}))

    def _quit(self, command: str, args: list[str]) -> None:
        seg = self._segs[self._idx]
        now = self._paused_at if self.state in ("paused", "pain") else self._rel()
        extra: dict[str, object] = {"kind": seg.kind}
        if self.state != "pain" and self._in_group():
            extra["held_seconds"] = self._held(now)
        self.state = "done"
        self._emit("stopped", self._rel(), seg, **extra)

    def _state_words(self) -> str:
        return {"paused": "paused", "pain": "stopped for pain", "running": "running"}.get(
            self.state, self.state
        )

    def _error(self, command: str, message: str) -> None:
        seg = self._segs[self._idx] if self._segs else None
        now = self._rel()
        self._emit("error", now, seg, command=command.strip(), message=message)

    def _emit(self, name: str, scheduled: float, seg: Segment | None, **data: object) -> None:
        t = self._rel()
        if seg is None:
            self.listener(Event(name, t, scheduled, None, None, None, dict(data)))
        else:
            self.listener(Event(name, t, scheduled, seg.step, seg.id, seg.side, dict(data)))
