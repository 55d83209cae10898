"""The shared list as a front-desk worker finds it: a search starts at its top match, Esc clears
it, only admitted people show an admission date, and everything has a name for screen readers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from peerdesk.ui.main_window import MainWindow
from peerdesk.ui.residents.list_model import column_of
from tests.ui.conftest import People, residents


def test_a_new_search_scrolls_to_the_top_and_selects_the_first_match(
    qtbot: QtBot, window: MainWindow, people: People
) -> None:
    p = residents(window)
    p.panel.select_record(people.zoe)
    p.table.scrollToBottom()
    p.panel.search_box.setFocus()
    qtbot.keyClicks(p.panel.search_box, "o")  # several names hold an "o"
    assert p.table.currentIndex().row() == 0
    assert p.table.selected_id() == p.model.id_at(0)
    assert p.table.verticalScrollBar().value() == 0
    first = p.model.id_at(0)
    opened: list[int] = []
    p.panel.record_activated.connect(opened.append)
    qtbot.keyClick(p.panel.search_box, Qt.Key.Key_Return)
    assert opened == [first], "Enter opens the match the person sees at the top"


def test_esc_in_the_search_box_clears_it_and_esc_again_does_nothing_to_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    box = residents(window).panel.search_box
    box.setFocus()
    qtbot.keyClicks(box, "lopez")
    assert residents(window).model.rowCount() == 1
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    assert residents(window).model.rowCount() == 5
    assert box.hasFocus()


def test_only_admitted_people_show_an_admission_date(window: MainWindow, people: People) -> None:
    model = residents(window).model
    admitted = column_of("admitted")

    def shown(person_id: int) -> str:
        row = model.row_of(person_id)
        assert row is not None
        return str(model.index(row, admitted).data())

    assert shown(people.ana) == "2026-03-01"  # in care
    assert shown(people.zoe) == "2026-01-10"  # discharged
    assert shown(people.mia) == ""  # waitlisted
    assert shown(people.jose) == ""  # screening


def test_the_list_and_its_filters_have_accessible_names(window: MainWindow) -> None:
    panel = residents(window).panel
    assert panel.table.accessibleName() == "Residents"
    assert panel.search_box.accessibleName() == "Search residents"
    assert panel.status_combo.accessibleName() == "Status"
    assert panel.program_combo.accessibleName() == "Program"
