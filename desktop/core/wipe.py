"""Panic wipe ("Alles wissen"): make the store unreadable at once, then remove it.

Order matters. The key material goes first, so that the store cannot be read from the moment the
first step is done, even if removing the (large) database later fails or the laptop is switched
off half-way:

1. every key file in the data folder (``store.key``, an unfinished ``store.key.rekey``, temp key
   files, the key files in ``damaged-*`` and ``replaced-*`` copies) is overwritten with random
   bytes, flushed, and removed;
2. this store's entries in the OS keyring are deleted: the device secret (``store-<id>``), the
   bearer token (``delivery-token:<id>``) and the spool key (``delivery-spool:<id>``);
3. the open store (if any) is closed and the whole data folder is removed.

What this cannot promise, said plainly (the UI shows :meth:`WipeReport.text`): on SSDs and
journaling file systems an overwritten file may survive in blocks the disk has not reused yet. With
a keyring in use that does not matter: the data key is also wrapped with the device secret, and
that is gone. Without a keyring, such a left-over key file is protected by the passphrase alone.
Backups on USB disks and hand-off files are not touched. Nothing of the wipe can be kept in an audit
log: the log is wiped with everything else.

The UI asks for confirmation (typed, not a single click) and then calls::

    report = wipe(data_dir, confirm=WIPE_PHRASE, store=open_store_or_None)
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.store import Store, errors, keys
from desktop.core.store.common import KEY_NAME

log = logging.getLogger("signaal.wipe")

WIPE_PHRASE = "ALLES WISSEN"
# Keyring entry names per store id (desktop.core.delivery.TOKEN_SECRET_NAME and
# desktop.core.spool.SECRET_PREFIX; tests/store/test_wipe.py checks they still match).
TOKEN_PREFIX = "delivery-token"  # noqa: S105 - a keyring entry name
SPOOL_PREFIX = "delivery-spool"


@dataclass(frozen=True)
class WipeReport:
    """What the wipe did. ``leftovers``: names (relative to the data folder) it could not remove."""

    key_files_destroyed: int
    keyring_entries_removed: int
    folder_removed: bool
    leftovers: list[str] = field(default_factory=list)
    keyring_errors: int = 0

    @property
    def complete(self) -> bool:
        return self.folder_removed and not self.leftovers and not self.keyring_errors

    def text(self, lang: str = "nl") -> str:
        if lang == "en":
            done = ("Everything of Signaal on this computer has been wiped: reports, drafts, the audit "
                    "log, settings and the connection to CoMensha. This cannot be undone. Reports that "
                    "had not been sent yet are lost. Backups and hand-off files on USB disks were not "
                    "touched.")
            if not self.complete:
                done += (" Not everything could be removed, but the store can no longer be opened. "
                         "Ask your administrator to check the computer.")
            return done
        done = ("Alles van Signaal op deze computer is gewist: meldingen, concepten, het logboek, "
                "instellingen en de koppeling met CoMensha. Dit kan niet ongedaan worden gemaakt. "
                "Meldingen die nog niet waren verzonden, zijn verloren. Back-ups en "
                "overdrachtsbestanden op USB-sticks zijn niet aangeraakt.")
        if not self.complete:
            done += (" Niet alles kon worden verwijderd, maar de opslag kan niet meer worden geopend. "
                     "Vraag uw beheerder de computer na te kijken.")
        return done


def _key_files(data_dir: Path) -> list[Path]:
    found = [data_dir / KEY_NAME, data_dir / f"{KEY_NAME}.rekey"]
    found += data_dir.glob(f".{KEY_NAME}*.tmp-*")
    found += data_dir.glob(f"damaged-*/{KEY_NAME}")   # copies kept when writes were found missing
    found += data_dir.glob(f"replaced-*/{KEY_NAME}")  # a store a restored backup replaced
    return [p for p in found if p.is_file() and not p.is_symlink()]


def _destroy_file(path: Path) -> None:
    """Overwrite with random bytes, flush, remove."""
    size = path.stat().st_size
    with open(path, "r+b", buffering=0) as fh:
        fh.write(os.urandom(max(size, 1)))
        os.fsync(fh.fileno())
    path.unlink()


def _store_ids(data_dir: Path, store: Store | None) -> set[str]:
    ids = {store.id} if store is not None else set()
    for p in _key_files(data_dir):
        try:
            ids.add(keys.KeyFile.parse(p.read_bytes()).store_id)
        except (OSError, errors.StoreError):
            continue  # a damaged key file: nothing to learn from it, destroyed all the same
    return ids


def wipe(data_dir: str | os.PathLike[str], *, confirm: str, secrets: keys.SecretStore | None = None,
         store: Store | None = None) -> WipeReport:
    """Destroy the store in ``data_dir``: key material first, then the files (see the module doc).

    ``confirm`` must be :data:`WIPE_PHRASE` (the UI asks the user to type it), otherwise
    :class:`errors.ConfirmationRequired` and nothing is touched. ``store``: the open store, if any;
    it is closed once its keys are gone. Never raises after the confirmation: problems are in the
    report (``leftovers``, ``keyring_errors``).
    """
    if confirm != WIPE_PHRASE:
        raise errors.ConfirmationRequired("wipe phrase does not match")
    folder = Path(data_dir)
    ids = _store_ids(folder, store) if folder.is_dir() else ({store.id} if store else set())

    destroyed = 0
    leftovers: list[str] = []
    for path in _key_files(folder) if folder.is_dir() else []:
        try:
            _destroy_file(path)
            destroyed += 1
        except OSError as exc:
            log.error("wipe: could not destroy a key file (%s)", type(exc).__name__)
            leftovers.append(str(path.relative_to(folder)))
    with contextlib.suppress(OSError):
        keys.fsync_dir(folder)

    removed = keyring_errors = 0
    chosen = keys.choose_secret_store() if secrets is None else secrets
    for sid in sorted(ids):
        for name in (keys.device_secret_name(sid), f"{TOKEN_PREFIX}:{sid}", f"{SPOOL_PREFIX}:{sid}"):
            try:
                had = chosen.get(name) is not None
                chosen.delete(name)
                removed += had
            except Exception as exc:
                keyring_errors += 1
                log.error("wipe: could not remove a keyring entry (%s)", type(exc).__name__)

    if store is not None:
        try:
            store.close()
        except Exception as exc:  # the keys are gone; a failing close changes nothing of that
            log.error("wipe: closing the store failed (%s)", type(exc).__name__)

    if folder.exists():
        leftovers += _remove_tree(folder)
    folder_removed = not folder.exists()
    log.warning("store wiped (%d key file(s), %d keyring entr(ies), folder removed: %s)",
                destroyed, removed, folder_removed)
    return WipeReport(destroyed, removed, folder_removed, sorted(set(leftovers)), keyring_errors)


def _remove_tree(folder: Path) -> list[str]:
    """Remove ``folder`` and everything in it; return what could not be removed (relative names)."""
    failed: list[str] = []
    for root, dirs, files in os.walk(folder, topdown=False):
        for name in [*files, *dirs]:
            path = Path(root) / name
            try:
                if path.is_dir() and not path.is_symlink():
                    path.rmdir()
                else:
                    path.unlink()
            except OSError:
                failed.append(str(path.relative_to(folder)))
    try:
        folder.rmdir()
    except OSError:
        if not failed:
            failed.append(".")
    return failed
