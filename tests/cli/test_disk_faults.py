"""A read-only data directory or a full disk: one clear line and exit 2, never a traceback, and
what was saved before is still there afterwards. The directories are tiny tmpfs mounts, so the
tests need root with mount rights; elsewhere they skip and say why."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(target: Path, options: str) -> None:
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def tiny_home(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "tiny"
    target.mkdir()
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a tiny tmpfs as the data directory")
    try:
        _mount(target, "size=2m")
    except (subprocess.CalledProcessError, FileNotFoundError) as e:
        pytest.skip(f"cannot mount a tmpfs here: {getattr(e, 'stderr', e)!r}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


def _no_traceback(r) -> None:
    assert "Traceback" not in r.err and "sqlalchemy" not in r.err.lower(), r.err


def test_a_full_disk_is_one_clear_line_and_the_saved_profile_survives(supple, tiny_home):
    home = ["--home", str(tiny_home)]
    assert supple("profile", "set", "--age", "40", *home).code == 0
    filler = tiny_home / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        with pytest.raises(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)
    r = supple("profile", "set", "--age", "41", "--weekly-goal", "5", *home)
    assert r.code == 2, (r.out, r.err)
    _no_traceback(r)
    assert "disk is full" in r.err or "cannot write" in r.err
    filler.unlink()
    shown = supple("profile", "--json", *home)
    assert shown.code == 0, shown.err
    assert shown.json()["age"] == 40


def test_a_read_only_data_directory_is_one_clear_line_for_writes(supple, tiny_home):
    home = ["--home", str(tiny_home)]
    assert supple("profile", "set", "--age", "40", *home).code == 0
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_home)], check=True)
    for args in (
        ["profile", "set", "--age", "41"],
        ["remind", "--ics", str(tiny_home / "r.ics")],
        ["export", str(tiny_home / "backup.json")],
    ):
        r = supple(*args, *home)
        assert r.code == 2, (args, r.out, r.err)
        _no_traceback(r)
        assert "read-only" in r.err or "cannot write" in r.err, (args, r.err)


def test_serve_in_a_read_only_home_says_so_instead_of_crashing(supple, tiny_home):
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_home)], check=True)
    r = supple("serve", "--no-browser", "--port", "8765", "--home", str(tiny_home / "new"))
    assert r.code == 2, (r.out, r.err)
    _no_traceback(r)
