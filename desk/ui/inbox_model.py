"""The inbox as a table model: the matching ids from the store, the rows fetched a block at a time.

The store answers a filter with the ordered seqs that match (``desk.core.inbox.matching_seqs``,
one indexed query on the worker thread); the model then knows its row count at once and asks the
worker for the rows of a block (200) only when the view shows one of them. Until a block is
there its cells are empty; the model fills them when the worker answers. 100,000 reports cost a
list of 100,000 ints in the UI thread, nothing more.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from desk.core import inbox
from desk.ui.texts import region_text, state_text
from desktop.qt import translate
from desktop.worker import StoreWorker
from signaal_common.dates import format_when

BLOCK = 200

COLUMNS = ("reference", "form", "received", "organisation", "region", "state", "assignee", "linked")


def column_title(name: str) -> str:
    return {
        "reference": translate("Inbox", "Reference"),
        "form": translate("Inbox", "Form"),
        "received": translate("Inbox", "Received"),
        "organisation": translate("Inbox", "Organisation"),
        "region": translate("Inbox", "Region"),
        "state": translate("Inbox", "State"),
        "assignee": translate("Inbox", "Assignee"),
        "linked": translate("Inbox", "Linked"),
    }[name]


class InboxModel(QAbstractTableModel):
    """Rows of the inbox for one filter. ``reload(filter)`` asks the store again."""

    loaded = Signal(int)  # the number of matching reports, after each reload

    def __init__(self, worker: StoreWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._filter = inbox.Filter()
        self._seqs: list[int] = []
        self._rows: dict[int, inbox.Row] = {}
        self._asked: set[int] = set()
        self._generation = 0

    # -- loading ------------------------------------------------------------------------------
    @property
    def filter(self) -> inbox.Filter:
        return self._filter

    def reload(self, flt: inbox.Filter | None = None) -> None:
        if flt is not None:
            self._filter = flt
        self._generation += 1
        generation, wanted = self._generation, self._filter
        self._worker.submit(lambda store: inbox.matching_seqs(store, wanted),
                            lambda seqs: self._set_seqs(generation, seqs))

    def clear(self) -> None:
        """Forget every row (the desk locks)."""
        self._generation += 1
        self._set_seqs(self._generation, [])

    def _set_seqs(self, generation: int, seqs: list[int]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._seqs = list(seqs)
        self._rows.clear()
        self._asked.clear()
        self.endResetModel()
        self.loaded.emit(len(self._seqs))

    def _want(self, row: int) -> None:
        block = row // BLOCK
        if block in self._asked:
            return
        self._asked.add(block)
        seqs = self._seqs[block * BLOCK:(block + 1) * BLOCK]
        generation = self._generation
        self._worker.submit(lambda store: inbox.rows(store, seqs),
                            lambda rows: self._set_rows(generation, block, rows))

    def _set_rows(self, generation: int, block: int, rows: list[inbox.Row]) -> None:
        if generation != self._generation:
            return
        for r in rows:
            self._rows[r.seq] = r
        first, last = block * BLOCK, min(len(self._seqs), (block + 1) * BLOCK) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    # -- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._seqs)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return column_title(COLUMNS[section])
        return None

    def row_at(self, row: int) -> inbox.Row | None:
        if not 0 <= row < len(self._seqs):
            return None
        return self._rows.get(self._seqs[row])

    def row_of(self, report_id: str) -> int:
        for i, seq in enumerate(self._seqs):
            r = self._rows.get(seq)
            if r is not None and r.id == report_id:
                return i
        return -1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        r = self.row_at(index.row())
        if r is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._want(index.row())
            return None
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        name = COLUMNS[index.column()]
        if name == "reference":
            return r.reference or r.id[:8]
        if name == "form":
            return r.form_id.upper()
        if name == "received":
            return format_when(r.received_at)
        if name == "organisation":
            return r.organisation
        if name == "region":
            return region_text(r.region)
        if name == "state":
            text = state_text(r.state)
            if r.state == "referred" and r.referred_to:
                text = f"{text}: {r.referred_to}"
            return text + (" *" if r.pending else "")
        if name == "assignee":
            return r.assignee or ""
        if name == "linked":
            return translate("Inbox", "yes") if r.linked else ""
        return None
