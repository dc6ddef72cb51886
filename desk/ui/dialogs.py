"""The desk's dialogs: enrolling with the receiver, and exporting what the inbox shows.

Both only collect input and show the outcome; the work runs on the worker threads (the store's
for ``desk.core.enrolment.ready``/``save`` and ``desk.core.export.write``, the network's for
``desk.core.enrolment.register``).
"""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core import enrolment, export, inbox
from desktop import i18n
from desktop.ui.common import BusyIndicator, error_text, report_if_unexpected
from desktop.worker import StoreWorker
from sync.registrar import RegistrarCredentials


class _WorkDialog(QDialog):
    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.hide()
        self.busy = BusyIndicator(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._go)
        self.buttons.rejected.connect(self.reject)
        for w in (self.problem, self.result_label, self.busy, self.buttons):
            self.layout_.addWidget(w)
        self.setMinimumWidth(520)

    def _go(self) -> None:
        raise NotImplementedError

    def _fields_first(self, *fields: QWidget) -> None:
        """Tab through the fields, then the buttons (made first, they came first), starting in the
        first field: the dialog opens ready to type."""
        chain = [*fields, self.buttons]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.setFocusProxy(fields[0])
        fields[0].setFocus()

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.buttons.setEnabled(not busy)

    def _failed(self, exc: object) -> None:
        self.set_busy(False)
        if isinstance(exc, BaseException):
            report_if_unexpected(exc)
            self.show_problem(error_text(exc, i18n.current_language()))


class EnrolDialog(_WorkDialog):
    """Address of the receiver and the one-time code from ``signaal-receiver registrar add``.

    The store's worker prepares and saves; the request to the receiver runs on the network worker
    (``net``), so the store's worker is never held up by a slow receiver."""

    def __init__(self, worker: StoreWorker, net: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(worker, parent)
        self._net = net
        self.setObjectName("enrolDialog")
        self.setWindowTitle(self.tr("Enrol this desk"))
        self.intro = QLabel(self.tr("Ask the receiver's operator for a one-time code "
                                    "('signaal-receiver registrar add') and type it here with the address."),
                            self)
        self.intro.setWordWrap(True)
        self.layout_.insertWidget(0, self.intro)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://")
        self.code = QLineEdit(self)
        self.label = QLineEdit(self)
        self.label.setMaxLength(80)
        self.form.addRow(self.tr("&Address"), self.url)
        self.form.addRow(self.tr("One-time &code"), self.code)
        self.form.addRow(self.tr("&Name of this desk"), self.label)
        self._fields_first(self.url, self.code, self.label)
        self.set_busy(False)

    def _go(self) -> None:
        url, code, label = self.url.text().strip(), self.code.text().strip(), self.label.text().strip()
        if not url.startswith("https://"):
            self.show_problem(self.tr("Type the receiver's address, starting with https://."))
            return
        if not code:
            self.show_problem(self.tr("Type the one-time code."))
            return
        self.show_problem("")
        self.set_busy(True)

        def send(prepared: enrolment.Prepared) -> None:
            self._net.run_plain(lambda: enrolment.register(prepared, url, code, label),
                                lambda creds: keep(prepared, creds), self._failed)

        def keep(prepared: enrolment.Prepared, creds: RegistrarCredentials) -> None:
            self._worker.submit(lambda store: enrolment.save(store, prepared, creds), self._done,
                                self._failed)

        self._worker.submit(enrolment.ready, send, self._failed)

    def _done(self, _where: object) -> None:
        self.set_busy(False)
        self.accept()


class ExportDialog(_WorkDialog):
    """Export the reports of the inbox's current filter to CSV or JSON Lines."""

    def __init__(self, worker: StoreWorker, flt: inbox.Filter, count: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(worker, parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export reports"))
        self._filter = flt
        self.intro = QLabel(self.tr("%n report(s) match the inbox's filters. The export holds what the "
                                    "form lets leave, with withdrawals of consent applied.", "", count), self)
        self.intro.setWordWrap(True)
        self.layout_.insertWidget(0, self.intro)
        self.format = QComboBox(self)
        self.format.addItem(self.tr("Excel workbook (XLSX), with codebook"), "xlsx")
        self.format.addItem(self.tr("CSV (spreadsheet)"), "csv")
        self.format.addItem(self.tr("JSON Lines"), "jsonl")
        self.path = QLineEdit(self)
        browse = QPushButton(self.tr("&Choose…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.form.addRow(self.tr("&Format"), self.format)
        # A row of a field and a button gets no buddy from the form: the label would show "&File".
        self.file_label = QLabel(self.tr("&File"), self)
        self.file_label.setBuddy(self.path)
        self.form.addRow(self.file_label, row)
        self._fields_first(self.format, self.path, browse)
        self.set_busy(False)
        self.summary: export.ExportSummary | None = None

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"))
        if path:
            self.path.setText(path)

    def _go(self) -> None:
        if self.summary is not None:
            self.accept()
            return
        text = self.path.text().strip()
        if not text:
            self.show_problem(self.tr("Choose where to save the export."))
            return
        out = Path(text).expanduser()
        if not out.parent.is_dir():
            self.show_problem(self.tr("That folder does not exist."))
            return
        fmt, flt = str(self.format.currentData()), self._filter
        self.show_problem("")
        self.set_busy(True)
        self._worker.submit(lambda store: export.write(store, flt, out, fmt), self._done, self._failed)

    def _done(self, summary: export.ExportSummary) -> None:
        self.set_busy(False)
        self.summary = summary
        text = self.tr("%n report(s) exported.", "", summary.written)
        if summary.problems:
            text += " " + self.tr("Not exported or not applied: %1").replace(
                "%1", "; ".join(summary.problems[:5]))
        self.result_label.setText(text)
        self.result_label.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
