"""A public endpoint meets clients that connect and say nothing, trickle their headers (slowloris),
send huge or countless headers, or lie in X-Forwarded-For. Against a real receiver process over TLS:
/v1/health and an authenticated upload still answer within a second, memory stays bounded, and the
enrolment rate limit cannot be dodged with a forwarded header."""

from __future__ import annotations

import base64
import socket
import ssl
import threading
import time
from pathlib import Path

import nacl.signing
import pytest
import requests

from sync import protocol
from sync.receiver.app import RateLimiter
from tests.support.attacks import IdleConnections, Slowloris, rss_bytes, tls_connect
from tests.support.receiver import EnrolledDevice, Receiver, running_receiver

HEADER_TIMEOUT = 3  # seconds; shorter than the default 10 so the test sees it act


def _answers_within_a_second(rx: Receiver, dev: EnrolledDevice, label: str) -> None:
    """A fresh client connection (new TLS handshake) gets health and a stored upload, each < 1 s."""
    s = rx.session()
    t0 = time.perf_counter()
    r = s.get(rx.url + "/v1/health", timeout=10)
    health_s = time.perf_counter() - t0
    assert r.status_code == 200, (label, r.status_code, r.text[:200])
    env = rx.seal(dev, {"q": label})
    t0 = time.perf_counter()
    r = rx.post_batch(dev, [env], session=rx.session(), timeout=10)
    upload_s = time.perf_counter() - t0
    assert r.status_code == 200, (label, r.status_code, r.text[:200])
    assert protocol.parse_batch_response(r.content).results[0].status == "stored"
    assert health_s < 1.0 and upload_s < 1.0, (label, round(health_s, 3), round(upload_s, 3))


@pytest.mark.parametrize("per_address", [None, 1000], ids=["default-bound", "no-effective-bound"])
def test_idle_connections_and_slowloris_leave_health_and_upload_answering(
    tmp_path: Path, per_address: int | None
) -> None:
    """250 idle TLS connections and 20 slowloris clients, all from 127.0.0.1 like the real client.
    With the default bound (64 per address) the server closes the oldest idle ones to make room;
    with a bound of 1000 they all stay open and still do not block anyone (no 503)."""
    args = ["--header-timeout", str(HEADER_TIMEOUT)]
    if per_address:
        args += ["--max-connections-per-address", str(per_address)]
    with running_receiver(tmp_path, serve_args=args) as rx:
        dev = rx.enrol_device()
        with IdleConnections(rx, 250) as idle, Slowloris(rx, connections=20, interval=0.5) as slow:
            time.sleep(1.0)  # the slowloris clients are mid-head
            for i in range(3):
                _answers_within_a_second(rx, dev, f"under attack {i}")
            if per_address is None:
                assert idle.closed_by_server() >= 250 - 64, "the per-address bound closes idle connections"
            # Idle connections do not live past the header timeout (bounded wait).
            deadline = time.monotonic() + HEADER_TIMEOUT + 10
            while idle.closed_by_server() < 250 and time.monotonic() < deadline:
                time.sleep(0.2)
            assert idle.closed_by_server() == 250, "idle connections are closed after the header timeout"
            while slow.reopened < 20 and time.monotonic() < deadline + HEADER_TIMEOUT:
                time.sleep(0.2)
            assert slow.reopened >= 20, "every slowloris connection is cut off at the header timeout"
            _answers_within_a_second(rx, dev, "after the timeouts")
        assert rx.healthy()


def _send_huge_header(rx: Receiver, size: int, answers: list[bytes]) -> None:
    sock = tls_connect(rx, timeout=30)
    try:
        sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
        chunk = b"A" * (1024 * 1024)
        for _ in range(size // len(chunk)):
            sock.sendall(chunk)
        sock.sendall(b"\r\n\r\n")
        answers.append(sock.recv(64))
    except (OSError, ssl.SSLError):
        answers.append(b"(closed by the server)")
    finally:
        sock.close()


def test_32mib_header_is_refused_and_memory_stays_bounded(receiver: Receiver) -> None:
    assert receiver.proc is not None
    base = rss_bytes(receiver.proc.pid)
    answers: list[bytes] = []
    size = 32 * 1024 * 1024
    threads = [threading.Thread(target=_send_huge_header, args=(receiver, size, answers)) for _ in range(4)]
    for t in threads:
        t.start()
    peak = base
    while any(t.is_alive() for t in threads):
        peak = max(peak, rss_bytes(receiver.proc.pid))
        time.sleep(0.01)
    for t in threads:
        t.join()
    assert len(answers) == 4
    for a in answers:
        assert not a.startswith(b"HTTP/1.1 200"), a
        assert a.startswith(b"HTTP/1.1 4") or a == b"(closed by the server)", a
    # Four 32 MiB heads (128 MiB) sent at once: the process grows by far less than one of them.
    assert peak - base < 24 * 1024 * 1024, f"RSS grew by {(peak - base) / 2**20:.1f} MiB"
    assert receiver.healthy()


def test_too_many_header_fields_are_refused(receiver: Receiver) -> None:
    headers = {f"X-Many-{i}": "1" for i in range(100)}
    r = receiver.session().get(receiver.url + "/v1/health", headers=headers, timeout=10)
    assert r.status_code == 431 and r.json()["error"] == "headers_too_large"


def _enrol_attempt(rx: Receiver, forwarded_for: str) -> int:
    key = base64.b64encode(bytes(nacl.signing.SigningKey.generate().verify_key)).decode()
    return (
        rx.session()
        .post(
            rx.url + "/v1/enrol",
            json={"code": "0" * 24, "label": "L", "device_public_key": key},
            headers={"X-Forwarded-For": forwarded_for, "Forwarded": f"for={forwarded_for}"},
            timeout=10,
        )
        .status_code
    )


def test_spoofed_forwarded_headers_do_not_move_the_enrolment_rate_limit(tmp_path: Path) -> None:
    with running_receiver(tmp_path / "direct", enrol_rate_limit=3) as rx:
        statuses = [_enrol_attempt(rx, f"203.0.113.{i}") for i in range(6)]
    assert statuses[:3] == [403, 403, 403] and set(statuses[3:]) == {429}, statuses


def test_forwarded_for_counts_only_from_a_configured_proxy(tmp_path: Path) -> None:
    # 127.0.0.1 is the proxy here: each forwarded client has its own budget ...
    with running_receiver(
        tmp_path / "proxied", enrol_rate_limit=2, serve_args=["--trusted-proxy", "127.0.0.1"]
    ) as rx:
        assert [_enrol_attempt(rx, "203.0.113.7") for _ in range(3)] == [403, 403, 429]
        assert _enrol_attempt(rx, "203.0.113.8") == 403
        # ... and a client cannot dodge it by prepending a made-up address: the proxy appends the
        # address it saw, and the receiver takes the right-most untrusted one.
        assert _enrol_attempt(rx, "198.51.100.1, 203.0.113.7") == 429


def test_rate_limiter_memory_is_bounded() -> None:
    limiter = RateLimiter(per_minute=5, max_keys=1000)
    for i in range(50_000):
        limiter.take(f"198.51.{i // 256}.{i % 256}")
    assert len(limiter) == 1000
    for _ in range(5):
        assert limiter.take("keep") == 0.0
    assert limiter.take("keep") > 0, "a key in use keeps its bucket"


def test_plain_tcp_connection_without_tls_handshake_is_closed(tmp_path: Path) -> None:
    """A connection that never starts TLS is dropped after the handshake timeout, not held."""
    with running_receiver(tmp_path) as rx:
        with socket.create_connection(("127.0.0.1", rx.port), timeout=30) as sock:
            t0 = time.monotonic()
            try:
                data = sock.recv(10)
            except (ConnectionResetError, TimeoutError):
                data = b""
            assert data == b"" and time.monotonic() - t0 < 25
        with pytest.raises(requests.ConnectionError):
            requests.get(f"http://127.0.0.1:{rx.port}/v1/health", timeout=5)


def test_busy_connections_are_not_evicted_and_a_surplus_one_is_refused(tmp_path: Path) -> None:
    """Bound 2 per address: two uploads in progress (head sent, body pending) are not cut off for a
    third connection, which is refused; once they are done, new connections are served again."""
    with running_receiver(tmp_path, serve_args=["--max-connections-per-address", "2"]) as rx:
        dev = rx.enrol_device()
        busy = [tls_connect(rx) for _ in range(2)]
        try:
            for sock in busy:
                sock.sendall(
                    b"POST /v1/envelopes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    b"Authorization: Bearer " + dev.token.encode() + b"\r\nContent-Length: 20\r\n\r\n{"
                )
            time.sleep(0.5)  # the receiver has read both heads and waits for the bodies
            with pytest.raises(requests.ConnectionError):
                rx.session().get(rx.url + "/v1/health", timeout=10)
            for sock in busy:
                sock.sendall(b'"envelopes": []}   ')  # 20 bytes in all: an empty batch
                assert sock.recv(64).startswith(b"HTTP/1.1 422"), "the busy uploads were served"
        finally:
            for sock in busy:
                sock.close()
        assert rx.healthy()
        log = rx.log_path.read_text()
        assert '"reason": "refused"' in log and '"reason": "evicted"' not in log
