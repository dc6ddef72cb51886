"""Plain, frozen values the store hands out. No behaviour, no database handles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

STATES = ("draft", "final", "sent", "purged")


@dataclass(frozen=True)
class Record:
    """One report with everything the store holds about it.

    ``answers`` is ``None`` once the record is purged; ``envelope`` is the sealed envelope (a dict,
    as produced by the sync layer) or ``None`` while the record awaits sealing; ``conflict`` is a
    reason text when the server reported a conflict, else ``None``. Times are aware UTC datetimes.
    """

    id: str
    form_id: str
    form_version: int
    state: str
    created_at: datetime
    updated_at: datetime
    finalised_at: datetime | None
    sent_at: datetime | None
    purged_at: datetime | None
    answers: dict[str, Any] | None
    summary: str
    envelope: dict[str, Any] | None = field(default=None, repr=False)
    receipt: dict[str, Any] | None = field(default=None, repr=False)
    conflict: str | None = None

    def __repr__(self) -> str:  # never print answers into logs or tracebacks
        return f"Record(id={self.id!r}, form={self.form_id!r}@{self.form_version}, state={self.state!r})"


@dataclass(frozen=True)
class RecordSummary:
    """A row of the record list: no answers, no envelope."""

    id: str
    form_id: str
    form_version: int
    state: str
    created_at: datetime
    updated_at: datetime
    finalised_at: datetime | None
    sent_at: datetime | None
    summary: str
    sealed: bool
    has_receipt: bool
    conflict: str | None
    reference: str | None = None  # CoMensha's reference, from the receipt of a sent report


@dataclass(frozen=True)
class Page:
    """One page of :meth:`Store.list_records`: ``total`` counts every match, not just this page."""

    items: list[RecordSummary]
    total: int
    offset: int = 0
    limit: int = 100


@dataclass(frozen=True)
class OutboxItem:
    record_id: str
    envelope: dict[str, Any] = field(repr=False)
    attempts: int
    last_error: str | None
    queued_at: datetime | None = None


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the hash-chained audit log. ``prev_hash`` is the SHA-256 of the entry before."""

    seq: int
    at: datetime
    event: str
    record_id: str | None
    detail: dict[str, Any] | None
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditCheck:
    """Result of :meth:`Store.verify_audit`: ``first_broken`` is the seq of the first bad entry
    (for a cut-off tail: the first missing one)."""

    ok: bool
    entries: int
    first_broken: int | None
    missing_tail: int = 0  # entries the high-water mark says were written after the last one (R31)


@dataclass(frozen=True)
class KeyringStatus:
    """Whether the data key is also protected by a device secret in the OS keyring.

    ``backend``: the keyring backend found (class path, or a short name); ``acceptable``: it is on
    the allowlist (Windows Credential Locker, macOS Keychain, Secret Service, KWallet);
    ``in_use``: this store's key is wrapped with a device secret held there.
    """

    backend: str
    acceptable: bool
    in_use: bool

    @property
    def adoptable(self) -> bool:
        """An acceptable keyring is there but this store does not use it yet: the UI may offer
        :meth:`Store.adopt_keyring` (it asks the user first)."""
        return self.acceptable and not self.in_use

    def text(self, lang: str = "nl") -> str:
        if self.in_use:
            if lang == "en":
                return "Your store is protected by your passphrase and by this account's keyring."
            return "Uw opslag is beveiligd met uw wachtwoordzin en met de sleutelbos van dit account."
        if lang == "en":
            return ("No secure keyring is available on this computer: your store is protected by your "
                    "passphrase alone. Choose a long passphrase.")
        return ("Er is op deze computer geen veilige sleutelbos beschikbaar: uw opslag is alleen beveiligd "
                "met uw wachtwoordzin. Kies een lange wachtwoordzin.")


@dataclass(frozen=True)
class Overview:
    """What a store (or a backup) holds, without any content: for reports and comparisons.

    ``counts``: records per state (every state in :data:`STATES` present); ``first_created`` /
    ``last_created``: the oldest and newest record; ``last_change``: the newest change of a record;
    ``last_event``: the newest audit entry (also after deletes). Times are aware UTC or None.
    """

    counts: dict[str, int]
    first_created: datetime | None
    last_created: datetime | None
    last_change: datetime | None
    audit_entries: int
    last_event: datetime | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())
