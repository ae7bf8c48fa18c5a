"""`supple serve`: refuses to expose the data without a password, and serves the app."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def _serve(home, *args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "supple", "serve", "--no-browser", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "SUPPLE_HOME": str(home), **(env or {})},
        timeout=60,
    )


def test_a_non_loopback_host_needs_allow_remote_and_a_password(tmp_path):
    env = {"SUPPLE_PASSWORD": ""}
    r = _serve(tmp_path, "--host", "0.0.0.0", env=env)
    assert r.returncode == 2 and "--allow-remote" in r.stderr
    r = _serve(tmp_path, "--host", "0.0.0.0", "--allow-remote", env=env)
    assert r.returncode == 2 and "password" in r.stderr
    empty = tmp_path / "pw"
    empty.write_text("\n")
    r = _serve(tmp_path, "--host", "0.0.0.0", "--allow-remote", "--password-file", str(empty))
    assert r.returncode == 2 and "empty" in r.stderr


def test_remote_mode_refuses_a_short_password(tmp_path):
    env = {"SUPPLE_PASSWORD": "hunter2"}
    r = _serve(tmp_path, "--host", "0.0.0.0", "--allow-remote", env=env)
    assert r.returncode == 2 and "too short" in r.stderr and "12 characters" in r.stderr


def test_a_port_in_use_is_refused_with_a_hint(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        r = _serve(tmp_path, "--port", str(s.getsockname()[1]))
    assert r.returncode == 2 and "--port" in r.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_on_loopback_and_stops_on_ctrl_c(tmp_path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "supple", "serve", "--no-browser", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SUPPLE_HOME": str(tmp_path / "home")},
    )
    try:
        body = None
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/profile") as r:
                    body = json.loads(r.read())
                    headers = r.headers
                break
            except OSError:
                time.sleep(0.1)
        assert body is not None, proc.stderr.read() if proc.poll() is not None else "no answer"
        assert body["weekly_goal"] == 3
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out


def test_serve_refuses_a_database_it_cannot_open_before_listening(tmp_path):
    import socket
    import subprocess
    import sys

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = str(s.getsockname()[1])
    (tmp_path / "supple.db").write_text("not a database\n")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "supple",
            "serve",
            "--no-browser",
            "--port",
            port,
            "--home",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert "supple.db" in proc.stderr and "Traceback" not in proc.stderr
