"""Helpers of the record view tests: open a record and wait for it, press tabs, save forms."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from peerdesk.app import Services
from peerdesk.ui.common.form_dialog import FormDialog
from peerdesk.ui.common.tasks import TaskRunner
from peerdesk.ui.residents.record.view import ResidentRecordView

LEFT = Qt.MouseButton.LeftButton


def show_tab(view: ResidentRecordView, name: str) -> None:
    """Click the tab whose title starts with ``name`` (tabs fill when they are shown)."""
    index = next(i for i in range(view.tabs.count()) if view.tabs.tabText(i).startswith(name))
    QTest.mouseClick(view.tabs.tabBar(), LEFT, pos=view.tabs.tabBar().tabRect(index).center())
    assert view.tabs.currentIndex() == index


def program_id(services: Services, code: str) -> int:
    return next(p.id for p in services.programs.programs() if p.code == code)


def opened(qtbot: QtBot, view: ResidentRecordView, kind: type[Any]) -> Any:
    """The dialog the last click opened, shown and holding the keyboard (a form whose data is
    read in a worker opens when the data arrives)."""
    qtbot.waitUntil(lambda: isinstance(view.current_dialog(), kind), timeout=5000)
    dialog = view.current_dialog()
    assert isinstance(dialog, kind)
    qtbot.waitExposed(dialog)
    # Best effort: once any test has run an event loop to its end (app.exec() returned),
    # Qt activates no window any more; Ctrl+S then reaches the dialog as a key press.
    dialog.activateWindow()
    return dialog


def ctrl_s(dialog: FormDialog[Any]) -> None:
    QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def show(qtbot: QtBot, view: ResidentRecordView, person_id: int) -> None:
    """Open ``person_id``'s record and wait until it is read and on screen."""
    with qtbot.waitSignal(view.record_shown, timeout=5000):
        view.show_person(person_id)


def saving(qtbot: QtBot, view: ResidentRecordView) -> Any:
    """Wait for a save and for the record read again after it."""
    return qtbot.waitSignals([view.resident_changed, view.record_shown], timeout=5000)


def wait_for_reads(widget: QObject) -> None:
    """Let the record reads still running under ``widget`` end (before the database goes)."""
    for runner in widget.findChildren(TaskRunner):
        runner.wait()


def add_mentor(services: Services, first: str = "Dwayne", last: str = "Carter") -> int:
    """An active alumnus with the mentor role (no alumni service yet: straight to the table)."""
    from peerdesk.domain.enums import AlumnusRole, AlumnusStatus
    from peerdesk.models import Alumnus, AlumnusRoleAssignment

    with services.db.sessions.begin() as s:
        alumnus = Alumnus(first_name=first, last_name=last, status=AlumnusStatus.ACTIVE)
        s.add(alumnus)
        s.flush()
        s.add(AlumnusRoleAssignment(alumnus_id=alumnus.id, role=AlumnusRole.MENTOR))
        return alumnus.id
