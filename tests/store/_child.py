"""Subprocess side of the crash tests: ``python -m tests.store._child <mode> <data dir> ...``.

Prints one line per acknowledged operation, *after* the store call returned, and flushes, so the
parent knows exactly what was acknowledged before it sends SIGKILL. Synthetic data only.
"""

from __future__ import annotations

import json
import sys
import time

from desktop.core import paths
from desktop.core.backup import restore_backup
from desktop.core.store import Store
from forms import MINIMISATION_RULE
from tests.support.keyrings import use_file_keyring_from_env


def _say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def writes(data_dir: str, passphrase: str) -> None:
    """Create drafts and autosave them, forever; print ``C <id>`` / ``U <id> <n>`` per commit."""
    store = Store.open(data_dir, passphrase)
    _say("ready")
    n = 0
    last = None
    while True:
        n += 1
        if last is not None and n % 3 == 0:
            store.update_draft(last, {"n": n, "text": "autosave " * 20}, f"n={n}")
            _say("U", last, n)
        else:
            last = store.create_draft("kill-test", 1, {"n": n, "text": "x" * (n % 700)}, f"n={n}").id
            _say("C", last, n)


def canaries(data_dir: str, passphrase: str, canary: str) -> None:
    """Create a store and write the canary everywhere a user could type it; then wait for SIGKILL."""
    store = Store.create(data_dir, passphrase, kdf="test")
    for i in range(30):
        rec = store.create_draft("coa", 1, {"name": f"{canary} {i}", "note": {"text": canary}},
                                 summary=f"{canary} summary")
        store.update_draft(rec.id, {"name": f"{canary} {i} v2", "long": canary * 50}, f"{canary} s")
        if i % 3 == 0:
            store.finalise(rec.id, {"name": canary}, canary, {"sealed": canary},
                           sealed_rule=MINIMISATION_RULE)
    store.set_setting("last_search", canary)
    # A big sort so SQLite would need a temp store if it were on disk.
    store.list_records(search=canary[:6], limit=1000)
    _say("done")
    time.sleep(600)


def rekey(data_dir: str, first: str, second: str) -> None:
    """Alternate the passphrase forever; print ``K <now-valid passphrase index>`` after each change.

    The passphrases come JSON-encoded (argv cannot carry NUL).
    """
    pair = (json.loads(first), json.loads(second))
    first = pair[0]
    store = Store.open(data_dir, first)
    current = 0
    _say("ready")
    while True:
        nxt = 1 - current
        _say("T", nxt)  # about to try: either may be valid until the next K line
        store.change_passphrase(pair[current], pair[nxt])
        current = nxt
        _say("K", current)


def restore(backup_file: str, backup_pass: str, store_pass: str) -> None:
    """Restore a backup into this HOME's default data folder (and this process's keyring)."""

    result = restore_backup(backup_file, json.loads(backup_pass), paths.data_dir(), json.loads(store_pass),
                            kdf="test")
    _say("restored", result.store.overview().total, paths.data_dir())
    result.store.close()


def wait(data_dir: str) -> None:
    _say(f"{Store.unlock_wait(data_dir):.3f}")


def main(argv: list[str]) -> None:
    mode, rest = argv[0], argv[1:]
    use_file_keyring_from_env()  # the test keyring the parent named, if any
    {"writes": writes, "canaries": canaries, "rekey": rekey, "wait": wait,
     "restore": restore}[mode](*rest)


if __name__ == "__main__":
    main(sys.argv[1:])
