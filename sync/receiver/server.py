"""Run the receiver on uvicorn (h11, with connection guards) with TLS 1.2 or newer, logging one JSON
line per request. Why these settings: docs/receiver-operations.md (measured)."""

from __future__ import annotations

import ipaddress
import json
import logging
import ssl
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn

from sync import protocol
from sync.receiver import config as cfgmod
from sync.receiver import connections
from sync.receiver.app import Settings, create_app
from sync.receiver.connections import ConnectionGuard, ConnectionLimits
from sync.receiver.metrics import Metrics
from sync.receiver.registrar_api import registrar_router
from sync.receiver.storage import open_storage

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class JsonLines(logging.Formatter):
    """Messages that are JSON already pass through; anything else (uvicorn's own lines) is
    wrapped, so the log is one JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        msg = record.getMessage()
        if msg.startswith("{"):
            return msg
        return json.dumps(
            {"event": "log", "level": record.levelname.lower(), "logger": record.name, "message": msg[:500]}
        )


def setup_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    for name in ("signaal.receiver", "uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level if name == "signaal.receiver" else logging.WARNING)
        logger.propagate = False


def parse_networks(values: Sequence[str]) -> list[IPNetwork]:
    """``--trusted-proxy`` values: addresses or CIDR networks. ValueError names a bad one."""
    out: list[IPNetwork] = []
    for value in values:
        try:
            out.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(
                f"{value!r} is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/24)"
            ) from None
    return out


def _in_networks(networks: Sequence[IPNetwork]) -> Callable[[str], bool]:
    def check(host: str) -> bool:
        try:
            addr = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(addr in net for net in networks)

    return check


@dataclass
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8443
    rate_per_minute: int = protocol.DEFAULT_RATE_PER_MINUTE
    enrol_per_minute: int = 30
    # Forwarded headers (X-Forwarded-For/-Proto) count only from these; none by default.
    trusted_proxies: list[IPNetwork] = field(default_factory=list)
    limits: ConnectionLimits = field(default_factory=ConnectionLimits)
    metrics_host: str = "127.0.0.1"
    metrics_port: int | None = None


def serve(
    data_dir: Path,
    cert_file: Path,
    key_file: Path,
    database_url: str | None,
    options: ServeOptions,
    ready: Callable[[Settings], None] | None = None,
) -> None:
    cfg = cfgmod.load(data_dir)
    storage = open_storage(data_dir, database_url)
    cert_der = cfgmod.certificate_der(cert_file)
    metrics = Metrics()
    settings = Settings(
        storage=storage,
        receipt_key=cfg.receipt_signing_key(),
        sealing_public_key=cfg.sealing_public_key,
        certificate_sha256=protocol.certificate_sha256(cert_der),
        rate_per_minute=options.rate_per_minute,
        enrol_per_minute=options.enrol_per_minute,
        metrics=metrics,
    )
    setup_logging()
    app = create_app(settings)
    app.include_router(registrar_router(settings))
    limits = options.limits
    guard = ConnectionGuard(limits, _in_networks(options.trusted_proxies), on_close=metrics.closed)
    metrics.track_open_connections(lambda: len(guard.all))
    connections.set_handshake_timeout(limits.handshake_timeout)
    config = uvicorn.Config(
        app,
        host=options.host,
        port=options.port,
        ssl_certfile=str(cert_file),
        ssl_keyfile=str(key_file),
        log_config=None,
        access_log=False,
        server_header=False,
        lifespan="off",
        # h11, not httptools: h11 bounds the request head while it arrives (max_head_bytes).
        http=connections.protocol_class(guard),
        h11_max_incomplete_event_size=limits.max_head_bytes,
        loop="sync.receiver.connections:new_event_loop",
        timeout_keep_alive=int(limits.keep_alive_timeout),
        # No limit_concurrency: uvicorn counts idle connections towards it and answers everyone 503.
        # The guard bounds connections per address and in total instead, closing idle ones first.
        limit_concurrency=None,
        backlog=2048,
        proxy_headers=bool(options.trusted_proxies),
        forwarded_allow_ips=[str(n) for n in options.trusted_proxies] or None,
        # Idle TLS keep-alive connections would otherwise hold a shutdown for the SSL close timeout.
        timeout_graceful_shutdown=3,
    )
    config.load()
    # uvicorn builds the SSLContext; raise its floor to TLS 1.2 (NCSC guidance, SECURITY.md R17).
    assert config.ssl is not None
    config.ssl.minimum_version = ssl.TLSVersion.TLSv1_2
    if options.metrics_port is not None:
        try:
            metrics.serve(options.metrics_host, options.metrics_port)
        except OSError as exc:
            storage.close()
            raise cfgmod.ConfigError(
                f"The metrics listener could not start on {options.metrics_host}:{options.metrics_port}: "
                f"{exc.strerror or exc}."
            ) from None
    server = uvicorn.Server(config)
    if ready:
        ready(settings)
    try:
        server.run()
    finally:
        storage.close()
