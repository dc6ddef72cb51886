"""Sealing reports for CoMensha: only what the form's minimisation lets leave the device, signed by
the device key, queued in the outbox (see docs/design.md, "Sealing")."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import forms
from desktop.core.credentials import _now, device_signing_key, enrolment
from sync import envelope as envelope_mod
from sync import protocol

if TYPE_CHECKING:
    from desktop.core.store import Record, Store

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------
# sealing


def envelope_id_of(record: Record) -> str:
    """The envelope id of a record: its UUID (records are UUIDs in the store)."""
    try:
        return str(uuid.UUID(record.id))
    except ValueError:
        # Record ids are UUIDs in the store; a non-UUID id still gets a stable envelope id.
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"signaal:record:{record.id}"))


def _created_at(record: Record) -> str:
    return protocol.format_time(record.finalised_at or record.created_at or _now())


class CannotSeal(ValueError):
    """A report's form version is not part of this Signaal, so its answers cannot be minimised."""


def build_envelope(store: Store, record: Record, answers: Mapping[str, Any]) -> dict[str, Any] | None:
    """The sealed envelope (JSON dict) for ``record``; ``None`` when not enrolled.

    Sealed with :func:`sync.envelope.seal_report`: only what the form's minimisation (consent,
    visibility, valid values) lets leave the device is inside. Raises :class:`CannotSeal` when the
    record's form version is unknown (nothing is sealed without its form's rules).
    """
    info = enrolment(store)
    key = device_signing_key(store)
    if info is None or key is None:
        return None
    try:
        form = forms.catalog().get(record.form_id, record.form_version)
    except KeyError as exc:
        raise CannotSeal(f"form {record.form_id} v{record.form_version} is not part of this version "
                         "of Signaal") from exc
    sealed = envelope_mod.seal_report(
        form,
        dict(answers),
        envelope_id=envelope_id_of(record),
        created_at=_created_at(record),
        sealing_public_key=info.sealing_public_key,
        signing_key=key,
    )
    return sealed.model_dump(mode="json")


def seal_for_finalise(store: Store, record: Record | str,
                      answers: Mapping[str, Any]) -> dict[str, Any] | None:
    """The envelope to pass to ``store.finalise``: sealed when enrolled, else ``None`` (queued).

    The finalise operation calls this on the store thread right before ``store.finalise`` so that
    state change, envelope and outbox row land in one transaction. ``record`` is the draft
    ``Record`` or its id.

    A revoked enrolment still seals: CoMensha's key has not changed, and the envelope waits in the
    outbox until the device is enrolled again.
    """
    if isinstance(record, str):
        record = store.get(record)
    return build_envelope(store, record, answers)


def seal_pending(store: Store) -> int:
    """Seal what waits: first envelopes queued under an older minimisation rule
    (:func:`reseal_outdated`), then final records finalised before an enrolment existed.
    Returns how many envelopes were sealed.

    A record whose form is unknown stays unsealed (logged; it is counted as waiting to be sealed).
    """
    resealed, _held = reseal_outdated(store)
    if enrolment(store) is None:
        return resealed
    sealed = resealed
    for record in store.records_awaiting_seal():
        if record.answers is None:
            continue
        try:
            env = build_envelope(store, record, record.answers)
        except (CannotSeal, ValueError) as exc:
            log.warning("a finalised report could not be sealed: %s", exc)
            continue
        if env is None:
            break
        store.attach_envelope(record.id, env, sealed_rule=forms.MINIMISATION_RULE)
        sealed += 1
    if sealed > resealed:
        store.audit("sealed", detail={"count": sealed - resealed})  # each record also gets "record.sealed"
    return sealed


def reseal_outdated(store: Store) -> tuple[int, int]:
    """Seal again every queued envelope that was sealed under an older minimisation rule.

    An envelope sealed before the rule changed may hold what the report's consent no longer lets
    leave the device (for example initials and free text without consent). Before anything is
    sent, each such envelope is sealed again from the record's answers, under the same envelope
    id, with only what the current rule allows. When that cannot be done (not enrolled, the form
    is unknown), the report is held back: it leaves the outbox and waits to be sealed again, and
    the outbox never hands out an outdated envelope. Returns ``(resealed, held_back)``.
    """
    resealed = held = 0
    for record in store.outbox_sealed_before(forms.MINIMISATION_RULE):
        env = None
        if record.answers is not None:
            try:
                env = build_envelope(store, record, record.answers)
            except (CannotSeal, ValueError) as exc:
                log.warning("a queued report could not be sealed again: %s", exc)
        if env is None:
            store.hold_back(record.id)
            held += 1
            continue
        store.reseal(record.id, env, sealed_rule=forms.MINIMISATION_RULE)
        resealed += 1
    if resealed or held:
        store.audit("resealed", detail={"count": resealed, "held_back": held})
    return resealed, held
