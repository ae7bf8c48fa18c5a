"""Spoken cues rendered to WAV by espeak-ng on the server, cached on disk by a hash of the text.

The browser plays `/audio/cue.wav?text=...` at each segment change when espeak-ng is installed;
otherwise the page falls back to the browser's speech synthesis or to chimes (docs/web.md).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

#: Cue texts are short sentences; a cap keeps one request from tying up espeak-ng for long.
MAX_CUE_CHARS = 300
#: Words per minute: a little slower than espeak's default 175, easier to follow from the floor.
SPEED_WPM = 150
#: Bumped when the rendering options change so old cached files are not reused.
_CACHE_VERSION = "1"


class CueTextError(ValueError):
    """Empty or too long cue text (HTTP 422)."""


def espeak_path() -> str | None:
    return shutil.which("espeak-ng")


def voice_mode(espeak_available: bool, voice_on: bool) -> str:
    """The server's view of the voice mode: 'espeak', 'browser' (the page checks for voices and
    falls back to chimes itself), or 'off' (chimes and text only, the user turned voice off)."""
    if not voice_on:
        return "off"
    return "espeak" if espeak_available else "browser"


def clean_text(text: str) -> str:
    words = " ".join(text.split())
    if not words:
        raise CueTextError("text: empty; give the cue sentence to speak.")
    if len(words) > MAX_CUE_CHARS:
        raise CueTextError(
            f"text: {len(words)} characters is too long; cues are at most {MAX_CUE_CHARS}."
        )
    return words


def cache_file(audio_dir: Path, text: str) -> Path:
    digest = hashlib.sha256(f"{_CACHE_VERSION}:{SPEED_WPM}:{text}".encode()).hexdigest()
    return audio_dir / f"{digest[:32]}.wav"


def render_cue(audio_dir: Path, text: str) -> Path | None:
    """The WAV file for `text` (rendered once, then served from the cache); None without espeak.

    Raises CueTextError for empty or over-long text.
    """
    words = clean_text(text)
    target = cache_file(audio_dir, words)
    if target.exists():
        return target
    exe = espeak_path()
    if exe is None:
        return None
    audio_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    # The text goes on stdin, never on the command line, so nothing in it is parsed as an option.
    subprocess.run(
        [exe, "-s", str(SPEED_WPM), "-w", str(partial), "--stdin"],
        input=words.encode(),
        check=True,
        capture_output=True,
        timeout=20,
    )
    partial.replace(target)  # atomic: a concurrent request never reads a half-written file
    return target
