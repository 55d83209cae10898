"""The residents list as the front desk uses it: search, filter, sort, open; and its paging."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from peerdesk.app import Services
from peerdesk.domain.residents import (
    AdmissionDraft,
    PersonDraft,
    ResidentFilter,
    ResidentQuery,
    ResidentRow,
)
from peerdesk.services.residents import PAGE_SIZE, ResidentService
from peerdesk.ui.common.paged_model import ID_ROLE, MAX_CACHED_PAGES, MISSING
from peerdesk.ui.common.tasks import TaskRunner
from peerdesk.ui.main_window import MainWindow
from peerdesk.ui.residents.list_model import ResidentTableModel, column_of
from peerdesk.ui.residents.workspace import ResidentsWorkspace
from tests.conftest import TODAY
from tests.ui.conftest import People, add_many, program_id, residents

NAME = column_of("name")
RECORD = column_of("record")
DAYS_SOBER = column_of("days_sober")
STATUS = column_of("status")

EVERYONE_BY_NAME = [
    "Adams, Zoe",
    "Chen, Mia",
    "García, José",
    "Lopez, Ana",
    "Okafor, Ben",
]


def page(window: MainWindow) -> ResidentsWorkspace:
    return residents(window)


def column(model: ResidentTableModel, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def names(window: MainWindow) -> list[str]:
    return column(page(window).model, NAME)


def click_header(qtbot: QtBot, window: MainWindow, col: int) -> None:
    header = page(window).table.horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    with qtbot.waitSignal(page(window).model.modelReset, timeout=2000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def type_search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    box = page(window).panel.search_box
    box.setFocus()
    qtbot.keyClicks(box, text)


# -- the model on its own --------------------------------------------------------------------


def test_model_passes_the_qt_model_tester(
    qtmodeltester: Any, window: MainWindow, qtbot: QtBot
) -> None:
    model = page(window).model
    qtmodeltester.check(model)
    type_search(qtbot, window, "a")
    click_header(qtbot, window, DAYS_SOBER)
    qtmodeltester.check(model)


def test_list_shows_everyone_by_name_with_record_status_and_days_sober(
    window: MainWindow, people: People
) -> None:
    model = page(window).model
    assert names(window) == EVERYONE_BY_NAME
    assert page(window).panel.count_label.text() == "5 people"
    lopez = model.row_of(people.ana)
    assert lopez == 3
    row = [model.index(lopez, c).data() for c in range(model.columnCount())]
    assert row == ["R-00001", "Lopez, Ana", "Women's program", "In care", "2026-03-01", "165"]
    assert model.index(lopez, 0).data(ID_ROLE) == people.ana
    days = model.index(lopez, DAYS_SOBER).data(Qt.ItemDataRole.TextAlignmentRole)
    assert days & Qt.AlignmentFlag.AlignRight
    assert column(model, STATUS) == ["Discharged", "Waitlisted", "Screening", "In care", "In care"]
    # García has no sobriety date: the cell is empty, not "None" or 0.
    assert model.index(2, DAYS_SOBER).data() == ""
    assert model.index(3, STATUS).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_typing_narrows_the_list_on_every_keystroke(qtbot: QtBot, window: MainWindow) -> None:
    model = page(window).model
    counts: list[int] = []
    model.modelReset.connect(lambda: counts.append(model.rowCount()))
    type_search(qtbot, window, "garc")
    assert len(counts) == 4  # one query per keystroke, no waiting
    assert counts == sorted(counts, reverse=True)
    assert names(window) == ["García, José"]
    assert page(window).panel.count_label.text() == "1 person"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("jose", ["García, José"]),
        ("555-0199", ["Chen, Mia"]),
        ("R-00005", ["Adams, Zoe"]),
        ("okafor ben", ["Okafor, Ben"]),
    ],
)
def test_search_finds_by_name_phone_and_record_number(
    qtbot: QtBot, window: MainWindow, typed: str, expected: list[str]
) -> None:
    type_search(qtbot, window, typed)
    assert names(window) == expected


def test_no_match_says_so_and_offers_registration(qtbot: QtBot, window: MainWindow) -> None:
    panel = page(window).panel
    type_search(qtbot, window, "xyz")
    assert panel.count_label.text() == "0 people"
    assert panel.empty_label.isVisible()
    assert not panel.table.isVisible()
    assert panel.empty_label.text() == (
        "No one matches 'xyz'. Press Ctrl+N to register a new person."
    )
    panel.search_box.clear()
    assert panel.table.isVisible()
    assert names(window) == EVERYONE_BY_NAME


def test_no_match_never_echoes_a_long_paste(qtbot: QtBot, window: MainWindow) -> None:
    panel = page(window).panel
    pasted = "zz " + "q" * 200
    panel.search_box.setText(pasted)
    assert "…" in panel.empty_label.text()
    assert "q" * 60 not in panel.empty_label.text()


def test_status_and_program_filters(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    panel = page(window).panel
    expected = {
        ResidentFilter.IN_CARE: ["Lopez, Ana", "Okafor, Ben"],
        ResidentFilter.DISCHARGED: ["Adams, Zoe"],
        ResidentFilter.WAITLISTED: ["Chen, Mia"],
        ResidentFilter.SCREENING: ["García, José"],
        ResidentFilter.ALL: EVERYONE_BY_NAME,
    }
    labels = [panel.status_combo.itemText(i) for i in range(panel.status_combo.count())]
    assert labels == [
        "Everyone",
        "In care",
        "Discharged",
        "Waitlisted",
        "Screening",
        "Referred",
        "Declined",
    ]
    for status, shown in expected.items():
        with qtbot.waitSignal(page(window).model.modelReset, timeout=2000):
            panel.status_combo.setCurrentIndex(panel.status_combo.findText(status.label))
        assert names(window) == shown
        assert panel.count_label.text() == (
            "1 person" if len(shown) == 1 else f"{len(shown)} people"
        )

    programs = [panel.program_combo.itemText(i) for i in range(panel.program_combo.count())]
    assert programs == ["All programs", "Men's program", "Women's program"]
    womens = program_id(services, "womens")
    panel.program_combo.setCurrentIndex(panel.program_combo.findData(womens))
    assert panel.program_combo.currentText() == "Women's program"
    assert names(window) == ["Adams, Zoe", "Lopez, Ana"]
    type_search(qtbot, window, "okafor")
    assert panel.empty_label.text().startswith("No one matches 'okafor' with the status")


@pytest.mark.parametrize(
    ("col", "ascending"),
    [
        (RECORD, ["R-00001", "R-00002", "R-00003", "R-00004", "R-00005"]),
        (NAME, EVERYONE_BY_NAME),
    ],
)
def test_header_click_sorts_both_ways(
    qtbot: QtBot, window: MainWindow, col: int, ascending: list[str]
) -> None:
    model = page(window).model
    if col == NAME:  # already sorted by name: the first click turns it round
        click_header(qtbot, window, col)
        assert column(model, col) == ascending[::-1]
        click_header(qtbot, window, col)
        assert column(model, col) == ascending
        return
    click_header(qtbot, window, col)
    assert column(model, col) == ascending
    click_header(qtbot, window, col)
    assert column(model, col) == ascending[::-1]


def test_admitted_sorts_newest_first_on_the_first_click(qtbot: QtBot, window: MainWindow) -> None:
    model = page(window).model
    click_header(qtbot, window, column_of("admitted"))
    assert column(model, column_of("admitted")) == [
        "2026-03-01",
        "2026-02-01",
        "2026-01-10",
        "",
        "",
    ]


def test_days_sober_sorts_in_the_database_with_the_unknown_last(
    qtbot: QtBot, window: MainWindow
) -> None:
    model = page(window).model
    click_header(qtbot, window, DAYS_SOBER)
    assert column(model, DAYS_SOBER) == ["14", "165", "365", "730", ""]
    click_header(qtbot, window, DAYS_SOBER)
    assert column(model, DAYS_SOBER) == ["730", "365", "165", "14", ""]
    # Sorting and searching combine: the query keeps the sort.
    type_search(qtbot, window, "a")
    shown = [d for d in column(model, DAYS_SOBER) if d]
    assert shown == sorted(shown, key=int, reverse=True)


def test_down_from_search_then_enter_opens_the_record_and_closed_returns(
    qtbot: QtBot, window: MainWindow, people: People
) -> None:
    p = page(window)
    type_search(qtbot, window, "okafor")
    qtbot.keyClick(p.panel.search_box, Qt.Key.Key_Down)
    assert p.table.hasFocus()
    assert p.table.selected_id() == people.ben
    qtbot.keyClick(p.table, Qt.Key.Key_Return)
    record = p.record_view
    assert record.isVisible()
    assert record.current_person_id() == people.ben
    # Beside the record the list keeps the columns that tell people apart.
    shown = [c for c in range(p.model.columnCount()) if not p.table.isColumnHidden(c)]
    assert shown == [RECORD, NAME, STATUS, DAYS_SOBER]
    focused = QApplication.focusWidget()
    assert focused is not None
    assert focused is record or record.isAncestorOf(focused)

    with qtbot.waitSignal(record.closed, timeout=2000):
        qtbot.keyClick(focused, Qt.Key.Key_Escape)
    assert not record.isVisible()
    assert not p.table.is_compact()
    assert p.table.hasFocus()
    assert p.table.selected_id() == people.ben


def test_double_click_and_enter_in_the_search_box_open_a_record(
    qtbot: QtBot, window: MainWindow, people: People
) -> None:
    p = page(window)
    table = p.table
    rect = table.visualRect(p.model.index(p.model.row_of(people.mia) or 0, NAME))
    # QTest's double-click lacks the press before it; a person's first click supplies it.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert p.record_view.current_person_id() is None  # a single click only selects
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert p.record_view.current_person_id() == people.mia

    p.record_view.closed.emit()
    type_search(qtbot, window, "lopez")
    qtbot.keyClick(p.panel.search_box, Qt.Key.Key_Return)
    assert p.record_view.current_person_id() == people.ana


def test_up_on_the_first_row_goes_back_to_the_search_box(qtbot: QtBot, window: MainWindow) -> None:
    p = page(window)
    qtbot.keyClick(p.panel.search_box, Qt.Key.Key_Down)
    assert p.table.hasFocus()
    qtbot.keyClick(p.table, Qt.Key.Key_Up)
    assert p.panel.search_box.hasFocus()


def test_a_saved_record_requeries_the_filtered_list(
    qtbot: QtBot, window: MainWindow, services: Services, people: People
) -> None:
    p = page(window)
    panel = p.panel
    with qtbot.waitSignal(p.model.modelReset, timeout=2000):
        panel.status_combo.setCurrentIndex(panel.status_combo.findText("In care"))
    assert "García, José" not in names(window)
    p.open_person(people.jose)  # the record is open beside the list
    with qtbot.waitSignal(p.model.modelReset, timeout=2000):
        # What the record's Admit saves; the service announces it on the change bus.
        services.residents.admit(people.jose, AdmissionDraft(program_id(services, "mens"), TODAY))
    assert "García, José" in names(window)
    assert p.table.selected_id() == people.jose
    assert p.model.index(p.model.row_of(people.jose) or 0, STATUS).data() == "In care"


def test_refresh_keeps_the_selected_person(
    qtbot: QtBot, window: MainWindow, services: Services, people: People
) -> None:
    p = page(window)
    p.panel.select_record(people.ana)
    services.residents.create_person(PersonDraft("Aaron", "Abbott"))
    p.refresh()
    assert names(window)[0] == "Abbott, Aaron"
    assert p.table.selected_id() == people.ana
    assert p.table.currentIndex().row() == 4


# -- paging ----------------------------------------------------------------------------------


def test_only_the_pages_shown_are_read(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    add_many(services, 450)
    p = page(window)
    p.refresh()
    model = p.model
    assert model.rowCount() == 455
    qtbot.waitUntil(lambda: model.cached_page_count() > 0, timeout=2000)
    assert model.cached_pages() == [0]

    p.table.scrollToBottom()
    last = model.rowCount() - 1
    qtbot.waitUntil(lambda: last // PAGE_SIZE in model.cached_pages(), timeout=2000)
    assert 1 not in model.cached_pages()  # the middle page was never on screen
    assert model.index(last, NAME).data() != MISSING


class _RowsFail:
    """A residents service whose row reads fail (a database that went away mid-scroll)."""

    def __init__(self, real: ResidentService, *, fail: bool = True) -> None:
        self._real = real
        self.fail = fail
        self.row_reads = 0

    def search_ids(self, q: ResidentQuery) -> list[int]:
        return self._real.search_ids(q)

    def rows(self, ids: Sequence[int]) -> list[ResidentRow]:
        self.row_reads += 1
        if self.fail:
            raise OSError("disk I/O error")
        return self._real.rows(ids)


def _model(service: object, page_size: int) -> ResidentTableModel:
    model = ResidentTableModel(cast(ResidentService, service), lambda: TODAY, page_size=page_size)
    model.set_query(ResidentQuery())
    return model


def test_pages_are_fetched_on_demand_and_bounded(services: Services) -> None:
    add_many(services, MAX_CACHED_PAGES + 5)
    counting = _RowsFail(services.residents, fail=False)
    model = _model(counting, page_size=1)
    assert model.cached_page_count() == 0  # a search reads ids only
    for r in range(model.rowCount()):
        model.flags(model.index(r, 0))
        model.index(r, 0).data(ID_ROLE)
    assert counting.row_reads == 0  # flags() and the id role never fetch
    model.index(0, NAME).data()
    model.index(0, STATUS).data()
    assert counting.row_reads == 1
    for r in range(model.rowCount()):
        assert model.index(r, NAME).data() != MISSING
    assert model.cached_page_count() == MAX_CACHED_PAGES
    assert model.cached_pages()[0] == model.rowCount() - MAX_CACHED_PAGES  # LRU: oldest gone


def test_a_failed_read_shows_disabled_rows_not_an_exception(
    services: Services, people: People
) -> None:
    failing = _RowsFail(services.residents)
    model = _model(failing, page_size=2)
    index = model.index(0, NAME)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEnabled  # unknown yet: flags() never fetches
    assert index.data() == MISSING
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEnabled
    assert model.index(0, STATUS).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(4, NAME).flags() & Qt.ItemFlag.ItemIsEnabled  # another page


def test_a_person_deleted_meanwhile_shows_as_a_disabled_row(
    services: Services, people: People
) -> None:
    from peerdesk.models import Person

    model = _model(services.residents, page_size=10)
    with services.db.sessions.begin() as s:
        person = s.get(Person, people.mia)
        assert person is not None
        s.delete(person)
    chen = model.index(1, NAME)
    assert chen.data() == MISSING
    assert not chen.flags() & Qt.ItemFlag.ItemIsEnabled
    assert model.index(0, NAME).data() == "Adams, Zoe"


def test_a_failed_search_says_why_in_the_list(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, services: Services
) -> None:
    def broken(_q: ResidentQuery) -> list[int]:
        raise OSError("unable to open database file\nmore detail")

    monkeypatch.setattr(services.residents, "search_ids", broken)
    type_search(qtbot, window, "a")
    label = page(window).panel.empty_label
    assert label.isVisible()
    assert label.text() == (
        "The list could not be read from the database (unable to open database file). "
        "Press F5 to try again."
    )
    monkeypatch.undo()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert page(window).model.rowCount() > 0


def test_model_index_outside_rows_answers_nothing(window: MainWindow) -> None:
    model = page(window).model
    assert model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0


def test_idle_warm_up_reads_the_first_record_once(
    qtbot: QtBot, services: Services, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peerdesk.gui import create_main_window, make_context
    from peerdesk.ui.residents.workspace import WARM_UP_DELAY_MS

    reads: list[int] = []
    real_get = services.residents.get

    def spy(person_id: int) -> Any:
        reads.append(person_id)
        return real_get(person_id)

    monkeypatch.setattr(services.residents, "get", spy)
    w = create_main_window(today=lambda: TODAY)
    qtbot.addWidget(w)
    w.show()
    tasks = TaskRunner()
    w.attach(make_context(services, tasks=tasks))
    assert reads == []  # nothing before the list is up and the desk idle
    qtbot.wait(WARM_UP_DELAY_MS - 100)
    assert reads == []
    qtbot.waitUntil(lambda: bool(reads), timeout=5000)
    qtbot.wait(100)
    assert reads == [residents(w).model.id_at(0)]
    assert residents(w).record_view.current_person_id() is None  # nothing shown
    w.close()
    tasks.wait()
