"""The high-water mark: proof outside the database of how far the store had got (R31).

SQLite drops every write-ahead-log frame from the first bad checksum on, and a copy or backup tool
that takes only ``store.db`` leaves the log behind: either way the store opens *without a word* at
an older state and acknowledged drafts are gone. The mark makes that loss visible.

- The database holds a commit counter (table ``hwm``, schema v4). A write transaction that
  appends to the hash-chained audit log is identified by the new head of the chain (seq, hash);
  every other write transaction adds one to the counter inside the same transaction. (Counting
  the audited ones too would cost each of them a second database page for nothing.)
- After each commit the store writes ``(commits, audit seq, audit hash)`` to ``store.mark``, a
  small file next to the database. So the mark never runs ahead of what is durable in the
  database, and every write the app acknowledged is covered by it (the write returns only after
  the mark was written).
- An autosave (the hot path: one small UPDATE every few seconds while typing) is not counted, to
  spare it a second database page per write. Instead the mark names the record and the
  ``updated_at`` it wrote (the *touch*); the next counted commit clears it. This is enough because
  a damaged or missing log always loses a *suffix* of the commits: if anything was lost, the last
  acknowledged write was lost, and that is either counted or the touched autosave.
- On open the database is compared with the mark *read-only*, before anything can checkpoint or
  reset the log: fewer commits, a shorter audit log, or a different audit entry at the marked
  position means acknowledged writes are missing (:class:`Shortfall`).

File: two 192-byte slots, written alternately (by a write sequence number) in place with
``pwrite``, so a torn write damages at most one slot and the other still holds the mark before it.
A slot is ``MAGIC | store id (16) | write seq (u64) | commits (u64) | audit seq (u64) | audit hash
(32) | touched record id (16, zeros for none) | its updated_at (27 ASCII) | MAC (32)`` (integers
big-endian), the MAC a keyed BLAKE2b under a random key kept *in the database* (``hwm.mark_key``):
only someone who can read the store can write a valid mark, and re-keying the database leaves the
mark valid.

Why no fsync per commit: the mark guards against damage to the database and its log, not against
the operating system losing its own cache. After a process kill the kernel still writes the
mark; after a power cut the mark may be older than the (fsynced) database, which can hide a loss
but never invents one. The mark is fsynced when the store closes and after a re-key.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import struct
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAGIC = b"SGNLHWM2"
SLOT = 192
# magic, store id, write seq, commits, audit seq, audit hash, touched id, touched updated_at
_BODY = struct.Struct(">8s16sQQQ32s16s27s")
_NO_TOUCH = b"\0" * 16
_MAC_LEN = 32

# Schema v4 (migrations.V4): the counter and the MAC key live in the database.
MIN_SCHEMA = 4


@dataclass(frozen=True)
class MarkState:
    """How far the store had got: commits, and the head of the audit chain at that point."""

    commits: int
    audit_seq: int
    audit_hash: str  # 64 hex digits ("0" * 64 before the first entry)
    touch_id: str | None = None  # the record the last (uncounted) autosave wrote, if it was last
    touch_at: str | None = None  # the updated_at it wrote (fixed-width UTC text)


@dataclass(frozen=True)
class Shortfall:
    """What the database lacks compared with the mark (all zero/False: nothing is missing).

    ``missing_commits``: acknowledged unaudited write transactions not in the database (audited
    ones show as ``missing_audit``);
    ``missing_audit``: audit entries cut off the end of the log; ``audit_rewritten``: the entry at
    the marked position is not the one that was written; ``mark_damaged``: both slots of the mark
    are unreadable (the file was changed or cut), so nothing can be promised either way.
    """

    missing_commits: int = 0
    missing_audit: int = 0
    audit_rewritten: bool = False
    mark_damaged: bool = False
    autosave_missing: bool = False  # the last autosave of a draft (not counted) is not there

    @property
    def any(self) -> bool:
        return bool(self.missing_commits or self.missing_audit or self.audit_rewritten
                    or self.mark_damaged or self.autosave_missing)


def _mac(key: bytes, body: bytes) -> bytes:
    return hashlib.blake2b(body, key=key, digest_size=_MAC_LEN, person=b"signaal-hwm-v1").digest()


def encode(state: MarkState, store_id: str | bytes, key: bytes, write_seq: int) -> bytes:
    touch_id = _NO_TOUCH
    touch_at = b"\0" * 27
    if state.touch_id is not None and state.touch_at is not None:
        touch_id = bytes.fromhex(state.touch_id.replace("-", ""))  # a canonical UUID (records.id)
        touch_at = state.touch_at.encode("ascii")[:27].ljust(27, b"\0")
    sid = store_id if isinstance(store_id, bytes) else bytes.fromhex(store_id)
    body = _BODY.pack(MAGIC, sid, write_seq, state.commits, state.audit_seq,
                      bytes.fromhex(state.audit_hash), touch_id, touch_at)
    slot = body + _mac(key, body)
    return slot + b"\0" * (SLOT - len(slot))


def decode(slot: bytes, store_id: str, key: bytes) -> tuple[int, MarkState] | None:
    """(write seq, state) in one slot, or None if the slot is empty, damaged or of another store."""
    if len(slot) < _BODY.size + _MAC_LEN:
        return None
    body, mac = slot[:_BODY.size], slot[_BODY.size:_BODY.size + _MAC_LEN]
    if not hmac.compare_digest(_mac(key, body), mac):
        return None
    magic, sid, write_seq, commits, seq, digest, touch_id, touch_at = _BODY.unpack(body)
    if magic != MAGIC or sid != bytes.fromhex(store_id):
        return None
    touched = touch_id != _NO_TOUCH
    return int(write_seq), MarkState(int(commits), int(seq), digest.hex(),
                                     str(uuid.UUID(bytes=touch_id)) if touched else None,
                                     touch_at.rstrip(b"\0").decode("ascii") if touched else None)


def _slots(path: Path, store_id: str, key: bytes) -> list[tuple[int, MarkState]] | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    found = [s for s in (decode(data[i * SLOT:(i + 1) * SLOT], store_id, key) for i in (0, 1))
             if s is not None]
    if not found:
        raise MarkUnreadable()
    return found


def read(path: Path, store_id: str, key: bytes) -> MarkState | None:
    """The newest valid state in the mark file; None when there is no file.

    Raises :class:`MarkUnreadable` when the file exists but neither slot is valid.
    """
    found = _slots(path, store_id, key)
    return None if found is None else max(found, key=lambda s: s[0])[1]


class MarkUnreadable(Exception):
    """Both slots of the mark file are damaged (not a user error: the store turns it into one)."""


def database_state(conn: Any) -> tuple[MarkState, bytes]:
    """(the state the database is at, the MAC key) read from ``conn`` (schema ≥ 4).

    Raises :class:`MarkUnreadable` when the counter row is missing or malformed."""
    found = conn.execute("SELECT commits, mark_key FROM hwm WHERE id = 1").fetchone()
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    try:
        commits, key_hex = found
        key = bytes.fromhex(str(key_hex))
        if len(key) != 32:
            raise ValueError("bad mark key")
        seq, digest = (int(row[0]), _norm_hash(row[1])) if row else (0, "0" * 64)
        return MarkState(int(commits), seq, digest), key
    except (TypeError, ValueError):
        raise MarkUnreadable() from None


def _norm_hash(value: object) -> str:
    """An audit hash as 64 hex digits; anything else (a tampered row) by the SHA-256 of its text,
    so the mark can still hold it and a later comparison still sees the same value."""
    text = str(value)
    if len(text) == 64 and all(c in "0123456789abcdef" for c in text):
        return text
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def compare(conn: Any, mark: MarkState | None) -> Shortfall:
    """What the database behind ``conn`` lacks compared with ``mark`` (None: no mark file)."""
    if mark is None:
        return Shortfall()
    state, _ = database_state(conn)
    missing_audit = max(0, mark.audit_seq - state.audit_seq)
    rewritten = False
    if mark.audit_seq and not missing_audit:
        row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (mark.audit_seq,)).fetchone()
        rewritten = row is None or _norm_hash(row[0]) != mark.audit_hash
    missing = max(0, mark.commits - state.commits)
    autosave_missing = False
    if not missing and mark.touch_id is not None and mark.touch_at is not None:
        row = conn.execute("SELECT updated_at FROM records WHERE id = ?", (mark.touch_id,)).fetchone()
        autosave_missing = row is None or str(row[0]) < mark.touch_at
    return Shortfall(missing, missing_audit, rewritten, autosave_missing=autosave_missing)


class MarkWriter:
    """Keeps ``store.mark`` open and writes a slot after each commit."""

    def __init__(self, path: Path, store_id: str, key: bytes) -> None:
        self.path = path
        self._store_id = bytes.fromhex(store_id)
        self._key = key
        try:
            found = _slots(path, store_id, key) or []
        except MarkUnreadable:
            found = []
        self._seq = max((seq for seq, _ in found), default=0)
        self._fd: int | None = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if os.fstat(self._fd).st_size != 2 * SLOT:
            os.ftruncate(self._fd, 2 * SLOT)

    def write(self, state: MarkState) -> None:
        if self._fd is None:
            raise ValueError("mark writer is closed")
        self._seq += 1
        os.pwrite(self._fd, encode(state, self._store_id, self._key, self._seq), (self._seq % 2) * SLOT)

    def reset(self, state: MarkState) -> None:
        """Both slots to ``state`` and flushed (after a loss the user accepted, and at creation)."""
        if self._fd is None:
            raise ValueError("mark writer is closed")
        self._seq += 2
        first = encode(state, self._store_id, self._key, self._seq - 1)
        second = encode(state, self._store_id, self._key, self._seq)
        slots = (second, first) if self._seq % 2 == 0 else (first, second)
        os.pwrite(self._fd, slots[0] + slots[1], 0)
        os.fsync(self._fd)

    def sync(self) -> None:
        if self._fd is not None:
            os.fsync(self._fd)

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.fsync(fd)
            os.close(fd)
