"""The main window's menus, their actions and shortcuts, and the "Nu verbergen" button.

The first screen (setup or unlock) has only the Help menu and the window-wide Quit; the Report and
Tools menus, whose commands all need an unlocked store, and the hide button are built on first
use, at the latest right after the first paint (:attr:`WindowMenus.work`). So this module names
only what the first screen already uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QPushButton

from desktop.qt import set_enum_property, translate


def _action(window: QMainWindow, shortcuts: list[str] | None, slot: Callable[[], Any]) -> QAction:
    act = QAction(window)
    if shortcuts:
        act.setShortcuts([QKeySequence(s) for s in shortcuts])
    set_enum_property(act, "shortcutContext", "WindowShortcut")
    act.triggered.connect(lambda: slot())
    window.addAction(act)
    return act


class WindowMenus:
    """Help (help for the field, about) and Quit, from the first screen on; the rest in
    :attr:`work`.

    ``slots`` names what each action does: new, lock, search, settings, audit, about, quit, help,
    handoff, receipts, backup.
    """

    def __init__(self, window: QMainWindow, slots: dict[str, Callable[[], Any]]) -> None:
        self._window = window
        self._slots = slots
        self._locked = True
        self._work: WorkMenus | None = None
        self.quit_action = _action(window, ["Ctrl+Q"], slots["quit"])
        self.help_action = _action(window, ["F1"], slots["help"])
        self.about_action = _action(window, None, slots["about"])
        self.help_menu = window.menuBar().addMenu("")
        self.help_menu.addAction(self.help_action)
        self.help_menu.addAction(self.about_action)

    @property
    def work(self) -> WorkMenus:
        """The Report and Tools menus and the hide button (built on first use)."""
        if self._work is None:
            self._work = WorkMenus(self._window, self._slots, self.quit_action, before=self.help_menu)
            self._work.retranslate()
            self._work.set_locked(self._locked)
        return self._work

    def retranslate(self) -> None:
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.quit_action.setText(translate("MainWindow", "&Quit"))
        self.help_action.setText(translate("MainWindow", "&Help for this field"))
        self.about_action.setText(translate("MainWindow", "&About Signaal"))
        if self._work is not None:
            self._work.retranslate()

    def set_locked(self, locked: bool) -> None:
        """Locked: only quitting and help; the hide button and the menus that need the store go."""
        self._locked = locked
        if self._work is not None:
            self._work.set_locked(locked)


class WorkMenus:
    """Report (new, hand-off file, receipts, hide now, quit) and Tools (search, settings, audit
    log, backup), placed before ``before`` in the window's menu bar, and the hide button in its
    corner."""

    def __init__(self, window: QMainWindow, slots: dict[str, Callable[[], Any]], quit_action: QAction,
                 *, before: Any) -> None:
        self.new_action = _action(window, ["Ctrl+N"], slots["new"])
        self.lock_action = _action(window, ["Ctrl+L"], slots["lock"])
        self.search_action = _action(window, ["Ctrl+F"], slots["search"])
        self.settings_action = _action(window, ["Ctrl+,"], slots["settings"])
        self.audit_action = _action(window, None, slots["audit"])
        self.handoff_action = _action(window, None, slots["handoff"])
        self.receipts_action = _action(window, None, slots["receipts"])
        self.backup_action = _action(window, None, slots["backup"])
        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        for item in (self.new_action, None, self.handoff_action, self.receipts_action, None,
                     self.lock_action, quit_action):
            self.file_menu.addAction(item) if item is not None else self.file_menu.addSeparator()
        self.tools_menu = bar.addMenu("")
        for item in (self.search_action, self.settings_action, self.audit_action, self.backup_action):
            self.tools_menu.addAction(item)
        for menu in (self.file_menu, self.tools_menu):  # before Help, as on the first screen
            bar.insertMenu(before.menuAction(), menu)
        self.hide_button = QPushButton(window)
        self.hide_button.setObjectName("hideNow")
        self.hide_button.clicked.connect(lambda: slots["lock"]())
        set_enum_property(self.hide_button, "focusPolicy", "TabFocus")
        bar.setCornerWidget(self.hide_button)  # Qt.Corner.TopRightCorner

    def retranslate(self) -> None:
        self.file_menu.setTitle(translate("MainWindow", "&Report"))
        self.tools_menu.setTitle(translate("MainWindow", "&Tools"))
        self.new_action.setText(translate("MainWindow", "&New report"))
        self.lock_action.setText(translate("MainWindow", "&Hide now (lock)"))
        self.search_action.setText(translate("MainWindow", "&Search reports"))
        self.settings_action.setText(translate("MainWindow", "S&ettings…"))
        self.audit_action.setText(translate("MainWindow", "&Audit log…"))
        self.handoff_action.setText(translate("MainWindow", "&Hand-off file for CoMensha…"))
        self.receipts_action.setText(translate("MainWindow", "Read &receipts from CoMensha…"))
        self.backup_action.setText(translate("MainWindow", "Make a &backup…"))
        self.hide_button.setText(translate("MainWindow", "Hide now"))
        self.hide_button.setToolTip(translate("MainWindow", "Hide everything and lock Signaal (Ctrl+L)"))
        self.hide_button.setAccessibleName(translate("MainWindow", "Hide now and lock"))

    def set_locked(self, locked: bool) -> None:
        for act in (self.new_action, self.search_action, self.settings_action, self.audit_action,
                    self.lock_action, self.handoff_action, self.receipts_action, self.backup_action):
            act.setEnabled(not locked)
        self.hide_button.setVisible(not locked)
        self.file_menu.menuAction().setVisible(not locked)
        self.tools_menu.menuAction().setVisible(not locked)
