"""Run the receiver on uvicorn with TLS 1.2 or newer, logging one JSON line per request."""

from __future__ import annotations

import json
import logging
import ssl
import sys
from pathlib import Path

from sync import protocol
from sync.receiver import config as cfgmod
from sync.receiver.app import Settings, create_app
from sync.receiver.storage import open_storage


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


def serve(
    data_dir: Path,
    host: str,
    port: int,
    cert_file: Path,
    key_file: Path,
    database_url: str | None,
    rate_per_minute: int,
    enrol_per_minute: int = 30,
    ready=None,
) -> None:
    import uvicorn

    cfg = cfgmod.load(data_dir)
    storage = open_storage(data_dir, database_url)
    cert_der = cfgmod.certificate_der(cert_file)
    settings = Settings(
        storage=storage,
        receipt_key=cfg.receipt_signing_key(),
        sealing_public_key=cfg.sealing_public_key,
        certificate_sha256=protocol.certificate_sha256(cert_der),
        rate_per_minute=rate_per_minute,
        enrol_per_minute=enrol_per_minute,
    )
    setup_logging()
    app = create_app(settings)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        ssl_certfile=str(cert_file),
        ssl_keyfile=str(key_file),
        log_config=None,
        access_log=False,
        server_header=False,
        lifespan="off",
        timeout_keep_alive=30,
        # Idle TLS keep-alive connections would otherwise hold a shutdown for the SSL close timeout.
        timeout_graceful_shutdown=3,
        limit_concurrency=200,
        h11_max_incomplete_event_size=16384,
    )
    config.load()
    # uvicorn builds the SSLContext; raise its floor to TLS 1.2 (NCSC guidance, SECURITY.md R17).
    config.ssl.minimum_version = ssl.TLSVersion.TLSv1_2
    server = uvicorn.Server(config)
    if ready:
        ready(settings)
    try:
        server.run()
    finally:
        storage.close()
