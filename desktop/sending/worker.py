"""The sync worker: delivers the outbox in its own QThread; the UI never waits on the network.

Threads (STYLE 4: one thread owns the DB; the network gets its own):

* the GUI thread holds :class:`SyncController`, the only object widgets talk to;
* the sync thread holds :class:`SyncWorker`: timers, health probe, ``SyncEngine.run_once`` and the
  network half of enrolment. Everything here blocks only this thread;
* the store thread (``desktop.worker.StoreWorker``) owns the one SQLCipher connection.

The sync thread opens nothing itself. Every store step of the engine goes through
``StoreWorker.submit`` (:class:`StoreGateway`): the sync thread hands a function to the store
thread and waits for its result, so store calls run on the store thread and network calls on the
sync thread, and no connection is ever shared. A lock (``StoreWorker.cancel_pending``) turns a
pending wait into :class:`StoreLocked`; the worker then goes quiet until ``unlocked``.

Pacing: when there is something to send, the worker probes ``GET /v1/health`` every
``probe_interval`` (60 s) and drains the outbox when it answers; after a failed run it waits the
engine's ``retry_in`` (exponential backoff with jitter). With an empty outbox it only re-reads the
count (no network). "Nu verzenden" (:meth:`SyncController.send_now`) runs a cycle at once.

Locked sending (:mod:`desktop.core.spool`): every cycle and every finalise keep an encrypted spool of
the outbox in line with the store. When the store is locked, the worker keeps its timer and sends
from the spool with the token from the keyring (same engine, same pinned client); receipts wait in
the spool and are applied at the next unlock. Without an acceptable keyring there is no spool and
nothing is sent while locked (the status bar says so).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop.core import delivery, locked_sending
from desktop.core.locked_sending import ClientFactory, EngineFactory
from desktop.proxy import proxy_for
from desktop.sending.gateway import OutboxOnStoreThread, StoreGateway, StoreLocked, WorkerStopping
from desktop.sending.state import EnrolOutcome, SyncExtra, SyncState, _note_sent, _Snapshot, _snapshot
from desktop.worker import StoreWorker
from sync import errors, protocol
from sync.client import ServerTrust, SyncClient
from sync.engine import SyncEngine, SyncReport
from sync.enrolment import Enrolment, enrol_device

log = logging.getLogger(__name__)

PROBE_INTERVAL = 60.0
IDLE_INTERVAL = 60.0
MAX_BACKOFF = 15 * 60.0


class SyncWorker(QObject):
    """Lives in the sync thread. Talk to it only through :class:`SyncController`.

    Signals:
        state_changed(SyncState): where delivery stands now.
        enrol_finished(EnrolOutcome): an enrolment attempt ended.
        disconnected(): the enrolment was removed.
        records_changed(): records changed state (sent, conflict, sealed): refresh lists.
    """

    state_changed = Signal(object)
    enrol_finished = Signal(object)
    disconnected = Signal()
    records_changed = Signal()

    def __init__(self, store_worker: StoreWorker, *, probe_interval: float = PROBE_INTERVAL,
                 client_factory: ClientFactory | None = None,
                 engine_factory: EngineFactory = SyncEngine,
                 data_dir: Path | None = None) -> None:
        super().__init__()
        self._stopping = False
        self._active = False
        # Locked sending: the data dir (known from the app, or from the store at the first
        # unlock), whether the worker sends from the spool now, what it last knew of the queue.
        self._data_dir = data_dir
        self._locked_mode = False
        self.unlock_pending = False  # set from the GUI thread: a locked run stops at its next batch
        self._locked_sent_at: datetime | None = None
        self._last_waiting = 0
        self._spool_enabled: bool | None = None
        self._gateway = StoreGateway(store_worker, lambda: self._stopping)
        self._probe_interval = probe_interval
        # With an empty outbox only the store is read (no network), on the same beat.
        self._idle_interval = min(IDLE_INTERVAL, probe_interval)
        self._client_factory = client_factory
        self._engine_factory = engine_factory
        self._failures = 0
        self._state = SyncState("locked")
        self._timer: QTimer | None = None

    # -- lifecycle (sync thread) ---------------------------------------------------------
    @Slot()
    def setup(self) -> None:
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.cycle)
        if self._data_dir is not None and not self._active:
            # Started before any unlock (Signaal opens locked): what the spool holds can go out.
            self._enter_locked_mode()

    @Slot()
    def activate(self) -> None:
        """The store is unlocked: start the cycle."""
        self._locked_mode = False
        self.unlock_pending = False
        self._active = True
        self._failures = 0
        self.cycle()

    @Slot()
    def deactivate(self) -> None:
        """The store is locked: stop touching it until ``activate``; send from the spool meanwhile."""
        self._active = False
        if self._timer is not None:
            self._timer.stop()
        self._emit(self._locked_state(None))
        self._enter_locked_mode()

    def _enter_locked_mode(self) -> None:
        self._locked_sent_at = None
        self._failures = 0
        if self._data_dir is None or self._stopping:
            return
        self._locked_mode = True
        self._schedule(0)

    @Slot()
    def shutdown(self) -> None:
        self._active = False
        self._locked_mode = False
        if self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None

    def request_stop(self) -> None:
        """Called from the GUI thread: makes any wait on the store give up."""
        self._stopping = True

    # -- helpers -------------------------------------------------------------------------
    def _emit(self, state: SyncState) -> None:
        self._state = state
        self.state_changed.emit(state)

    def _schedule(self, seconds: float) -> None:
        if self._timer is not None and (self._active or self._locked_mode) and not self._stopping:
            self._timer.start(int(max(0.0, seconds) * 1000))

    def _client(self, info: delivery.EnrolmentInfo, token: str | None, proxy_setting: object) -> SyncClient:
        proxy = proxy_for(info.server_url, proxy_setting)
        if self._client_factory is not None:
            return self._client_factory(info, token, proxy)
        trust = ServerTrust(cert_sha256=info.cert_sha256)
        return SyncClient(info.server_url, trust, token=token, proxy=proxy)

    def _engine(self, client: SyncClient, info: delivery.EnrolmentInfo) -> SyncEngine:
        return self._engine_factory(OutboxOnStoreThread(self._gateway), client, info.receipt_public_key)

    def _base_state(self, snap: _Snapshot) -> SyncState:
        self._last_waiting = snap.waiting
        self._spool_enabled = snap.spool_enabled
        self._data_dir = snap.data_dir
        if snap.applied_while_locked:
            self.records_changed.emit()
        return SyncState(
            "idle", waiting=snap.waiting, awaiting_seal=snap.awaiting_seal, conflicts=snap.conflicts,
            last_sent_at=snap.last_sent_at, server_url=snap.info.server_url if snap.info else "",
        )

    # -- the cycle -----------------------------------------------------------------------
    @Slot()
    def send_now(self) -> None:
        self._failures = 0
        self.cycle(force=True)

    @Slot()
    def poke(self) -> None:
        """Something was queued: look now, unless a backoff after a failure is running."""
        if self._failures == 0:
            self.cycle()

    @Slot()
    def cycle(self, *, force: bool = False) -> None:
        """One look at the outbox; sends when there is something and the server answers."""
        if self._stopping:
            return
        if not self._active:
            if self._locked_mode and not self.unlock_pending:
                if self._timer is not None:
                    self._timer.stop()
                self._locked_cycle()
            return
        if self._timer is not None:
            self._timer.stop()
        try:
            self._cycle(force)
        except (StoreLocked, WorkerStopping):
            self._emit(SyncState("locked"))
        except Exception:  # a bug must not stop delivery for good: report it and try later
            log.exception("the sync cycle failed")
            self._emit(replace(
                self._state, kind="error",
                message_nl="Er ging iets mis bij het verzenden. Signaal probeert het later opnieuw.",
                message_en="Something went wrong while sending. Signaal will try again later."))
            self._schedule(self._backoff())

    def _backoff(self) -> float:
        """The wait after the n-th failure in a row: the engine's backoff (exponential, capped,
        with jitter), never above MAX_BACKOFF."""
        self._failures += 1
        return SyncEngine.backoff(self._failures, base=self._probe_interval, cap=MAX_BACKOFF)

    def _cycle(self, force: bool) -> None:
        snap = self._gateway.call(_snapshot)
        base = self._base_state(snap)
        if snap.info is None:
            self._emit(replace(base, kind="not_enrolled"))
            self._schedule(self._idle_interval)
            return
        if snap.info.revoked:
            self._emit(replace(base, kind="revoked"))
            return  # nothing to do until a new enrolment
        if not snap.token:
            # The keyring is locked or was cleared: the queue waits for a new enrolment.
            self._emit(replace(base, kind="token_missing"))
            self._schedule(self._idle_interval)
            return
        if snap.waiting == 0:
            self._emit(replace(base, kind="all_sent" if snap.last_sent_at else "idle"))
            self._schedule(self._idle_interval)
            return
        client = self._client(snap.info, snap.token, snap.proxy_setting)
        try:
            if not client.health():
                retry = self._probe_interval
                self._emit(replace(base, kind="offline", retry_in=retry))
                self._schedule(retry)
                return
            self._drain(client, snap.info, base, force)
        finally:
            client.close()

    def _drain(self, client: SyncClient, info: delivery.EnrolmentInfo, base: SyncState,
               force: bool = False) -> None:
        """Send until the outbox is empty or a run fails. ``force`` ("Nu verzenden") also retries
        reports the server refused several times (the engine holds those back otherwise)."""
        engine = self._engine(client, info)
        total = base.waiting
        done = 0
        sent_any = False
        held = rejected = 0
        self._emit(replace(base, kind="sending", done=0, total=total))
        while not self._stopping:

            def progress(run_done: int, run_total: int, _before: int = done) -> None:
                # The engine counts within one run_once; add what earlier runs of this drain did.
                shown_total = max(total, _before + run_total)
                self._emit(replace(base, kind="sending", done=min(shown_total, _before + run_done),
                                   total=shown_total))

            report = engine.run_once(progress=progress, retry_held=force)
            held = report.held
            rejected += report.rejected
            moved = report.sent + report.duplicates
            conflicts = report.conflicts
            done += moved + conflicts
            if moved:
                sent_any = True
                now = datetime.now(UTC)
                self._gateway.call(functools.partial(_note_sent, count=moved, when=now))
            if moved or conflicts:
                self.records_changed.emit()
            error = report.error
            remaining = report.remaining
            if error is not None:
                self._on_error(error, report, base, done, total)
                return
            self._emit(replace(base, kind="sending", done=min(done, total), total=max(total, done)))
            if remaining <= 0 or not (moved or conflicts):
                break
        snap = self._gateway.call(_snapshot)
        self._failures = 0
        after = replace(self._base_state(snap), extra=SyncExtra(held=held, rejected=rejected))
        if snap.waiting:
            self._emit(replace(after, kind="waiting", retry_in=self._probe_interval))
            self._schedule(self._probe_interval)
        else:
            self._emit(replace(after, kind="all_sent" if (sent_any or snap.last_sent_at) else "idle"))
            self._schedule(self._idle_interval)

    def _on_error(self, error: errors.SyncError, report: SyncReport, base: SyncState, done: int,
                  total: int) -> None:
        snap = self._gateway.call(_snapshot)
        after = replace(self._base_state(snap), done=done, total=total)
        text_nl, text_en = error.text("nl"), error.text("en")
        if isinstance(error, errors.Unauthorized):
            self._gateway.call(delivery.mark_revoked)
            self._emit(replace(after, kind="revoked", message_nl=text_nl, message_en=text_en))
            return
        if not error.retryable:
            # DESIGN: a refusal (4xx other than 408/429) is shown with the server's reason and not
            # retried on its own; "Nu verzenden", a new report or the next unlock tries again.
            self._failures = 0
            self._emit(replace(after, kind="error", message_nl=text_nl, message_en=text_en))
            return
        retry = report.retry_in
        if retry is None:
            retry = self._backoff()
        else:
            self._failures += 1
        retry = min(MAX_BACKOFF, max(1.0, float(retry)))
        if isinstance(error, errors.Unreachable):
            kind = "offline"
        elif isinstance(error, errors.CertificateMismatch):
            kind = "certificate"
        else:
            kind = "error"
        self._emit(replace(after, kind=kind, retry_in=retry, message_nl=text_nl, message_en=text_en))
        self._schedule(retry)

    # -- locked sending (no store: the spool and the keyring) --------------------------------
    def _locked_state(self, run: locked_sending.LockedRun | None, *, retry_in: float | None = None,
                      message_nl: str = "", message_en: str = "") -> SyncState:
        """The status while locked: counts only, never content."""
        if run is None:
            # Right at the lock: what the last look at the store said.
            if self._spool_enabled is False and self._last_waiting:
                return self._unavailable_state(self._last_waiting)
            return SyncState("locked")
        if run.status in ("unavailable", "no_token"):
            return self._unavailable_state(self._last_waiting if run.status == "unavailable" else run.waiting)
        extra = SyncExtra(mode="revoked" if run.status == "revoked" else "spool")
        last = self._locked_sent_at if run.waiting == 0 else None
        return SyncState("locked", waiting=run.waiting, last_sent_at=last, retry_in=retry_in,
                         message_nl=message_nl, message_en=message_en, extra=extra)

    @staticmethod
    def _unavailable_state(waiting: int) -> SyncState:
        return SyncState(
            "locked", waiting=waiting, extra=SyncExtra(mode="unavailable"),
            message_nl=("Op deze laptop is geen veilige sleutelbos in gebruik; meldingen worden daarom "
                        "alleen verzonden als Signaal ontgrendeld is."),
            message_en=("No secure keyring is in use on this laptop, so reports are only sent while "
                        "Signaal is unlocked."))

    def _locked_should_stop(self) -> bool:
        return self._stopping or self._active or not self._locked_mode or self.unlock_pending

    def _locked_cycle(self) -> None:
        """One look at the spool while locked; sends when there is something and the server answers."""
        data_dir = self._data_dir
        if data_dir is None:  # not reached: locked mode starts only with a data folder (_enter_locked_mode)
            return
        try:
            run = self._locked_run(data_dir)
        except Exception:  # a bug must not stop the app: try again later
            log.exception("the locked sync cycle failed")
            self._schedule(self._backoff())
            return
        if self._locked_should_stop():
            return  # unlocked meanwhile: activate takes over
        if run.sent:
            self._locked_sent_at = delivery.parse_time(run.sent_at) or datetime.now(UTC)
        if run.status in ("unavailable", "no_token", "empty"):
            self._failures = 0
            self._emit(self._locked_state(run))
            self._schedule(self._idle_interval)
            return
        if run.status == "revoked":
            self._emit(self._locked_state(run))
            return  # stop; the spool is kept, the unlock asks for a new enrolment
        if run.status == "offline":
            self._emit(self._locked_state(run, retry_in=self._probe_interval))
            self._schedule(self._probe_interval)
            return
        error = run.error
        report = run.report
        if error is not None:
            text = (error.text("nl"), error.text("en"))
            if not error.retryable:
                # A refusal is not retried on its own (as when unlocked); the unlock tries again.
                self._failures = 0
                self._emit(self._locked_state(run, message_nl=text[0], message_en=text[1]))
                return
            retry = report.retry_in if report is not None else None
            if retry is None:
                retry = self._backoff()
            else:
                self._failures += 1
            retry = min(MAX_BACKOFF, max(1.0, float(retry)))
            self._emit(self._locked_state(run, retry_in=retry, message_nl=text[0], message_en=text[1]))
            self._schedule(retry)
            return
        self._failures = 0
        self._emit(self._locked_state(run))
        self._schedule(self._probe_interval if run.waiting else self._idle_interval)

    def _locked_run(self, data_dir: Path) -> locked_sending.LockedRun:
        def progress(done: int, total: int) -> None:
            self._emit(SyncState("locked", done=done, total=total, waiting=max(0, total - done),
                                 extra=SyncExtra(mode="sending")))

        return locked_sending.send_locked(data_dir, make_client=self._client,
                                          make_engine=self._engine_factory,
                                          should_stop=self._locked_should_stop, progress=progress)

    # -- enrolment (network half on this thread) -----------------------------------------
    @Slot(str, str)
    def enrol(self, server_url: str, code: str) -> None:
        outcome = self._enrol(server_url.strip(), code.strip())
        self.enrol_finished.emit(outcome)
        if outcome.ok:
            self.records_changed.emit()
            self._active = True
            self.cycle(force=True)

    def _enrol(self, server_url: str, code: str) -> EnrolOutcome:
        if not server_url.lower().startswith("https://") or len(server_url) < 12:
            return EnrolOutcome("bad_address")
        try:
            protocol.parse_enrolment_code(code)
        except ValueError as exc:
            return EnrolOutcome("bad_code", detail_en=str(exc))
        try:
            prepared = self._gateway.call(delivery.prepare_enrolment)
            proxy_setting = self._gateway.call(lambda s: s.get_setting("proxy"))
        except (StoreLocked, WorkerStopping):
            return EnrolOutcome("locked")
        proxy = proxy_for(server_url, proxy_setting)
        try:
            result = _enrol_device(server_url, code, prepared, proxy)
        except errors.CertificateMismatch:
            return EnrolOutcome("certificate")
        except errors.Unreachable:
            return EnrolOutcome("unreachable")
        except errors.EnrolmentCodeInvalid as exc:
            return EnrolOutcome("bad_code", detail_nl=exc.nl, detail_en=exc.en)
        except errors.EnrolmentRefused as exc:  # by the receiver's code, never by its words
            return EnrolOutcome(_REFUSED_CODES[exc.code], detail_nl=exc.nl, detail_en=exc.en)
        except errors.NotAccepted as exc:
            return EnrolOutcome("refused", detail_nl=exc.nl, detail_en=exc.en)
        except errors.Unauthorized as exc:
            return EnrolOutcome("wrong_code", detail_nl=exc.nl, detail_en=exc.en)
        except errors.SyncError as exc:
            return EnrolOutcome("error", detail_nl=exc.text("nl"), detail_en=exc.text("en"))
        except Exception:
            log.exception("enrolment failed")
            return EnrolOutcome("error")
        try:
            sealed = self._gateway.call(
                lambda s: delivery.save_enrolment(s, prepared, result, server_url))
        except (StoreLocked, WorkerStopping):
            return EnrolOutcome("locked")
        self._failures = 0
        return EnrolOutcome(None, sealed=sealed, device_id=result.device_id)

    @Slot()
    def disconnect_device(self) -> None:
        try:
            self._gateway.call(delivery.disconnect)
        except (StoreLocked, WorkerStopping):
            return
        self.disconnected.emit()
        self.cycle()

    @Slot()
    def check_purge(self) -> None:
        """Daily retention purge (runs on the store thread, only when a day has passed)."""
        if not self._active:
            return
        try:
            purged = self._gateway.call(lambda s: delivery.run_purge(s, force=False))
        except (StoreLocked, WorkerStopping):
            return
        if purged:
            self.records_changed.emit()


def _enrol_device(server_url: str, code: str, prepared: delivery.PreparedEnrolment,
                  proxy: str | None) -> Enrolment:
    return enrol_device(server_url, code, prepared.label, prepared.public_key, proxy=proxy)


# The receiver's enrolment refusals (docs/protocol.md) and the problem the panel shows for each.
_REFUSED_CODES = {"code_invalid": "wrong_code", "code_used": "used_code", "code_expired": "expired_code"}
