"""The user's cache directory for supple, with the standard library's `os` only (the start of
`supple --help` reads from it)."""

from __future__ import annotations

import os
import sys


def cache_folder() -> str:
    """XDG_CACHE_HOME/supple (default ~/.cache/supple) on Linux, as platformdirs gives it;
    platformdirs' own answer elsewhere (~/Library/Caches/supple, %LOCALAPPDATA%...)."""
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not base.strip():
            base = os.path.expanduser("~/.cache")
        return os.path.join(base, "supple")
    from platformdirs import user_cache_dir

    return user_cache_dir("supple", appauthor=False)
