"""How the receiver's app fares on candidate servers against slow and greedy clients; the numbers
behind the server choice in docs/receiver-operations.md.

    python -m tests.benchmarks.compare_servers        # (hypercorn and granian: pip install them first)

Not part of ``make bench``: it measures servers the project does not depend on. Candidates that are
not installed are skipped. Every candidate serves the same ASGI app over TLS on 127.0.0.1 with a
trustme certificate and SQLite; each probe runs from a fresh connection:

* ``idle``: 250 TLS connections that send nothing; then /v1/health from a new connection (status,
  seconds), and how many of the 250 the server has closed 15 s later;
* ``slowloris``: 20 connections trickling header lines for 15 s; /v1/health meanwhile, and whether
  the server cut the slow ones off;
* ``header``: four 32 MiB header lines at once: the answer, and the servers' RSS growth;
* ``rps``: /v1/health requests per second on one connection, with 250 idle connections open, as a
  ratio to without.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import requests

from sync import protocol
from sync.receiver import config as cfgmod
from sync.receiver.app import Settings, create_app
from sync.receiver.storage import open_storage
from tests.support.attacks import IdleConnections, Slowloris, tls_connect
from tests.support.receiver import ROOT, Receiver

CANDIDATES = [
    "uvicorn-httptools-before",
    "uvicorn-h11-stock",
    "hypercorn",
    "granian",
    "signaal-uvicorn-guarded",
]
DIR_ENV = "SIGNAAL_COMPARE_DIR"


def app_factory() -> Any:
    """The receiver's ASGI app on the data dir named by SIGNAAL_COMPARE_DIR (SQLite)."""

    data_dir = Path(os.environ[DIR_ENV])
    cfg = cfgmod.load(data_dir)
    cert = data_dir / cfgmod.DEV_CERT
    settings = Settings(
        storage=open_storage(data_dir),
        receipt_key=cfg.receipt_signing_key(),
        sealing_public_key=cfg.sealing_public_key,
        certificate_sha256=protocol.certificate_sha256(cfgmod.certificate_der(cert)),
        rate_per_minute=0,
    )
    return create_app(settings)


def _serve(name: str, data_dir: Path, port: int) -> None:
    os.environ[DIR_ENV] = str(data_dir)
    cert, key = str(data_dir / "dev-cert.pem"), str(data_dir / "dev-key.pem")
    if name.startswith("uvicorn"):
        import uvicorn

        before = name == "uvicorn-httptools-before"
        uvicorn.run(
            app_factory(),
            host="127.0.0.1",
            port=port,
            ssl_certfile=cert,
            ssl_keyfile=key,
            log_level="warning",
            lifespan="off",
            http="httptools" if before else "h11",
            limit_concurrency=200 if before else None,
            timeout_keep_alive=30 if before else 5,
            h11_max_incomplete_event_size=16384,
        )
    elif name == "hypercorn":
        import asyncio

        from hypercorn.asyncio import serve
        from hypercorn.config import Config

        config = Config()
        config.bind = [f"127.0.0.1:{port}"]
        config.certfile, config.keyfile = cert, key
        config.ssl_handshake_timeout = 10
        config.keep_alive_timeout = 5
        config.read_timeout = 10
        config.loglevel = "WARNING"
        asyncio.run(serve(app_factory(), config, mode="asgi"))
    elif name == "granian":
        from granian.constants import HTTPModes, Interfaces, SSLProtocols
        from granian.http import HTTP1Settings
        from granian.server import Server

        Server(
            "tests.benchmarks.compare_servers:app_factory",
            factory=True,
            address="127.0.0.1",
            port=port,
            interface=Interfaces.ASGI,
            http=HTTPModes.http1,
            http1_settings=HTTP1Settings(header_read_timeout=10_000, max_buffer_size=16384 * 2),
            ssl_cert=Path(cert),
            ssl_key=Path(key),
            ssl_protocol_min=SSLProtocols.tls12,
            log_level="warning",  # type: ignore[arg-type]
        ).serve()
    else:
        raise SystemExit(f"unknown candidate {name}")


class Candidate:
    def __init__(self, name: str, tmp: Path) -> None:
        self.name = name
        self.rx = Receiver(tmp)  # init: keys and database

        cfgmod.ensure_dev_certificate(self.rx.data_dir)
        self.port = self.rx.port
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def ca_pem(self) -> Path:
        return self.rx.ca_pem

    def start(self) -> None:
        if self.name == "signaal-uvicorn-guarded":
            self.rx.rate_limit = 0
            self.rx.start()
            self.proc = self.rx.proc
            return
        cmd = [sys.executable, "-m", "tests.benchmarks.compare_servers", "--serve", self.name]
        cmd += [str(self.rx.data_dir), str(self.port)]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        with open(self.rx.log_path, "ab") as log:
            self.proc = subprocess.Popen(cmd, env=env, cwd=str(ROOT), stdout=log, stderr=log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.rx.healthy(timeout=1):
                return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL) if self.name == "granian" else self.proc.kill()
            self.proc.wait(timeout=10)
        self.rx.proc = None

    def rss(self) -> int:
        """RSS of the server process and its children (granian runs workers)."""
        assert self.proc is not None
        pids = {self.proc.pid}
        for d in Path("/proc").iterdir():
            if d.name.isdigit():
                try:
                    ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue  # a process that just ended
                if ppid in pids:
                    pids.add(int(d.name))
        total = 0
        for pid in pids:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            except OSError:
                continue  # ended meanwhile
        return total


def _health(c: Candidate) -> dict[str, Any]:
    t0 = time.perf_counter()
    try:
        r = c.rx.session().get(c.rx.url + "/v1/health", timeout=5)
        return {"status": r.status_code, "seconds": round(time.perf_counter() - t0, 3)}
    except requests.RequestException as exc:
        return {"status": exc.__class__.__name__, "seconds": round(time.perf_counter() - t0, 3)}


def _rps(c: Candidate, n: int = 300) -> float:
    s = c.rx.session()
    s.get(c.rx.url + "/v1/health", timeout=10)
    t0 = time.perf_counter()
    for _ in range(n):
        s.get(c.rx.url + "/v1/health", timeout=10)
    return n / (time.perf_counter() - t0)


def _huge_header(c: Candidate, out: list[str]) -> None:
    try:
        sock = tls_connect(c, timeout=30)
    except OSError as exc:
        out.append(exc.__class__.__name__)
        return
    try:
        sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
        for _ in range(32):
            sock.sendall(b"A" * (1024 * 1024))
        sock.sendall(b"\r\n\r\n")
        out.append(sock.recv(40).split(b"\r\n")[0].decode("latin-1") or "closed")
    except OSError:
        out.append("closed")
    finally:
        sock.close()


def measure(c: Candidate) -> dict[str, Any]:
    res: dict[str, Any] = {"server": c.name}
    base = _rps(c)
    res["rps"] = round(base, 1)
    with IdleConnections(c, 250) as idle:
        time.sleep(1)
        res["idle_health"] = _health(c)
        res["idle_rps_ratio"] = round(_rps(c) / base, 3)
        time.sleep(15)
        res["idle_closed_after_16s"] = idle.closed_by_server()
    time.sleep(1)
    with Slowloris(c, connections=20, interval=1.0, max_seconds=30) as slow:
        time.sleep(2)
        res["slowloris_health"] = _health(c)
        time.sleep(14)
        res["slowloris_cut_off"] = slow.reopened
    rss0 = c.rss()
    answers: list[str] = []
    threads = [threading.Thread(target=_huge_header, args=(c, answers)) for _ in range(4)]
    peak = rss0
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        peak = max(peak, c.rss())
        time.sleep(0.02)
    res["header_32mib_answers"] = sorted(set(answers))
    res["header_32mib_rss_growth_mib"] = round((peak - rss0) / 2**20, 1)
    res["healthy_after"] = c.rx.healthy(timeout=5)
    return res


def main() -> None:
    for name in CANDIDATES:
        module = name.split("-")[0] if not name.startswith("signaal") else "uvicorn"
        try:
            __import__(module)
        except ImportError:
            print(json.dumps({"server": name, "skipped": f"{module} not installed"}), flush=True)
            continue
        with tempfile.TemporaryDirectory(prefix="signaal-compare-") as tmp:
            c = Candidate(name, Path(tmp))
            try:
                c.start()
                print(json.dumps(measure(c)), flush=True)
            finally:
                c.stop()


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--serve":
        if sys.argv[2] == "granian":
            os.setpgid(0, 0)  # so its workers can be stopped with it
        _serve(sys.argv[2], Path(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
