"""Where delivery stands (for the status bar) and what an enrolment attempt came to.

``_snapshot`` reads, on the store thread, everything one sync cycle needs to decide.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypedDict

from desktop.core import delivery, spool

if TYPE_CHECKING:
    from desktop.core.store import Store

log = logging.getLogger(__name__)


class SyncExtra(TypedDict, total=False):
    """What some states add: ``mode`` while locked (``spool``, ``sending``, ``unavailable``,
    ``revoked``); ``held`` (refused several times, held back until "Nu verzenden") and
    ``rejected`` (refused in this drain) after a drain."""

    mode: Literal["spool", "sending", "unavailable", "revoked"]
    held: int
    rejected: int


@dataclass(frozen=True)
class SyncState:
    """Where delivery stands. The status bar turns this into a sentence.

    ``kind`` is one of: ``locked``, ``not_enrolled``, ``revoked``, ``idle`` (nothing to send, never
    sent), ``all_sent``, ``waiting`` (reports queued, next try soon), ``offline``, ``sending``,
    ``error`` (``message_nl``/``message_en`` say what and what to do), ``certificate``,
    ``token_missing`` (enrolled, but the token cannot be read from the keyring).
    """

    kind: str
    waiting: int = 0
    awaiting_seal: int = 0
    done: int = 0
    total: int = 0
    conflicts: int = 0
    last_sent_at: datetime | None = None
    retry_in: float | None = None
    message_nl: str = ""
    message_en: str = ""
    server_url: str = ""
    extra: SyncExtra = field(default_factory=SyncExtra)

    def message(self, lang: str = "nl") -> str:
        return self.message_nl if lang.startswith("nl") else self.message_en


@dataclass(frozen=True)
class EnrolOutcome:
    """Result of an enrolment attempt. ``problem`` is ``None`` on success, else one of
    ``bad_code``, ``wrong_code``, ``used_code``, ``expired_code``, ``unreachable``, ``certificate``,
    ``bad_address``, ``refused``, ``locked``, ``error``."""

    problem: str | None
    sealed: int = 0
    detail_nl: str = ""
    detail_en: str = ""
    device_id: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class _Snapshot:
    info: delivery.EnrolmentInfo | None
    token: str | None
    waiting: int
    awaiting_seal: int
    conflicts: int
    last_sent_at: datetime | None
    proxy_setting: object  # the store setting "proxy" as saved (desktop.proxy reads it)
    data_dir: Path
    spool_enabled: bool = False
    applied_while_locked: int = 0


def _snapshot(store: Store) -> _Snapshot:
    # First the spool: receipts got while locked become sent records, new outbox rows get a file.
    synced = spool.sync_with_store(store)
    conflicts = 0
    try:
        page = store.list_records(state="final", limit=1000)
        conflicts = sum(1 for item in page.items if item.conflict)
    except Exception:
        log.debug("could not count conflicts", exc_info=True)
    try:
        awaiting = len(store.records_awaiting_seal())
    except Exception:
        log.debug("could not count the reports awaiting sealing", exc_info=True)
        awaiting = 0
    return _Snapshot(
        info=delivery.enrolment(store),
        token=delivery.load_token(store),
        waiting=store.outbox_count(),
        awaiting_seal=awaiting,
        conflicts=conflicts,
        last_sent_at=delivery.parse_time(store.get_setting(delivery.LAST_SENT)),
        proxy_setting=store.get_setting("proxy"),
        data_dir=store.data_dir,
        spool_enabled=synced.enabled,
        applied_while_locked=synced.applied + synced.conflicts,
    )


def _note_sent(store: Store, count: int, when: datetime) -> None:
    store.set_setting(delivery.LAST_SENT, delivery._iso(when))
    store.audit("sent", detail={"count": count})
