"""The main window's menus, their actions and shortcuts, and the "Nu verbergen" button.

Built with the first screen, so only names the first screen already uses are imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.qt import QAction, QKeySequence, QMainWindow, QPushButton, set_enum_property, translate


class WindowMenus:
    """Actions (with their shortcuts), the three menus and the hide button of one window.

    ``slots`` names what each action does: new, lock, search, settings, audit, about, quit, help,
    handoff, receipts, backup.
    """

    def __init__(self, window: QMainWindow, slots: dict[str, Callable[[], Any]]) -> None:
        def action(shortcuts: list[str] | None, slot: Callable[[], Any]) -> QAction:
            act = QAction(window)
            if shortcuts:
                act.setShortcuts([QKeySequence(s) for s in shortcuts])
            set_enum_property(act, "shortcutContext", "WindowShortcut")
            act.triggered.connect(lambda: slot())
            window.addAction(act)
            return act

        self.new_action = action(["Ctrl+N"], slots["new"])
        self.lock_action = action(["Ctrl+L"], slots["lock"])
        self.search_action = action(["Ctrl+F"], slots["search"])
        self.settings_action = action(["Ctrl+,"], slots["settings"])
        self.audit_action = action(None, slots["audit"])
        self.about_action = action(None, slots["about"])
        self.quit_action = action(["Ctrl+Q"], slots["quit"])
        self.help_action = action(["F1"], slots["help"])
        self.handoff_action = action(None, slots["handoff"])
        self.receipts_action = action(None, slots["receipts"])
        self.backup_action = action(None, slots["backup"])
        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        for item in (self.new_action, None, self.handoff_action, self.receipts_action, None,
                     self.lock_action, self.quit_action):
            self.file_menu.addAction(item) if item is not None else self.file_menu.addSeparator()
        self.tools_menu = bar.addMenu("")
        for item in (self.search_action, self.settings_action, self.audit_action, self.backup_action):
            self.tools_menu.addAction(item)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.help_action)
        self.help_menu.addAction(self.about_action)
        self.hide_button = QPushButton(window)
        self.hide_button.setObjectName("hideNow")
        self.hide_button.clicked.connect(lambda: slots["lock"]())
        set_enum_property(self.hide_button, "focusPolicy", "TabFocus")
        bar.setCornerWidget(self.hide_button)  # Qt.Corner.TopRightCorner

    def retranslate(self) -> None:
        self.file_menu.setTitle(translate("MainWindow", "&Report"))
        self.tools_menu.setTitle(translate("MainWindow", "&Tools"))
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.new_action.setText(translate("MainWindow", "&New report"))
        self.lock_action.setText(translate("MainWindow", "&Hide now (lock)"))
        self.quit_action.setText(translate("MainWindow", "&Quit"))
        self.search_action.setText(translate("MainWindow", "&Search reports"))
        self.settings_action.setText(translate("MainWindow", "S&ettings…"))
        self.audit_action.setText(translate("MainWindow", "&Audit log…"))
        self.help_action.setText(translate("MainWindow", "&Help for this field"))
        self.about_action.setText(translate("MainWindow", "&About Signaal"))
        self.handoff_action.setText(translate("MainWindow", "&Hand-off file for CoMensha…"))
        self.receipts_action.setText(translate("MainWindow", "Read &receipts from CoMensha…"))
        self.backup_action.setText(translate("MainWindow", "Make a &backup…"))
        self.hide_button.setText(translate("MainWindow", "Hide now"))
        self.hide_button.setToolTip(translate("MainWindow", "Hide everything and lock Signaal (Ctrl+L)"))
        self.hide_button.setAccessibleName(translate("MainWindow", "Hide now and lock"))

    def set_locked(self, locked: bool) -> None:
        """Locked: only quitting and help; the hide button and the menus that need the store go."""
        for act in (self.new_action, self.search_action, self.settings_action, self.audit_action,
                    self.lock_action, self.handoff_action, self.receipts_action, self.backup_action):
            act.setEnabled(not locked)
        self.hide_button.setVisible(not locked)
        self.file_menu.menuAction().setVisible(not locked)
        self.tools_menu.menuAction().setVisible(not locked)
