"""Small helpers shared by the receiver tests."""

from __future__ import annotations

from sync.receiver.storage import open_storage


def stored_count(rx) -> int:
    storage = open_storage(rx.data_dir, rx.database_url)
    try:
        return storage.count_envelopes()
    finally:
        storage.close()


def stored(rx, envelope_id):
    storage = open_storage(rx.data_dir, rx.database_url)
    try:
        return storage.get_envelope(envelope_id)
    finally:
        storage.close()
