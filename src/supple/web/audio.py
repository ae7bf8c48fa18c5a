"""Spoken cues rendered to WAV by espeak-ng on the server, cached on disk by a hash of the text.

The browser plays `/audio/cue.wav?text=...` at each segment change when espeak-ng is installed;
otherwise the page falls back to the browser's speech synthesis or to chimes (docs/web.md).

The cache is bounded: at most MAX_CACHE_FILES files and MAX_CACHE_BYTES bytes; the least
recently used file goes first (a hit touches its file). Only the app's own pages may ask for a
cue (`supple.web.security` refuses a cross-site request), so no other web page can make the
server render text of its choosing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from supple.wording.i18n import _, ngettext

#: Cue texts are short sentences; a cap keeps one request from tying up espeak-ng for long.
MAX_CUE_CHARS = 300
#: Words per minute: a little slower than espeak's default 175, easier to follow from the floor.
SPEED_WPM = 150
#: Bumped when the rendering options change so old cached files are not reused.
_CACHE_VERSION = "1"
#: The cache's bounds. A cue is 50-200 KB (a 300-character one about 1 MB); a session speaks
#: a few dozen different cues, so 500 files / 64 MB keeps many sessions' worth.
MAX_CACHE_FILES = 500
MAX_CACHE_BYTES = 64 * 1024 * 1024

_prune_lock = threading.Lock()


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
        raise CueTextError(_("text: empty; give the cue sentence to speak."))
    if len(words) > MAX_CUE_CHARS:
        raise CueTextError(
            ngettext(
                "text: {count} characters is too long; cues are at most {most}.",
                "text: {count} characters is too long; cues are at most {most}.",
                len(words),
            ).format(count=len(words), most=MAX_CUE_CHARS)
        )
    return words


def cache_file(audio_dir: Path, text: str) -> Path:
    digest = hashlib.sha256(f"{_CACHE_VERSION}:{SPEED_WPM}:{text}".encode()).hexdigest()
    return audio_dir / f"{digest[:32]}.wav"


def _touch(path: Path) -> bool:
    """Mark a cached file as just used (its mtime orders the cache); False if it is gone."""
    try:
        os.utime(path)
    except OSError:
        return False
    return True


def prune(
    audio_dir: Path,
    max_files: int | None = None,
    max_bytes: int | None = None,
    keep: Path | None = None,
) -> None:
    """Remove the least recently used cached files until the cache is within its bounds.
    `keep` (the file just rendered) is never removed, even if it alone is over the bytes."""
    most_files = MAX_CACHE_FILES if max_files is None else max_files
    most_bytes = MAX_CACHE_BYTES if max_bytes is None else max_bytes
    with _prune_lock:
        files: list[tuple[float, int, Path]] = []
        for entry in os.scandir(audio_dir):
            if not entry.name.endswith(".wav"):
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            files.append((st.st_mtime, st.st_size, Path(entry.path)))
        files.sort(key=lambda f: f[0])  # oldest use first
        count = len(files)
        total = sum(size for _, size, _ in files)
        for _, size, path in files:
            if count <= most_files and total <= most_bytes:
                break
            if keep is not None and path == keep:
                continue
            path.unlink(missing_ok=True)
            count -= 1
            total -= size


def render_cue(
    audio_dir: Path, text: str, *, max_files: int | None = None, max_bytes: int | None = None
) -> Path | None:
    """The WAV file for `text` (rendered once, then served from the cache); None without espeak.

    Raises CueTextError for empty or over-long text. A new file makes the cache drop its least
    recently used files beyond MAX_CACHE_FILES / MAX_CACHE_BYTES (or the bounds given).
    """
    words = clean_text(text)
    target = cache_file(audio_dir, words)
    if target.exists() and _touch(target):
        return target
    exe = espeak_path()
    if exe is None:
        return None
    audio_dir.mkdir(parents=True, exist_ok=True)
    # A partial file of its own per request: two requests for one new text never share one.
    fd, partial_name = tempfile.mkstemp(dir=audio_dir, prefix=target.stem, suffix=".partial")
    os.close(fd)
    partial = Path(partial_name)
    try:
        # The text goes on stdin, never on the command line, so nothing in it is an option.
        subprocess.run(
            [exe, "-s", str(SPEED_WPM), "-w", str(partial), "--stdin"],
            input=words.encode(),
            check=True,
            capture_output=True,
            timeout=20,
        )
        partial.replace(target)  # atomic: a concurrent request never reads a half-written file
    finally:
        partial.unlink(missing_ok=True)
    prune(audio_dir, max_files, max_bytes, keep=target)
    return target
