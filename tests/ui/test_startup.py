"""Start-up stays light: only the first screen before the first paint, the rest right after it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.qt import set_enum_property
from desktop.ui.common import Banner, PassphraseEdit
from tests.conftest import ROOT


def test_other_pages_are_built_right_after_the_first_paint(qtbot, make_window):
    window = make_window()
    assert window.stack.currentWidget() is window._setup_page
    qtbot.waitUntil(lambda: None not in (window._unlock_page, window._main_page), timeout=5000)
    assert window._setup_page is window.setup_page
    assert window.list_page.parent() is window.main_page
    assert window.list_model.rowCount() == 0
    assert not window.notice.isVisible()


def test_set_enum_property_sets_qt_enums_by_name(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    set_enum_property(label, "alignment", "AlignCenter")
    assert label.alignment() == Qt.AlignmentFlag.AlignCenter
    with pytest.raises(ValueError):
        set_enum_property(label, "alignment", "NoSuchAlignment")
    edit = PassphraseEdit()
    qtbot.addWidget(edit)
    assert edit.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    banner = Banner()
    qtbot.addWidget(banner)
    assert banner.label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse


def test_first_screen_modules_import_without_the_heavy_ones():
    """The modules on the way to the first screen do not pull in the workspace (list page, forms,
    form view, commands, delivery, crash dialog, logging.handlers), the store (its worker thread
    imports it), the store worker (started after the paint) or PySide6's Qt namespace (~90 enums)."""
    code = (
        "import sys\n"
        "import desktop.app, desktop.ui.main_window, desktop.ui.setup_page, desktop.ui.unlock_page\n"
        "from PySide6 import QtCore\n"
        "heavy = [m for m in ('desktop.ui.workspace', 'desktop.ui.report_list', 'desktop.ui.errors',\n"
        "                     'desktop.ui.form_view', 'desktop.ui.window_commands', 'desktop.sending',\n"
        "                     'forms', 'desktop.worker', 'desktop.core.store', 'logging.handlers')\n"
        "         if m in sys.modules]\n"
        "print(heavy, 'Qt' in vars(QtCore))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env=env, timeout=60, check=True).stdout
    assert out.strip() == "[] False"

