"""`supple export` writes its file as `remind --ics` does (services.files): whole or not at all,
through a link to the file it points at, never over a device, a folder or a pipe, and never
leaving a temporary file behind on a full disk."""

from __future__ import annotations

import json
import os
import stat

import pytest

from tests.cli.factories import days_ago, log_session
from tests.cli.test_disk_faults import tiny_home  # noqa: F401 (a fixture)


def _some_data() -> None:
    for day in range(1, 4):
        log_session(days_ago(day), [("cat-cow", "both", 30.0, 2, False)])


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_link_is_followed_and_stays_a_link(cli, tmp_path, fmt):
    _some_data()
    real = tmp_path / f"real.{fmt}"
    real.write_text("old")
    link = tmp_path / f"link.{fmt}"
    link.symlink_to(real)
    assert cli("export", "--format", fmt, str(link)).code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "supple-export" in real.read_text()
    assert not list(tmp_path.glob("*.partial")) and not list(tmp_path.glob(".*.partial"))


def test_a_pipe_or_a_folder_is_refused_and_left_as_it_was(cli, tmp_path):
    _some_data()
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    for target in (pipe, tmp_path):
        r = cli("export", str(target))
        assert r.code == 2, r.err
        assert "not a regular file" in r.err and "Traceback" not in r.err
    assert stat.S_ISFIFO(pipe.lstat().st_mode) and tmp_path.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["pipe.json"]


def test_a_device_is_refused_and_left_as_it_was(cli, tmp_path):
    _some_data()
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    r = cli("export", str(device))
    assert r.code == 2 and "not a regular file" in r.err, r.err
    assert stat.S_ISCHR(device.lstat().st_mode)
    link = tmp_path / "to-device.json"
    link.symlink_to(device)
    r = cli("export", str(link))
    assert r.code == 2 and "not a regular file" in r.err
    assert stat.S_ISCHR(device.lstat().st_mode) and link.is_symlink()


def test_a_missing_folder_is_refused(cli, tmp_path):
    r = cli("export", str(tmp_path / "no-such-folder" / "x.json"))
    assert r.code == 2 and "does not exist" in r.err


def test_a_full_disk_leaves_the_old_export_and_no_partial_file(cli, tiny_home):  # noqa: F811
    _some_data()
    target = tiny_home / "backup.json"
    assert cli("export", str(target)).code == 0
    old = target.read_bytes()
    filler = tiny_home / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        with pytest.raises(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)
    r = cli("export", str(target))
    assert r.code == 2, (r.out, r.err)
    assert "Traceback" not in r.err and "cannot write" in r.err
    assert target.read_bytes() == old and json.loads(old)["counts"]["sessions"] == 3
    assert sorted(p.name for p in tiny_home.iterdir()) == ["backup.json", "filler"]
