"""The window fits the screen it opens on, and remembers its size per screen."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton

from desktop.app import create_window
from desktop.core.store import keys
from tests.ui.conftest import create_store


def _window(qtbot, data_dir):
    window = create_window(data_dir, lang="nl", secrets=keys.MemorySecretStore(), kdf="test")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_first_start_fits_the_screen_so_nothing_is_cut_off(qtbot, data_dir):
    window = _window(qtbot, data_dir)
    free = window.screen().availableGeometry()
    assert window.width() <= free.width() and window.height() <= free.height()
    # The top-right "Nu verbergen" is inside the window, not beyond the screen's edge.
    corner = window.menus.work.hide_button.mapTo(window, window.menus.work.hide_button.rect().bottomRight())
    assert window.rect().contains(corner) or not window.menus.work.hide_button.isVisible()
    window.shutdown()
    window.close()


def test_size_is_remembered_for_this_screen(qtbot, data_dir):
    window = _window(qtbot, data_dir)
    window.resize(640, 480)
    qtbot.waitUntil(lambda: window.width() == 640)
    window.close()
    size = window.screen().availableGeometry().size()
    assert window.prefs.contains(f"geometry/{size.width()}x{size.height()}")
    again = _window(qtbot, data_dir)
    assert (again.width(), again.height()) == (640, 480)
    again.shutdown()
    again.close()


def _cut_off(window) -> list[str]:
    """Buttons that are shown but not whole: squeezed below their size or past the window's edge."""

    bad = []
    frame = window.rect()
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text():
            continue
        top_left = button.mapTo(window, button.rect().topLeft())
        if not frame.contains(QRect(top_left, button.size())) or \
                button.width() < button.minimumSizeHint().width():
            bad.append(button.text())
    return bad


def test_at_1024_by_768_nothing_is_cut_off_in_either_language(qtbot, make_window, tmp_path):
    """Seen: at 1024x768 "Nu verbergen", "Afronden…" and "Notitie" were cut off."""

    for lang in ("nl", "en"):
        window = make_window(lang=lang, data=tmp_path / lang)
        create_store(qtbot, window)
        window.resize(1024, 768)
        qtbot.waitUntil(lambda window=window: window.width() == 1024)
        assert _cut_off(window) == [], lang
        window.new_report("coa")
        view = window.form_view
        view.jump_to("coa_checklist")  # the note buttons at the right of every signal
        qtbot.waitUntil(view.widgets["coa_checklist"].rest_button.isVisible)
        assert window.width() == 1024
        assert _cut_off(window) == [], lang
        view.close_view()
