"""A real receiver in a subprocess, for tests on either side of the protocol.

    from tests.support.receiver import running_receiver

    with running_receiver(tmp_path) as rx:            # SQLite; database_url="postgresql://…" for PG
        code = rx.enrol("Test org")                   # a fresh single-use code (CLI 'enrol')
        dev = rx.enrol_device()                       # or: code + POST /v1/enrol in one go
        r = rx.session().post(rx.url + "/v1/envelopes", json=..., headers=dev.headers)
        rx.kill(); rx.restart()                       # crash and come back on the same port
        creds, key = rx.enrol_registrar("Desk")       # a CoMensha desk (sync.registrar client)

The receiver runs through its CLI (``python -m sync.receiver.cli``) with ``serve --dev``: real TLS
on 127.0.0.1 with a trustme CA, whose PEM is ``rx.ca_pem``. Its stderr (JSON log lines) is in
``rx.log_path``. The sealing private key is kept outside the data dir (``rx.sealing_private_key``),
as an operator would.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import nacl.signing
import psycopg
import requests
from psycopg.conninfo import make_conninfo

from sync import envelope, protocol
from sync.registrar import enrol_registrar

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "sync.receiver.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONUNBUFFERED"] = "1"
    if extra:
        env.update(extra)
    return env


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60, check: bool = False
) -> subprocess.CompletedProcess:
    """Run ``signaal-receiver ARGS`` and return the finished process (text stdout/stderr)."""
    proc = subprocess.run(
        [*CLI, *args], capture_output=True, text=True, env=_env(env), timeout=timeout, cwd=str(ROOT)
    )
    if check and proc.returncode != 0:
        raise RuntimeError(f"signaal-receiver {args[0]} failed ({proc.returncode}): {proc.stderr.strip()}")
    return proc


@dataclass
class EnrolledDevice:
    device_id: str
    token: str
    signing_key: nacl.signing.SigningKey
    response: dict

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


class Receiver:
    def __init__(
        self,
        tmp_path: Path,
        database_url: str | None = None,
        rate_limit: int | None = None,
        enrol_rate_limit: int | None = 1000,
        env: dict[str, str] | None = None,
        serve_args: list[str] | None = None,
        share_with: Receiver | None = None,
    ):
        self.tmp_path = Path(tmp_path)
        self.tmp_path.mkdir(parents=True, exist_ok=True)
        # More 'serve' options, e.g. ["--header-timeout", "2", "--metrics-port", "9100"].
        self.serve_args = list(serve_args or [])
        self.data_dir = self.tmp_path / "receiver-data"
        self.sealing_private_key = self.tmp_path / "comensha-sealing-private.key"
        self.database_url = database_url
        self.rate_limit = rate_limit
        # Tests enrol many devices from 127.0.0.1; the production default (30/min) would throttle them.
        self.enrol_rate_limit = enrol_rate_limit
        self.env = dict(env or {})
        # A fault from tests.support.faulty_receiver to start with (test-only; None = the real CLI).
        self.fault: str | None = None
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.log_path = self.tmp_path / "receiver.log"
        self.out_path = self.tmp_path / "receiver.out"
        self.proc: subprocess.Popen | None = None
        if share_with is not None:  # another process on the same data dir and database
            self.data_dir, self.sealing_private_key = share_with.data_dir, share_with.sealing_private_key
            return
        init = ["init", "--data-dir", str(self.data_dir), "--private-key-out", str(self.sealing_private_key)]
        if database_url:
            init += ["--database-url", database_url]
        run_cli(*init, check=True)

    def twin(self, tmp_path: Path) -> Receiver:
        """A second receiver process (not started) on this one's data dir, keys and database,
        listening on another port: two receivers behind one load balancer."""
        return Receiver(
            tmp_path,
            self.database_url,
            rate_limit=self.rate_limit,
            enrol_rate_limit=self.enrol_rate_limit,
            serve_args=self.serve_args,
            share_with=self,
        )

    # -- paths and keys -----------------------------------------------------------------------
    @property
    def ca_pem(self) -> Path:
        return self.data_dir / "dev-ca.pem"

    @property
    def cert_pem(self) -> Path:
        return self.data_dir / "dev-cert.pem"

    @property
    def cert_der(self) -> bytes:
        text = self.cert_pem.read_text()
        end = text.index("-----END CERTIFICATE-----") + len("-----END CERTIFICATE-----")
        return ssl.PEM_cert_to_DER_cert(text[:end])

    def _config(self) -> dict:
        return json.loads((self.data_dir / "config.json").read_text())

    @property
    def receipt_public_key(self) -> bytes:
        return base64.b64decode(self._config()["receipt_public_key"])

    @property
    def sealing_public_key(self) -> bytes:
        return base64.b64decode(self._config()["sealing_public_key"])

    def sealing_private_key_bytes(self) -> bytes:
        return base64.b64decode(json.loads(self.sealing_private_key.read_text())["private_key"])

    # -- process ------------------------------------------------------------------------------
    def start(self, timeout: float = 30) -> Receiver:
        launcher = [sys.executable, "-m", "tests.support.faulty_receiver", self.fault] if self.fault else CLI
        args = [
            *launcher,
            "serve",
            "--data-dir",
            str(self.data_dir),
            "--dev",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]
        if self.rate_limit is not None:
            args += ["--rate-limit", str(self.rate_limit)]
        if self.enrol_rate_limit is not None:
            args += ["--enrol-rate-limit", str(self.enrol_rate_limit)]
        args += self.serve_args
        # The database URL is in the data dir's config (init --database-url).
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child writes to it after we return
        out = open(self.out_path, "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(args, stdout=out, stderr=log, env=_env(self.env), cwd=str(ROOT))
        log.close()
        out.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"the receiver exited ({self.proc.returncode}): {self.log_path.read_text()[-2000:]}"
                )
            if self.ca_pem.exists() and self.healthy(timeout=1):
                return self
            time.sleep(0.1)
        self.kill()
        raise RuntimeError("the receiver did not answer /v1/health in time")

    def healthy(self, timeout: float = 5) -> bool:
        try:
            r = self.session().get(self.url + "/v1/health", timeout=timeout)
            return r.status_code == 200 and r.json().get("status") == "ok"
        except (requests.RequestException, ValueError):
            return False

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None

    def restart(self, env: dict[str, str] | None = None, fault: str | None = None) -> Receiver:
        """Stop and start again, with ``env`` (when given) and ``fault`` (None: no fault)."""
        self.stop()
        if env is not None:
            self.env = dict(env)
        self.fault = fault
        return self.start()

    def wait_exit(self, timeout: float = 10) -> int:
        assert self.proc is not None
        code = self.proc.wait(timeout=timeout)
        self.proc = None
        return code

    # -- operator commands --------------------------------------------------------------------
    def cli(self, command: str, *args: str, **kw) -> subprocess.CompletedProcess:
        return run_cli(command, "--data-dir", str(self.data_dir), *args, **kw)

    def enrol(self, org: str = "Test organisation", hours: float | None = None) -> str:
        """A fresh single-use enrolment code, from the CLI."""
        extra = ["--hours", str(hours)] if hours is not None else []
        return self.cli("enrol", "--org", org, "--quiet", *extra, check=True).stdout.strip()

    def revoke(self, device_id: str) -> None:
        self.cli("revoke", device_id, check=True)

    def registrar_code(self, name: str = "Test registrar", hours: float | None = None) -> str:
        """A fresh single-use registrar (desk) code, from the CLI ('registrar add')."""
        extra = ["--hours", str(hours)] if hours is not None else []
        return self.cli("registrar", "add", "--name", name, "--quiet", *extra, check=True).stdout.strip()

    def enrol_registrar(self, name: str = "Test registrar", label: str = "Test desk",
                        signing_key: nacl.signing.SigningKey | None = None):
        """Issue a registrar code and redeem it through the real client (sync.registrar); returns
        ``(credentials, signing_key)``."""

        key = signing_key or nacl.signing.SigningKey.generate()
        creds = enrol_registrar(self.url, self.registrar_code(name), bytes(key.verify_key), label)
        return creds, key

    def session(self) -> requests.Session:
        s = requests.Session()
        s.trust_env = False
        s.verify = str(self.ca_pem)
        return s

    def enrol_device(
        self,
        label: str = "Test laptop",
        org: str = "Test organisation",
        signing_key: nacl.signing.SigningKey | None = None,
    ) -> EnrolledDevice:
        """Issue a code and enrol a new device key with it (POST /v1/enrol)."""
        key = signing_key or nacl.signing.SigningKey.generate()
        code = self.enrol(org)
        r = self.session().post(
            self.url + "/v1/enrol",
            timeout=10,
            json={
                "code": code,
                "label": label,
                "device_public_key": base64.b64encode(bytes(key.verify_key)).decode(),
            },
        )
        if r.status_code != 201:
            raise RuntimeError(f"enrolment failed: {r.status_code} {r.text[:300]}")
        body = r.json()
        return EnrolledDevice(body["device_id"], body["token"], key, body)

    def seal(
        self,
        device: EnrolledDevice,
        answers: dict,
        *,
        form_id: str = "coa-signaal",
        form_version: int = 1,
        envelope_id: str | None = None,
        created_at: str | None = None,
    ):
        """A protocol.Envelope sealed to this receiver's key and signed by ``device``."""

        return envelope.seal_envelope(
            answers,
            envelope_id=envelope_id or protocol.new_envelope_id(),
            form_id=form_id,
            form_version=form_version,
            created_at=created_at or protocol.utc_now(),
            sealing_public_key=self.sealing_public_key,
            signing_key=device.signing_key,
            device_id=device.device_id,
        )

    def post_batch(
        self, device: EnrolledDevice, envelopes: list, session: requests.Session | None = None, **kw
    ) -> requests.Response:
        body = {"envelopes": [e.model_dump() if hasattr(e, "model_dump") else e for e in envelopes]}
        return (session or self.session()).post(
            self.url + "/v1/envelopes", json=body, headers=device.headers, timeout=kw.pop("timeout", 30), **kw
        )


@contextlib.contextmanager
def running_receiver(
    tmp_path: Path,
    database_url: str | None = None,
    *,
    rate_limit: int | None = None,
    enrol_rate_limit: int | None = 1000,
    env: dict[str, str] | None = None,
    serve_args: list[str] | None = None,
) -> Iterator[Receiver]:
    """Initialise a receiver in ``tmp_path``, serve it over TLS on a free port, stop it after."""
    rx = Receiver(
        tmp_path,
        database_url,
        rate_limit=rate_limit,
        enrol_rate_limit=enrol_rate_limit,
        env=env,
        serve_args=serve_args,
    )
    try:
        rx.start()
        yield rx
    finally:
        rx.kill()


def postgres_test_database(base_conninfo: str) -> tuple[str, Callable[[], None]]:
    """Create a throwaway database on the server ``base_conninfo`` points at; returns its conninfo
    and a function that drops it."""

    name = "signaal_test_" + secrets.token_hex(6)
    with psycopg.connect(base_conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(base_conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return make_conninfo(base_conninfo, dbname=name), drop
