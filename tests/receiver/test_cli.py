"""The operator CLI: plain messages, exit codes, and idempotency across a crash (R13)."""

from __future__ import annotations

import threading
import time

import pytest
import trustme

from sync import envelope, protocol
from tests.receiver.helpers import stored, stored_count
from tests.support.faulty_receiver import CRASH_EXIT_CODE
from tests.support.receiver import Receiver, run_cli

ANSWERS = {"signal": "yes"}


def test_help_and_usage_errors():
    assert run_cli("--help").returncode == 0
    bad = run_cli("frobnicate")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_commands_without_a_receiver_fail_plainly(tmp_path):
    for args in (["devices"], ["enrol", "--org", "X"], ["revoke", "dev_0"], ["serve", "--dev"]):
        proc = run_cli(args[0], "--data-dir", str(tmp_path / "none"), *args[1:])
        assert proc.returncode == 1, (args, proc.stderr)
        assert "init" in proc.stderr and "Traceback" not in proc.stderr


def test_init_twice_and_private_key_guard(tmp_path):
    d = tmp_path / "d"
    first = run_cli("init", "--data-dir", str(d))
    assert first.returncode == 0 and "Move it" in first.stdout
    key = d / "sealing-private.key"
    assert key.exists() and (key.stat().st_mode & 0o077) == 0
    assert (d / "receipt-signing.key").stat().st_mode & 0o077 == 0
    again = run_cli("init", "--data-dir", str(d))
    assert again.returncode == 1 and "already" in again.stderr
    serve = run_cli("serve", "--data-dir", str(d), "--dev", "--port", "1")
    assert serve.returncode == 1 and "private key" in serve.stderr and "Traceback" not in serve.stderr
    key.rename(d / "backup-copy.txt")  # renamed, still in the data dir
    serve = run_cli("serve", "--data-dir", str(d), "--dev", "--port", "1")
    assert serve.returncode == 1 and "backup-copy.txt" in serve.stderr
    # enrol needs to know the served certificate
    enrol = run_cli("enrol", "--data-dir", str(d), "--org", "X")
    assert enrol.returncode == 1 and "certificate" in enrol.stderr
    bad_org = run_cli("enrol", "--data-dir", str(d), "--org", "=HYPERLINK()")
    assert bad_org.returncode == 1 and "Traceback" not in bad_org.stderr
    bad_db = run_cli("devices", "--data-dir", str(d), "--database-url", "postgresql://u:PW123@127.0.0.1:1/x")
    assert bad_db.returncode == 1 and "PW123" not in bad_db.stderr and "Traceback" not in bad_db.stderr


@pytest.fixture(scope="module")
def rx(tmp_path_factory):
    r = Receiver(tmp_path_factory.mktemp("cli"))
    r.start()
    yield r
    r.kill()


def test_devices_revoke_and_export_key_checks(rx, tmp_path):
    dev = rx.enrol_device("Laptop Ü")
    out = rx.cli("devices", check=True).stdout
    assert dev.device_id in out and "active" in out and "Laptop Ü" in out
    assert rx.cli("revoke", "dev_ffffffffffffffff").returncode == 1
    assert rx.cli("revoke", dev.device_id).returncode == 0
    assert "already" in rx.cli("revoke", dev.device_id, check=True).stdout
    other = tmp_path / "other"
    run_cli("init", "--data-dir", str(other), check=True)
    wrong = rx.cli(
        "export",
        "--private-key",
        str(other / "sealing-private.key"),
        "--format",
        "jsonl",
        "--out",
        str(tmp_path / "x.jsonl"),
    )
    assert wrong.returncode == 1 and "does not belong" in wrong.stderr
    bad_since = rx.cli(
        "export",
        "--private-key",
        str(rx.sealing_private_key),
        "--format",
        "csv",
        "--out",
        str(tmp_path / "x.csv"),
        "--since",
        "yesterday",
    )
    assert bad_since.returncode == 1 and "--since" in bad_since.stderr


def test_crash_between_store_and_response_gives_the_same_receipt(rx):
    dev = rx.enrol_device("Laptop C")
    envs = [rx.seal(dev, {**ANSWERS, "n": i}) for i in range(3)]
    before = stored_count(rx)
    rx.restart(fault="crash_after_store")
    with pytest.raises(Exception):
        rx.post_batch(dev, envs, timeout=10)
    assert rx.wait_exit() == CRASH_EXIT_CODE
    assert stored_count(rx) == before + 3, "the batch was committed before the crash"
    rx.fault = None
    rx.start()
    res = protocol.parse_batch_response(rx.post_batch(dev, envs).content).results
    assert [r.status for r in res] == ["duplicate"] * 3
    for e, r in zip(envs, res, strict=True):
        assert envelope.verify_receipt(r.receipt, rx.receipt_public_key)
        assert r.receipt.reference == stored(rx, e.id).reference
    assert stored_count(rx) == before + 3


def test_sigkill_during_a_stream_of_batches_loses_nothing_and_duplicates_nothing(rx):
    dev = rx.enrol_device("Laptop K")
    batches = [[rx.seal(dev, {"n": b * 10 + i}) for i in range(10)] for b in range(20)]
    answered: dict[str, str] = {}
    before = stored_count(rx)

    def sender():
        s = rx.session()
        for batch in batches:
            try:
                res = protocol.parse_batch_response(rx.post_batch(dev, batch, session=s, timeout=5).content)
            except Exception:
                return
            for r in res.results:
                answered[r.id] = r.receipt.reference

    t = threading.Thread(target=sender)
    t.start()
    while len(answered) < 30 and t.is_alive():
        time.sleep(0.005)
    rx.kill()
    t.join()
    rx.start()
    # Resend everything: all are stored exactly once; the ones answered before keep their receipt.
    for batch in batches:
        res = protocol.parse_batch_response(rx.post_batch(dev, batch).content).results
        for r in res:
            assert r.status in ("stored", "duplicate")
            if r.id in answered:
                assert r.status == "duplicate" and r.receipt.reference == answered[r.id]
    assert stored_count(rx) == before + 200


def test_enrolment_attempts_are_rate_limited_per_address(rx):
    rx.enrol_rate_limit = 3
    rx.kill()  # quicker than a graceful stop, and the receiver is crash-safe anyway
    rx.start()
    try:
        s = rx.session()
        statuses = [
            s.post(
                rx.url + "/v1/enrol",
                json={"code": "0" * 24, "label": "L", "device_public_key": "A" * 43 + "="},
                timeout=10,
            ).status_code
            for _ in range(4)
        ]
        assert statuses[:3] == [403, 403, 403] and statuses[3] == 429
    finally:
        rx.enrol_rate_limit = 1000
        rx.kill()
        rx.start()


def test_serve_refuses_a_key_that_does_not_match_the_certificate(tmp_path):
    d = tmp_path / "d"
    run_cli("init", "--data-dir", str(d), "--private-key-out", str(tmp_path / "priv.key"), check=True)
    ca = trustme.CA()
    a, b = ca.issue_cert("127.0.0.1"), ca.issue_cert("127.0.0.1")
    a.cert_chain_pems[0].write_to_path(str(tmp_path / "a.pem"))
    b.private_key_pem.write_to_path(str(tmp_path / "b.key"))
    proc = run_cli(
        "serve",
        "--data-dir",
        str(d),
        "--cert",
        str(tmp_path / "a.pem"),
        "--key",
        str(tmp_path / "b.key"),
        "--port",
        "1",
    )
    assert (
        proc.returncode == 1 and "cannot be used together" in proc.stderr and "Traceback" not in proc.stderr
    )
    assert "a.pem" not in (d / "config.json").read_text(), "a failed start does not change the config"
