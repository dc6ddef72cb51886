"""Importing a hand-off file (``signaal-receiver import FILE``): reports carried on a USB disk.

The file's bundle signature and every envelope's own signature are checked against the key this
receiver registered for the device (docs/protocol.md, "Hand-off files"); the envelopes are then
stored exactly as ``POST /v1/envelopes`` stores them: an id is stored once, the same id with other
bytes is a conflict. So a report handed off twice, or handed off and also sent online, is stored
once, and every import gives the same receipts back. The receipts go into a receipts file the
device reads at its next unlock (or the app applies with "Ontvangstbewijzen inlezen").
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field

from sync import envelope as env_mod
from sync import handoff, protocol
from sync.protocol import Receipt
from sync.receiver.app import _check, _now
from sync.receiver.config import ReceiverConfig
from sync.receiver.storage import Storage


@dataclass
class ImportResult:
    """What an import did: counts per outcome, the receipts file, and the refusals by index."""

    device_id: str
    stored: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: list[str] = field(default_factory=list)
    receipts_file: bytes = b""


class ImportRefused(Exception):
    """The whole file is refused: unknown or revoked device, or a signature that does not verify."""


def import_handoff(storage: Storage, cfg: ReceiverConfig, data: bytes,
                   now: Callable[[], str] = _now) -> ImportResult:
    """Check and store the envelopes of a hand-off file; raises ``handoff.HandoffError`` for a file
    that cannot be read, :class:`ImportRefused` for one that is not from a known, active device."""
    bundle = handoff.read_handoff(data)
    device = next((d for d in storage.list_devices() if d.id == bundle.device_id), None)
    if device is None:
        raise ImportRefused(f"The hand-off file is from device {bundle.device_id}, which this receiver "
                            "does not know. Was it enrolled here?")
    if device.revoked:
        raise ImportRefused(f"Device {device.id} was revoked; its hand-off files are not accepted.")
    device_key = base64.b64decode(device.public_key)
    handoff.verify_handoff(bundle, device_key)  # the bundle and every envelope, or HandoffError
    signing_key = cfg.receipt_signing_key()

    def sign(envelope_id: str, sha256: str, received_at: str, reference: str) -> str:
        msg = env_mod.receipt_message(envelope_id, sha256, received_at, reference)
        return base64.b64encode(signing_key.sign(msg).signature).decode()

    result = ImportResult(device.id)
    incoming = []
    for i, raw in enumerate(handoff.envelope_dicts(bundle)):
        checked = _check(raw, device_key, protocol.MAX_SEALED_B64, protocol.MAX_SEALED_BYTES)
        if isinstance(checked, str):
            result.rejected.append(f"envelope {i}: {checked}")
        else:
            incoming.append(checked)
    receipts: list[Receipt] = []
    if incoming:
        for status, receipt in storage.store_batch(device.id, incoming, now, sign):
            if status == "stored":
                result.stored += 1
            elif status == "duplicate":
                result.duplicates += 1
            else:
                result.conflicts += 1
            if receipt is not None:
                receipts.append(receipt)
    result.receipts_file = handoff.write_receipts(receipts, device_id=device.id)
    return result
