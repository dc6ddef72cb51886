"""Receipts of sent reports, checked again against CoMensha's receipt keys whenever shown."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop.core.credentials import RECEIPT_KEYS, enrolment, parse_time
from desktop.core.sealing import envelope_id_of
from sync import envelope as envelope_mod
from sync import protocol

if TYPE_CHECKING:
    from desktop.core.store import Store

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------
# receipts


@dataclass(frozen=True)
class ReceiptCheck:
    """A receipt as shown to the user, checked again against CoMensha's receipt key."""

    record_id: str
    reference: str
    received_at: datetime | None
    sha256: str
    verified: bool
    reason: str = ""


def check_receipt(store: Store, record_id: str) -> ReceiptCheck | None:
    """Read the record's receipt and verify its signature now. ``None`` when there is no receipt.

    The receipt is a ``protocol.Receipt`` as the engine stored it; anything else (changed on disk,
    from an old test build) is shown as unreadable, never trusted.
    """
    record = store.get(record_id)
    stored = record.receipt
    if not stored:
        return None
    try:
        receipt = protocol.Receipt.model_validate(stored)
    except ValueError:
        return ReceiptCheck(record_id, "", None, "", False, "unreadable")
    keys = receipt_keys(store)
    if not keys:
        return ReceiptCheck(record_id, receipt.reference, parse_time(receipt.received_at), receipt.sha256,
                            False, "no-key")
    verified = any(envelope_mod.verify_receipt(receipt, key) for key in keys)
    reason = "" if verified else "signature"
    if verified:
        # A genuine receipt for another report (swapped on disk) must not count for this one.
        env = record.envelope
        expected_id = env.get("id") if isinstance(env, Mapping) else envelope_id_of(record)
        if receipt.envelope_id != str(expected_id) or (
                isinstance(env, Mapping) and env.get("sha256") != receipt.sha256):
            verified, reason = False, "other-report"
    return ReceiptCheck(record_id, receipt.reference, parse_time(receipt.received_at), receipt.sha256,
                        verified, reason)


def receipt_keys(store: Store) -> list[bytes]:
    """Every receipt key this device was ever given by CoMensha (current one first)."""
    keys: list[bytes] = []
    info = enrolment(store)
    if info is not None:
        keys.append(info.receipt_public_key)
    for value in store.get_setting(RECEIPT_KEYS) or []:
        if not isinstance(value, str):
            continue
        try:
            key = bytes.fromhex(value)
        except ValueError:
            continue
        if key not in keys:
            keys.append(key)
    return keys


def verify_receipt_dict(receipt: Mapping[str, Any], receipt_public_key: bytes) -> bool:
    """``sync.envelope.verify_receipt`` on a stored receipt dict; never raises."""
    try:
        model = protocol.Receipt.model_validate(dict(receipt))
    except ValueError:
        return False
    return envelope_mod.verify_receipt(model, receipt_public_key)
