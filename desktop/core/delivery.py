"""Delivery state that lives in the encrypted store: device key, enrolment, token, sealing, retention.

No widgets and no network here. Every function that takes ``store`` runs on the thread that owns
the store (the store worker); the network half of enrolment runs in the sync worker's thread
(:mod:`desktop.sending`) between :func:`prepare_enrolment` and :func:`save_enrolment`.

What is kept where:

* the Ed25519 device key: store setting ``delivery.device_key`` (hex of the 32-byte seed), inside
  the SQLCipher database. It is made once, saved only when an enrolment succeeds, and kept across
  disconnect and re-enrolment so envelopes already signed and queued still verify.
* the enrolment (server address, device id, CoMensha's sealing and receipt public keys, the pinned
  certificate): store setting ``delivery.enrolment``.
* the bearer token: the OS keyring when the store's keyring status is *acceptable* (allowlisted
  backend, see ``desktop/core/store/keys.py``), otherwise store setting ``delivery.token``.
* ``retention_days`` (default 30) and ``delivery.last_purge`` for the daily purge.
* for sending while locked (only when the token is in the keyring): the spool key and the public
  values needed to send, in the keyring entry ``delivery-spool:<store id>``, and the sealed
  envelopes encrypted under ``<data_dir>/spool/`` (:mod:`desktop.core.spool`). Disconnecting deletes
  both.

Audit events (``store.audit``, never content): ``enrolled``, ``disconnected``, ``sealed``, ``sent``
(by the sync worker), ``purged``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from desktop.core import spool
from desktop.core.credentials import (
    DEFAULT_RETENTION_DAYS,
    DEVICE_KEY,
    ENROLMENT,
    LAST_PURGE,
    LAST_SENT,
    PURGE_EVERY,
    RECEIPT_KEYS,
    RETENTION,
    TOKEN_SECRET_NAME,
    TOKEN_SETTING,
    EnrolmentInfo,
    PreparedEnrolment,
    _iso,
    _now,
    device_seed,
    device_signing_key,
    enrolment,
    forget_token,
    is_enrolled,
    key_bytes,
    load_token,
    mark_revoked,
    parse_time,
    prepare_enrolment,
    save_token,
    secret_store,
    token_location,
    use_secret_store,
)
from desktop.core.receipts import ReceiptCheck, check_receipt, receipt_keys, verify_receipt_dict
from desktop.core.retention import next_purge_in, purge_due, retention_days, run_purge
from desktop.core.sealing import CannotSeal, build_envelope, reseal_outdated, seal_for_finalise, seal_pending

if TYPE_CHECKING:
    from desktop.core.store import Store
    from desktop.core.store.keys import SecretStore
    from sync.enrolment import Enrolment

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_RETENTION_DAYS", "DEVICE_KEY", "ENROLMENT", "LAST_PURGE", "LAST_SENT", "PURGE_EVERY",
    "RECEIPT_KEYS", "RETENTION", "TOKEN_SECRET_NAME", "TOKEN_SETTING", "CannotSeal", "EnrolmentInfo",
    "PreparedEnrolment", "ReceiptCheck", "_iso", "build_envelope", "check_receipt", "device_seed",
    "device_signing_key", "disconnect", "enrolment", "forget_token", "is_enrolled", "key_bytes",
    "load_token", "mark_revoked", "next_purge_in", "parse_time", "prepare_enrolment", "purge_due",
    "receipt_keys", "reseal_outdated", "retention_days", "run_purge", "save_enrolment", "save_token",
    "seal_for_finalise", "seal_pending", "secret_store", "token_location", "use_secret_store",
    "verify_receipt_dict",
]


def save_enrolment(store: Store, prepared: PreparedEnrolment, result: Enrolment, server_url: str,
                   secrets: SecretStore | None = None) -> int:
    """Keep a successful enrolment, then seal what was waiting. Returns how many were sealed.

    ``result`` is ``sync.enrolment.Enrolment`` (device_id, token, sealing_public_key,
    receipt_public_key, cert_sha256, cert_pem).
    """
    if prepared.new or device_seed(store) != prepared.seed_hex:
        store.set_setting(DEVICE_KEY, prepared.seed_hex)
    info = EnrolmentInfo(
        server_url=server_url.rstrip("/"),
        device_id=result.device_id,
        sealing_public_key=key_bytes(result.sealing_public_key),
        receipt_public_key=key_bytes(result.receipt_public_key),
        cert_sha256=result.cert_sha256,
        cert_pem=result.cert_pem,
        enrolled_at=_now(),
        label=prepared.label,
    )
    where = save_token(store, result.token, secrets)
    known = [k for k in (store.get_setting(RECEIPT_KEYS) or []) if isinstance(k, str)]
    if info.receipt_public_key.hex() not in known:
        # Receipts stay checkable after a disconnect or a key change at CoMensha.
        store.set_setting(RECEIPT_KEYS, [*known, info.receipt_public_key.hex()])
    store.set_setting(ENROLMENT, info.to_setting())
    store.audit("enrolled", detail={"device_id": info.device_id, "token_in": where})
    sealed = seal_pending(store)
    spool.sync_with_store(store, secrets)  # locked sending: spool key + queued envelopes (never raises)
    return sealed


def disconnect(store: Store, secrets: SecretStore | None = None) -> None:
    """Forget the enrolment and token. The device key and the queue stay (re-enrol sends them)."""
    info = enrolment(store)
    try:
        spool.destroy(store.data_dir, store.id, secrets)  # spool key and files
    except OSError:
        log.warning("the spool for locked sending could not be deleted")
    forget_token(store, secrets)
    store.set_setting(ENROLMENT, None)
    store.audit("disconnected", detail={"device_id": info.device_id} if info else None)
