"""Clocks the player schedules against: the real monotonic one and a fake one for tests.

The player never sleeps *for* a duration; it sleeps *until* an absolute deadline computed from the
session start, so a late wake-up never pushes the following events later (no accumulated drift).
"""

from __future__ import annotations

import heapq
import threading
import time
from collections.abc import Callable
from typing import Protocol

#: Below this many seconds before a deadline the real clock stops blocking and spins: a blocking
#: wait can overshoot by a scheduler tick, a spin of at most this long cannot.
SPIN_SECONDS = 0.002


class Clock(Protocol):
    def now(self) -> float:
        """Monotonic seconds (arbitrary origin)."""
        ...

    def sleep_until(self, deadline: float) -> None: ...

    def wait_until(self, deadline: float | None, wake: threading.Event) -> bool:
        """Block until `deadline` (None: no deadline) or until `wake` is set, whichever is first.
        Returns True if woken by `wake` (which it leaves set for the caller to clear)."""
        ...


class MonotonicClock:
    """time.monotonic with waits that end within about a millisecond of the deadline."""

    def now(self) -> float:
        return time.monotonic()

    def sleep_until(self, deadline: float) -> None:
        self.wait_until(deadline, threading.Event())

    def wait_until(self, deadline: float | None, wake: threading.Event) -> bool:
        if deadline is None:
            wake.wait()
            return True
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return wake.is_set()
            if left > SPIN_SECONDS:
                if wake.wait(left - SPIN_SECONDS):
                    return True
            elif wake.is_set():
                return True
            # In the last SPIN_SECONDS: busy-wait (re-checking `wake`) for a precise wake-up.


class FakeClock:
    """A clock tests move by hand. Waiting jumps straight to the deadline, firing any callbacks
    registered with `call_at` on the way (that is how a test "presses a key" at a given time)."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._calls: list[tuple[float, int, Callable[[], None]]] = []
        self._seq = 0

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        self._run_until(self._now + seconds, None)

    def call_at(self, at: float, fn: Callable[[], None]) -> None:
        """Run `fn` when the clock reaches `at` (absolute clock seconds)."""
        heapq.heappush(self._calls, (at, self._seq, fn))
        self._seq += 1

    def sleep_until(self, deadline: float) -> None:
        self._run_until(deadline, None)

    def wait_until(self, deadline: float | None, wake: threading.Event) -> bool:
        if wake.is_set():
            return True
        if deadline is None and not self._calls:
            raise RuntimeError("FakeClock: waiting forever with nothing scheduled to wake it")
        return self._run_until(deadline, wake)

    def _run_until(self, deadline: float | None, wake: threading.Event | None) -> bool:
        while self._calls and (deadline is None or self._calls[0][0] <= deadline):
            at, _, fn = heapq.heappop(self._calls)
            self._now = max(self._now, at)
            fn()
            if wake is not None and wake.is_set():
                return True
        if deadline is not None:
            self._now = max(self._now, deadline)
        return False
