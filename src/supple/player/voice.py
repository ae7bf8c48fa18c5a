"""Spoken cues through espeak-ng when it is installed; otherwise the cues stay on screen only.

Speaking never blocks the session: each cue starts espeak-ng in the background and a new cue
cuts off one still speaking, so a voice never lags behind the timer.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from typing import IO

NO_VOICE = "espeak-ng not installed: text cues only"


class Voice:
    def __init__(
        self, enabled: bool = True, bell: bool = False, out: IO[str] | None = None
    ) -> None:
        self.bell = bell
        self._out = out or sys.stdout
        self._exe = shutil.which("espeak-ng") if enabled else None
        self._proc: subprocess.Popen[bytes] | None = None
        self._told = False

    @property
    def speaking(self) -> bool:
        return self._exe is not None

    def unavailable_reason(self) -> str | None:
        """Why cues are not spoken, the first time it is asked (None after that, or with voice)."""
        if self._exe is not None or self._told:
            return None
        self._told = True
        return NO_VOICE

    def say(self, text: str) -> None:
        if self.bell:
            # BEL: a soft terminal sound at each change, for those who turn speech off.
            self._out.write("\a")
            self._out.flush()
        if self._exe is None or not text:
            return
        self.stop()
        try:
            self._proc = subprocess.Popen(
                [self._exe, "-s", "150", text],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._exe = None  # broken install: fall back to text for the rest of the session

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=1)  # reap it: no zombie espeak-ng processes pile up
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
