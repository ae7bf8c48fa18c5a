"""Time rules both read paths share (the SQLAlchemy repositories and `fast_read`), in the
standard library only."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

#: A `running` session whose last heartbeat is older than this is taken for dead (its process
#: was killed, or its browser tab closed). The terminal player beats at least every 20 s
#: (SessionRecorder.HEARTBEAT_SECONDS) even while paused, so six missed beats in a row are
#: needed. The browser player beats with each event it sends; if a paused tab outlives this
#: and comes back, its next event makes the session `running` again (see `_touch`).
STALE_AFTER = timedelta(minutes=2)

_EARLIEST = datetime(1970, 1, 2, tzinfo=UTC)
_LATEST = datetime(9999, 12, 30, tzinfo=UTC)


def since_instant(since: date | datetime) -> datetime:
    """A `--since` date means from local midnight of that day on this machine."""
    if isinstance(since, datetime):
        since = since if since.tzinfo is not None else since.astimezone()
        return max(min(since, _LATEST), _EARLIEST)
    # No session is older than the Unix epoch, and the calendar's ends cannot be moved into a
    # local time zone (year 1 minus an offset is out of range): clamp the day, not the result.
    day = min(max(since, _EARLIEST.date()), _LATEST.date())
    return datetime.combine(day, time.min).astimezone()
