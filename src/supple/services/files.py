"""Writing a file a person named (an export, a calendar file) without ever leaving half of it.

The bytes go to a temporary file in the same folder, which then replaces the target in one step,
so a full disk or a killed process leaves the old file (or none), never a truncated one. A
symbolic link is followed on purpose (the file it points at is written, the link stays), and
anything that is not a regular file (a device, a folder, a pipe) is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from supple.domain.problems import Kind, Problem, code

NOT_A_FILE = code("files.not-a-regular-file", Kind.BAD_INPUT, field="file")
NO_FOLDER = code("files.no-folder", Kind.BAD_INPUT, field="file")


def write_file_safely(path: Path, data: bytes) -> Path:
    """Write `data` to `path` as a whole or not at all; returns the file written (a link's
    target). Raises a Problem for a target that is not a regular file or a missing folder,
    and OSError (the temporary file removed) when the disk refuses the write."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        raise Problem(NOT_A_FILE, given=str(path))
    folder = target.parent
    if not folder.is_dir():
        raise Problem(NO_FOLDER, given=str(path), folder=str(folder))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(tmp, stat.S_IMODE(mode))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target
