"""My reports: a lazily fetched table model over the store, with state filter and search.

The model asks the worker for one page at a time (``fetchMore``), so 100,000 reports cost no
more at unlock than 200; scrolling fetches the next page off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.qt import translate
from desktop.ui.common import state_name, wipe
from signaal_common.dates import format_when

if TYPE_CHECKING:  # the store's package is heavy: its worker thread imports it
    from desktop.core.store import Store
    from desktop.core.store.models import Page, RecordSummary

PAGE_SIZE = 200


class ReportListModel(QAbstractTableModel):
    """Rows of ``RecordSummary`` fetched page by page through the worker.

    Signals:
        loaded(int): the total number of matching reports, after each page arrives.
    """

    loaded = Signal(int)
    COLUMNS = ("summary", "form", "state", "created", "updated", "reference")

    def __init__(self, submit: Callable[..., Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self._rows: list[RecordSummary] = []
        self._total: int | None = None
        self._fetching = False
        self._query = 0
        self.state: str | None = None
        self.search = ""
        self.form_titles: Callable[[str, int | None], str] | None = None
        self.active = False

    # -- queries --------------------------------------------------------------------------
    def reload(self, state: str | None = None, search: str = "") -> None:
        self.beginResetModel()
        self._query += 1
        self._rows = []
        self._total = None
        self._fetching = False
        self.state = state or None
        self.search = search.strip()
        self.active = True
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        """Reload with the same filter (after a save, a finalise or a delete)."""
        if self.active:
            self.reload(self.state, self.search)

    def clear(self) -> None:
        """Forget every row (lock)."""
        self.beginResetModel()
        self._query += 1
        self._rows = []
        self._total = None
        self._fetching = False
        self.active = False
        self.search = ""
        self.endResetModel()

    @property
    def total(self) -> int | None:
        return self._total

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or not self.active or self._fetching:
            return False
        return self._total is None or len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        query, state, search, offset = self._query, self.state, self.search or None, len(self._rows)

        def run(store: Store) -> Page:
            return store.list_records(state=state, search=search, offset=offset, limit=PAGE_SIZE)

        self._submit(run, lambda page: self._arrived(query, offset, page),
                     lambda exc: self._failed(query, exc))

    def _arrived(self, query: int, offset: int, page: Page) -> None:
        if query != self._query or offset != len(self._rows):
            return
        self._fetching = False
        items = list(page.items)
        self._total = page.total
        if items:
            self.beginInsertRows(QModelIndex(), offset, offset + len(items) - 1)
            self._rows.extend(items)
            self.endInsertRows()
        if not items:
            self._total = len(self._rows)
        self.loaded.emit(self._total)

    def _failed(self, query: int, exc: BaseException) -> None:
        if query == self._query:
            self._fetching = False
            self._total = len(self._rows)
            self.loaded.emit(self._total)

    # -- the model ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and self.COLUMNS[section] == "reference":
            return translate("ReportList", "CoMensha's reference, on the receipt of a sent report")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "summary": translate("ReportList", "Summary"),
            "form": translate("ReportList", "Form"),
            "state": translate("ReportList", "State"),
            "created": translate("ReportList", "Created"),
            "updated": translate("ReportList", "Last change"),
            "reference": translate("ReportList", "Reference"),
        }[self.COLUMNS[section]]

    def record_at(self, row: int) -> RecordSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                        Qt.ItemDataRole.ToolTipRole):
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column not in ("state", "summary"):
            return None
        if column == "summary":
            return item.summary or translate("ReportList", "(no summary yet)")
        if column == "form":
            if self.form_titles is not None:
                return self.form_titles(item.form_id, item.form_version)
            return item.form_id.upper()
        if column == "state":
            text = state_name(item.state)
            if item.state == "sent":
                text = translate("ReportList", "%1, with receipt").replace("%1", text)
            if item.conflict:
                text = translate("ReportList", "%1 — needs attention").replace("%1", text)
            return text
        if column == "created":
            return format_when(item.created_at)
        if column == "reference":
            return item.reference or ""
        return format_when(item.updated_at)


class ReportListPage(QWidget):
    """The main screen: filter, search, the table, an empty state that says what to do.

    Signals:
        open_requested(object): a record id.
        new_requested()
    """

    open_requested = Signal(object)
    new_requested = Signal()

    STATES = (None, "draft", "final", "sent", "purged")

    def __init__(self, model: ReportListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportListPage")
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        top.addWidget(self.title)
        top.addStretch(1)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("primary")
        top.addWidget(self.new_button)
        layout.addLayout(top)

        bar = QHBoxLayout()
        self.filter_label = QLabel(self)
        self.state_filter = QComboBox(self)
        for state in self.STATES:
            self.state_filter.addItem("", state)
        self.filter_label.setBuddy(self.state_filter)
        self.search_label = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        bar.addWidget(self.filter_label)
        bar.addWidget(self.state_filter)
        bar.addSpacing(16)
        bar.addWidget(self.search_label)
        bar.addWidget(self.search, 1)
        self.count = QLabel(self)
        self.count.setObjectName("hint")
        bar.addWidget(self.count)
        layout.addLayout(bar)

        self.stack = QStackedWidget(self)
        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The state ("Verzonden, met ontvangstbewijs"), the dates and times and CoMensha's reference
        # are shown whole, with their headers; the summary takes the rest (also 1024 pixels wide).
        # Measured on the rows in view only: quick with 100,000 reports.
        header.setResizeContentsPrecision(0)
        for col in range(1, len(model.COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        state_column = model.COLUMNS.index("state")  # wide enough before any sent report is in view
        header.setSectionResizeMode(state_column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(state_column, 250)
        header.setHighlightSections(False)
        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.state_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.activated.connect(self._activated)
        # Enter or Down in the search field goes to the results: Enter again opens one.
        self._table_after_load = False
        self.search.returnPressed.connect(self._search_to_table)
        self.search.installEventFilter(self)
        self.new_button.clicked.connect(self.new_requested)
        model.loaded.connect(self._loaded)
        model.modelReset.connect(self._loaded_reset)

        self.setTabOrder(self.new_button, self.state_filter)
        self.setTabOrder(self.state_filter, self.search)
        self.setTabOrder(self.search, self.table)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("My reports"))
        self.new_button.setText(self.tr("&New report"))
        self.new_button.setToolTip(self.tr("Start a new report (Ctrl+N)"))
        self.filter_label.setText(self.tr("S&how"))
        self.state_filter.setAccessibleName(self.tr("Show reports in state"))
        for i, state in enumerate(self.STATES):
            self.state_filter.setItemText(i, self.tr("All reports") if state is None else state_name(state))
        self.search_label.setText(self.tr("&Search"))
        self.search.setAccessibleName(self.tr("Search in summaries and CoMensha's references"))
        self.search.setPlaceholderText(self.tr("Search in summaries or a reference such as CM-2026-000002 "
                                               "(Ctrl+F)"))
        self.table.setAccessibleName(self.tr("My reports"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        if self.model.rowCount():
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(self.model.rowCount() - 1,
                                                         self.model.columnCount() - 1))
        self._loaded(self.model.total)

    def current_state(self) -> str | None:
        state = self.state_filter.currentData()  # one of STATES: a state's code, or None for all
        return state if isinstance(state, str) else None

    def reload(self) -> None:
        self.model.reload(self.current_state(), self.search.text())

    def clear(self) -> None:
        self._search_timer.stop()
        self._table_after_load = False
        self.search.blockSignals(True)
        wipe(self.search)
        self.search.blockSignals(False)
        self.state_filter.blockSignals(True)
        self.state_filter.setCurrentIndex(0)
        self.state_filter.blockSignals(False)
        self.model.clear()
        self.count.clear()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (obj is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Down and not event.modifiers()):
            self._search_to_table()
            return True
        return False

    def _search_to_table(self) -> None:
        if self._search_timer.isActive():  # the last keystrokes are not searched yet
            self._search_timer.stop()
            self._table_after_load = True
            self.reload()
            return
        self._focus_table()

    def _focus_table(self) -> None:
        if self.model.total is None:  # the list is (re)loading: go there when it has arrived
            self._table_after_load = True
            return
        if self.stack.currentWidget() is not self.table or not self.model.rowCount():
            return
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_record_id(self) -> Any:
        index = self.table.currentIndex()
        return self.model.data(index, Qt.ItemDataRole.UserRole) if index.isValid() else None

    def _activated(self, index: QModelIndex) -> None:
        record_id = self.model.data(index, Qt.ItemDataRole.UserRole)
        if record_id is not None:
            self.open_requested.emit(record_id)

    def _loaded_reset(self) -> None:
        self._loaded(self.model.total)

    def _loaded(self, total: int | None) -> None:
        if total is None:
            self.count.setText("")
            self.stack.setCurrentWidget(self.table)
            return
        self.count.setText(self.tr("%n report(s)", "", total))
        if total == 0:
            self._table_after_load = False
            if self.model.search or self.model.state:
                self.empty.setText(self.tr("No reports match this filter or search. Choose “All reports” "
                                           "or clear the search field."))
            else:
                self.empty.setText(self.tr("You have no reports yet.\nChoose “New report” (Ctrl+N) to "
                                           "record a signal. It is saved while you type."))
            had_focus = self.table.hasFocus()
            self.stack.setCurrentWidget(self.empty)
            if had_focus:
                self.search.setFocus()
        else:
            self.stack.setCurrentWidget(self.table)
            if not self.table.currentIndex().isValid() and self.model.rowCount():
                self.table.setCurrentIndex(self.model.index(0, 0))
            if self._table_after_load:
                self._table_after_load = False
                self._focus_table()
