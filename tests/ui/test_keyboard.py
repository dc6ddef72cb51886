"""Found by walking the real app with the keyboard (and a mouse wheel) under X11.

A person in a hurry tabs through a form, turns pages with Ctrl+PgDown and scrolls with the
wheel: none of that may change an answer or throw them out of the form.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox

import forms
from desktop.ui.form_view import FormView

CATALOG = forms.catalog()


def no_store(fn: Any, on_done: Any = None, on_error: Any = None, **_kw: Any) -> None:
    """Rendering and keyboard tests do not save."""


def make_view(qtbot: Any, form_id: str = "coa") -> Any:
    view = FormView(CATALOG.get(form_id), no_store, "nl")
    qtbot.addWidget(view)
    view.resize(1100, 720)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    return view


def section_combos(view: Any, number: int) -> list[QComboBox]:
    page = view.section_pages[number].widget()
    return [c for c in page.findChildren(QComboBox) if c.isVisibleTo(page) and c.isEnabled()]


def test_tab_from_the_last_field_goes_to_next_not_out_of_the_form(qtbot):
    view = make_view(qtbot)
    view._step(0)
    last = section_combos(view, 0)[-1]
    last.setFocus()
    qtbot.waitUntil(last.hasFocus)
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.next_button
    # The scroll area of a section is not a Tab stop of its own.
    for page in view.section_pages:
        assert page.focusPolicy() == Qt.FocusPolicy.NoFocus
    view.dispose()


def test_ctrl_pgdown_in_a_choice_list_turns_the_page_and_keeps_the_answer(qtbot):
    view = make_view(qtbot)
    view._step(0)
    combo = section_combos(view, 0)[-1]
    combo.setCurrentIndex(2)
    combo.setFocus()
    # The key as the list receives it when the window's shortcut does not take it first.
    for key, section in ((Qt.Key.Key_PageDown, 1), (Qt.Key.Key_PageUp, 0)):
        press = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.ControlModifier)
        QApplication.sendEvent(combo, press)
        assert combo.currentIndex() == 2
        assert view.index.currentRow() == section
    view.dispose()


def test_the_mouse_wheel_over_a_choice_list_scrolls_the_page_not_the_answer(qtbot):
    view = make_view(qtbot)
    view.jump_to("reporter_region")
    combo = view.widgets["reporter_region"].combo  # twelve police regions: a list to pick from
    combo.setCurrentIndex(1)
    view.next_button.setFocus()  # the list is not being edited
    qtbot.waitUntil(lambda: not combo.hasFocus())
    center = QPointF(combo.rect().center())
    wheel = QWheelEvent(center, QPointF(combo.mapToGlobal(combo.rect().center())), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(combo, wheel)
    assert combo.currentIndex() == 1
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a wheel does not take focus either
    view.dispose()
