"""Named store operations on reports that the UI asks the worker to run.

Each function takes the store as its first argument and runs in the store worker's thread (never
in the GUI thread); the UI submits them with ``worker.submit(lambda s: op(s, ...), on_done)``.
Finalising also seals the envelope. The light reads of the first screens (settings, a record)
are in :mod:`desktop.core.session`. This module loads with the workspace (after the store worker's
first job has imported the store and the forms), so its imports are already in memory then.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import forms
from desktop.core import contact, delivery, spool
from desktop.core.session import load_settings_operation

if TYPE_CHECKING:
    from desktop.core.store import Record, Store

log = logging.getLogger(__name__)


def save_draft_operation(store: Store, record_id: str, form_id: str, form_version: int,
                         answers: dict[str, Any], summary: str) -> str:
    """Save a draft under the id its form chose when it opened: created on the first save, updated
    afterwards. Saves of one draft may be queued behind each other (typing while a save runs, then
    a lock): each one stores the answers it carries, the last one wins. Returns the record id."""
    try:
        store.update_draft(record_id, answers, summary=summary)
    except KeyError:  # the store's RecordNotFound (a KeyError): the first save of this draft
        store.create_draft(form_id, form_version, answers, summary=summary, record_id=record_id)
    return record_id


def finalise_operation(store: Store, record_id: str, answers: dict[str, Any], summary: str) -> Record:
    """Make a draft final: one transaction in the store. Returns the final ``Record``.

    When the device is enrolled, the envelope is sealed here (``desktop.core.delivery``) so that the
    state change, the envelope and the outbox row land in one transaction; otherwise the envelope
    is ``None`` and the record waits for sealing at enrolment. This is the one place the UI
    finalises through.
    """
    record = store.get(record_id)
    envelope = delivery.seal_for_finalise(store, record, answers)
    final = store.finalise(record_id, answers, summary, envelope=envelope,
                           sealed_rule=forms.MINIMISATION_RULE)
    contact.remember(store, answers)  # the reporter's own details, only when they chose to
    # Spool it at once, so a lock a moment later cannot keep it from going out while locked.
    spool.sync_with_store(store)  # never raises; the outbox stays the source of truth
    return final


def delete_draft_operation(store: Store, record_id: str) -> None:
    store.delete_draft(record_id)


def after_unlock_operation(store: Store) -> dict[str, Any]:
    """Right after unlock: read the settings and purge sent reports past retention (at most daily)."""
    values = load_settings_operation(store)

    try:
        delivery.run_purge(store, force=False)
    except Exception:  # a failed purge must not keep the user out; it is retried next unlock
        log.exception("purge after unlock failed")
    return values
