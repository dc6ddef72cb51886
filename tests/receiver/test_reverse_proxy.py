"""The nginx sample in docs/receiver/ works: in front of a real receiver, with only paths and ports
changed, it passes uploads and enrolments through, serves the certificate the apps pin, and a
client cannot move the enrolment rate limit with its own X-Forwarded-For."""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import nacl.signing
import pytest

from sync import protocol
from tests.conftest import ROOT
from tests.support.attacks import tls_connect
from tests.support.receiver import EnrolledDevice, Receiver, free_port, running_receiver

SAMPLES = ROOT / "docs" / "receiver"


@dataclass
class _Endpoint:
    port: int
    ca_pem: Path


@pytest.fixture
def nginx_binary() -> str:
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("nginx is not installed: CI must check the reverse proxy sample (scripts/test.sh)")
        pytest.skip("nginx is not installed")
    return path


def _config(tmp_path: Path, rx: Receiver, port: int) -> str:
    proxy = (SAMPLES / "signaal-proxy.conf").read_text()
    proxy = proxy.replace("proxy_ssl_name signaal.example.org;", "proxy_ssl_name localhost;")
    proxy = proxy.replace("/etc/ssl/certs/ca-certificates.crt", str(rx.ca_pem))
    (tmp_path / "signaal-proxy.conf").write_text(proxy)
    conf = (SAMPLES / "nginx.conf").read_text()
    replacements = {
        "pid /run/nginx-signaal.pid;": f"pid {tmp_path / 'nginx.pid'};",
        "listen 443 ssl;": f"listen 127.0.0.1:{port} ssl;",
        "listen [::]:443 ssl;": "",
        "/etc/signaal-receiver/tls/fullchain.pem": str(rx.cert_pem),
        "/etc/signaal-receiver/tls/privkey.pem": str(rx.data_dir / "dev-key.pem"),
        "server 127.0.0.1:8443;": f"server 127.0.0.1:{rx.port};",
        "/etc/nginx/signaal-proxy.conf": str(tmp_path / "signaal-proxy.conf"),
        "worker_processes auto;": "worker_processes 1;",
    }
    for old, new in replacements.items():
        assert old in conf, old
        conf = conf.replace(old, new)
    path = tmp_path / "nginx.conf"
    path.write_text(conf)
    return str(path)


def test_nginx_sample_in_front_of_the_receiver(tmp_path: Path, nginx_binary: str) -> None:
    with running_receiver(
        tmp_path / "rx", enrol_rate_limit=3, serve_args=["--trusted-proxy", "127.0.0.1"]
    ) as rx:
        port = free_port()
        conf = _config(tmp_path, rx, port)
        check = subprocess.run(
            [nginx_binary, "-t", "-c", conf, "-p", str(tmp_path)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr
        proc = subprocess.Popen(
            [nginx_binary, "-c", conf, "-p", str(tmp_path), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / "nginx.log", "wb"),  # noqa: SIM115 - nginx writes to it
        )
        try:
            url = f"https://127.0.0.1:{port}"
            s = rx.session()
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                try:
                    if s.get(url + "/v1/health", timeout=2).status_code == 200:
                        break
                except Exception:
                    time.sleep(0.1)
            assert s.get(url + "/v1/health", timeout=5).json()["status"] == "ok"

            # The certificate nginx serves is the one the enrolment response tells the app to pin.
            with tls_connect(_Endpoint(port, rx.ca_pem)) as sock:
                served = sock.getpeercert(binary_form=True)
            assert served is not None
            key = nacl.signing.SigningKey.generate()
            public = base64.b64encode(bytes(key.verify_key)).decode()
            r = s.post(
                url + "/v1/enrol",
                json={"code": rx.enrol(), "label": "Via nginx", "device_public_key": public},
                timeout=10,
            )
            assert r.status_code == 201, r.text
            assert r.json()["certificate_sha256"] == hashlib.sha256(served).hexdigest()
            dev = EnrolledDevice(r.json()["device_id"], r.json()["token"], key, r.json())
            env = rx.seal(dev, {"q": "via nginx"})
            body = {"envelopes": [env.model_dump()]}
            r = s.post(url + "/v1/envelopes", json=body, headers=dev.headers, timeout=10)
            assert protocol.parse_batch_response(r.content).results[0].status == "stored"

            # One real enrolment used one of three attempts; spoofed headers do not add more.
            statuses = []
            for i in range(4):
                statuses.append(
                    s.post(
                        url + "/v1/enrol",
                        json={"code": "0" * 24, "label": "L", "device_public_key": public},
                        headers={"X-Forwarded-For": f"203.0.113.{i}"},
                        timeout=10,
                    ).status_code
                )
            assert statuses[:2] == [403, 403] and set(statuses[2:]) == {429}, statuses
        finally:
            proc.terminate()
            proc.wait(timeout=10)
