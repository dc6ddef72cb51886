"""Render the desk to PNG for the README: ``python -m tests.desk.screenshot OUTDIR``.

A real receiver (tests/support/receiver.py) gets synthetic reports from three devices (COA, NLA,
Zorg); a desk store in a temporary folder enrols, pulls and triages a few; the window is shown
offscreen and grabbed: the inbox, a report with its triage, and the statistics, in Dutch and in
English.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

from PySide6.QtWidgets import QApplication

from desk.core import enrolment, exchange, inbox, sealing, triage
from desk.core.store import DeskStore
from desk.ui.window import DeskWindow
from desktop.core.store.keys import MemorySecretStore
from tests.support.desk import PASSPHRASE, Device, sealed_report
from tests.support.receiver import running_receiver

N = 240


def _until(check: Callable[[], bool], timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not check():
        if time.monotonic() > end:
            raise TimeoutError("the desk did not get there in time")
        QApplication.processEvents()
        time.sleep(0.02)
    for _ in range(20):
        QApplication.processEvents()


def _varied(device: Device, key: bytes, form_id: str, n: int) -> dict:
    """A synthetic report with one form of exploitation where the form's checks allow it, so the
    statistics show more than "several"."""
    kind = ("sexual", "labour", "criminal", "labour")[n % 4]
    try:
        return sealed_report(device, key, form_id, i=n % 40, exploitation_types=[kind])
    except AssertionError:   # that combination does not pass the form's checks: as it comes
        return sealed_report(device, key, form_id, i=n % 40)


def _shoot(folder: Path, secrets: MemorySecretStore, out: Path, lang: str, up_to_date: str) -> None:
    window = DeskWindow(folder, lang=lang, secrets=secrets, kdf="test")
    window.resize(1500, 900)
    window.show()
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.unlock_button.click()
    _until(lambda: window.stack.currentWidget() is window.main
           and window.inbox.model.row_at(0) is not None and not window._exchanging
           and window.status.text().startswith(up_to_date))
    window.grab().save(str(out / f"desk-inbox-{lang}.png"))
    window.inbox.table.selectRow(1)
    _until(lambda: window.report.report_id != "" and window.triage.notes.count() == 1)
    window.grab().save(str(out / f"desk-report-{lang}.png"))
    window.main.setCurrentWidget(window.stats)
    _until(lambda: window.stats.view.protected is not None and not window.stats.view.busy)
    window.grab().save(str(out / f"desk-statistics-tab-{lang}.png"))
    window.close()


def main(outdir: str) -> None:
    _app = QApplication.instance() or QApplication([])
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    with (tempfile.TemporaryDirectory(prefix="signaal-desk-shots-") as tmp,
          running_receiver(Path(tmp) / "rx") as rx):
        devices = []
        for org in ("COA Ter Apel", "NLA Utrecht", "Ziekenhuis Zwolle"):
            d = rx.enrol_device(f"{org} laptop", org)
            devices.append((d, Device(d.device_id, d.signing_key, org)))
        for start in range(0, N, 4):   # the three organisations send in turns, a few at a time
            k = (start // 4) % 3
            envs = [_varied(devices[k][1], rx.sealing_public_key, ("coa", "nla", "zorg")[k], start + j)
                    for j in range(4)]
            assert rx.post_batch(devices[k][0], envs).status_code == 200
        secrets = MemorySecretStore()
        folder = Path(tmp) / "desk"
        store = DeskStore.create(folder, PASSPHRASE, secrets=secrets, kdf="test")
        sealing.import_key_file(store, rx.sealing_private_key)
        enrolment.enrol(store, rx.url, rx.registrar_code("Anna de Vries"), "Anna's desk")
        exchange.exchange_with_receiver(store)
        ids = [r.id for r in inbox.rows(store, inbox.matching_seqs(store, inbox.Filter()))]
        for n, rid in enumerate(ids[:40]):
            triage.record(store, rid, "state", {"state": "in_progress"})
            if n % 3 == 0:
                triage.record(store, rid, "assignee", ("Anna de Vries", "Bram Jansen")[n % 2])
            if n % 5 == 1:
                triage.record(store, rid, "state", {"state": "registered"})
            elif n % 7 == 2:
                triage.record(store, rid, "state", {"state": "referred", "referred_to": "Fier"})
        triage.record(store, ids[1], "note", "Gebeld met de meldende organisatie; dossier volgt.")
        exchange.exchange_with_receiver(store)
        store.close()

        for lang, up_to_date in (("nl", "Bijgewerkt"), ("en", "Up to date")):
            _shoot(folder, secrets, out, lang, up_to_date)
    print(f"written to {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
