"""What the window reads and writes in the store for a session: the user's settings and a record.

Light on purpose (no forms, no sealing): the first screen imports it. Like every store operation,
these run in the store worker's thread; the UI submits them with ``worker.submit``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.core.store import Record, Store

ROLE = "role"
AUTOLOCK = "autolock_minutes"
RETENTION = "retention_days"
LANGUAGE = "language"
SETTING_KEYS = (ROLE, AUTOLOCK, RETENTION, LANGUAGE)


def load_record_operation(store: Store, record_id: str) -> Record:
    return store.get(record_id)


def load_settings_operation(store: Store) -> dict[str, Any]:
    return {key: store.get_setting(key, None) for key in SETTING_KEYS}


def save_settings_operation(store: Store, values: dict[str, Any]) -> None:
    for key in SETTING_KEYS:
        if key in values and store.get_setting(key, None) != values[key]:
            store.set_setting(key, values[key])
