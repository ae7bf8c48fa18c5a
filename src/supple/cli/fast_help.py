"""`supple --help` from a cache: the text Typer printed, kept with a key of everything it
depends on, so the next `supple --help` prints it without importing Typer, Rich or pydantic
(importing Typer alone takes longer than five bare interpreter starts).

The key holds the Python, the program name, the terminal's size and the environment
variables that change the text (COLUMNS, the language, the terminal), and the name, size and
modification time of every file the text comes from: the command modules (supple/cli), the
message catalogs, and Typer's own package. A change to any of them is a new key, so the
cached text is never stale; the first `--help` after it is rendered by Typer and kept. A
cache that cannot be read or written only costs that time.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: see cli/app.py
if TYPE_CHECKING:
    from collections.abc import Callable

#: Bumped when the file's format changes.
FORMAT = "1"
FILE = "help.txt"
ENV = (
    "COLUMNS",
    "LINES",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "SUPPLE_LANG",
    "TERM",
    "NO_COLOR",
    "FORCE_COLOR",
)


def _stats(folder: str, suffixes: tuple[str, ...]) -> list[tuple[str, int, int]]:
    out = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if entry.is_dir() and entry.name != "__pycache__":
            out += _stats(entry.path, suffixes)
        elif entry.name.endswith(suffixes):
            st = entry.stat()
            out.append((entry.path, st.st_size, st.st_mtime_ns))
    return sorted(out)


def _typer_files() -> list[tuple[str, int, int]]:
    for entry in sys.path:
        init = os.path.join(entry or os.curdir, "typer", "__init__.py")
        try:
            st = os.stat(init)
        except OSError:
            continue
        return [(init, st.st_size, st.st_mtime_ns)]
    return []


def key() -> str:
    """Everything the help text depends on, as one line of text."""
    cli = os.path.dirname(os.path.abspath(__file__))
    package = os.path.dirname(cli)
    try:
        size: tuple[int, int] | None = tuple(os.get_terminal_size(sys.__stdout__.fileno()))  # type: ignore[union-attr,assignment]
    except (AttributeError, OSError, ValueError):
        size = None
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    parts = (
        FORMAT,
        sys.version,
        sys.executable,
        sys.argv[0],
        getattr(spec, "name", None),
        size,
        sys.stdout.isatty() if hasattr(sys.stdout, "isatty") else None,
        tuple((name, os.environ.get(name)) for name in ENV),
        tuple(sorted((k, v) for k, v in os.environ.items() if k.lstrip("_").startswith("TYPER"))),
        _stats(cli, (".py",)),
        _stats(os.path.join(package, "locale"), (".mo",)),
        _stats(os.path.join(package, "wording"), (".py",)),
        _typer_files(),
    )
    return repr(parts)


def cached(current: str, folder: str) -> str | None:
    """The kept help text for this key, or None."""
    try:
        with open(os.path.join(folder, FILE), encoding="utf-8") as f:
            kept = f.readline().rstrip("\n")
            if kept != current:
                return None
            return f.read()
    except (OSError, UnicodeDecodeError):
        return None


def keep(current: str, text: str, folder: str) -> None:
    """Write the cache file whole (a temporary file renamed over it); failures are ignored."""
    import tempfile

    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".help-", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(current + "\n" + text)
            os.replace(tmp, os.path.join(folder, FILE))
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def main(run: Callable[[], None], folder: str | None = None) -> None:
    """Print `supple --help`: from the cache when it holds this very text, else through `run`
    (the Typer app), keeping what it printed."""
    if folder is None:
        from supple.cache_dir import cache_folder

        folder = cache_folder()
    current = key()
    text = cached(current, folder)
    if text is not None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    import io

    real, captured = sys.stdout, io.StringIO()
    code: object = 0
    sys.stdout = captured
    try:
        run()
    except SystemExit as e:
        code = e.code
    finally:
        sys.stdout = real
    text = captured.getvalue()
    real.write(text)
    real.flush()
    if code not in (0, None):
        raise SystemExit(code)
    if text:
        keep(current, text, folder)
