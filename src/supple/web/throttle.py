"""Login attempts per address: after a few wrong passwords, a pause before the next try.

Kept in memory for the one server process of remote mode: it slows guessing from one address
to a handful of tries a minute. A multi-user server keeps its counts in PostgreSQL, per account
and per address, so every worker sees them (`services.accounts`), with the same rule
(`wait_after`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from threading import Lock

#: Wrong passwords from one address before it must wait.
FREE_ATTEMPTS = 5
#: The first wait, doubled with every further wrong password, up to MAX_WAIT seconds.
FIRST_WAIT = 30.0
MAX_WAIT = 15 * 60.0
#: An address with no wrong password for this long starts afresh.
FORGET_AFTER = 60 * 60.0


def wait_after(failures: int, elapsed: float) -> int:
    """Seconds still to wait after `failures` wrong passwords, the last `elapsed` seconds ago
    (0: a try may be made now)."""
    if failures < FREE_ATTEMPTS or elapsed > FORGET_AFTER:
        return 0
    wait = min(MAX_WAIT, FIRST_WAIT * 2 ** (failures - FREE_ATTEMPTS))
    return max(0, int(wait - elapsed + 0.999))


@dataclass
class _Address:
    failures: int = 0
    last: float = 0.0


@dataclass
class LoginThrottle:
    clock: object = time.monotonic
    _seen: dict[str, _Address] = field(default_factory=dict)
    _lock: Lock = field(default_factory=Lock)

    def _now(self) -> float:
        return float(self.clock())  # type: ignore[operator]

    def wait_seconds(self, address: str) -> int:
        """Seconds this address must still wait before its next try (0: it may try now)."""
        with self._lock:
            seen = self._seen.get(address)
            if seen is None or seen.failures < FREE_ATTEMPTS:
                return 0
            if self._now() - seen.last > FORGET_AFTER:
                del self._seen[address]
                return 0
            return wait_after(seen.failures, self._now() - seen.last)

    def failed(self, address: str) -> None:
        with self._lock:
            seen = self._seen.setdefault(address, _Address())
            seen.failures += 1
            seen.last = self._now()

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._seen.pop(address, None)
