"""Small widgets and helpers shared by the screens."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.qt import set_enum_property, translate
from signaal_common.errors import UserError

ROLES = ("coa", "nla", "zorg")
DEFAULT_AUTOLOCK_MINUTES = 5
DEFAULT_RETENTION_DAYS = 30  # the same default as desktop.core.delivery


def centred_card(page: QWidget, *, max_width: int, card_stretch: int, above: int, below: int,
                 flush: bool = False) -> tuple[QWidget, QVBoxLayout, QLabel, QLabel]:
    """The first-start and unlock screens: a card in the middle of ``page`` with a title and a
    wrapped introduction. Returns the card, its layout, the title and the introduction label.

    Args:
        max_width: the card's maximum width in pixels.
        card_stretch: the card's share of the width against a stretch of 1 on either side.
        above, below: the vertical stretch above and below the card.
        flush: no margins around the page's layout.
    """
    outer = QVBoxLayout(page)
    if flush:
        outer.setContentsMargins(0, 0, 0, 0)
    outer.addStretch(above)
    card = QWidget(page)
    card.setObjectName("card")
    card.setMaximumWidth(max_width)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card, card_stretch)
    row.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(below)
    layout = QVBoxLayout(card)
    layout.setSpacing(10)
    title = QLabel(card)
    title.setObjectName("pageTitle")
    intro = QLabel(card)
    intro.setWordWrap(True)
    layout.addWidget(title)
    layout.addWidget(intro)
    return card, layout, title, intro


def role_name(role: str) -> str:
    names = {
        "coa": translate("Roles", "COA (asylum reception)"),
        "nla": translate("Roles", "NLA (Labour Inspectorate)"),
        "zorg": translate("Roles", "Care (clinicians)"),
    }
    return names.get(role, role)


def state_name(state: str) -> str:
    names = {
        "draft": translate("States", "Draft"),
        "final": translate("States", "Ready to send"),
        "sent": translate("States", "Sent"),
        "purged": translate("States", "Cleaned up"),
    }
    return names.get(state, state)


def passphrase_strength(passphrase: str) -> int:
    """A rough 0..3 score: length counts most, a mix of kinds of characters a little.

    Deliberately simple: the hint nudges towards a long passphrase of several words, which is
    what people can remember under stress.
    """
    if not passphrase:
        return 0
    kinds = sum(
        (
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase),
        )
    )
    words = len([w for w in passphrase.replace("-", " ").split() if w])
    length = len(passphrase)
    if length >= 20 or (length >= 14 and (kinds >= 3 or words >= 3)):
        return 3
    if length >= MIN_PASSPHRASE_LENGTH and kinds >= 2:
        return 2
    if length >= MIN_PASSPHRASE_LENGTH:
        return 1
    return 0


MIN_PASSPHRASE_LENGTH = 10


def strength_text(score: int) -> str:
    return {
        0: translate("Passphrase", "Too short: use at least 10 characters, for example three or four words."),
        1: translate("Passphrase", "Weak: add a word or mix in digits and capitals."),
        2: translate("Passphrase", "Reasonable. Longer is stronger."),
        3: translate("Passphrase", "Strong."),
    }[score]


class PassphraseEdit(QLineEdit):
    """A password-mode line edit that never offers its text to the clipboard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        set_enum_property(self, "contextMenuPolicy", "NoContextMenu")
        self.setMinimumWidth(280)

    def clear(self) -> None:
        wipe(self)


def wipe(edit: QLineEdit) -> None:
    """Empty a line edit *and* its undo history (``QLineEdit.clear()`` can be undone with Ctrl+Z)."""
    QLineEdit.setText(edit, "")


class BusyIndicator(QProgressBar):
    """An indeterminate bar shown while a worker job runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 0)
        self.setTextVisible(False)
        self.setMaximumHeight(6)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.hide()


class Banner(QFrame):
    """A calm, full-width notice (info, warning or danger)."""

    def __init__(self, kind: str = "info", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setProperty("kind", kind)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        set_enum_property(self.label, "textInteractionFlags", "TextSelectableByMouse")
        layout.addWidget(self.label, 1)

    def set_kind(self, kind: str) -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)

    def setText(self, text: str) -> None:
        self.label.setText(text)

    def text(self) -> str:
        return self.label.text()


def error_text(exc: BaseException, lang: str) -> str:
    """The plain sentence of an error meant for the user (``UserError.text``); for a bug, a
    general sentence (the bug itself goes to the crash dialog: :func:`report_if_unexpected`)."""
    if isinstance(exc, UserError):
        return exc.text(lang)
    return translate(
        "Errors",
        "Something went wrong that Signaal did not expect. Your saved work is safe. "
        "Try again; if it happens again, restart Signaal.",
    )


def is_known_error(exc: BaseException) -> bool:
    return isinstance(exc, UserError)


def report_if_unexpected(exc: BaseException) -> None:
    """A bug (not a known error with a sentence for the user) goes to the one crash dialog and
    the log, through ``sys.excepthook`` (see :mod:`desktop.ui.errors`)."""
    if not is_known_error(exc):
        sys.excepthook(type(exc), exc, exc.__traceback__)
