"""Retention: sent reports are purged after ``retention_days`` (their receipt stays)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core.credentials import (
    DEFAULT_RETENTION_DAYS,
    LAST_PURGE,
    PURGE_EVERY,
    RETENTION,
    _iso,
    _now,
    parse_time,
)

if TYPE_CHECKING:
    from desktop.core.store import Store

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------
# retention


def retention_days(store: Store) -> int:
    value = store.get_setting(RETENTION, DEFAULT_RETENTION_DAYS)
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_RETENTION_DAYS
    return days if days >= 0 else DEFAULT_RETENTION_DAYS


def purge_due(store: Store, now: datetime | None = None) -> bool:
    last = parse_time(store.get_setting(LAST_PURGE))
    now = now or _now()
    return last is None or now - last >= PURGE_EVERY


def run_purge(store: Store, now: datetime | None = None, force: bool = True) -> int:
    """Purge sent records older than the retention setting (at unlock and daily). Returns the count.

    ``force=False`` skips the purge when one already ran in the last day.
    """
    now = now or _now()
    if not force and not purge_due(store, now):
        return 0
    days = retention_days(store)
    purged: int = store.purge_sent(days, now=now)
    store.set_setting(LAST_PURGE, _iso(now))
    if purged:
        store.audit("purged", detail={"count": purged, "retention_days": days})
    return purged


def next_purge_in(store: Store, now: datetime | None = None) -> float:
    """Seconds until the daily purge is due (0 when it is due now)."""
    now = now or _now()
    last = parse_time(store.get_setting(LAST_PURGE))
    if last is None:
        return 0.0
    return max(0.0, (last + PURGE_EVERY - now).total_seconds())
