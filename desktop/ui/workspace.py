"""The window's workspace: everything it shows and does after the first screen.

The first screen (first start or unlock) needs little: ``desktop.ui.main_window`` with the
setup and unlock pages. Everything else lives in the modules named here (the report list, the
form picker and form view, the menus' commands with their dialogs, delivery, the crash dialog, the
forms catalogue), and this module is the one place that imports them — at module level, once,
through :func:`desktop.ui.main_window.workspace`, right after the first paint (or earlier when a
test or a command asks for it). That keeps start-up within its budget by what lives where, not
by imports scattered through functions (``make bench ARGS=startup``).
"""

from __future__ import annotations

from logging.handlers import RotatingFileHandler

import forms
from desktop.sending import SyncController
from desktop.ui import window_commands as commands
from desktop.ui.errors import ExceptionHook
from desktop.ui.form_follow_ups import start_addition
from desktop.ui.form_picker import FormPickerDialog, ordered_forms
from desktop.ui.form_view import FormView
from desktop.ui.report_list import ReportListModel, ReportListPage

__all__ = ["ExceptionHook", "FormPickerDialog", "FormView", "ReportListModel", "ReportListPage",
           "RotatingFileHandler", "SyncController", "commands", "load_catalog", "ordered_forms",
           "start_addition"]


def load_catalog() -> forms.FormCatalog:
    """The forms catalogue (cached by ``forms``; loaded on the store worker after unlock)."""
    return forms.catalog()
