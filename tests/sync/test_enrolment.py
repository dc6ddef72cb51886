"""Enrolment against the real receiver: TOFU checked by the code's hint, pin, explicit proxy."""

from __future__ import annotations

import contextlib
import hashlib
import select
import socket
import threading

import nacl.signing
import pytest

from sync import errors
from sync.client import ServerTrust, SyncClient
from sync.engine import SyncEngine
from sync.enrolment import enrol_device, fetch_server_certificate
from tests.support.outbox import queue_reports, real_store
from tests.support.receiver import running_receiver
from tests.sync.fakeserver import FakeReceiver
from tests.sync.helpers import server_rows


class ConnectProxy:
    """A minimal HTTP CONNECT proxy (what a company proxy does for HTTPS): it only carries bytes."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.targets: list[str] = []
        self.stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self.stop:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(c,), daemon=True).start()

    def _serve(self, c: socket.socket) -> None:
        with contextlib.suppress(OSError), c:
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = c.recv(4096)
                if not chunk:
                    return
                head += chunk
            line = head.split(b"\r\n", 1)[0].decode()
            method, target, _ = line.split(" ", 2)
            if method != "CONNECT":
                c.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                return
            self.targets.append(target)
            host, port = target.rsplit(":", 1)
            with socket.create_connection((host, int(port)), timeout=5) as u:
                c.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                while True:
                    r, _, _ = select.select([c, u], [], [], 5)
                    if not r:
                        return
                    for s in r:
                        data = s.recv(65536)
                        if not data:
                            return
                        (u if s is c else c).sendall(data)

    def close(self) -> None:
        self.stop = True
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()


@pytest.fixture
def rx(tmp_path):
    (tmp_path / "rx").mkdir()
    with running_receiver(tmp_path / "rx", rate_limit=0) as rx:
        yield rx


def test_enrol_pins_the_certificate_the_code_names(rx):
    key = nacl.signing.SigningKey.generate()
    enr = enrol_device(rx.url, rx.enrol("Org"), "Laptop 1", bytes(key.verify_key))
    assert enr.cert_sha256 == hashlib.sha256(rx.cert_der).hexdigest()
    assert enr.receipt_public_key == rx.receipt_public_key
    assert enr.sealing_public_key == rx.sealing_public_key
    assert enr.token not in repr(enr)
    assert "BEGIN CERTIFICATE" in enr.cert_pem
    client = SyncClient(rx.url, ServerTrust(cert_sha256=enr.cert_sha256), token=enr.token)
    assert client.health()


def test_machine_in_the_middle_at_enrolment_is_detected_before_the_code_is_sent(rx):
    code = rx.enrol("Org")
    with FakeReceiver() as mitm:      # another certificate on another address
        with pytest.raises(errors.CertificateMismatch):
            enrol_device(mitm.url, code, "Laptop", bytes(nacl.signing.SigningKey.generate().verify_key))
        assert mitm.posts == 0
    # The code is still good for the real server.
    enrol_device(rx.url, code, "Laptop", bytes(nacl.signing.SigningKey.generate().verify_key))


def test_bad_and_used_codes(rx):
    key = bytes(nacl.signing.SigningKey.generate().verify_key)
    with pytest.raises(errors.EnrolmentCodeInvalid) as info:
        enrol_device(rx.url, "ABCD-EFGH", "Laptop", key)
    assert info.value.text("nl") and info.value.text("en")
    code = rx.enrol("Org")
    enrol_device(rx.url, code, "Laptop", key)
    with pytest.raises(errors.SyncError) as info:
        enrol_device(rx.url, code, "Laptop", key)
    assert not isinstance(info.value, errors.CertificateMismatch)
    assert code not in info.value.text("en")


def test_enrol_and_deliver_through_an_explicit_proxy_only(rx, tmp_path, monkeypatch):
    proxy = ConnectProxy()
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")   # ignored: trust_env=False
    try:
        key = nacl.signing.SigningKey.generate()
        der = fetch_server_certificate(rx.url, 5, proxy=proxy.url)
        assert der == rx.cert_der
        enr = enrol_device(rx.url, rx.enrol("Org"), "Laptop", bytes(key.verify_key), proxy=proxy.url)
        store = real_store(tmp_path / "app")
        made = queue_reports(store, 12, enr.sealing_public_key, key)
        client = SyncClient(rx.url, ServerTrust(cert_sha256=enr.cert_sha256), token=enr.token,
                            proxy=proxy.url, timeout=(3, 5))
        report = SyncEngine(store, client, enr.receipt_public_key, batch_size=5).run_once()
        assert report.error is None and report.sent == 12
        assert {r[0] for r in server_rows(rx)} == set(made)
        assert proxy.targets and all(t == f"127.0.0.1:{rx.port}" for t in proxy.targets)
        store.close()
    finally:
        proxy.close()
