"""Receipts of sent reports, checked again against CoMensha's receipt keys whenever shown."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.core.credentials import RECEIPT_KEYS, _attr, enrolment, parse_time
from desktop.core.sealing import envelope_id_of
from sync import envelope as envelope_mod
from sync import protocol

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


def check_receipt(store, record_id: str) -> ReceiptCheck | None:
    """Read the record's receipt and verify its signature now. ``None`` when there is no receipt."""
    record = store.get(record_id)
    receipt = _attr(record, "receipt")
    if not receipt:
        return None
    if isinstance(receipt, str):
        try:
            receipt = json.loads(receipt)
        except ValueError:
            return ReceiptCheck(record_id, "", None, "", False, "unreadable")
    reference = str(_attr(receipt, "reference") or _attr(receipt, "receipt_id")
                    or _attr(receipt, "envelope_id") or "")
    received = parse_time(_attr(receipt, "received_at") or _attr(receipt, "stored_at")
                          or _attr(receipt, "created_at"))
    digest = str(_attr(receipt, "sha256") or _attr(receipt, "payload_sha256") or _attr(receipt, "hash") or "")
    keys = receipt_keys(store)
    if not keys:
        return ReceiptCheck(record_id, reference, received, digest, False, "no-key")
    verified = any(verify_receipt_dict(receipt, key) for key in keys)
    reason = "" if verified else "signature"
    if verified:
        # A genuine receipt for another report (swapped on disk) must not count for this one.
        env = _attr(record, "envelope")
        expected_id = env.get("id") if isinstance(env, Mapping) else envelope_id_of(record)
        if str(_attr(receipt, "envelope_id")) != str(expected_id) or (
                isinstance(env, Mapping) and env.get("sha256") != digest):
            verified, reason = False, "other-report"
    return ReceiptCheck(record_id, reference, received, digest, verified, reason)


def receipt_keys(store) -> list[bytes]:
    """Every receipt key this device was ever given by CoMensha (current one first)."""
    keys: list[bytes] = []
    info = enrolment(store)
    if info is not None:
        keys.append(info.receipt_public_key)
    for value in store.get_setting(RECEIPT_KEYS) or []:
        try:
            key = bytes.fromhex(value)
        except (TypeError, ValueError):
            continue
        if key not in keys:
            keys.append(key)
    return keys


def verify_receipt_dict(receipt: Mapping[str, Any], receipt_public_key: bytes) -> bool:
    """``sync.envelope.verify_receipt`` on a stored receipt dict; never raises."""
    try:
        model = protocol.Receipt.model_validate(dict(receipt))
        return bool(envelope_mod.verify_receipt(model, receipt_public_key))
    except Exception:
        return False
