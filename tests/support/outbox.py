"""Outbox stores and synthetic reports for the sync tests.

- ``MemoryOutbox``: the ``sync.engine.OutboxStore`` contract in memory, for unit tests.
- ``real_store(dir)``: the real SQLCipher store (desktop.core.store) with a test secret store and the
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
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nacl.signing

from desktop.core.store import Store
from forms import MINIMISATION_RULE
from sync import envelope as envelope_mod
from sync import protocol
from tests.support.keyrings import TestFileSecretStore

PASSPHRASE = "correct horse battery staple 42"
FORMS = ("coa", "nla", "zorg")
COUNTRIES = ("NL", "RO", "BG", "PL", "NG", "VN", "UA", "ER")


def synthetic_answers(form_id: str, i: int) -> dict[str, Any]:
    """Made-up answers for report ``i`` of ``form_id``, one per visible field of the shipped form
    (``forms.catalog()``); a small fixed dict when the form is not available."""
    try:
        import forms

        form = forms.catalog().get(form_id, 1)  # the version seal() below writes
    except Exception:
        return {"observed_on": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", "n": i,
                "notes": f"Synthetic report {i} for {form_id}; no real person."}
    best: dict[str, Any] = {}
    for attempt in range(200):   # draw until the answers pass the form's final checks
        rng = random.Random(f"{form_id}-{i}-{attempt}")
        answers: dict[str, Any] = {}
        for f in form.all_fields():
            value = _value_for(f, i, rng)
            if value is not None:
                answers[f.id] = value
        best = forms.clean_answers(form, answers)
        if not forms.validate(form, best, "final"):
            return best
    return best


def _value_for(f: Any, i: int, rng: random.Random) -> Any:
    kind = getattr(f, "kind", "")
    codes = [o.code for o in f.choices()] if hasattr(f, "choices") else []
    if kind in ("short_text", "long_text", "identifying_text"):
        return f"Synthetic {f.id} {i}"[: getattr(f, "max_length", 80)]
    if kind == "integer":
        lo = f.minimum if f.minimum is not None else 0
        hi = f.maximum if f.maximum is not None else lo + 60
        return rng.randint(lo, max(lo, min(hi, lo + 60)))
    if kind == "date":
        return f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
    if kind == "yes_no_unknown":
        return rng.choice(("yes", "no", "unknown"))
    if kind == "single_choice" and codes:
        return rng.choice(codes)
    if kind == "multiple_choice" and codes:
        plain = [c for c in codes if c not in set(getattr(f, "exclusive", []) or [])] or codes
        return sorted(rng.sample(plain, min(2, len(plain))))
    if kind == "country":
        pool = codes or list(COUNTRIES)
        return sorted(rng.sample(pool, 2)) if getattr(f, "multiple", False) else rng.choice(pool)
    if kind == "checklist":
        return {ind.id: {"answer": rng.choice(("yes", "no", "unknown"))} for ind in f.indicators}
    return None


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
    return Store.create(data_dir, PASSPHRASE, secrets=TestFileSecretStore(secret_file(data_dir)), kdf="test")


def reopen_store(data_dir: Path):
    return Store.open(data_dir, PASSPHRASE, secrets=TestFileSecretStore(secret_file(data_dir)))


def seal(
    record_id: str,
    form_id: str,
    answers: dict,
    sealing_public_key: bytes,
    signing_key: nacl.signing.SigningKey,
    created_at: str | None = None,
) -> dict:
    env = envelope_mod.seal_envelope(
        answers,
        envelope_id=record_id,
        form_id=form_id,
        form_version=1,
        created_at=created_at or protocol.utc_now(),
        sealing_public_key=sealing_public_key,
        signing_key=signing_key,
    )
    return env.model_dump(mode="json")


def queue_reports(
    store: Any, n: int, sealing_public_key: bytes, signing_key: nacl.signing.SigningKey, *, start: int = 0
) -> dict[str, tuple[str, dict]]:
    """Create + finalise (sealed) ``n`` reports in ``store``; round-robin over coa / nla / zorg."""
    made: dict[str, tuple[str, dict]] = {}
    for i in range(start, start + n):
        form_id = FORMS[i % 3]
        answers = synthetic_answers(form_id, i)
        rec = store.create_draft(form_id, 1, answers, summary=f"{form_id} #{i}")
        env = seal(_envelope_id(rec.id), form_id, answers, sealing_public_key, signing_key)
        store.finalise(rec.id, answers, f"{form_id} #{i}", env, sealed_rule=MINIMISATION_RULE)
        made[rec.id] = (form_id, answers)
    return made


def queue_memory(
    outbox: MemoryOutbox,
    n: int,
    sealing_public_key: bytes,
    signing_key: nacl.signing.SigningKey,
    *,
    start: int = 0,
) -> dict[str, tuple[str, dict]]:

    made = {}
    for i in range(start, start + n):
        form_id = FORMS[i % 3]
        answers = synthetic_answers(form_id, i)
        rid = str(uuid.uuid4())
        outbox.add(rid, seal(rid, form_id, answers, sealing_public_key, signing_key))
        made[rid] = (form_id, answers)
    return made


def _envelope_id(record_id: str) -> str:
    try:
        return str(uuid.UUID(record_id))
    except ValueError:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"signaal:{record_id}"))


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
