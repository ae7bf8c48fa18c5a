"""Headless sessions: commands in on stdin lines, one JSON object per event out on stdout.

    python -m supple.player.headless --routine-json routine.json --time-scale 0.01

For automation, accessibility tools and tests; `supple start --headless` wraps `run_headless`.
End of input does not end the session (a script may only read); `quit` does.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from supple.domain.timeline import Timeline, TimelineError, compile_timeline
from supple.player.clock import Clock, MonotonicClock
from supple.player.engine import Event, Listener, Player
from supple.wording import CLI, word
from supple.wording.i18n import _


def run_headless(
    timeline: Timeline,
    stdin: TextIO,
    stdout: TextIO,
    clock: Clock | None = None,
    time_scale: float = 1.0,
    listener: Listener | None = None,
    red_flags: Sequence[str] = (),
) -> str:
    """Play `timeline`, reading commands from `stdin` in a thread; returns the last event's name
    (`finished` or `stopped`). `listener`, if given, sees each event before it is written
    (the session log hooks in here)."""
    write_lock = threading.Lock()
    last: list[str] = []

    def on_event(event: Event) -> None:
        if last and last[-1] in ("finished", "stopped"):
            return  # a `rate` read after the end: the protocol's last line stays the last
        if listener is not None:
            listener(event)
        line = json.dumps(event.as_dict(), ensure_ascii=False)
        with write_lock:
            stdout.write(line + "\n")
            stdout.flush()
        last.append(event.event)

    player = Player(timeline, clock or MonotonicClock(), on_event, time_scale, red_flags)

    def read_commands() -> None:
        for line in stdin:
            if line.strip():
                player.post(line)
        # EOF: keep playing; only `quit` (or the end of the routine) ends a session.

    threading.Thread(target=read_commands, name="supple-stdin", daemon=True).start()
    try:
        player.run()
    except KeyboardInterrupt:
        # Ctrl-C ends the session cleanly: the log sees a `stopped` event like after `quit`.
        if player.state != "done":
            player.handle("quit")
    return last[-1] if last else "finished"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m supple.player.headless")
    parser.add_argument(
        "--routine-json",
        required=True,
        type=Path,
        help="a routine as written by `supple plan --json`",
    )
    parser.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        help="multiply every duration (0.01: a 10-minute routine in 6 s)",
    )
    args = parser.parse_args(argv)
    # Imported here so `--help` stays fast and the domain stays free of the data loader.
    from supple.data.loader import shipped
    from supple.domain.routine import Routine

    try:
        routine = Routine.model_validate_json(args.routine_json.read_text(encoding="utf-8"))
    except OSError as e:
        print(
            _("--routine-json {file}: cannot read it ({reason}).").format(
                file=args.routine_json, reason=e.strerror
            ),
            file=sys.stderr,
        )
        return 2
    except ValueError as e:
        print(
            _("--routine-json {file}: not a routine ({reason}). Write one with {command}.").format(
                file=args.routine_json, reason=e, command="`supple plan --json`"
            ),
            file=sys.stderr,
        )
        return 2
    if not args.time_scale > 0:
        print(
            _("--time-scale {scale}: must be above 0 (e.g. 0.1).").format(scale=args.time_scale),
            file=sys.stderr,
        )
        return 2
    try:
        timeline = compile_timeline(routine, shipped().catalog)
    except TimelineError as e:
        print(f"--routine-json {args.routine_json}: {word(e, CLI)}", file=sys.stderr)
        return 2
    from supple.player.safety import shipped_red_flags

    run_headless(
        timeline,
        sys.stdin,
        sys.stdout,
        time_scale=args.time_scale,
        red_flags=shipped_red_flags(),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
