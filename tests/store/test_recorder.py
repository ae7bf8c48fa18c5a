"""The terminal session's recorder: writes off the player's thread, in order, and heartbeats."""

from __future__ import annotations

import threading
import time

from supple.config import Settings
from supple.player.engine import Event
from supple.services.context import store_for
from supple.services.session_log import SessionRecorder
from tests.player.helpers import sample_routine, sample_timeline


def _hold(step: int, stretch: str, side: str, t: float) -> Event:
    return Event("hold-complete", t, t, step, stretch, side, {"held_seconds": 30.0})


def test_the_player_never_waits_for_a_slow_write_and_close_writes_everything(
    settings: Settings,
) -> None:
    recorder = SessionRecorder(settings, sample_routine(), sample_timeline())
    repo = recorder.repo
    gate = threading.Event()
    real_log_event = repo.log_event

    def slow_log_event(*args, **kwargs):  # type: ignore[no-untyped-def]
        gate.wait()  # a database that does not answer until the test says so
        return real_log_event(*args, **kwargs)

    repo.log_event = slow_log_event  # type: ignore[method-assign]
    # These calls return although no write can finish: the player's thread is never held.
    recorder(_hold(4, "supine-figure-four", "left", 100.0))
    recorder(Event("rated", 101.0, 101.0, 4, "supine-figure-four", "both", {"discomfort": 3}))
    recorder(_hold(4, "supine-figure-four", "right", 140.0))
    recorder(Event("finished", 200.0, 200.0, None, None, None, {}))
    assert len(repo.events(recorder.session_id)) == 0
    gate.set()
    recorder.close()
    saved = repo.get(recorder.session_id)
    assert saved is not None and saved["status"] == "completed"
    # In order; the rating reached the hold before it and the one saved after it.
    assert [(i["side"], i["discomfort"]) for i in saved["items"]] == [("left", 3), ("right", 3)]
    names = [e["event"] for e in repo.events(recorder.session_id)]
    assert names == ["hold-complete", "rated", "hold-complete", "finished"]
    assert not recorder.failures


def test_a_quiet_session_still_heartbeats(settings: Settings) -> None:
    recorder = SessionRecorder(
        settings, sample_routine(), sample_timeline(), heartbeat_seconds=0.01
    )
    repo = store_for(settings).sessions
    first = repo.get(recorder.session_id, detailed=True)
    assert first is not None
    # Nothing happens (a pause), yet the heartbeat moves on; the limit only guards a hang.
    end = time.monotonic() + 30
    while time.monotonic() < end:
        now = repo.get(recorder.session_id, detailed=True)
        assert now is not None
        if now["heartbeat_at"] > first["heartbeat_at"]:
            break
        time.sleep(0.02)
    else:
        raise AssertionError("no heartbeat while the session was quiet")
    recorder.close("stopped")
    assert repo.get(recorder.session_id)["status"] == "stopped"  # type: ignore[index]
