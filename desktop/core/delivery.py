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

import base64
import binascii
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

log = logging.getLogger(__name__)

DEVICE_KEY = "delivery.device_key"
ENROLMENT = "delivery.enrolment"
TOKEN_SETTING = "delivery.token"  # noqa: S105 - a setting name, not a secret
TOKEN_SECRET_NAME = "delivery-token"  # noqa: S105 - a keyring entry name
LAST_PURGE = "delivery.last_purge"
LAST_SENT = "delivery.last_sent_at"
RECEIPT_KEYS = "delivery.receipt_keys"
RETENTION = "retention_days"
DEFAULT_RETENTION_DAYS = 30
PURGE_EVERY = timedelta(days=1)


# ---------------------------------------------------------------------------------------------
# small helpers


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_time(value: object) -> datetime | None:
    """An ISO-8601 text (``Z`` or offset) as an aware datetime; ``None`` when it is not one."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def key_bytes(value: object) -> bytes:
    """A public key as bytes from what the protocol or the settings hold (bytes, hex or base64)."""
    if isinstance(value, bytes | bytearray):
        return bytes(value)
    text = str(value).strip()
    if len(text) == 64:
        try:
            return bytes.fromhex(text)
        except ValueError:
            pass
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_" if "-" in text or "_" in text
                               else None, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not a key") from exc
    return raw


def _attr(obj: object, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


# ---------------------------------------------------------------------------------------------
# the device key


def _signing_key(seed_hex: str):
    from nacl.signing import SigningKey

    return SigningKey(bytes.fromhex(seed_hex))


def device_seed(store) -> str | None:
    """The stored device key seed (hex), or ``None`` before the first enrolment."""
    value = store.get_setting(DEVICE_KEY)
    if isinstance(value, str) and len(value) == 64:
        return value
    return None


def device_signing_key(store):
    """The device's ``nacl.signing.SigningKey``, or ``None`` when none was saved yet."""
    seed = device_seed(store)
    return _signing_key(seed) if seed else None


# ---------------------------------------------------------------------------------------------
# enrolment state


@dataclass(frozen=True)
class EnrolmentInfo:
    """What the app keeps of an enrolment (no token: that lives apart)."""

    server_url: str
    device_id: str
    sealing_public_key: bytes
    receipt_public_key: bytes
    cert_sha256: str
    cert_pem: str | None
    enrolled_at: datetime | None
    label: str = ""
    revoked: bool = False

    def to_setting(self) -> dict[str, Any]:
        return {
            "server_url": self.server_url,
            "device_id": self.device_id,
            "sealing_public_key": self.sealing_public_key.hex(),
            "receipt_public_key": self.receipt_public_key.hex(),
            "cert_sha256": self.cert_sha256,
            "cert_pem": self.cert_pem,
            "enrolled_at": _iso(self.enrolled_at) if self.enrolled_at else None,
            "label": self.label,
            "revoked": self.revoked,
        }

    @classmethod
    def from_setting(cls, value: Mapping[str, Any]) -> EnrolmentInfo:
        return cls(
            server_url=str(value["server_url"]),
            device_id=str(value["device_id"]),
            sealing_public_key=bytes.fromhex(value["sealing_public_key"]),
            receipt_public_key=bytes.fromhex(value["receipt_public_key"]),
            cert_sha256=str(value["cert_sha256"]),
            cert_pem=value.get("cert_pem"),
            enrolled_at=parse_time(value.get("enrolled_at")),
            label=str(value.get("label") or ""),
            revoked=bool(value.get("revoked", False)),
        )


def enrolment(store) -> EnrolmentInfo | None:
    """The current enrolment, or ``None`` when the device is not connected to CoMensha."""
    value = store.get_setting(ENROLMENT)
    if not isinstance(value, Mapping):
        return None
    try:
        return EnrolmentInfo.from_setting(value)
    except (KeyError, TypeError, ValueError):
        log.warning("the stored enrolment is unreadable; treating the device as not connected")
        return None


def is_enrolled(store) -> bool:
    info = enrolment(store)
    return info is not None and not info.revoked


def mark_revoked(store) -> None:
    """The server said 401 revoked: keep the queue, remember that a new enrolment is needed."""
    info = enrolment(store)
    if info is None or info.revoked:
        return
    value = info.to_setting()
    value["revoked"] = True
    store.set_setting(ENROLMENT, value)
    store.audit("revoked", detail={"device_id": info.device_id})


# ---------------------------------------------------------------------------------------------
# the bearer token


_secret_store_override = None


def use_secret_store(secrets) -> None:
    """Keep the token in ``secrets`` (a ``desktop.core.store.keys.SecretStore``) instead of the keyring
    :func:`desktop.core.store.keys.choose_secret_store` picks; ``None`` restores the default. For an app
    that opened its store with an explicit secret store, and for tests."""
    global _secret_store_override
    _secret_store_override = secrets


def _secret_store(store, secrets=None):
    """The keyring secret store to keep the token in, or ``None`` when no acceptable one exists.

    Only allowlisted OS keyrings count (``keys.choose_secret_store``: Windows Credential Locker,
    macOS Keychain, Secret Service, KWallet); anything else means the encrypted store.
    """
    chosen = secrets if secrets is not None else _secret_store_override
    if chosen is None:
        try:
            from desktop.core.store import keys

            chosen = keys.choose_secret_store()
        except Exception:
            log.warning("the keyring could not be opened; keeping the token in the encrypted store")
            return None
    return chosen if getattr(chosen, "acceptable", False) else None


def _token_name(store) -> str:
    # One token per store: two profiles on one account must not overwrite each other's token.
    scope = getattr(store, "id", None)
    return f"{TOKEN_SECRET_NAME}:{scope}" if isinstance(scope, str) and scope else TOKEN_SECRET_NAME


def save_token(store, token: str, secrets=None) -> str:
    """Keep the bearer token; returns where: ``"keyring"`` or ``"store"``."""
    keyring = _secret_store(store, secrets)
    if keyring is not None:
        try:
            keyring.set(_token_name(store), token)
        except Exception:
            log.warning("the keyring refused the token; keeping it in the encrypted store")
        else:
            store.set_setting(TOKEN_SETTING, {"in": "keyring"})
            return "keyring"
    store.set_setting(TOKEN_SETTING, {"in": "store", "token": token})
    return "store"


def load_token(store, secrets=None) -> str | None:
    value = store.get_setting(TOKEN_SETTING)
    if not isinstance(value, Mapping):
        return None
    if value.get("in") == "store":
        token = value.get("token")
        return token if isinstance(token, str) and token else None
    keyring = _secret_store(store, secrets)
    if keyring is None:
        return None
    try:
        token = keyring.get(_token_name(store))
    except Exception:
        log.warning("the keyring could not be read")
        return None
    return token or None


def forget_token(store, secrets=None) -> None:
    value = store.get_setting(TOKEN_SETTING)
    if isinstance(value, Mapping) and value.get("in") == "keyring":
        keyring = _secret_store(store, secrets)
        if keyring is not None:
            try:
                keyring.delete(_token_name(store))
            except Exception:
                log.warning("the keyring could not delete the token")
    store.set_setting(TOKEN_SETTING, None)


def token_location(store) -> str | None:
    value = store.get_setting(TOKEN_SETTING)
    return value.get("in") if isinstance(value, Mapping) else None


# ---------------------------------------------------------------------------------------------
# enrolment: store half (before and after the network half)


@dataclass(frozen=True)
class PreparedEnrolment:
    """The device key to enrol with. A new key is not saved until the enrolment succeeds."""

    seed_hex: str
    public_key: bytes
    new: bool
    label: str


def prepare_enrolment(store, label: str | None = None) -> PreparedEnrolment:
    """Read (or make, unsaved) the device key. Runs on the store thread; writes nothing."""
    from nacl.signing import SigningKey

    seed = device_seed(store)
    new = seed is None
    key = SigningKey.generate() if new else _signing_key(seed)
    seed_hex = bytes(key).hex()
    if label is None:
        import platform

        label = f"Signaal {platform.node() or 'laptop'}"[:80]
    return PreparedEnrolment(seed_hex, bytes(key.verify_key), new, label)


def save_enrolment(store, prepared: PreparedEnrolment, result, server_url: str, secrets=None) -> int:
    """Keep a successful enrolment, then seal what was waiting. Returns how many were sealed.

    ``result`` is ``sync.client.Enrolment`` (device_id, token, sealing_public_key,
    receipt_public_key, cert_sha256, cert_pem).
    """
    if prepared.new or device_seed(store) != prepared.seed_hex:
        store.set_setting(DEVICE_KEY, prepared.seed_hex)
    info = EnrolmentInfo(
        server_url=server_url.rstrip("/"),
        device_id=str(_attr(result, "device_id")),
        sealing_public_key=key_bytes(_attr(result, "sealing_public_key")),
        receipt_public_key=key_bytes(_attr(result, "receipt_public_key")),
        cert_sha256=str(_attr(result, "cert_sha256")),
        cert_pem=_attr(result, "cert_pem"),
        enrolled_at=_now(),
        label=prepared.label,
    )
    where = save_token(store, str(_attr(result, "token")), secrets)
    known = [k for k in (store.get_setting(RECEIPT_KEYS) or []) if isinstance(k, str)]
    if info.receipt_public_key.hex() not in known:
        # Receipts stay checkable after a disconnect or a key change at CoMensha.
        store.set_setting(RECEIPT_KEYS, [*known, info.receipt_public_key.hex()])
    store.set_setting(ENROLMENT, info.to_setting())
    store.audit("enrolled", detail={"device_id": info.device_id, "token_in": where})
    sealed = seal_pending(store)
    _sync_spool(store, secrets)  # locked sending (desktop/core/spool.py): spool key + queued envelopes
    return sealed


def _sync_spool(store, secrets=None) -> None:
    try:
        from desktop.core import spool

        spool.sync_with_store(store, secrets)
    except Exception:
        log.warning("the spool for locked sending could not be updated")


def disconnect(store, secrets=None) -> None:
    """Forget the enrolment and token. The device key and the queue stay (re-enrol sends them)."""
    info = enrolment(store)
    try:
        from desktop.core import spool

        spool.destroy(store.data_dir, getattr(store, "id", None), secrets)  # spool key and files
    except Exception:
        log.warning("the spool for locked sending could not be deleted")
    forget_token(store, secrets)
    store.set_setting(ENROLMENT, None)
    store.audit("disconnected", detail={"device_id": info.device_id} if info else None)


# ---------------------------------------------------------------------------------------------
# sealing


def _record_id(record) -> str:
    return str(_attr(record, "id") or _attr(record, "record_id"))


def _envelope_id(record) -> str:
    rid = _record_id(record)
    try:
        return str(uuid.UUID(rid))
    except ValueError:
        # Record ids are UUIDs in the store; a non-UUID id still gets a stable envelope id.
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"signaal:record:{rid}"))


def _created_at(record) -> str:
    from sync import protocol

    for name in ("finalised_at", "finalized_at", "created_at"):
        moment = parse_time(_attr(record, name))
        if moment is not None:
            return protocol.format_time(moment)
    return protocol.format_time(_now())


class CannotSeal(ValueError):
    """A report's form version is not part of this Signaal, so its answers cannot be minimised."""


def build_envelope(store, record, answers: Mapping[str, Any]) -> dict | None:
    """The sealed envelope (JSON dict) for ``record``; ``None`` when not enrolled.

    Sealed with :func:`sync.envelope.seal_report`: only what the form's minimisation (consent,
    visibility, valid values) lets leave the device is inside. Raises :class:`CannotSeal` when the
    record's form version is unknown (nothing is sealed without its form's rules).
    """
    info = enrolment(store)
    key = device_signing_key(store)
    if info is None or key is None:
        return None
    import forms
    from sync import envelope as envelope_mod

    form_id, version = str(_attr(record, "form_id")), int(_attr(record, "form_version"))
    try:
        form = forms.catalog().get(form_id, version)
    except KeyError as exc:
        raise CannotSeal(f"form {form_id} v{version} is not part of this version of Signaal") from exc
    sealed = envelope_mod.seal_report(
        form,
        dict(answers),
        envelope_id=_envelope_id(record),
        created_at=_created_at(record),
        sealing_public_key=info.sealing_public_key,
        signing_key=key,
    )
    return sealed.model_dump(mode="json")


def seal_for_finalise(store, record, answers: Mapping[str, Any]) -> dict | None:
    """The envelope to pass to ``store.finalise``: sealed when enrolled, else ``None`` (queued).

    The finalise operation calls this on the store thread right before ``store.finalise`` so that
    state change, envelope and outbox row land in one transaction::

        store.finalise(record_id, answers, summary, delivery.seal_for_finalise(store, record_id, answers))

    ``record`` is the draft ``Record`` or its id.

    A revoked enrolment still seals: CoMensha's key has not changed, and the envelope waits in the
    outbox until the device is enrolled again.
    """
    if isinstance(record, str):
        record = store.get(record)
    return build_envelope(store, record, answers)


def _answers_of(record) -> Mapping[str, Any] | None:
    answers = _attr(record, "answers")
    return answers if isinstance(answers, Mapping) else None


def seal_pending(store) -> int:
    """Seal what waits: first envelopes queued under an older minimisation rule
    (:func:`reseal_outdated`), then final records finalised before an enrolment existed.
    Returns how many envelopes were sealed.

    A record whose form is unknown stays unsealed (logged; it is counted as waiting to be sealed).
    """
    import forms

    resealed, _held = reseal_outdated(store)
    if enrolment(store) is None:
        return resealed
    sealed = resealed
    for record in store.records_awaiting_seal():
        full = record if _answers_of(record) is not None else store.get(_record_id(record))
        answers = _answers_of(full)
        if answers is None:
            continue
        try:
            env = build_envelope(store, full, answers)
        except (CannotSeal, ValueError) as exc:
            log.warning("a finalised report could not be sealed: %s", exc)
            continue
        if env is None:
            break
        store.attach_envelope(_record_id(full), env, sealed_rule=forms.MINIMISATION_RULE)
        sealed += 1
    if sealed > resealed:
        store.audit("sealed", detail={"count": sealed - resealed})  # each record also gets "record.sealed"
    return sealed


def reseal_outdated(store) -> tuple[int, int]:
    """Seal again every queued envelope that was sealed under an older minimisation rule.

    An envelope sealed before the rule changed may hold what the report's consent no longer lets
    leave the device (for example initials and free text without consent). Before anything is
    sent, each such envelope is sealed again from the record's answers, under the same envelope
    id, with only what the current rule allows. When that cannot be done (not enrolled, the form
    is unknown), the report is held back: it leaves the outbox and waits to be sealed again, and
    the outbox never hands out an outdated envelope. Returns ``(resealed, held_back)``.
    """
    import forms

    outdated = store.outbox_sealed_before(forms.MINIMISATION_RULE)
    resealed = held = 0
    for record in outdated:
        answers = _answers_of(record)
        env = None
        if answers is not None:
            try:
                env = build_envelope(store, record, answers)
            except (CannotSeal, ValueError) as exc:
                log.warning("a queued report could not be sealed again: %s", exc)
        if env is None:
            store.hold_back(_record_id(record))
            held += 1
            continue
        store.reseal(_record_id(record), env, sealed_rule=forms.MINIMISATION_RULE)
        resealed += 1
    if resealed or held:
        store.audit("resealed", detail={"count": resealed, "held_back": held})
    return resealed, held


# ---------------------------------------------------------------------------------------------
# retention


def retention_days(store) -> int:
    value = store.get_setting(RETENTION, DEFAULT_RETENTION_DAYS)
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_RETENTION_DAYS
    return days if days >= 0 else DEFAULT_RETENTION_DAYS


def purge_due(store, now: datetime | None = None) -> bool:
    last = parse_time(store.get_setting(LAST_PURGE))
    now = now or _now()
    return last is None or now - last >= PURGE_EVERY


def run_purge(store, now: datetime | None = None, force: bool = True) -> int:
    """Purge sent records older than the retention setting (at unlock and daily). Returns the count.

    ``force=False`` skips the purge when one already ran in the last day.
    """
    now = now or _now()
    if not force and not purge_due(store, now):
        return 0
    days = retention_days(store)
    purged = store.purge_sent(days, now=now)
    store.set_setting(LAST_PURGE, _iso(now))
    if purged:
        store.audit("purged", detail={"count": purged, "retention_days": days})
    return purged


def next_purge_in(store, now: datetime | None = None) -> float:
    """Seconds until the daily purge is due (0 when it is due now)."""
    now = now or _now()
    last = parse_time(store.get_setting(LAST_PURGE))
    if last is None:
        return 0.0
    return max(0.0, (last + PURGE_EVERY - now).total_seconds())


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
        import json

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
        expected_id = env.get("id") if isinstance(env, Mapping) else _envelope_id(record)
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
        from sync import envelope as envelope_mod
        from sync import protocol

        model = protocol.Receipt.model_validate(dict(receipt))
        return bool(envelope_mod.verify_receipt(model, receipt_public_key))
    except Exception:
        return False
