"""Enrolment state and credentials, kept in the encrypted store (and the OS keyring):

* the Ed25519 device key: store setting ``delivery.device_key`` (hex of the 32-byte seed), made
  once, saved only when an enrolment succeeds, and kept across disconnect and re-enrolment so
  envelopes already signed and queued still verify;
* the enrolment (server address, device id, CoMensha's sealing and receipt public keys, the pinned
  certificate): store setting ``delivery.enrolment``;
* the bearer token: the OS keyring when the store's keyring status is *acceptable* (allowlisted
  backend, see ``desktop/core/store/keys.py``), otherwise store setting ``delivery.token``.

Every function that takes ``store`` runs on the thread that owns the store.
"""

from __future__ import annotations

import base64
import binascii
import logging
import platform
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from nacl.signing import SigningKey

from desktop.core.store import keys

if TYPE_CHECKING:
    from desktop.core.store import Store
    from desktop.core.store.keys import SecretStore

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


# ---------------------------------------------------------------------------------------------
# the device key


def _signing_key(seed_hex: str) -> SigningKey:
    return SigningKey(bytes.fromhex(seed_hex))


def device_seed(store: Store) -> str | None:
    """The stored device key seed (hex), or ``None`` before the first enrolment."""
    value = store.get_setting(DEVICE_KEY)
    if isinstance(value, str) and len(value) == 64:
        return value
    return None


def device_signing_key(store: Store) -> SigningKey | None:
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


def enrolment(store: Store) -> EnrolmentInfo | None:
    """The current enrolment, or ``None`` when the device is not connected to CoMensha."""
    value = store.get_setting(ENROLMENT)
    if not isinstance(value, Mapping):
        return None
    try:
        return EnrolmentInfo.from_setting(value)
    except (KeyError, TypeError, ValueError):
        log.warning("the stored enrolment is unreadable; treating the device as not connected")
        return None


def is_enrolled(store: Store) -> bool:
    info = enrolment(store)
    return info is not None and not info.revoked


def mark_revoked(store: Store) -> None:
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


_secret_store_override: SecretStore | None = None


def use_secret_store(secrets: SecretStore | None) -> None:
    """Keep the token in ``secrets`` (a ``desktop.core.store.keys.SecretStore``) instead of the keyring
    :func:`desktop.core.store.keys.choose_secret_store` picks; ``None`` restores the default. For an app
    that opened its store with an explicit secret store, and for tests."""
    global _secret_store_override
    _secret_store_override = secrets


def secret_store(store: Store | None, secrets: SecretStore | None = None) -> SecretStore | None:
    """The keyring secret store to keep the token in, or ``None`` when no acceptable one exists.

    Only allowlisted OS keyrings count (``keys.choose_secret_store``: Windows Credential Locker,
    macOS Keychain, Secret Service, KWallet); anything else means the encrypted store.
    """
    chosen = secrets if secrets is not None else _secret_store_override
    if chosen is None:
        try:
            chosen = keys.choose_secret_store()
        except Exception:
            log.warning("the keyring could not be opened; keeping the token in the encrypted store")
            return None
    return chosen if chosen.acceptable else None


def _token_name(store: Store) -> str:
    # One token per store: two profiles on one account must not overwrite each other's token.
    return f"{TOKEN_SECRET_NAME}:{store.id}"


def save_token(store: Store, token: str, secrets: SecretStore | None = None) -> str:
    """Keep the bearer token; returns where: ``"keyring"`` or ``"store"``."""
    keyring = secret_store(store, secrets)
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


def load_token(store: Store, secrets: SecretStore | None = None) -> str | None:
    value = store.get_setting(TOKEN_SETTING)
    if not isinstance(value, Mapping):
        return None
    if value.get("in") == "store":
        token = value.get("token")
        return token if isinstance(token, str) and token else None
    keyring = secret_store(store, secrets)
    if keyring is None:
        return None
    try:
        token = keyring.get(_token_name(store))
    except Exception:
        log.warning("the keyring could not be read")
        return None
    return token or None


def forget_token(store: Store, secrets: SecretStore | None = None) -> None:
    value = store.get_setting(TOKEN_SETTING)
    if isinstance(value, Mapping) and value.get("in") == "keyring":
        keyring = secret_store(store, secrets)
        if keyring is not None:
            try:
                keyring.delete(_token_name(store))
            except Exception:
                log.warning("the keyring could not delete the token")
    store.set_setting(TOKEN_SETTING, None)


def token_location(store: Store) -> str | None:
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


def prepare_enrolment(store: Store, label: str | None = None) -> PreparedEnrolment:
    """Read (or make, unsaved) the device key. Runs on the store thread; writes nothing."""

    seed = device_seed(store)
    new = seed is None
    key = SigningKey.generate() if seed is None else _signing_key(seed)
    seed_hex = bytes(key).hex()
    if label is None:
        label = f"Signaal {platform.node() or 'laptop'}"[:80]
    return PreparedEnrolment(seed_hex, bytes(key.verify_key), new, label)
