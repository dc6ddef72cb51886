"""The window fits the screen it opens on, and remembers its size per screen."""

from __future__ import annotations

from desktop.app import create_window
from desktop.core.store import keys


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
    corner = window.hide_button.mapTo(window, window.hide_button.rect().bottomRight())
    assert window.rect().contains(corner) or not window.hide_button.isVisible()
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
