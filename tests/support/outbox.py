"""Outbox stores and synthetic reports for the sync tests.

- ``MemoryOutbox``: the ``sync.engine.OutboxStore`` contract in memory, for unit tests.
- ``real_store(dir)``: the real SQLCipher store (desktop.store) with a test secret store and the
  cheapest KDF; ``reopen_store(dir)`` opens it again (after a "crash").
- ``synthetic_answers(form_id, i)``: answers for the coa / nla / zorg forms (synthetic only).
- ``queue_reports(store, n, sealing_public_key, signing_key)``: create, finalise and seal ``n``
  reports through the store's own operations, as the app does at finalise; returns
  ``{record_id: (form_id, answers)}``.
"""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nacl.signing

from sync import envelope as envelope_mod
from sync import protocol

PASSPHRASE = "correct horse battery staple 42"
FORMS = ("coa", "nla", "zorg")
SECTORS = ("agriculture", "construction", "hospitality", "cleaning", "transport", "care")
COUNTRIES = ("NL", "RO", "BG", "PL", "NG", "VN", "UA", "ER")
INDICATORS = ("no_id_documents", "debt", "restricted_movement", "threats", "no_pay", "long_hours")


def synthetic_answers(form_id: str, i: int) -> dict[str, Any]:
    """Plausible, entirely made-up answers for report ``i`` of ``form_id``."""
    rng = random.Random(f"{form_id}-{i}")
    answers: dict[str, Any] = {
        "observed_on": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "location_region": rng.choice(("north", "east", "south", "west", "randstad")),
        "nationality": rng.choice(COUNTRIES),
        "age_estimate": 16 + i % 50,
        "indicators": {ind: {"answer": rng.choice(("yes", "no", "unknown"))} for ind in INDICATORS},
        "exploitation_types": sorted(rng.sample(("labour", "sexual", "criminal", "other"), 2)),
        "consent": rng.choice(("yes", "no")),
        "notes": f"Synthetic report {i} for {form_id}; no real person.",
    }
    if form_id == "coa":
        answers["reception_location"] = f"azc-{i % 40:02d}"
    elif form_id == "nla":
        answers["sector"] = rng.choice(SECTORS)
        answers["inspection_id"] = f"NLA-{i:06d}"
    else:
        answers["care_setting"] = rng.choice(("gp", "hospital", "emergency", "mental_health"))
    return answers


# -- in-memory outbox --------------------------------------------------------------------------


@dataclass(frozen=True)
class MemItem:
    record_id: str
    envelope: dict = field(repr=False)
    attempts: int = 0
    last_error: str | None = None


class MemoryOutbox:
    """The outbox contract in memory (records: id -> state; outbox in queue order)."""

    def __init__(self) -> None:
        self.outbox: dict[str, MemItem] = {}
        self.state: dict[str, str] = {}
        self.receipts: dict[str, dict] = {}
        self.conflicts: dict[str, str] = {}
        self._seq = itertools.count()

    def add(self, record_id: str, envelope: dict) -> None:
        self.outbox[record_id] = MemItem(record_id, envelope)
        self.state[record_id] = "final"

    def outbox_count(self) -> int:
        return len(self.outbox)

    def outbox_batch(self, limit: int) -> list[MemItem]:
        return list(itertools.islice(self.outbox.values(), max(0, limit)))

    def outbox_note_failure(self, record_id: str, message: str) -> None:
        it = self.outbox.get(record_id)
        if it is not None:
            self.outbox[record_id] = MemItem(record_id, it.envelope, it.attempts + 1, message)

    def mark_sent(self, record_id: str, receipt: dict) -> None:
        assert self.state[record_id] in ("final", "sent")
        self.receipts[record_id] = receipt
        self.state[record_id] = "sent"
        self.outbox.pop(record_id, None)

    def mark_conflict(self, record_id: str, reason: str) -> None:
        assert self.state[record_id] == "final"
        self.conflicts[record_id] = reason
        self.outbox.pop(record_id, None)


# -- the real store ----------------------------------------------------------------------------


def secret_file(data_dir: Path) -> Path:
    return Path(str(data_dir) + ".secrets.json")


def real_store(data_dir: Path):
    from desktop.store import Store
    from desktop.store.keys import TestFileSecretStore

    return Store.create(data_dir, PASSPHRASE, secrets=TestFileSecretStore(secret_file(data_dir)),
                        kdf="test")


def reopen_store(data_dir: Path):
    from desktop.store import Store
    from desktop.store.keys import TestFileSecretStore

    return Store.open(data_dir, PASSPHRASE, secrets=TestFileSecretStore(secret_file(data_dir)))


def seal(record_id: str, form_id: str, answers: dict, sealing_public_key: bytes,
         signing_key: nacl.signing.SigningKey, created_at: str | None = None) -> dict:
    env = envelope_mod.seal_envelope(
        answers, envelope_id=record_id, form_id=form_id, form_version=1,
        created_at=created_at or protocol.utc_now(), sealing_public_key=sealing_public_key,
        signing_key=signing_key)
    return env.model_dump(mode="json")


def queue_reports(store: Any, n: int, sealing_public_key: bytes, signing_key: nacl.signing.SigningKey,
                  *, start: int = 0) -> dict[str, tuple[str, dict]]:
    """Create + finalise (sealed) ``n`` reports in ``store``; round-robin over coa / nla / zorg."""
    made: dict[str, tuple[str, dict]] = {}
    for i in range(start, start + n):
        form_id = FORMS[i % 3]
        answers = synthetic_answers(form_id, i)
        rec = store.create_draft(form_id, 1, answers, summary=f"{form_id} #{i}")
        env = seal(_envelope_id(rec.id), form_id, answers, sealing_public_key, signing_key)
        store.finalise(rec.id, answers, f"{form_id} #{i}", env)
        made[rec.id] = (form_id, answers)
    return made


def queue_memory(outbox: MemoryOutbox, n: int, sealing_public_key: bytes,
                 signing_key: nacl.signing.SigningKey, *, start: int = 0) -> dict[str, tuple[str, dict]]:
    import uuid

    made = {}
    for i in range(start, start + n):
        form_id = FORMS[i % 3]
        answers = synthetic_answers(form_id, i)
        rid = str(uuid.uuid4())
        outbox.add(rid, seal(rid, form_id, answers, sealing_public_key, signing_key))
        made[rid] = (form_id, answers)
    return made


def _envelope_id(record_id: str) -> str:
    import uuid

    try:
        return str(uuid.UUID(record_id))
    except ValueError:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"signaal:{record_id}"))


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
