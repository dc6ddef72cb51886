"""About: version, data location, SQLCipher version, keyring backend and what protects the store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop import __version__
from desktop.qt import QT_VERSION

if TYPE_CHECKING:
    from desktop.worker import StoreInfo


class AboutDialog(QDialog):
    def __init__(self, data_dir: str, info: StoreInfo | None, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Signaal"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Signaal %1").replace("%1", __version__), self)
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        intro = QLabel(self.tr("Record signals of possible human trafficking offline, sealed for CoMensha."),
                       self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}

        def add(key: str, label: str, value: str) -> None:
            widget = QLabel(value, self)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            widget.setWordWrap(True)
            widget.setAccessibleName(label)
            self.fields[key] = widget
            form.addRow(label, widget)

        add("version", self.tr("Version"), __version__)
        add("data", self.tr("Data folder"), data_dir)
        cipher, keyring = (info.cipher_version, info.keyring_backend) if info else ("", "")
        add("cipher", self.tr("SQLCipher version"), cipher or self.tr("unknown"))
        add("keyring", self.tr("Keyring"), keyring or self.tr("none"))
        if info is not None and info.keyring_in_use:
            protection = self.tr("Your passphrase and this account's keyring.")
        else:
            protection = self.tr("Your passphrase alone (no secure keyring on this computer).")
        add("protection", self.tr("Store protected by"), protection)
        add("qt", self.tr("Qt version"), QT_VERSION)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Wrapped values need their height for this width, or the last lines are cut off.
        width = 520
        self.setMinimumWidth(width)
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
        self.setMinimumHeight(max(height, layout.totalMinimumSize().height()))
        self.resize(width, self.minimumHeight())
