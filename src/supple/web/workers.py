"""`supple serve --multi-user --workers N`: N server processes on one port, each listening on a
socket of its own (SO_REUSEPORT), so the kernel spreads the connections over them evenly.

uvicorn's own workers share one listening socket: whichever process accepts first takes the
connection, and a client that keeps its connections open (a reverse proxy, a load test) could
leave one worker with most of them and the other idle. With a socket per process the kernel
hands each new connection to one of them by a hash of its addresses.

The parent starts the workers, starts again one that ends on its own (killed, crashed; one
that could not start at all, uvicorn's exit code 3, ends the server with its message rather than
loop), and on Ctrl-C or SIGTERM asks each once to finish what it is answering, then stops
them. Where the platform has no SO_REUSEPORT, uvicorn's shared socket is used instead.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import threading
import time
from typing import Any

import uvicorn

#: A worker replaced by a new one at most this often (one that keeps ending is not spun on).
_RESTART_SECONDS = 1.0
#: uvicorn's exit code for a server that could not start (its lifespan failed, say).
STARTUP_FAILURE = 3
#: How long a stopping worker may take to finish what it is answering.
_STOP_SECONDS = 30.0
#: What stops the server: Ctrl-C, or a service manager's stop.
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def has_socket_per_worker() -> bool:
    return hasattr(socket, "SO_REUSEPORT")


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket on host:port that other processes of this user may listen on as well."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _worker(app: str, host: str, port: int, options: dict[str, Any]) -> None:
    # A process group of its own: Ctrl-C in the terminal reaches only the parent, which asks
    # each worker once (a second signal would make uvicorn drop what it is answering).
    os.setpgrp()
    parent = os.getppid()
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()
    sock = listening_socket(host, port)
    config = uvicorn.Config(app, host=host, port=port, **options)
    uvicorn.Server(config).run(sockets=[sock])


def _end_with(parent: int) -> None:
    """End this worker (as if asked) when its parent is gone, killed without its goodbyes."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os.kill(os.getpid(), signal.SIGTERM)


def serve_workers(app: str, host: str, port: int, workers: int, **options: Any) -> int:
    """Run `workers` processes of the uvicorn app `app` until stopped; the exit code."""
    context = multiprocessing.get_context("spawn")
    stopping = threading.Event()

    def start() -> tuple[Any, float]:
        process = context.Process(
            target=_worker, args=(app, host, port, options), name="supple-worker"
        )
        process.start()
        return process, time.monotonic()

    previous = {sig: signal.signal(sig, lambda *_: stopping.set()) for sig in _SIGNALS}
    running = [start() for _ in range(workers)]
    code = 0
    try:
        while not stopping.wait(0.2):
            for index, (process, started) in enumerate(running):
                if process.exitcode is None:
                    continue
                if process.exitcode == STARTUP_FAILURE:
                    # It could not start (it said why on stderr): a new one would not either.
                    code = STARTUP_FAILURE
                    stopping.set()
                    break
                if time.monotonic() - started >= _RESTART_SECONDS:
                    running[index] = start()  # ended on its own (killed, crashed): a new one
    finally:
        for process, _started in running:
            if process.exitcode is None and process.pid is not None:
                os.kill(process.pid, signal.SIGTERM)  # finish what you answer, then end
        for process, _started in running:
            process.join(_STOP_SECONDS)
            if process.exitcode is None:
                process.kill()
                process.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code
