"""My reports: fetched page by page, filtered by state, searched, navigable by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.store import Store
from desktop.ui.report_list import PAGE_SIZE
from tests.ui.conftest import PASSPHRASE, unlock, wait_idle

N = 2 * PAGE_SIZE + 50


def seed(data_dir, secrets) -> list[str]:
    store = Store.create(data_dir, PASSPHRASE, secrets=secrets, kdf="test")
    ids = []
    for i in range(N):
        record = store.create_draft("coa", 1, {"acute_danger": "no"}, summary=f"COA · signaal {i:03d}")
        ids.append(record.id)
        if i % 10 == 0:
            store.finalise(record.id, {"acute_danger": "no"}, f"COA · signaal {i:03d}", envelope=None)
    store.close()
    return ids


def test_pages_arrive_as_you_scroll(qtbot, make_window, data_dir, secrets):
    seed(data_dir, secrets)
    window = make_window()
    unlock(qtbot, window)
    model, table = window.list_model, window.list_page.table
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE, timeout=5000)
    assert model.total == N
    assert window.list_page.count.text() == f"{N} meldingen"
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.rowCount() > PAGE_SIZE, timeout=5000)
    # Each time the user goes to the end again, the next page arrives, until all are there.
    for _ in range(N // PAGE_SIZE):
        if model.rowCount() == N:
            break
        shown = model.rowCount()
        qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda shown=shown: model.rowCount() > shown, timeout=5000)
    assert model.rowCount() == N
    assert not model.canFetchMore()
    wait_idle(qtbot, window)


def test_filter_by_state_and_search(qtbot, make_window, data_dir, secrets):
    seed(data_dir, secrets)
    window = make_window()
    unlock(qtbot, window)
    page, model = window.list_page, window.list_model
    page.state_filter.setCurrentIndex(page.state_filter.findData("final"))
    qtbot.waitUntil(lambda: model.state == "final" and model.total is not None, timeout=5000)
    assert model.total == (N + 9) // 10
    assert {model.data(model.index(r, 2)) for r in range(model.rowCount())} == {"Klaar om te verzenden"}
    page.state_filter.setCurrentIndex(0)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.search, "signaal 12")
    qtbot.waitUntil(lambda: model.search == "signaal 12" and model.total is not None, timeout=5000)
    assert model.total == 10  # 120..129
    page.search.clear()
    qtbot.keyClicks(page.search, "bestaat niet")
    qtbot.waitUntil(lambda: model.total == 0, timeout=5000)
    assert page.stack.currentWidget() is page.empty
    assert "zoekterm" in page.empty.text()
    wait_idle(qtbot, window)


def test_list_rows_show_form_state_and_dates(qtbot, make_window, data_dir, secrets):
    seed(data_dir, secrets)
    window = make_window()
    unlock(qtbot, window)
    model = window.list_model
    qtbot.waitUntil(lambda: model.form_titles is not None and model.rowCount() > 0, timeout=10000)
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[0].startswith("COA · signaal")
    assert row[1] == "COA"
    assert row[2] in ("Concept", "Klaar om te verzenden")
    assert row[3] and row[4]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Samenvatting", "Formulier", "Status", "Aangemaakt", "Laatst gewijzigd", "Referentie"]
    wait_idle(qtbot, window)


def test_enter_in_the_search_field_goes_to_the_results_and_enter_opens_one(qtbot, make_window, data_dir,
                                                                          secrets):
    """Found by walking the app: typing a search and pressing Enter did nothing."""
    ids = seed(data_dir, secrets)
    window = make_window()
    unlock(qtbot, window)
    page, model = window.list_page, window.list_model
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.search, "signaal 013")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # at once, before the search has run
    qtbot.waitUntil(lambda: window.focusWidget() is page.table, timeout=5000)
    assert model.total == 1
    assert page.selected_record_id() == ids[13]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.form_view is not None, timeout=5000)
    assert window.form_view.record_id == ids[13]
    # Down from the search field reaches the list too.
    window.form_view.close_view()
    qtbot.waitUntil(lambda: window.form_view is None, timeout=5000)
    page.focus_search()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.focusWidget() is page.table, timeout=5000)
    wait_idle(qtbot, window)


def test_comensha_reference_is_a_column_and_found_by_search(qtbot, make_window, data_dir, secrets):
    """Issue 14: CoMensha's reference (CM-2026-000002) found nothing and was nowhere in the list."""
    store = Store.create(data_dir, PASSPHRASE, secrets=secrets, kdf="test")
    for n in (1, 2, 3):
        record = store.create_draft("coa", 1, {"acute_danger": "no"}, summary="COA · signaal")
        store.finalise(record.id, {"acute_danger": "no"}, "COA · signaal", envelope=None)
        store.mark_sent(record.id, {"envelope_id": record.id, "reference": f"CM-2026-00000{n}"})
    store.close()
    window = make_window()
    unlock(qtbot, window)
    model, page = window.list_model, window.list_page
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5000)
    column = model.COLUMNS.index("reference")
    assert {model.data(model.index(r, column)) for r in range(3)} == {
        "CM-2026-000001", "CM-2026-000002", "CM-2026-000003"}
    page.focus_search()
    qtbot.keyClicks(page.search, "CM-2026-000002")
    qtbot.waitUntil(lambda: model.search == "CM-2026-000002" and model.total == 1, timeout=5000)
    assert model.data(model.index(0, column)) == "CM-2026-000002"
    wait_idle(qtbot, window)
