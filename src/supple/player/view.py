"""The full-screen terminal session: big countdown, cues, progress, and single-key controls.

    python -m supple.player.view --routine-json routine.json [--time-scale 0.1] [--no-voice]

The player runs in its own thread against the monotonic clock; this module only draws its status
ten times a second and turns key presses into player commands, so a slow terminal never delays
the schedule. `supple start` wraps `run_interactive`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import select
import sys
import termios
import threading
import time
import tty
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from supple.domain.catalog import Catalog
from supple.domain.figure import Side as FigureSide
from supple.domain.timeline import Segment, Timeline
from supple.figures.terminal import TerminalFigure
from supple.player.clock import Clock, MonotonicClock
from supple.player.engine import PAIN_ADVICE, Event, Listener, Player, whole_number
from supple.player.safety import pain_text, shipped_red_flags
from supple.player.voice import Voice
from supple.wording.i18n import N_, _, ngettext

#: The player draws the pose only on a terminal at least this tall, so the countdown, the steps
#: and the keys always fit.
FIGURE_MIN_LINES = 36
KEY_HELP = N_("space pause/resume · n skip · b back · p sharp pain · q stop")
#: Keys that are commands even while the rating question is open (the session goes on).
COMMAND_KEYS = {" ": None, "n": "skip", "b": "back", "p": "pain", "q": "quit"}
#: At most this many characters are kept of a typed rating (enough to show what went wrong).
TYPED_MAX = 6

# A 5-row block font for the countdown: large enough to read from a mat on the floor.
_DIGITS = {
    "0": ["███", "█ █", "█ █", "█ █", "███"],
    "1": [" █ ", "██ ", " █ ", " █ ", "███"],
    "2": ["███", "  █", "███", "█  ", "███"],
    "3": ["███", "  █", "███", "  █", "███"],
    "4": ["█ █", "█ █", "███", "  █", "  █"],
    "5": ["███", "█  ", "███", "  █", "███"],
    "6": ["███", "█  ", "███", "█ █", "███"],
    "7": ["███", "  █", "  █", "  █", "  █"],
    "8": ["███", "█ █", "███", "█ █", "███"],
    "9": ["███", "█ █", "███", "  █", "███"],
    ":": ["   ", " █ ", "   ", " █ ", "   "],
}

#: What each kind of segment is called on screen (translated when drawn: `kind_title`).
KIND_TITLE = {
    "warmup": N_("Warm up"),
    "transition": N_("Change position"),
    "prepare": N_("Get ready"),
    "breathe-in": N_("Breathe in"),
    "breathe-out": N_("Breathe out"),
    "hold": N_("Hold"),
    "switch": N_("Switch sides"),
    "rest": N_("Rest"),
}


def kind_title(kind: str) -> str:
    return _(KIND_TITLE[kind])


def side_text(side: str) -> str:
    """ " — left side" for a one-sided segment; nothing when both sides work together."""
    if side == "left":
        return " — " + _("left side")
    if side == "right":
        return " — " + _("right side")
    return ""


def rings_bell(bell: bool | None, speaking: bool) -> bool:
    """Whether to ring the terminal bell at each change: as asked, or by default only when
    the cues are not spoken (voice off, or espeak-ng missing), so a change is never silent."""
    return (not speaking) if bell is None else bell


def big_time(seconds: float) -> str:
    """MM:SS in block digits (rounded up, so the display reaches 00:00 as the segment ends)."""
    whole = max(0, int(seconds + 0.999))
    text = f"{whole // 60:02d}:{whole % 60:02d}"
    return "\n".join("  ".join(_DIGITS[c][row] for c in text) for row in range(5))


@dataclass
class _Screen:
    """What the listener learned that the status alone does not say."""

    last: str = ""
    rating_for: tuple[int, str] | None = None
    """(step, stretch name) the rating question is open for."""
    typed: str = ""
    error: str = ""
    """Why the last answer or command was not taken (shown until the next key)."""
    sent: tuple[int, str] | None = None
    """The rating last sent to the player: asked again if the player refuses it."""
    note: str = ""
    done: list[Event] = field(default_factory=list)


class SessionView:
    def __init__(self, player: Player, catalog: Catalog | None, screen: _Screen) -> None:
        self.player = player
        self.catalog = catalog
        self.screen = screen

    def _steps_text(self, seg: Segment) -> list[str]:
        if self.catalog is None or seg.id is None or seg.id not in self.catalog:
            return []
        return list(self.catalog.get(seg.id).steps)

    def _figure(self, seg: Segment) -> TerminalFigure | None:
        """The pose for this moment: the start while getting ready, the stretch while holding,
        the breath's end pose in a dynamic move (drawn only where the terminal has room)."""
        if self.catalog is None or seg.id is None or seg.id not in self.catalog:
            return None
        s = self.catalog.get(seg.id)
        pose = {"prepare": "start", "hold": "stretch"}.get(seg.kind)
        if s.figure and s.figure.cycle and seg.kind in ("breathe-in", "breathe-out"):
            pose = s.figure.cycle.inhale if seg.kind == "breathe-in" else s.figure.cycle.exhale
        if pose is None:
            return None
        side: FigureSide | None = (
            "left" if seg.side == "left" else "right" if seg.side == "right" else None
        )
        return TerminalFigure(s, pose, side, min_height=FIGURE_MIN_LINES)

    def render(self) -> RenderableType:
        st = self.player.status()
        seg = st.segment
        sc = self.screen
        rows: list[RenderableType] = []
        if seg is None:
            rows.append(Text(_("Session over."), style="bold"))
        elif st.state == "pain":
            # The stretch has stopped: no cue, countdown or instructions, only what to do now.
            title = f"{seg.name or kind_title(seg.kind)}{side_text(seg.side)}"
            rows.append(Text(title, style="bold cyan"))
            rows.append(Text(_("Stopped for sharp pain"), style="bold red"))
            rows.append(self._pain_panel())
        else:
            title = seg.name or kind_title(seg.kind)
            rep = " · " + _("repetition {n}").format(n=seg.rep) if seg.rep else ""
            rows.append(Text(f"{title}{side_text(seg.side)}{rep}", style="bold cyan"))
            state = "  [" + _("PAUSED") + "]" if st.state == "paused" else ""
            rows.append(Text(kind_title(seg.kind) + state, style="bold yellow"))
            rows.append(Text(seg.cue, style="bold"))
            if seg.kind == "hold" and seg.cues:
                # Rotate through the stretch's own cues every 8 s of the hold.
                k = int((seg.duration * self.player.scale - st.remaining) / 8) % len(seg.cues)
                rows.append(Text(seg.cues[k], style="italic"))
            if seg.note:
                rows.append(Text(_("Modified: {change}").format(change=seg.note), style="magenta"))
            rows.append(Text(big_time(st.remaining), style="bold green"))
            seg_len = seg.duration * self.player.scale
            bars = Table.grid(padding=(0, 1))
            labels = [_("step"), _("session")]
            width = max(len(label) for label in labels)
            bars.add_row(
                labels[0].ljust(width),
                ProgressBar(total=seg_len or 1, completed=seg_len - st.remaining, width=40),
            )
            bars.add_row(
                labels[1].ljust(width),
                ProgressBar(total=st.total or 1, completed=st.elapsed, width=40),
            )
            rows.append(bars)
            figure = self._figure(seg)
            if figure is not None:
                rows.append(figure)
            steps = self._steps_text(seg)
            if steps and seg.kind in ("prepare", "hold", "breathe-in", "breathe-out"):
                rows.append(Text("\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1))))
            nxt = st.next_segment
            if nxt is not None:
                later = nxt.name if nxt.step != seg.step else kind_title(nxt.kind)
                rows.append(Text(_("Next: {name}").format(name=later), style="dim"))
        if sc.rating_for is not None:
            question = _(
                "How did {name} feel? 0 (nothing) to 10 (worst), Enter to skip: {typed}"
            ).format(name=sc.rating_for[1], typed=sc.typed)
            rows.append(Text(question, style="bold magenta"))
        if sc.error:
            rows.append(Text(sc.error, style="bold red"))
        if sc.note:
            rows.append(Text(sc.note, style="dim"))
        if seg is None and sc.rating_for is not None:
            rows.append(Text(_("Enter alone skips · q closes without rating"), style="reverse"))
        else:
            rows.append(Text(_(KEY_HELP), style="reverse"))
        return Panel(Group(*rows), title="supple", border_style="cyan")

    def _pain_panel(self) -> Panel:
        text = pain_text(self.player.red_flags)
        text += "\n\n" + _("n: go on to the next stretch · q: end here")
        return Panel(text, title=_("Sharp pain"), style="red")


@contextlib.contextmanager
def cbreak(stream: TextIO) -> Iterator[bool]:
    """Single key presses without Enter, restored on exit; yields False when not a terminal."""
    try:
        fd = stream.fileno()
        old = termios.tcgetattr(fd)
    except (OSError, ValueError, termios.error):
        yield False
        return
    tty.setcbreak(fd)
    try:
        yield True
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)


def _key_loop(stream: TextIO, player: Player, screen: _Screen, stop: threading.Event) -> None:
    fd = stream.fileno()
    while not stop.is_set():
        ready, _writable, _errors = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        data = os.read(fd, 32).decode(errors="ignore")
        if not data:
            return  # end of input: keep playing without keys
        for key in data:
            _on_key(key, player, screen)


def _on_key(key: str, player: Player, screen: _Screen) -> None:
    done = player.status().state == "done"
    if screen.rating_for is not None and (key.lower() not in COMMAND_KEYS or done):
        _rating_key(key, player, screen, done)
        return
    screen.error = ""
    command = COMMAND_KEYS.get(key.lower(), "")
    if command is None:
        command = "resume" if player.status().state == "paused" else "pause"
    if command:
        player.post(command)


def _rating_key(key: str, player: Player, screen: _Screen, done: bool) -> None:
    """A key typed while the rating question is open: everything but the command keys is
    part of the answer, which is checked when Enter is pressed."""
    assert screen.rating_for is not None
    if key in "\x7f\b":
        screen.typed = screen.typed[:-1]
    elif key in "\r\n":
        typed, screen.typed = screen.typed, ""
        score = whole_number(typed)
        if not typed:
            screen.rating_for, screen.error = None, ""  # Enter alone: no rating this time
        elif score is None or score > 10:
            screen.error = _(
                "'{typed}' is not a rating: type a whole number from 0 (nothing) to 10 "
                "(worst) and press Enter, or press Enter alone to skip."
            ).format(typed=typed)
        else:
            screen.sent, screen.error = screen.rating_for, ""
            screen.rating_for = None
            player.post(f"rate {score} {screen.sent[0]}")
    elif done and key.lower() == "q":
        screen.rating_for, screen.typed, screen.error = None, "", ""
    elif key.isprintable():
        screen.typed = (screen.typed + key)[-TYPED_MAX:]
        screen.error = ""


def run_interactive(
    timeline: Timeline,
    *,
    catalog: Catalog | None = None,
    clock: Clock | None = None,
    time_scale: float = 1.0,
    listener: Listener | None = None,
    voice: bool = True,
    bell: bool | None = None,
    console: Console | None = None,
    keys: TextIO | None = None,
    red_flags: Sequence[str] = (),
) -> list[Event]:
    """Guide the user through `timeline` full-screen; returns every event (`finished` or
    `stopped` ends the session; a `rated` event for the last stretch may follow it).
    `listener` sees each event as it happens (the session log). `bell`: ring the terminal
    bell at each change; None rings it only when cues are not spoken."""
    console = console or Console()
    keys = keys or sys.stdin
    screen = _Screen()
    speaker = Voice(enabled=voice, out=console.file)
    speaker.bell = rings_bell(bell, speaker.speaking)
    screen.note = (speaker.unavailable_reason() or "") if voice else ""
    events: list[Event] = []
    names = {s.step: s.name for s in timeline.segments}
    # The last hold of each step: when it completes, the view asks how the stretch felt.
    last_hold = {s.step: s.hold_group for s in timeline.segments if s.hold_group is not None}

    def on_event(event: Event) -> None:
        if listener is not None:
            listener(event)
        events.append(event)
        if event.event == "segment-start":
            speaker.say(str(event.data.get("cue", "")))
        elif event.event == "hold-complete" and event.step in last_hold:
            seg = timeline.segments[int(str(event.data.get("segment", -1)))]
            if seg.hold_group == last_hold[event.step] and seg.kind != "warmup":
                screen.rating_for, screen.typed = (event.step, names[event.step]), ""
        elif event.event == "pain":
            speaker.say(_("Stop. Ease out of the stretch."))
        elif event.event == "error":
            screen.error = str(event.data.get("message", ""))
            if str(event.data.get("command", "")).startswith("rate") and screen.sent:
                screen.rating_for, screen.typed = screen.sent, ""  # ask again

    player = Player(timeline, clock or MonotonicClock(), on_event, time_scale, red_flags)
    view = SessionView(player, catalog, screen)
    stop = threading.Event()
    runner = threading.Thread(target=player.run, name="supple-player", daemon=True)
    with (
        cbreak(keys) as is_tty,
        Live(
            view.render(), console=console, screen=True, auto_refresh=False, transient=False
        ) as live,
    ):
        if is_tty:
            threading.Thread(
                target=_key_loop,
                args=(keys, player, screen, stop),
                name="supple-keys",
                daemon=True,
            ).start()
        runner.start()
        try:
            while runner.is_alive():
                live.update(view.render(), refresh=True)
                time.sleep(0.1)
            # The last stretch's question opens as its last hold completes, a moment before
            # the session finishes: keep asking it on the final screen, before the summary.
            finished = any(e.event == "finished" for e in events)
            while is_tty and finished and screen.rating_for is not None:
                live.update(view.render(), refresh=True)
                time.sleep(0.1)
        except KeyboardInterrupt:
            # Ctrl-C ends the session cleanly as `stopped`.
            player.post("quit")
            runner.join(timeout=2)
        finally:
            stop.set()
            speaker.stop()
    _print_summary(console, events)
    return events


def _print_summary(console: Console, events: list[Event]) -> None:
    holds = [e for e in events if e.event == "hold-complete"]
    held = sum(float(str(e.data.get("held_seconds", 0))) for e in holds)
    ends = [e.event for e in events if e.event in ("finished", "stopped")]
    end = ends[-1] if ends else "stopped"
    ended = _("Session finished") if end == "finished" else _("Session stopped")
    count = ngettext("{n} hold", "{n} holds", len(holds)).format(n=len(holds))
    minutes = _("{minutes:.1f} minutes of stretching").format(minutes=held / 60)
    console.print(f"{ended}: {count}, {minutes}.", markup=False)
    for e in events:
        if e.event == "rated":
            rated = _("{id}: discomfort {score}/10").format(id=e.id, score=e.data["discomfort"])
            console.print(f"  {rated}", markup=False)
        elif e.event == "pain":
            stopped = _("{id}: stopped for sharp pain — {advice}").format(
                id=e.id, advice=PAIN_ADVICE
            )
            console.print(f"  {stopped}", markup=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m supple.player.view")
    parser.add_argument("--routine-json", required=True, type=Path)
    parser.add_argument("--time-scale", type=float, default=1.0)
    parser.add_argument("--no-voice", action="store_true")
    parser.add_argument(
        "--bell",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="terminal bell at each change (default: only when cues are not spoken)",
    )
    args = parser.parse_args(argv)
    from supple.data.loader import shipped
    from supple.domain.routine import Routine
    from supple.domain.timeline import TimelineError, compile_timeline

    try:
        routine = Routine.model_validate_json(args.routine_json.read_text(encoding="utf-8"))
        catalog = shipped().catalog
        timeline = compile_timeline(routine, catalog)
    except (OSError, ValueError) as e:
        print(f"--routine-json {args.routine_json}: {e}", file=sys.stderr)
        return 2
    except TimelineError as e:
        from supple.wording import CLI, word

        print(f"--routine-json {args.routine_json}: {word(e, CLI)}", file=sys.stderr)
        return 2
    if not args.time_scale > 0:
        print(_("--time-scale {scale}: must be above 0").format(scale=args.time_scale))
        return 2
    run_interactive(
        timeline,
        catalog=catalog,
        time_scale=args.time_scale,
        voice=not args.no_voice,
        bell=args.bell,
        red_flags=shipped_red_flags(),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
