"""Fixtures for the delivery tests: a real store on disk behind the real store worker, and the
sync controller in its own thread. Every fixture stops its threads, so no QThread outlives a test."""

from __future__ import annotations

import pytest

import forms
from desktop import i18n
from desktop.core import delivery
from desktop.core.store import keys
from desktop.sending import SyncController
from desktop.worker import StoreWorker
from forms import MINIMISATION_RULE
from tests.support.keyrings import use_file_keyring
from tests.support.reports import report_answers

PASS = "correct horse battery staple"
FORM_ID = "coa"


@pytest.fixture
def test_keyring(tmp_path, monkeypatch):
    """The store's test-only file keyring (an acceptable keyring for the token)."""
    path = tmp_path / "test-keyring.json"
    delivery.use_secret_store(None)
    yield use_file_keyring(monkeypatch, path)
    delivery.use_secret_store(None)


@pytest.fixture
def store_worker(qtbot, data_dir, test_keyring):
    worker = StoreWorker()
    worker.test_secrets = keys.MemorySecretStore()  # to open the store again after a lock
    worker.test_data_dir = data_dir
    box = {}
    worker.create(data_dir, PASS, secrets=worker.test_secrets, kdf="test",
                  on_done=lambda info: box.setdefault("info", info),
                  on_error=lambda exc: box.setdefault("error", exc))
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    assert "error" not in box, box.get("error")
    yield worker
    worker.stop()
    assert worker._thread.isFinished()


def run_on_store(qtbot, worker, fn, timeout=10_000):
    """Run ``fn(store)`` on the store thread and wait for its result (test helper)."""
    box = {}
    worker.submit(fn, lambda result: box.setdefault("result", result),
                  lambda exc: box.setdefault("error", exc))
    qtbot.waitUntil(lambda: bool(box), timeout=timeout)
    if "error" in box:
        raise box["error"]
    return box["result"]


@pytest.fixture
def controller(qtbot, store_worker):
    ctl = SyncController(store_worker, probe_interval=0.3, purge_check_interval=3600)
    yield ctl
    ctl.stop()
    assert ctl._thread.isFinished()  # no test leaves the sync thread running


def sent_answers(answers=None):
    """What of ``answers`` (default: :func:`make_final`'s) the sealed envelope holds."""
    return forms.minimise(forms.catalog().get(FORM_ID, 1), answers or report_answers(FORM_ID)).answers


def make_final(store, answers=None, envelope=None):
    """A draft finalised through the store, sealing the way the finalise operation does."""
    answers = answers or report_answers(FORM_ID)
    draft = store.create_draft(FORM_ID, 1, answers, summary="COA · testmelding")
    return store.finalise(draft.id, answers, "COA · testmelding",
                          delivery.seal_for_finalise(store, draft, answers), sealed_rule=MINIMISATION_RULE)


@pytest.fixture(autouse=True)
def language(qapp):
    """English texts (the app's one catalogue) for every test; a test switches with
    ``language("nl")``."""

    before = i18n.current_language()
    i18n.set_language("en")
    yield i18n.set_language
    i18n.set_language(before)


def lock_and_unlock(qtbot, worker, controller):
    """What the app does on lock (cancel queued jobs, close the store) and then on unlock."""
    worker.cancel_pending()
    worker.close_store()
    controller.on_locked()
    box = {}
    worker.open(worker.test_data_dir, PASS, secrets=worker.test_secrets,
                on_done=lambda info: box.setdefault("info", info),
                on_error=lambda exc: box.setdefault("error", exc))
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    assert "error" not in box, box.get("error")
    controller.on_unlocked()
