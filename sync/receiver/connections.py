"""Connection handling for a public endpoint, on top of uvicorn's h11 protocol.

uvicorn on its own lets a client hold a connection forever without sending a request, or trickle a
request head forever (slowloris); with ``limit_concurrency`` such idle connections make every other
client get 503. This module adds what a public endpoint needs, measured in docs/receiver-operations.md:

* a **TLS handshake timeout** and a shorter TLS shutdown timeout (an event loop whose
  ``create_server`` passes them; uvicorn does not);
* a **request-head timeout**: a connection that has not delivered a complete request head within
  ``head_timeout`` seconds of its first byte (or of the TLS handshake, for a fresh connection) is
  closed. This is also the idle timeout before the first request; between requests uvicorn's own
  keep-alive timeout applies;
* a **cap on the request head**: h11 refuses a head larger than ``max_head_bytes`` while it is still
  arriving (httptools, uvicorn's default parser, has no such limit, so h11 is used);
* a **bound on connections per client address** and on connections in total. When a bound is reached,
  the oldest connection of that address (or overall) that is still waiting for a request is closed to
  make room, so idle and slow clients cannot lock out a client that sends its request at once; if
  every connection is busy with a request, the new one is refused;
* a **keep-alive limit**: a connection is closed after ``max_requests`` responses.

Addresses of trusted reverse proxies are exempt from the per-address bound (all clients arrive
from them); the total bound still applies.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("signaal.receiver")


@dataclass(frozen=True)
class ConnectionLimits:
    head_timeout: float = 10.0
    keep_alive_timeout: float = 5.0
    handshake_timeout: float = 10.0
    max_head_bytes: int = 16 * 1024
    max_headers: int = 64
    per_address: int = 64
    total: int = 4096
    max_requests: int = 1000


class ConnectionGuard:
    """Which connections are open, per client address, oldest first (dicts keep insertion order)."""

    def __init__(
        self,
        limits: ConnectionLimits,
        exempt: Callable[[str], bool],
        on_close: Callable[[str], None] | None = None,
    ) -> None:
        self.limits = limits
        self.exempt = exempt
        self.on_close = on_close
        self.all: dict[GuardedH11Protocol, None] = {}
        self.by_address: dict[str, dict[GuardedH11Protocol, None]] = {}

    def admit(self, conn: GuardedH11Protocol) -> bool:
        """Register ``conn``; False when it must be refused (then it is not registered)."""
        address = conn.address
        mine = self.by_address.get(address, {})
        if not self.exempt(address) and len(mine) >= self.limits.per_address and not self._evict_from(mine):
            return False
        if len(self.all) >= self.limits.total and not self._evict_from(self.all):
            return False
        self.all[conn] = None
        self.by_address.setdefault(address, {})[conn] = None
        return True

    def _evict_from(self, conns: dict[GuardedH11Protocol, None]) -> bool:
        for victim in conns:
            if victim.waiting_for_request():
                victim.close("evicted")
                self.release(victim)
                return True
        return False

    def release(self, conn: GuardedH11Protocol) -> None:
        self.all.pop(conn, None)
        mine = self.by_address.get(conn.address)
        if mine is not None:
            mine.pop(conn, None)
            if not mine:
                del self.by_address[conn.address]


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with the guard, a request-head timeout and a keep-alive limit.
    ``protocol_class`` makes a subclass bound to one guard."""

    guard: ConnectionGuard

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.address = "-"
        self._head_timer: asyncio.TimerHandle | None = None
        self._responses = 0
        self._registered = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.address = self.client[0] if self.client else "-"
        if not self.guard.admit(self):
            self.close("refused")
            return
        self._registered = True
        self._start_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        if self._registered:
            self._registered = False
            self.guard.release(self)
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._head_timer is None and self.waiting_for_request():
            self._start_head_timer()  # the first bytes of the next request on a kept-alive connection
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._cancel_head_timer()  # the head is complete

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._responses += 1
        if self._responses >= self.guard.limits.max_requests and not self.transport.is_closing():
            self.close("max_requests")

    def waiting_for_request(self) -> bool:
        """No request is being handled: the connection is idle or still sending a request head."""
        return self.conn.their_state is h11.IDLE and (self.cycle is None or self.cycle.response_complete)

    def close(self, reason: str) -> None:
        self._cancel_head_timer()
        if self._registered:
            self._registered = False
            self.guard.release(self)
        if self.guard.on_close is not None:
            self.guard.on_close(reason)
        if reason == "max_requests":
            self.transport.close()  # after a complete response: a graceful TLS close
        else:
            # Idle, slow or surplus: drop it now. A graceful TLS close would wait for the client's
            # close_notify (up to the shutdown timeout) while it goes on sending.
            log.info(json.dumps({"event": "connection_closed", "reason": reason}))
            self.transport.abort()

    def _start_head_timer(self) -> None:
        self._cancel_head_timer()
        self._head_timer = self.loop.call_later(self.guard.limits.head_timeout, self._head_timed_out)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.waiting_for_request() and not self.transport.is_closing():
            self.close("head_timeout")


def protocol_class(guard: ConnectionGuard) -> type[GuardedH11Protocol]:
    return type("BoundGuardedH11Protocol", (GuardedH11Protocol,), {"guard": guard})


# -- an event loop that gives TLS handshakes a deadline ---------------------------------------------
_HANDSHAKE_TIMEOUT = ConnectionLimits().handshake_timeout
_SHUTDOWN_TIMEOUT = 5.0  # a TLS close waits this long for the client's close_notify (default 30)


def set_handshake_timeout(seconds: float) -> None:
    global _HANDSHAKE_TIMEOUT
    _HANDSHAKE_TIMEOUT = seconds


def _with_handshake_timeout(base: type[asyncio.AbstractEventLoop]) -> type[asyncio.AbstractEventLoop]:
    class HandshakeTimeoutLoop(base):  # type: ignore[valid-type,misc]
        async def create_server(self, *args: Any, **kwargs: Any) -> asyncio.Server:
            if kwargs.get("ssl") is not None:
                kwargs.setdefault("ssl_handshake_timeout", _HANDSHAKE_TIMEOUT)
                kwargs.setdefault("ssl_shutdown_timeout", _SHUTDOWN_TIMEOUT)
            return await super().create_server(*args, **kwargs)  # type: ignore[no-any-return]

    return HandshakeTimeoutLoop


def new_event_loop() -> asyncio.AbstractEventLoop:
    """uvloop when installed (uvicorn[standard]), else asyncio's selector loop; either with a TLS
    handshake timeout. uvicorn takes it as ``loop="sync.receiver.connections:new_event_loop"``."""
    try:
        import uvloop
    except ImportError:
        return _with_handshake_timeout(asyncio.SelectorEventLoop)()
    return _with_handshake_timeout(uvloop.Loop)()
