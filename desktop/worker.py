"""The Qt adapter around the store: one QThread owns the ``Store`` and runs every store call.

Widgets never touch the store. They submit a function that takes the store and get the result
back through a callback that runs in the GUI thread (delivered by a queued Signal). This follows
Electrum's ``TaskThread`` and Anki's ``taskman``: the worker emits, it never touches widgets.

Jobs carry a *generation*. :meth:`StoreWorker.cancel_pending` (called on lock) bumps it, so jobs
that were queued before are skipped and their callbacks are dropped: nothing from before a lock
reaches a view after it.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QThread, Signal, Slot

if TYPE_CHECKING:
    from desktop.core.store import Store
    from desktop.core.store.keys import SecretStore

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


class Closable(Protocol):
    """What the worker needs of any store it owns (the field app's, the desk's)."""

    def close(self) -> None: ...


class NotUnlocked(RuntimeError):
    """A store operation was submitted while no store is open (after a lock, for example)."""


@dataclass(frozen=True)
class StoreInfo:
    """What the GUI may know about an open store (never the store object itself)."""

    keyring_backend: str
    keyring_acceptable: bool
    keyring_in_use: bool
    cipher_version: str
    keyring_adoptable: bool = False  # an acceptable keyring appeared after the store was made


def _store_info(store: Store) -> StoreInfo:
    status = store.keyring_status
    return StoreInfo(
        keyring_backend=status.backend,
        keyring_acceptable=status.acceptable,
        keyring_in_use=status.in_use,
        cipher_version=store.cipher_version,
        keyring_adoptable=status.adoptable,
    )


def default_store_class() -> type[Store]:
    """The real ``Store``. Imported here because this runs on the store's own thread (its first
    job): the store, forms and crypto take ~0.25 s to import, which would freeze the window just
    after it appeared if this module imported them on the UI thread."""
    from desktop.core.store import Store

    return Store


class _Runner(QObject):
    """Lives in the worker thread; owns the store. Only the worker talks to it."""

    finished = Signal(int, int, object)  # generation, job id, result
    failed = Signal(int, int, object)  # generation, job id, exception

    def __init__(self, owner: StoreWorker) -> None:
        super().__init__()
        self._owner = owner
        self.store: Closable | None = None

    @Slot(int, int, str, object)
    def run(self, generation: int, job_id: int, kind: str, box: _Box) -> None:
        fn: Callable[..., Any] = box.value
        if kind not in ("close", "write") and generation != self._owner.generation:
            self.failed.emit(generation, job_id, _Box(_Cancelled()))
            return
        try:
            if kind in ("store", "write"):
                if self.store is None:
                    raise NotUnlocked("the store is locked")
                result = fn(self.store)
            elif kind == "open":  # fn makes the store and says what the GUI may know of it
                self._close()
                self.store, result = fn()
            elif kind == "close":
                self._close()
                result = None
            else:  # "plain": no store needed (exists, unlock_wait)
                result = fn()
        except BaseException as exc:  # reported to the GUI thread, never swallowed
            self.failed.emit(generation, job_id, _Box(exc))
        else:
            self.finished.emit(generation, job_id, _Box(result))

    def _close(self) -> None:
        store, self.store = self.store, None
        if store is not None:
            try:
                store.close()
            except Exception:
                log.exception("closing the store failed")


class _Cancelled(Exception):
    pass


class _Box:
    """Carries a result across threads.

    # WORKAROUND for a PySide6 refcount bug: ``None`` (and other immortal objects) sent through
    # a queued ``Signal(object)`` can be released once too often ("none_dealloc"); a fresh box
    # is always safe.
    """

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


#: Every worker made in this process (tests check that none is left running).
live_workers: weakref.WeakSet[StoreWorker] = weakref.WeakSet()


class StoreWorker(QObject):
    """Runs store operations in its own thread; results come back as callbacks in the GUI thread.

    Signals:
        busy_changed(bool): True while at least one job is queued or running.
        error(object): an exception from a job that was submitted without ``on_error``.
    """

    busy_changed = Signal(bool)
    error = Signal(object)
    _request = Signal(int, int, str, object)

    def __init__(self, store_class: type[Store] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store_class = store_class
        self.generation = 0
        self._next_id = 0
        self._callbacks: dict[int, tuple[Callback | None, Callback | None]] = {}
        self._lock = threading.Lock()
        self._thread = QThread()
        self._thread.setObjectName("signaal-store")
        self._runner = _Runner(self)
        self._runner.moveToThread(self._thread)
        self._request.connect(self._runner.run)
        self._runner.finished.connect(self._on_finished)
        self._runner.failed.connect(self._on_failed)
        self._thread.start()
        self._stopped = False
        live_workers.add(self)

    @property
    def running(self) -> bool:
        """True while the worker thread runs (until :meth:`stop` has returned)."""
        return self._thread.isRunning()

    # -- the store class (real one unless a test passes another) -------------------------
    @property
    def store_class(self) -> type[Store]:
        if self._store_class is None:
            self._store_class = default_store_class()
        return self._store_class

    # -- submitting -----------------------------------------------------------------------
    def submit(self, fn: Callable[[Any], Any], on_done: Callback | None = None,
               on_error: Callback | None = None, *, survive_lock: bool = False) -> int:
        """Run ``fn(store)`` in the worker thread; ``on_done(result)`` runs in the GUI thread.

        ``survive_lock``: a write (a save) still runs when a lock comes after it was queued; its
        callbacks are dropped like all others. Reads are skipped after a lock.
        """
        return self._submit("write" if survive_lock else "store", fn, on_done, on_error)

    def run_plain(self, fn: Callable[[], Any], on_done: Callback | None = None,
                  on_error: Callback | None = None) -> int:
        """Run ``fn()`` (no store needed) in the worker thread."""
        return self._submit("plain", fn, on_done, on_error)

    def check_exists(self, data_dir: Path, on_done: Callback, on_error: Callback | None = None) -> int:
        return self.run_plain(lambda: bool(self.store_class.exists(data_dir)), on_done, on_error)

    def unlock_wait(self, data_dir: Path, on_done: Callback, on_error: Callback | None = None) -> int:
        return self.run_plain(lambda: float(self.store_class.unlock_wait(data_dir)), on_done, on_error)

    def open(self, data_dir: Path, passphrase: str, *, secrets: SecretStore | None = None,
             accept_loss: bool = False, on_done: Callback | None = None,
             on_error: Callback | None = None) -> int:
        """Unlock the store in the worker thread; ``on_done`` gets a :class:`StoreInfo`.

        ``accept_loss``: open a store whose saved changes are partly missing (the user was told
        what is missing and chose to go on with what is there)."""
        cls = self.store_class
        if accept_loss:
            return self.open_with(lambda: cls.open(data_dir, passphrase, secrets=secrets, accept_loss=True),
                                  on_done=on_done, on_error=on_error)
        return self.open_with(lambda: cls.open(data_dir, passphrase, secrets=secrets),
                              on_done=on_done, on_error=on_error)

    def open_with(self, make_store: Callable[[], Store], *, on_done: Callback | None = None,
                  on_error: Callback | None = None) -> int:
        """Make this worker's store with ``make_store()`` (e.g. restoring a backup); ``on_done``
        gets a :class:`StoreInfo` as after an unlock."""

        def make() -> tuple[Store, StoreInfo]:
            store = make_store()
            return store, _store_info(store)

        return self._submit("open", make, on_done, on_error)

    def open_other(self, make_store: Callable[[], Closable], *, on_done: Callback | None = None,
                   on_error: Callback | None = None) -> int:
        """Make this worker's store with ``make_store()`` when it is not Signaal's field store
        (the desk's); ``on_done`` gets ``None``."""
        return self._submit("open", lambda: (make_store(), None), on_done, on_error)

    def create(self, data_dir: Path, passphrase: str, *, secrets: SecretStore | None = None,
               kdf: str = "moderate", on_done: Callback | None = None,
               on_error: Callback | None = None) -> int:
        """Create a new store in the worker thread; ``on_done`` gets a :class:`StoreInfo`."""
        cls = self.store_class
        return self.open_with(lambda: cls.create(data_dir, passphrase, secrets=secrets, kdf=kdf),
                              on_done=on_done, on_error=on_error)

    def close_store(self, on_done: Callback | None = None) -> int:
        """Close the store (after everything queued before it); runs even after a cancel."""
        return self._submit("close", lambda: None, on_done, None)

    def cancel_pending(self) -> None:
        """Skip every job queued so far and drop its callbacks (the lock path)."""
        with self._lock:
            self.generation += 1
            self._callbacks.clear()
        self.busy_changed.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def _submit(self, kind: str, fn: Callable[..., Any], on_done: Callback | None,
                on_error: Callback | None) -> int:
        if self._stopped:
            raise RuntimeError("the worker is stopped")
        with self._lock:
            self._next_id += 1
            job_id = self._next_id
            was_idle = not self._callbacks
            self._callbacks[job_id] = (on_done, on_error)
            generation = self.generation
        if was_idle:
            self.busy_changed.emit(True)
        self._request.emit(generation, job_id, kind, _Box(fn))
        return job_id

    # -- results (GUI thread) -------------------------------------------------------------
    def _take(self, generation: int, job_id: int) -> tuple[Callback | None, Callback | None] | None:
        with self._lock:
            if generation != self.generation:
                return None
            callbacks = self._callbacks.pop(job_id, None)
            idle = not self._callbacks
        if callbacks is not None and idle:
            self.busy_changed.emit(False)
        return callbacks

    @Slot(int, int, object)
    def _on_finished(self, generation: int, job_id: int, box: object) -> None:
        result = box.value  # type: ignore[attr-defined]
        callbacks = self._take(generation, job_id)
        if callbacks is not None and callbacks[0] is not None:
            callbacks[0](result)

    @Slot(int, int, object)
    def _on_failed(self, generation: int, job_id: int, box: object) -> None:
        exc = box.value  # type: ignore[attr-defined]
        callbacks = self._take(generation, job_id)
        if callbacks is None or isinstance(exc, _Cancelled):
            return
        if callbacks[1] is not None:
            callbacks[1](exc)
        else:
            self.error.emit(exc)

    # -- shutting down --------------------------------------------------------------------
    def stop(self) -> None:
        """Cancel what is queued, close the store, and wait for the thread to end."""
        if self._stopped:
            return
        self.cancel_pending()
        self._stopped = True
        done = threading.Event()

        def close_and_quit() -> None:
            self._runner._close()
            done.set()

        # Queued after whatever runs now; the generation check skips everything else.
        self._request.emit(self.generation, 0, "plain", _Box(close_and_quit))
        done.wait(30)
        self._thread.quit()
        self._thread.wait()
