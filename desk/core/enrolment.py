"""The desk's registrar identity: its own Ed25519 key and its enrolment with the receiver.

* The registrar key (setting ``registrar.key``, hex seed) is made once, kept in the encrypted
  store, and saved only when an enrolment succeeds. It signs every triage event.
* The enrolment (address, registrar id, name, CoMensha's public keys, the pinned certificate) is
  setting ``registrar.enrolment``; the bearer token is kept in the OS keyring when an acceptable
  one exists, otherwise in the encrypted store (setting ``registrar.token``), like the field app.

The network half (``sync.registrar.enrol_registrar``) runs on the worker thread between
:func:`prepare` and :func:`save`; it pins the receiver's certificate like a device enrolment.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from nacl.signing import SigningKey

from sync.registrar import RegistrarCredentials, enrol_registrar

from . import sealing
from .errors import KeyMismatch, NotEnrolled
from .store import DeskStore

KEY = "registrar.key"
ENROLMENT = "registrar.enrolment"
TOKEN = "registrar.token"  # noqa: S105 - a setting name
ENROL_TIMEOUT = 10.0  # seconds for the receiver to answer an enrolment


@dataclass(frozen=True)
class Prepared:
    seed_hex: str
    public_key: bytes


def prepare(store: DeskStore) -> Prepared:
    """The registrar key to enrol with (a new one, unsaved, before the first enrolment)."""
    seed = store.get_setting(KEY)
    key = SigningKey(bytes.fromhex(seed)) if isinstance(seed, str) else SigningKey.generate()
    return Prepared(bytes(key).hex(), bytes(key.verify_key))


def check_sealing_key(store: DeskStore, creds: RegistrarCredentials) -> None:
    """:class:`KeyMismatch` unless the receiver seals to the public key of the desk's private key."""
    if base64.b64decode(creds.sealing_public_key) != sealing.public_key(store):
        raise KeyMismatch()


def _token_name(store: DeskStore) -> str:
    return f"desk-token:{store.id}"


def save(store: DeskStore, prepared: Prepared, creds: RegistrarCredentials) -> str:
    """Keep the key, the enrolment and the token; returns where the token went."""
    check_sealing_key(store, creds)
    where = "store"
    if store.secrets.acceptable:
        try:
            store.secrets.set(_token_name(store), creds.token)
            where = "keyring"
        except Exception:
            where = "store"
    doc = {k: v for k, v in asdict(creds).items() if k != "token"}
    with store.tx() as c:
        store.set_setting(KEY, prepared.seed_hex, c)
        store.set_setting(ENROLMENT, doc, c)
        store.set_setting(TOKEN, {"in": where, "token": creds.token if where == "store" else None}, c)
        store.log_event("enrolled", {"registrar_id": creds.registrar_id, "token_in": where}, c)
    return where


def ready(store: DeskStore) -> Prepared:
    """The store half before enrolling: the desk has its private key (``KeyMissing`` before
    anything leaves the desk) and a registrar key to enrol with."""
    sealing.private_key(store)
    return prepare(store)


def register(prepared: Prepared, base_url: str, code: str, label: str, *,
             timeout: float | None = None) -> RegistrarCredentials:
    """The network half, with no store: the receiver takes the one-time code (``signaal-receiver
    registrar add``) and the registrar key. Errors are ``sync.errors``, each with its sentence."""
    return enrol_registrar(base_url.strip(), code, prepared.public_key, label.strip() or "Signaal Desk",
                           timeout=ENROL_TIMEOUT if timeout is None else timeout)


def enrol(store: DeskStore, base_url: str, code: str, label: str, *, timeout: float | None = None) -> str:
    """:func:`ready`, :func:`register` and :func:`save` in one go (the desk's window runs the
    halves on its store and network threads). Nothing is saved when it fails; the errors are
    ``sync.errors`` and :class:`KeyMismatch`."""
    prepared = ready(store)
    return save(store, prepared, register(prepared, base_url, code, label, timeout=timeout))


def credentials(store: DeskStore) -> RegistrarCredentials:
    """The stored enrolment with its token; :class:`NotEnrolled` when there is none."""
    doc = store.get_setting(ENROLMENT)
    token_doc = store.get_setting(TOKEN)
    if not isinstance(doc, Mapping) or not isinstance(token_doc, Mapping):
        raise NotEnrolled()
    token: Any = token_doc.get("token")
    if token_doc.get("in") == "keyring":
        try:
            token = store.secrets.get(_token_name(store))
        except Exception:
            token = None
    if not isinstance(token, str) or not token:
        raise NotEnrolled("token missing")
    return RegistrarCredentials(
        base_url=str(doc["base_url"]), registrar_id=str(doc["registrar_id"]), token=token,
        certificate_sha256=str(doc["certificate_sha256"]),
        sealing_public_key=str(doc["sealing_public_key"]),
        receipt_public_key=str(doc["receipt_public_key"]), name=str(doc["name"]))


def is_enrolled(store: DeskStore) -> bool:
    return isinstance(store.get_setting(ENROLMENT), Mapping)


def signing_key(store: DeskStore) -> SigningKey:
    seed = store.get_setting(KEY)
    if not isinstance(seed, str):
        raise NotEnrolled()
    return SigningKey(bytes.fromhex(seed))


def identity(store: DeskStore) -> tuple[str, str]:
    """(registrar id, name) of this desk."""
    doc = store.get_setting(ENROLMENT)
    if not isinstance(doc, Mapping):
        raise NotEnrolled()
    return str(doc["registrar_id"]), str(doc["name"])
