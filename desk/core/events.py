"""Triage events: what one registrar changed, sealed so that only CoMensha's key opens it.

An event is canonical JSON ``{"v": 1, "id", "registrar_id", "author", "kind", "report_id",
"value", "base_seq", "at"}``:

- ``kind`` ``state``: ``value`` = ``{"state": one of STATES, "referred_to": text or null}``;
- ``kind`` ``assignee``: ``value`` = a registrar's name, or null (nobody);
- ``kind`` ``note``: ``value`` = the note's text (notes append);
- ``kind`` ``link``: ``value`` = ``{"other": report id, "same": true|false}``, a registrar's
  decision that two reports are (not) about the same person;
- ``base_seq``: the last log position this desk had folded when the event was made (it tells a
  concurrent edit from a later one).

``sealed`` = SealedBox of that JSON to CoMensha's sealing public key; ``signature`` = Ed25519 by
the registrar key over ``id`` (UTF-8) + ``sealed`` (``sync.registrar.event_signature_message``).
The receiver stores and orders them without being able to read them.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

import nacl.exceptions
import nacl.public
import nacl.signing

from sync.envelope import canonical_json
from sync.registrar import OutgoingEvent, PulledEvent, event_signature_message

from .errors import BadInput

VERSION = 1
STATES = ("new", "in_progress", "registered", "referred", "not_trafficking")
FINAL_STATES = ("registered", "referred", "not_trafficking")
KINDS = ("state", "assignee", "note", "link")
MAX_TEXT = 4000
MAX_NAME = 120


@dataclass(frozen=True)
class Event:
    id: str
    registrar_id: str
    author: str
    kind: str
    report_id: str
    value: Any
    base_seq: int
    at: str

    def to_json(self) -> dict[str, Any]:
        return {"v": VERSION, "id": self.id, "registrar_id": self.registrar_id, "author": self.author,
                "kind": self.kind, "report_id": self.report_id, "value": self.value,
                "base_seq": self.base_seq, "at": self.at}

    @property
    def attribute(self) -> str | None:
        """What the event sets (the fold's key with ``report_id``); None for a note."""
        if self.kind in ("state", "assignee"):
            return self.kind
        if self.kind == "link":
            return f"link:{self.value['other']}"
        return None


def new_id() -> str:
    return secrets.token_hex(16)


def check_value(kind: str, value: Any) -> Any:
    """The value in its canonical shape; :class:`BadInput` when it does not fit ``kind``."""
    if kind == "state":
        if not isinstance(value, dict) or value.get("state") not in STATES:
            raise BadInput("state")
        to = value.get("referred_to")
        if value["state"] == "referred":
            if not isinstance(to, str) or not to.strip() or len(to) > MAX_NAME:
                raise BadInput("referred_to")
            return {"state": "referred", "referred_to": to.strip()}
        return {"state": value["state"], "referred_to": None}
    if kind == "assignee":
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_NAME:
            raise BadInput("assignee")
        return value.strip()
    if kind == "note":
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
            raise BadInput("note")
        return value.strip()
    if kind == "link":
        if (not isinstance(value, dict) or not isinstance(value.get("other"), str)
                or not isinstance(value.get("same"), bool) or not 1 <= len(value["other"]) <= 64):
            raise BadInput("link")
        return {"other": value["other"], "same": value["same"]}
    raise BadInput("kind")


def parse(doc: Any) -> Event:
    """An :class:`Event` from opened JSON; ValueError when anything is off."""
    if not isinstance(doc, dict) or doc.get("v") != VERSION or doc.get("kind") not in KINDS:
        raise ValueError("not an event")
    fields = ("id", "registrar_id", "author", "report_id", "at")
    if not all(isinstance(doc.get(f), str) and 0 < len(doc[f]) <= 200 for f in fields):
        raise ValueError("bad event fields")
    if not isinstance(doc.get("base_seq"), int) or isinstance(doc["base_seq"], bool):
        raise ValueError("bad base_seq")
    try:
        value = check_value(doc["kind"], doc.get("value"))
    except BadInput:
        raise ValueError("bad event value") from None
    if doc["kind"] == "link" and value["other"] == doc["report_id"]:
        raise ValueError("a report linked to itself")
    return Event(doc["id"], doc["registrar_id"], doc["author"], doc["kind"], doc["report_id"], value,
                 doc["base_seq"], doc["at"])


def seal(event: Event, sealing_public_key: bytes, key: nacl.signing.SigningKey) -> OutgoingEvent:
    sealed = nacl.public.SealedBox(nacl.public.PublicKey(sealing_public_key)).encrypt(
        canonical_json(event.to_json()))
    signature = key.sign(event_signature_message(event.id, bytes(sealed))).signature
    return OutgoingEvent(event.id, bytes(sealed), bytes(signature))


def open_pulled(item: PulledEvent, private_key: bytes) -> Event:
    """Verify and open one event of the log; ValueError (with a short code) when it fails."""
    try:
        nacl.signing.VerifyKey(item.registrar_public_key).verify(
            event_signature_message(item.id, item.sealed), item.signature)
    except (nacl.exceptions.BadSignatureError, ValueError, TypeError):
        raise ValueError("bad_signature") from None
    try:
        plain = nacl.public.SealedBox(nacl.public.PrivateKey(private_key)).decrypt(item.sealed)
        event = parse(json.loads(plain.decode("utf-8")))
    except (nacl.exceptions.CryptoError, ValueError, UnicodeDecodeError, RecursionError):
        raise ValueError("undecryptable_or_malformed") from None
    if event.id != item.id or event.registrar_id != item.registrar_id:
        raise ValueError("id_mismatch")
    return event
