"""R15/R16/R17/R25 at the client: only a proper answer with verifying receipts marks anything sent."""

from __future__ import annotations

import contextlib
import hashlib
import socket
import ssl
import warnings

import pytest
import trustme

from sync import errors, protocol
from sync.client import ServerTrust, SyncClient, tls_context
from sync.engine import SyncEngine
from sync.enrolment import fetch_server_certificate
from tests.support.outbox import MemoryOutbox, queue_memory
from tests.sync.fakeserver import FakeReceiver

FAST = (2.0, 3.0)


@pytest.fixture
def server():
    with FakeReceiver() as srv:
        yield srv


def _engine(server: FakeReceiver, outbox: MemoryOutbox, **kw) -> SyncEngine:
    client = SyncClient(server.url, ServerTrust(cert_sha256=server.pin), token="t" * 43, timeout=FAST)
    return SyncEngine(outbox, client, server.receipt_public_key, **kw)


@pytest.mark.parametrize("mode, error", [
    ("captive", errors.BadResponse),
    ("redirect", errors.BadResponse),
    ("truncated", errors.BadResponse),
    ("cut_body", errors.BadResponse),
    ("text_json", errors.BadResponse),
    ("missing_result", errors.BadResponse),
    ("bad_signature", errors.BadResponse),
    ("wrong_hash", errors.BadResponse),
    ("server_error", errors.Unreachable),
])
def test_nothing_marked_sent_on_a_bad_answer(server, keys, mode, error):
    outbox = MemoryOutbox()
    made = queue_memory(outbox, 12, keys.sealing_public, keys.device)
    engine = _engine(server, outbox, batch_size=5)
    server.mode = mode
    report = engine.run_once()
    assert isinstance(report.error, error), report
    assert report.sent == report.duplicates == 0
    assert outbox.receipts == {}
    assert outbox.outbox_count() == 12 and report.remaining == 12
    assert report.retry_in is not None and report.retry_in > 0
    assert all(s == "final" for s in outbox.state.values())
    # The network heals: every report is delivered exactly once, the ones the server had already
    # committed come back as duplicates with their original receipt.
    server.mode = "ok"
    report = engine.run_once()
    assert report.error is None, report
    assert report.sent + report.duplicates == 12
    assert outbox.outbox_count() == 0
    assert set(outbox.receipts) == set(made) == set(server.stored)
    for rid, receipt in outbox.receipts.items():
        assert receipt == server.receipts[rid]


def test_rate_limited_honours_retry_after(server, keys):
    outbox = MemoryOutbox()
    queue_memory(outbox, 3, keys.sealing_public, keys.device)
    server.mode = "rate_limited"
    report = _engine(server, outbox).run_once()
    assert isinstance(report.error, errors.RateLimited)
    assert report.retry_in == 7.0 and outbox.outbox_count() == 3


@pytest.mark.parametrize("mode, revoked", [("revoked", True), ("unknown_token", False)])
def test_unauthorized_stops_and_keeps_the_queue(server, keys, mode, revoked):
    outbox = MemoryOutbox()
    queue_memory(outbox, 250, keys.sealing_public, keys.device)
    server.mode = mode
    report = _engine(server, outbox).run_once()
    assert isinstance(report.error, errors.Unauthorized) and report.error.revoked is revoked
    assert report.retry_in is None
    assert server.posts == 1          # the run stopped at the first answer
    assert outbox.outbox_count() == 250 and not outbox.receipts
    assert "opnieuw aan" in report.error.text("nl") and "Enrol" in report.error.text("en")


def test_other_4xx_is_not_accepted_with_a_plain_bounded_reason(server, keys):
    outbox = MemoryOutbox()
    queue_memory(outbox, 2, keys.sealing_public, keys.device)
    server.mode = "bad_request"
    report = _engine(server, outbox).run_once()
    err = report.error
    assert isinstance(err, errors.NotAccepted) and err.status == 400
    assert "\n" not in err.reason and "\x1b" not in err.reason and len(err.reason) <= 200
    assert err.reason.startswith("Too many envelopes")
    assert report.retry_in is None and outbox.outbox_count() == 2


def test_html_error_page_reason_is_not_shown(server, keys):
    outbox = MemoryOutbox()
    queue_memory(outbox, 1, keys.sealing_public, keys.device)
    server.mode = "html_error"
    err = _engine(server, outbox).run_once().error
    assert isinstance(err, errors.NotAccepted) and err.reason == ""
    assert "<" not in err.text("en")


def test_health_and_messages_never_leak_the_token(server, keys):
    token = "s3cr3t-" + "x" * 40
    client = SyncClient(server.url, ServerTrust(cert_sha256=server.pin), token=token, timeout=FAST)
    assert client.health() is True
    assert token not in repr(client)
    server.mode = "revoked"
    outbox = MemoryOutbox()
    queue_memory(outbox, 1, keys.sealing_public, keys.device)
    env = protocol.Envelope.model_validate(outbox.outbox_batch(1)[0].envelope)
    with pytest.raises(errors.Unauthorized) as info:
        client.post_batch([env])
    assert token not in str(info.value) and token not in info.value.text("nl")


def test_fetch_server_certificate_gives_the_pinned_leaf(server):
    der = fetch_server_certificate(server.url, timeout=3)
    assert hashlib.sha256(der).hexdigest() == server.pin


def test_conflict_is_flagged_and_leaves_the_outbox(server, keys):
    outbox = MemoryOutbox()
    made = queue_memory(outbox, 3, keys.sealing_public, keys.device)
    rid = next(iter(made))
    server.stored[rid] = "f" * 64    # the server holds other bytes under this id
    report = _engine(server, outbox).run_once()
    assert report.conflicts == 1 and report.sent == 2
    assert rid in outbox.conflicts and outbox.state[rid] == "final"
    assert (rid, outbox.conflicts[rid]) in report.problems
    assert outbox.outbox_count() == 0


# -- trust: R16, R17 ---------------------------------------------------------------------------


def _ca_trust(ca: trustme.CA) -> ServerTrust:
    return ServerTrust(ca_pem=ca.cert_pem.bytes().decode())


def test_private_ca_trust_works(server):
    client = SyncClient(server.url, _ca_trust(server.ca), timeout=FAST)
    assert client.health() is True


@pytest.mark.parametrize("trust_kind", ["pin", "ca"])
def test_rogue_server_on_the_same_address_is_refused_whatever_the_environment(
        tmp_path, monkeypatch, keys, trust_kind):
    real = FakeReceiver()
    pin, port, ca = real.pin, real.port, real.ca
    real.httpd.server_close()
    rogue = FakeReceiver()   # another CA; rebind on the real one's port
    rogue.httpd.server_close()
    rogue.httpd.server_address = ("127.0.0.1", port)
    rogue.httpd.socket = socket.socket()
    rogue.httpd.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    rogue.httpd.socket.bind(("127.0.0.1", port))
    rogue.httpd.socket.listen(8)
    rogue.httpd.socket = rogue.ctx.wrap_socket(rogue.httpd.socket, server_side=True)
    bundle = tmp_path / "rogue-ca.pem"
    bundle.write_bytes(rogue.ca.cert_pem.bytes())
    for var in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"):
        monkeypatch.setenv(var, str(bundle))
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("https_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "")
    trust = ServerTrust(cert_sha256=pin) if trust_kind == "pin" else _ca_trust(ca)
    outbox = MemoryOutbox()
    queue_memory(outbox, 2, keys.sealing_public, keys.device)
    with rogue:
        client = SyncClient(f"https://127.0.0.1:{port}", trust, token="t" * 43, timeout=FAST)
        assert client.health() is False
        report = SyncEngine(outbox, client, rogue.receipt_public_key).run_once()
        assert isinstance(report.error, errors.CertificateMismatch), report.error
        assert rogue.posts == 0 and outbox.outbox_count() == 2


def test_environment_proxy_is_ignored(server, monkeypatch):
    # If HTTPS_PROXY were honoured, this would go to a closed port and fail.
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:9")
    client = SyncClient(server.url, ServerTrust(cert_sha256=server.pin), timeout=FAST)
    assert client.health() is True
    # ... but an explicit proxy is used (and here it is dead, so the server is unreachable).
    via = SyncClient(server.url, ServerTrust(cert_sha256=server.pin), proxy="http://127.0.0.1:9",
                     timeout=FAST)
    assert via.health() is False


def test_plain_http_is_refused():
    with pytest.raises(ValueError):
        SyncClient("http://127.0.0.1:1", ServerTrust(cert_sha256="a" * 64))


def test_context_requires_tls12():
    ctx = tls_context()
    assert ctx.minimum_version == ssl.TLSVersion.TLSv1_2
    adapter = SyncClient("https://127.0.0.1:1", ServerTrust(cert_sha256="a" * 64))._session.get_adapter(
        "https://127.0.0.1:1/")
    assert adapter._ctx.minimum_version == ssl.TLSVersion.TLSv1_2


def test_server_offering_only_tls11_is_refused(keys):
    # OpenSSL 3 may refuse to offer TLS 1.1 at all at its default security level; lower it on the
    # server so that it really offers TLS 1.1 and the refusal is the client's.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        srv = FakeReceiver(tls_max=ssl.TLSVersion.TLSv1_1, tls_min=ssl.TLSVersion.TLSv1)
    with contextlib.suppress(ssl.SSLError):
        srv.ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    with srv:
        # The server really speaks TLS 1.1 to a client that accepts it ...
        old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        old.check_hostname, old.verify_mode = False, ssl.CERT_NONE
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                old.minimum_version = ssl.TLSVersion.TLSv1
            old.set_ciphers("DEFAULT:@SECLEVEL=0")
            with socket.create_connection(("127.0.0.1", srv.port), timeout=3) as raw, \
                    old.wrap_socket(raw) as tls:
                assert tls.version() == "TLSv1.1"
        except (ssl.SSLError, ValueError):
            pytest.skip("the local OpenSSL cannot speak TLS 1.1 at all; test_context_requires_tls12 "
                        "covers the client's floor")
        # ... and ours refuses it.
        client = SyncClient(srv.url, ServerTrust(cert_sha256=srv.pin), token="t" * 43, timeout=FAST)
        assert client.health() is False
        outbox = MemoryOutbox()
        queue_memory(outbox, 1, keys.sealing_public, keys.device)
        report = SyncEngine(outbox, client, srv.receipt_public_key).run_once()
        assert isinstance(report.error, errors.InsecureConnection), report.error
        assert srv.posts == 0 and outbox.outbox_count() == 1


def test_every_pool_carries_the_pin(server):
    client = SyncClient(server.url, ServerTrust(cert_sha256=server.pin), timeout=FAST)
    assert client.health()
    pools = list(client._session.get_adapter(server.url).poolmanager.pools._container.values())
    assert pools and all(p.assert_fingerprint == server.pin for p in pools)
    assert all(p.conn_kw["ssl_context"].minimum_version == ssl.TLSVersion.TLSv1_2 for p in pools)
