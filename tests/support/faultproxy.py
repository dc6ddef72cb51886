"""A small TCP fault proxy for sync tests (in the spirit of Toxiproxy, in-process, threads).

It listens on 127.0.0.1, forwards bytes to the receiver, and misbehaves on command. TLS passes
through untouched (the client still talks TLS to the receiver and pins its certificate); the proxy
only reads TLS record headers (type + length, never contents) to know when the client has started
sending application data, i.e. when a request is on its way.

Modes (switch at runtime with ``set_mode``; the mode is read on every chunk, so a kept-alive
connection changes behaviour too):

- ``pass``: forward everything.
- ``refuse``: new connections are closed at once (reset).
- ``cut_after_request``: the request reaches the server; every byte the server sends back after
  that is dropped, and ``cut_delay`` seconds later the client's connection is reset. The server
  committed, the client saw nothing.
- ``reset_mid_body``: the response is forwarded until its first large TLS record, half of that
  record goes through and then both sides are reset.
- ``stall``: the request reaches the server, the answer is held back forever (the client's read
  timeout fires).
"""

from __future__ import annotations

import contextlib
import select
import socket
import struct
import threading
import time

MODES = ("pass", "refuse", "cut_after_request", "reset_mid_body", "stall")
APPLICATION_DATA = 23
LARGE_RECORD = 600


def _reset(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


class _RecordHeaders:
    """Follows TLS record boundaries in a byte stream; remembers whether application data went by."""

    def __init__(self) -> None:
        self._buf = b""
        self._skip = 0
        self.app_data = False

    def feed(self, data: bytes) -> None:
        while data:
            if self._skip:
                n = min(self._skip, len(data))
                self._skip -= n
                data = data[n:]
                continue
            need = 5 - len(self._buf)
            self._buf += data[:need]
            data = data[need:]
            if len(self._buf) == 5:
                rtype, length = self._buf[0], struct.unpack("!H", self._buf[3:5])[0]
                if rtype == APPLICATION_DATA:
                    self.app_data = True
                self._skip = length
                self._buf = b""


class _Conn(threading.Thread):
    def __init__(self, proxy: FaultProxy, client: socket.socket) -> None:
        super().__init__(daemon=True, name="faultproxy-conn")
        self.proxy = proxy
        self.client = client
        self.upstream: socket.socket | None = None
        self.client_records = _RecordHeaders()
        self.server_buf = b""
        self.cut_at: float | None = None
        self.closed = False

    def close(self, reset: bool = True) -> None:
        if self.closed:
            return
        self.closed = True
        for s in (self.client, self.upstream):
            if s is None:
                continue
            if reset:
                _reset(s)
            else:
                with contextlib.suppress(OSError):
                    s.close()

    def run(self) -> None:
        try:
            self.upstream = socket.create_connection(self.proxy.target, timeout=5)
        except OSError:
            self.close()
            return
        try:
            self._pump()
        except OSError:
            pass
        finally:
            self.close()
            self.proxy._forget(self)

    def _pump(self) -> None:
        c, u = self.client, self.upstream
        assert u is not None
        while not self.closed and not self.proxy._stopping:
            if self.cut_at is not None and time.monotonic() >= self.cut_at:
                self.proxy.cuts += 1
                self.close(reset=True)
                return
            readable, _, _ = select.select([c, u], [], [], 0.05)
            for s in readable:
                data = s.recv(65536)
                if not data:
                    self.close(reset=False)
                    return
                if s is c:
                    self.client_records.feed(data)
                    u.sendall(data)
                else:
                    if self._from_server(data):
                        return

    def _from_server(self, data: bytes) -> bool:
        """Handle bytes from the server; True when the connection was closed."""
        mode = self.proxy.mode
        requested = self.client_records.app_data
        if mode == "cut_after_request" and requested:
            if self.cut_at is None:
                self.cut_at = time.monotonic() + self.proxy.cut_delay
            return False
        if mode == "stall" and requested:
            return False
        if mode == "reset_mid_body" and requested:
            self.server_buf += data
            out = b""
            while len(self.server_buf) >= 5:
                length = struct.unpack("!H", self.server_buf[3:5])[0]
                if length >= LARGE_RECORD:
                    out += self.server_buf[: 5 + length // 2]
                    with contextlib.suppress(OSError):
                        self.client.sendall(out)
                    self.proxy.cuts += 1
                    self.close(reset=True)
                    return True
                if len(self.server_buf) < 5 + length:
                    break
                out += self.server_buf[: 5 + length]
                self.server_buf = self.server_buf[5 + length :]
            if out:
                self.client.sendall(out)
            return False
        if self.server_buf:
            data, self.server_buf = self.server_buf + data, b""
        self.client.sendall(data)
        return False


class FaultProxy:
    """``with FaultProxy(("127.0.0.1", port)) as fp: url = fp.url; fp.set_mode("stall")``."""

    def __init__(self, target: tuple[str, int], *, cut_delay: float = 0.5) -> None:
        self.target = target
        self.cut_delay = cut_delay
        self.mode = "pass"
        self.cuts = 0
        self.connections = 0
        self._stopping = False
        self._lock = threading.Lock()
        self._conns: set[_Conn] = set()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self._thread = threading.Thread(target=self._accept_loop, daemon=True, name="faultproxy")

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def set_mode(self, mode: str, *, drop_existing: bool = False) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self.mode = mode
        if drop_existing:
            self.drop_connections()

    def drop_connections(self) -> None:
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            conn.close(reset=True)

    def retarget(self, target: tuple[str, int]) -> None:
        """Point new connections at another address (e.g. a restarted receiver)."""
        self.target = target

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping = True
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)   # wakes the blocked accept()
        with contextlib.suppress(OSError):
            self._sock.close()
        self.drop_connections()
        self._thread.join(timeout=2)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _forget(self, conn: _Conn) -> None:
        with self._lock:
            self._conns.discard(conn)

    def _accept_loop(self) -> None:
        while not self._stopping:
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            self.connections += 1
            if self.mode == "refuse":
                _reset(client)
                continue
            conn = _Conn(self, client)
            with self._lock:
                self._conns.add(conn)
            conn.start()
