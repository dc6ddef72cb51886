"""Offline hand-off on the device: the outbox to a hand-off file, receipts from a receipts file.

The file format is :mod:`sync.handoff` (docs/protocol.md, "Hand-off files"). Reports stay in the
outbox after a hand-off: they are still sent online at the next connection, and the receiver
stores each envelope id once, so a report handed off *and* sent is stored once. A report counts as
sent only when a receipt for exactly its envelope arrives (R15), online or in a receipts file.

UI calls::

    result = write_handoff_file(store, "/media/usb/signaal-overdracht.json")
    applied = apply_receipts_file(store, Path("/media/usb/signaal-ontvangst.json").read_bytes())
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core import delivery
from desktop.core.store import Store, keys
from sync import handoff
from sync.handoff import HandoffError

log = logging.getLogger("signaal.handoff")

__all__ = ["HandoffError", "HandoffWritten", "ReceiptsApplied", "apply_receipts_file", "write_handoff_file"]


@dataclass(frozen=True)
class HandoffWritten:
    count: int
    envelope_ids: list[str]
    path: Path


@dataclass(frozen=True)
class ReceiptsApplied:
    """``applied``: reports now marked sent; ``already``: were sent before; ``refused``: receipts
    that did not verify or match a queued report (nothing changed for those)."""

    applied: int
    already: int
    refused: int


def _outbox(store: Store) -> list[dict[str, Any]]:
    items = store.outbox_batch(handoff.MAX_HANDOFF_ENVELOPES + 1)
    if len(items) > handoff.MAX_HANDOFF_ENVELOPES:
        items = items[:handoff.MAX_HANDOFF_ENVELOPES]  # the rest goes in the next file
    return [item.envelope for item in items]


def write_handoff_file(store: Store, target: str | os.PathLike[str]) -> HandoffWritten:
    """Write every queued envelope (up to ``MAX_HANDOFF_ENVELOPES``) into a signed hand-off file.

    Raises HandoffError ``not_enrolled`` (no device key/id yet), ``empty`` (nothing queued), or
    OSError when the file cannot be written. The target is written next to itself and renamed.
    """
    info = delivery.enrolment(store)
    signing_key = delivery.device_signing_key(store)
    if info is None or signing_key is None:
        raise HandoffError("not_enrolled")
    envelopes = _outbox(store)
    data = handoff.write_handoff(envelopes, device_id=info.device_id, signing_key=signing_key)
    # Written next to itself and renamed; some USB file systems cannot sync a folder.
    path = Path(target)
    keys.atomic_write(path, data, folder_sync_optional=True)
    ids = [str(e["id"]) for e in envelopes]
    store.audit("handoff.written", detail={"count": len(ids)})
    log.info("hand-off file written with %d envelope(s)", len(ids))
    return HandoffWritten(len(ids), ids, path)


def apply_receipts_file(store: Store, data: bytes) -> ReceiptsApplied:
    """Mark sent the queued reports whose receipt is in the receipts file and verifies (R15).

    Raises HandoffError ``malformed``/``too_large`` (not a receipts file), ``not_enrolled``,
    ``other_device`` (the file is for another device).
    """
    parsed = handoff.read_receipts(data)
    info = delivery.enrolment(store)
    if info is None:
        raise HandoffError("not_enrolled")
    if parsed.device_id != info.device_id:
        raise HandoffError("other_device")
    receipt_keys = delivery.receipt_keys(store)
    queued = {str(item.envelope.get("id")): item for item in store.outbox_batch(1_000_000)}
    applied = already = refused = 0
    for receipt in parsed.receipts:
        doc = receipt.model_dump(mode="json")
        if not any(delivery.verify_receipt_dict(doc, key) for key in receipt_keys):
            refused += 1
            continue
        item = queued.get(receipt.envelope_id)
        if item is None:
            already += 1  # sent online meanwhile, or not ours to mark: nothing to do
            continue
        if item.envelope.get("sha256") != receipt.sha256:
            refused += 1
            continue
        store.mark_sent(item.record_id, doc)
        applied += 1
    store.audit("handoff.receipts", detail={"applied": applied, "already": already, "refused": refused})
    return ReceiptsApplied(applied, already, refused)
