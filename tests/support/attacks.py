"""Slow and greedy clients against a receiver on 127.0.0.1, for tests and benchmarks.

    with IdleConnections(rx, 250) as idle:      # TLS handshakes done, then nothing is sent
        ...
        idle.closed_by_server()                 # how many the server has closed meanwhile
    with Slowloris(rx, connections=20):         # request heads trickled one header line at a time
        ...

Every loop here is bounded (a count or a deadline) and all traffic goes to 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import select
import socket
import ssl
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Protocol


class Target(Protocol):
    port: int

    @property
    def ca_pem(self) -> Path: ...


def tls_context(target: Target) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(target.ca_pem))


def tls_connect(target: Target, ctx: ssl.SSLContext | None = None, timeout: float = 10) -> ssl.SSLSocket:
    raw = socket.create_connection(("127.0.0.1", target.port), timeout=timeout)
    try:
        return (ctx or tls_context(target)).wrap_socket(raw, server_hostname="127.0.0.1")
    except BaseException:
        raw.close()
        raise


def is_closed_by_peer(sock: ssl.SSLSocket) -> bool:
    """True when the server has closed the connection (EOF or reset), without blocking."""
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        if not readable and not sock.pending():
            return False
        sock.setblocking(False)
        try:
            return sock.recv(1) == b""
        finally:
            sock.setblocking(True)
    except (ssl.SSLWantReadError, BlockingIOError):
        return False
    except (OSError, ssl.SSLError):
        return True


class IdleConnections:
    """``count`` TLS connections that complete the handshake and then send nothing."""

    def __init__(self, target: Target, count: int) -> None:
        self.target, self.count = target, count
        self.sockets: list[ssl.SSLSocket] = []
        self.failed = 0  # connections the server refused during the handshake
        self._closed: set[int] = set()  # indexes seen closed (an SSL socket says EOF only once)

    def __enter__(self) -> IdleConnections:
        ctx = tls_context(self.target)
        for _ in range(self.count):
            try:
                self.sockets.append(tls_connect(self.target, ctx))
            except (OSError, ssl.SSLError):
                self.failed += 1
        return self

    def closed_by_server(self) -> int:
        for i, s in enumerate(self.sockets):
            if i not in self._closed and is_closed_by_peer(s):
                self._closed.add(i)
        return self.failed + len(self._closed)

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        for s in self.sockets:
            with contextlib.suppress(OSError):
                s.close()


class Slowloris:
    """``connections`` clients that each send a request line and then one header line every
    ``interval`` seconds, never finishing the head; a connection the server closes is opened again.
    Runs in a thread until the block ends (and at most ``max_seconds``)."""

    def __init__(
        self, target: Target, connections: int = 20, interval: float = 0.5, max_seconds: float = 120
    ) -> None:
        self.target, self.connections = target, connections
        self.interval, self.max_seconds = interval, max_seconds
        self.reopened = 0
        self.lines_sent = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Slowloris:
        self._thread.start()
        return self

    def _open(self, ctx: ssl.SSLContext) -> ssl.SSLSocket | None:
        try:
            s = tls_connect(self.target, ctx)
            s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            return s
        except (OSError, ssl.SSLError):
            return None

    def _run(self) -> None:
        ctx = tls_context(self.target)
        deadline = time.monotonic() + self.max_seconds
        socks: list[ssl.SSLSocket | None] = [self._open(ctx) for _ in range(self.connections)]
        n = 0
        while not self._stop.wait(self.interval) and time.monotonic() < deadline:
            for i, s in enumerate(socks):
                try:
                    if s is None:
                        raise OSError("reopen")
                    s.sendall(b"X-Slow-%d: %d\r\n" % (i, n))
                    self.lines_sent += 1
                except (OSError, ssl.SSLError):
                    if s is not None:
                        with contextlib.suppress(OSError):
                            s.close()
                    self.reopened += 1
                    socks[i] = self._open(ctx)
            n += 1
        for s in socks:
            if s is not None:
                with contextlib.suppress(OSError):
                    s.close()

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=30)


def rss_bytes(pid: int) -> int:
    """Resident set size of a process (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")
