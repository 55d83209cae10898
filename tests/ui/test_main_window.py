"""The application shell: start-up, navigation, shortcuts, status bar, registering a person."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressBar
from pytestqt.qtbot import QtBot

from peerdesk import gui
from peerdesk.app import Services
from peerdesk.domain.residents import AdmissionDraft, PersonDraft
from peerdesk.gui import create_main_window, make_context, run_gui
from peerdesk.ui.launch import EXIT_UNOPENABLE
from peerdesk.ui.main_window import MainWindow
from tests.conftest import TODAY
from tests.ui.conftest import People, program_id, residents

ROOT = Path(__file__).resolve().parents[2]


def test_start_up_imports_nothing_heavy_before_the_window_shows() -> None:
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtWidgets import QApplication
        from peerdesk.gui import create_main_window
        from peerdesk.ui.launch import configure_application
        app = QApplication([])
        configure_application(app)
        window = create_main_window()
        window.show()
        app.processEvents()
        heavy = ("sqlalchemy", "alembic", "reportlab", "peerdesk.app", "peerdesk.services",
                 "peerdesk.models", "peerdesk.db", "peerdesk.ui.residents")
        print(sorted(m for m in sys.modules if m.startswith(heavy)))
        print(window.windowTitle(), window.width(), window.height())
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    ).stdout.splitlines()
    assert out == ["[]", "PeerDesk 1280 800"]


def test_before_the_database_opens_the_list_says_so(qtbot: QtBot) -> None:
    window = create_main_window()
    qtbot.addWidget(window)
    window.show()
    page = window.page("residents")
    assert page.loading_text == "Opening database…"
    busy = page.findChild(QProgressBar)
    assert busy is not None
    assert busy.isVisible()
    assert busy.maximum() == 0  # a busy bar, not a made-up percentage
    assert not page.is_attached
    assert not window.new_action.isEnabled()
    assert window.db_label.text() == "Opening database…"


def test_ctrl_1_to_5_switch_areas_and_the_others_say_what_they_will_hold(
    qtbot: QtBot, window: MainWindow
) -> None:
    expected = ["Alumni", "Activities", "Sessions", "Reports"]
    for i, name in enumerate(expected):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_2 + i), Qt.KeyboardModifier.ControlModifier)
        assert window.current_area() == name
        shown = window.pages.currentWidget()
        assert shown is window.area_pages[i + 1]
        assert "arrives in a coming release" in window.area_pages[i + 1].coming_text()
    assert "core competencies" in window.page("alumni").coming_text()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "Residents"
    assert window.pages.currentWidget() is window.page("residents")
    window.nav.setCurrentRow(4)
    assert window.pages.currentWidget() is window.page("reports")


def test_ctrl_f_focuses_the_search_box_and_selects_its_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = residents(window).panel
    qtbot.keyClicks(panel.search_box, "lopez")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Down)
    assert panel.table.hasFocus()
    window.show_area(2)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "Residents"
    assert panel.search_box.hasFocus()
    assert panel.search_box.selectedText() == "lopez"


def test_status_bar_names_the_database_and_the_census(window: MainWindow) -> None:
    url = window.services.db.url if window.services else ""
    assert window.db_label.text() == f"Database: {url}"
    assert window.census_label.text() == (
        "Men's program: 1/20 beds used, 19 free   ·   Women's program: 1/20 beds used, 19 free"
    )


def test_the_database_password_never_shows(
    qtbot: QtBot, services: Services, people: People
) -> None:
    window = create_main_window(today=lambda: TODAY)
    qtbot.addWidget(window)
    shown_url = "postgresql://desk:s3cret@facility-server/peerdesk"
    window.attach(make_context(replace(services, db=replace(services.db, url=shown_url))))
    assert "s3cret" not in window.db_label.text()
    assert window.db_label.text() == "Database: postgresql://desk:***@facility-server/peerdesk"


def test_census_follows_an_admission_saved_in_the_record(
    qtbot: QtBot, window: MainWindow, services: Services, people: People
) -> None:
    # The service announces the admission on the change bus; no widget relays it.
    services.residents.admit(people.jose, AdmissionDraft(program_id(services, "mens"), TODAY))
    assert window.census_label.text().startswith("Men's program: 2/20 beds used, 18 free")


def test_ctrl_n_registers_a_person_who_is_then_selected_and_opened(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    from peerdesk.ui.residents.dialogs import PersonDialog

    page = residents(window)
    page.panel.status_combo.setCurrentIndex(1)  # "In care": the new person would be hidden
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(PersonDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=2000)

    new_id = services.residents.create_person(PersonDraft("Nora", "Quinn"))
    dialog.resident_saved.emit(new_id)  # what the dialog says after saving
    dialog.accept()
    qtbot.waitUntil(lambda: page.record_view.current_person_id() == new_id, timeout=2000)
    assert page.table.selected_id() == new_id
    assert page.panel.status_combo.currentText() == "Everyone"
    assert "Quinn, Nora" in [page.model.index(r, 1).data() for r in range(page.model.rowCount())]


def _press_ok_on_the_message_box(seen: list[str]) -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            seen.append(f"{widget.text()}\n{widget.informativeText()}")
            widget.accept()
            return
    QTimer.singleShot(20, lambda: _press_ok_on_the_message_box(seen))


@pytest.mark.parametrize("source", ["--db", "PEERDESK_DB"])
def test_a_database_that_cannot_be_opened_is_named_in_one_line_and_exits_2(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    seen: list[str] = []
    url = "nosuchdb://desk:s3cret@server/peerdesk"
    monkeypatch.setenv("PEERDESK_DB", url)
    QTimer.singleShot(20, lambda: _press_ok_on_the_message_box(seen))
    status = run_gui(url if source == "--db" else None)
    assert status == EXIT_UNOPENABLE
    assert len(seen) == 1
    title, where, reason = seen[0].splitlines()
    assert title == "PeerDesk could not open its database."
    assert where == "nosuchdb://desk:***@server/peerdesk"
    # Named after where the URL came from, so the person knows what to correct.
    assert reason == f"{source}: unsupported database kind 'nosuchdb' (use sqlite or postgresql)"


def test_run_gui_opens_the_database_fills_the_list_and_exits_0_on_quit(
    qtbot: QtBot, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    windows: list[MainWindow] = []
    real = gui.create_main_window

    def remember() -> MainWindow:
        windows.append(real())
        return windows[-1]

    def quit_once_filled() -> None:
        if windows and windows[0].page("residents").is_attached:
            windows[0].quit_action.trigger()
        else:
            QTimer.singleShot(20, quit_once_filled)

    monkeypatch.setattr(gui, "create_main_window", remember)
    QTimer.singleShot(20, quit_once_filled)
    assert run_gui(db_url) == 0
    # Quitting leaves Qt in its "application closing" state, which refuses to activate windows
    # until an event loop starts again; the real process ends here, the test process goes on.
    QTimer.singleShot(0, lambda: QCoreApplication.exit(0))
    QApplication.instance().exec()  # type: ignore[union-attr]
    assert windows[0].windowTitle() == "PeerDesk"
    assert QApplication.applicationName() == "PeerDesk"


def test_a_program_over_capacity_reads_as_beds_over_in_a_warning_colour(
    qtbot: QtBot, window: MainWindow, services: Services, people: People
) -> None:
    from peerdesk.domain.enums import Gender
    from peerdesk.domain.residents import CensusRow, ProgramInfo
    from peerdesk.ui import theme
    from peerdesk.ui.main_window import census_text

    womens = ProgramInfo(1, "womens", "Women's program", Gender.FEMALE, 16)
    mens = ProgramInfo(2, "mens", "Men's program", Gender.MALE, 16)
    text = census_text([CensusRow(womens, 17), CensusRow(mens, 16)])
    assert text == (
        "Women's program: 17/16 beds, 1 over   ·   Men's program: 16/16 beds used, 0 free"
    )
    with services.db.sessions.begin() as s:
        from sqlalchemy import text as sql

        s.execute(sql("UPDATE programs SET bed_capacity = 0 WHERE code = 'mens'"))
    window.refresh_census()
    assert window.census_label.text().startswith("Men's program: 1/0 beds, 1 over")
    assert theme.WARNING in window.census_label.styleSheet()
