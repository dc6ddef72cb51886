"""R13: dropped connections and crashes lose nothing and duplicate nothing.

A TCP fault proxy sits between the engine and the real receiver (TLS passes through it); the
receiver is SIGKILLed in the middle of a run; the client process is SIGKILLed at random moments.
After recovery every report is at the server exactly once and 'sent' locally.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sync import errors
from tests.support.faultproxy import FaultProxy
from tests.support.outbox import reopen_store
from tests.support.receiver import running_receiver
from tests.sync.helpers import (
    assert_delivered_exactly_once,
    assert_never_both,
    enrolled_app,
    server_rows,
)

ROOT = Path(__file__).resolve().parents[2]


def wait_rows(rx, n: int, timeout: float = 15.0) -> None:
    """The receiver may still be finishing a request whose client has gone."""
    deadline = time.monotonic() + timeout
    while len(server_rows(rx)) < n and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(server_rows(rx)) == n


@pytest.fixture
def rx(tmp_path):
    (tmp_path / "rx").mkdir()
    with running_receiver(tmp_path / "rx", rate_limit=0) as rx:
        yield rx


@pytest.fixture
def proxy(rx):
    with FaultProxy(("127.0.0.1", rx.port), cut_delay=0.4) as fp:
        yield fp


@pytest.mark.parametrize("mode", ["cut_after_request", "reset_mid_body", "stall", "refuse"])
def test_faulty_connection_then_recovery(rx, proxy, tmp_path, mode):
    app = enrolled_app(rx, tmp_path, 60)
    engine = app.engine(proxy.url, timeout=(2.0, 2.0), batch_size=20)
    proxy.set_mode(mode)
    report = engine.run_once()
    assert report.error is not None and report.error.retryable, report
    assert isinstance(report.error, errors.Unreachable | errors.BadResponse)
    assert report.sent == 0 and app.store.outbox_count() == 60
    assert report.retry_in is not None and report.retry_in > 0
    if mode == "refuse":
        assert server_rows(rx) == []
    else:
        # The server stored the first batch; the client never saw the answer.
        wait_rows(rx, 20)
    committed = len(server_rows(rx))
    assert_never_both(rx, app)
    proxy.set_mode("pass", drop_existing=True)
    report = engine.run_once()
    assert report.error is None, report.error
    assert report.duplicates == committed and report.sent == 60 - committed
    assert_delivered_exactly_once(rx, app)


def test_faults_switched_during_a_run(rx, proxy, tmp_path):
    app = enrolled_app(rx, tmp_path, 150)
    engine = app.engine(proxy.url, timeout=(2.0, 1.5), batch_size=10)
    rng = random.Random(7)
    for _ in range(12):
        proxy.set_mode("pass", drop_existing=True)
        mode = rng.choice(["cut_after_request", "reset_mid_body", "stall", "pass", "pass"])
        timer = threading.Timer(rng.uniform(0.05, 0.4), proxy.set_mode, args=(mode,))
        timer.start()
        engine.run_once()
        timer.cancel()
        assert_never_both(rx, app)
        if app.store.outbox_count() == 0:
            break
    proxy.set_mode("pass", drop_existing=True)
    while app.store.outbox_count():
        assert engine.run_once().error is None
    assert_delivered_exactly_once(rx, app)


def test_receiver_killed_mid_batch_and_restarted(rx, tmp_path):
    app = enrolled_app(rx, tmp_path, 300)
    engine = app.engine(rx.url, timeout=(2.0, 3.0), batch_size=25)
    killed = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 50 and not killed.is_set():
            killed.set()
            # The next batch is already on its way (the engine posts it while it writes the
            # answers of this one): the receiver dies under it.
            rx.kill()

    report = engine.run_once(progress=progress)
    assert killed.is_set()
    assert isinstance(report.error, errors.Unreachable | errors.BadResponse), report
    assert 50 <= report.sent < 300
    time.sleep(0.1)
    assert_never_both(rx, app)
    rx.start()
    report = engine.run_once()
    assert report.error is None, report.error
    assert_delivered_exactly_once(rx, app)


CHILD = r"""
import json, sys
sys.path.insert(0, sys.argv[2])
cfg = json.loads(open(sys.argv[1]).read())
from sync.client import ServerTrust, SyncClient
from sync.engine import SyncEngine
from tests.support.outbox import reopen_store
store = reopen_store(cfg["data_dir"])
client = SyncClient(cfg["url"], ServerTrust(cert_sha256=cfg["cert_sha256"]), token=cfg["token"],
                    timeout=(3.0, 5.0))
engine = SyncEngine(store, client, bytes.fromhex(cfg["receipt_public_key"]), batch_size=cfg["batch"])
print("ready", flush=True)
while True:
    r = engine.run_once()
    if r.remaining == 0 and r.error is None:
        break
print("done", flush=True)
"""


@pytest.mark.slow
def test_client_killed_at_random_moments_during_sync(rx, tmp_path):
    app = enrolled_app(rx, tmp_path, 600)
    cfg = tmp_path / "child.json"
    app.save(cfg)
    data = json.loads(cfg.read_text())
    data.update(url=rx.url, batch=2)
    cfg.write_text(json.dumps(data))
    app.store.close()
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    rng = random.Random(int(os.environ.get("SIGNAAL_KILL_SEED", "13")))
    kills = 0
    at_kill: list[int] = []
    started = time.monotonic()
    for _ in range(60):
        proc = subprocess.Popen([sys.executable, str(script), str(cfg), str(ROOT)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        line = proc.stdout.readline().strip()
        if line != "ready":
            proc.wait(timeout=10)
            pytest.fail(f"child did not start: {line!r} {proc.stderr.read()[-3000:]}")
        time.sleep(rng.uniform(0.0, 0.15))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
            proc.wait(timeout=10)
        else:
            # It finished everything before the kill: give the next one more to send.
            proc.wait(timeout=10)
            app.store = reopen_store(app.data_dir)
            app.queue(150)
            app.store.close()
        at_kill.append(len(server_rows(rx)))
        if kills >= 30:
            break
    assert kills >= 30
    print("server rows after each kill:", at_kill)
    # Every kill hit a live child that had opened its store and was in run_once (it prints
    # "ready" right before); the server kept filling between kills, so they fell mid-delivery.
    assert sum(1 for a, b in itertools.pairwise(at_kill) if b > a) >= 10, at_kill
    proc = subprocess.run([sys.executable, str(script), str(cfg), str(ROOT)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 0 and "done" in proc.stdout, proc.stderr[-2000:]
    app.reopen()
    assert_delivered_exactly_once(rx, app)
    assert time.monotonic() - started < 120
