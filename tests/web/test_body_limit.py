"""Request bodies are capped (supple.web.body_limit): 413 with the usual error body, whether the
size is declared (Content-Length) or the body is streamed; a real uvicorn server stops reading a
100 MB upload early and its memory stays put."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from supple.web.body_limit import MAX_BODY_BYTES, MAX_UPLOAD_BODY_BYTES
from tests.web.conftest import ApiClient, api_client


@pytest.fixture
def app_client(settings_only) -> Iterator[ApiClient]:
    from supple.web.app import create_app

    with api_client(create_app(settings_only)) as c:
        yield c


def _is_413(r) -> dict:
    assert r.status_code == 413, r.text[:300]
    body = r.json()
    assert set(body) == {"code", "field", "message", "params"}
    assert body["code"] == "http.body-too-large" and body["field"] == "body"
    assert body["params"] == {"limit": MAX_BODY_BYTES}
    assert "1 MB" in body["message"]
    assert r.headers["connection"] == "close"
    assert r.headers["content-security-policy"]
    return body


def test_a_json_body_over_the_cap_is_413_by_its_content_length(app_client: ApiClient) -> None:
    big = b'{"name": "' + b"a" * MAX_BODY_BYTES + b'"}'
    r = app_client.write(
        "POST", "/api/v1/routines", content=big, headers={"content-type": "application/json"}
    )
    _is_413(r)
    # Just under the cap the request reaches the route (and its own validation).
    small = b'{"name": "' + b"a" * (MAX_BODY_BYTES - 100) + b'"}'
    r = app_client.write(
        "POST", "/api/v1/routines", content=small, headers={"content-type": "application/json"}
    )
    assert r.status_code == 422
    assert len(r.content) < 2000, "the error does not repeat the value"


def test_a_streamed_body_is_counted_and_cut_at_the_cap(app_client: ApiClient) -> None:
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent
        for _ in range(64):  # 4 MB in 64 KB chunks, no Content-Length
            sent += 65536
            yield b" " * 65536

    r = app_client.write(
        "POST", "/api/v1/sessions", content=chunks(), headers={"content-type": "application/json"}
    )
    _is_413(r)


def test_the_import_routes_take_a_bigger_body(app_client: ApiClient) -> None:
    export = b'{"format": "supple-export"' + b" " * (3 * MAX_BODY_BYTES) + b"}"
    r = app_client.write("POST", "/api/v1/import", files={"file": ("export.json", export)})
    assert r.status_code == 422, r.text[:300]  # read and refused as an export, not for its size
    assert r.json()["code"] != "http.body-too-large"


def test_a_form_over_the_cap_gets_a_page(app_client: ApiClient) -> None:
    r = app_client.post("/profile", data={"csrf_token": app_client.csrf, "age": "4" * 2**21})
    assert r.status_code == 413
    assert r.headers["content-type"].startswith("text/html")
    assert "over 1 MB" in r.text and "send less" in r.text
    huge = {"file": ("export.json", b"{}")}
    r = app_client.post(
        "/data/import",
        files=huge,
        data={"csrf_token": app_client.csrf},
        headers={"content-length": str(MAX_UPLOAD_BODY_BYTES + 1)},
    )
    assert r.status_code == 413 and "export" in r.text


# --- against a real server -------------------------------------------------------------------

_LAUNCH = (
    "import sys, uvicorn\n"
    "from supple.config import get_settings\n"
    "from supple.web.app import create_app\n"
    "uvicorn.run(create_app(get_settings(sys.argv[1])), host='127.0.0.1', "
    "port=int(sys.argv[2]), log_level='warning')\n"
)


@contextmanager
def _server(home: Path) -> Iterator[tuple[int, int]]:
    """(port, pid) of a real uvicorn server on the app."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    env = {**os.environ, "SUPPLE_HOME": str(home)}
    env.pop("SUPPLE_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-c", _LAUNCH, str(home), str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/catalog", timeout=5)
                break
            except OSError:
                assert proc.poll() is None, "the server did not start"
                time.sleep(0.1)
        yield port, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def _upload(port: int, head: str, total: int, chunked: bool) -> tuple[bytes, int]:
    """Send `head` then up to `total` bytes of body until the server answers; (answer, sent)."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(head.encode())
    sock.setblocking(False)
    piece = b"x" * 65536
    frame = (b"%x\r\n" % len(piece)) + piece + b"\r\n" if chunked else piece
    sent = 0
    answer = b""
    try:
        while sent < total:
            readable, writable, _ = select.select([sock], [sock], [], 10)
            if readable:
                break
            if writable:
                try:
                    sent += sock.send(frame) if chunked else sock.send(piece)
                except BlockingIOError:
                    continue
                except (BrokenPipeError, ConnectionResetError):
                    break
        sock.setblocking(True)
        sock.settimeout(10)
        while True:  # the server closes the connection after its answer
            try:
                data = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not data:
                break
            answer += data
    finally:
        sock.close()
    return answer, sent


@pytest.mark.slow
def test_a_real_server_cuts_a_100_mb_chunked_body_early(tmp_path: Path) -> None:
    total = 100 * 2**20
    with _server(tmp_path / "home") as (port, pid):
        before = _rss_kb(pid)
        head = (
            "POST /api/v1/routines HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{port}\r\n"
            "X-Supple-CSRF: test\r\n"
            "Content-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n"
        )
        answer, sent = _upload(port, head, total, chunked=True)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        assert b"http.body-too-large" in answer
        # Cut off early: what got through before the answer is the cap plus the sockets'
        # buffers, not the 100 MB.
        assert sent < 24 * 2**20, sent
        grown = _rss_kb(pid) - before
        print(f"chunked: sent {sent} bytes before the answer; RSS {before} KB, grew {grown} KB")
        assert grown < 30 * 1024, f"the server grew {grown} KB"

        # A declared 100 MB body is refused before any of it is read.
        head = (
            "POST /api/v1/routines HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{port}\r\n"
            "X-Supple-CSRF: test\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {total}\r\n\r\n"
        )
        answer, sent = _upload(port, head, total, chunked=False)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        assert sent < 24 * 2**20, sent
        assert _rss_kb(pid) - before < 30 * 1024
        # The server still answers.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/catalog", timeout=10) as r:
            assert r.status == 200
