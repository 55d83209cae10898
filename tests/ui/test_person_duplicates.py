"""Registering someone who is already registered: asked first, offered their record."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.app import Services
from peerdesk.ui.main_window import MainWindow
from peerdesk.ui.residents.dialogs import PersonDialog
from tests.conftest import TODAY
from tests.ui.conftest import People, residents
from tests.ui.dialog_cases import opened
from tests.ui.test_admission_dialog import Questions, ctrl_s


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    q = Questions()

    def question(_parent: QWidget, _title: str, text: str, *_a: object) -> object:
        q.asked.append(text)
        return q.answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return q


def register(qtbot: QtBot, services: Services, first: str, last: str, phone: str) -> PersonDialog:
    d = PersonDialog(services.residents, today=lambda: TODAY)
    opened(qtbot, d)
    QTest.keyClicks(d.first_name, first)
    QTest.keyClicks(d.last_name, last)
    QTest.keyClicks(d.phone, phone)
    return d


def chens(services: Services) -> int:
    return len(services.residents.find_matches("Mia", "Chen", None, "555-0199"))


def test_same_name_and_phone_offers_the_existing_record(
    qtbot: QtBot, services: Services, people: People, questions: Questions
) -> None:
    questions.answer = QMessageBox.StandardButton.Open
    d = register(qtbot, services, "mia", "CHEN", "(555) 0199")
    with qtbot.waitSignal(d.existing_chosen, timeout=2000) as chosen:
        ctrl_s(d)
    assert chosen.args == [people.mia]
    [asked] = questions.asked
    assert "Chen, Mia, R-00004" in asked
    assert not d.isVisible()
    assert chens(services) == 1  # no second record


def test_cancel_keeps_the_form_and_save_registers_a_second_person(
    qtbot: QtBot, services: Services, people: People, questions: Questions
) -> None:
    questions.answer = QMessageBox.StandardButton.Cancel
    d = register(qtbot, services, "Mia", "Chen", "555-0199")
    ctrl_s(d)
    assert d.isVisible()
    assert d.first_name.text() == "Mia"
    assert chens(services) == 1

    questions.answer = QMessageBox.StandardButton.Save
    with qtbot.waitSignal(d.saved, timeout=2000):
        ctrl_s(d)
    assert chens(services) == 2


def test_no_match_asks_nothing(
    qtbot: QtBot, services: Services, people: People, questions: Questions
) -> None:
    d = register(qtbot, services, "Mia", "Chen", "555-0100")  # another phone, no birth date
    with qtbot.waitSignal(d.saved, timeout=2000):
        ctrl_s(d)
    assert questions.asked == []


def test_ctrl_n_for_someone_registered_opens_their_record(
    qtbot: QtBot, window: MainWindow, services: Services, people: People, questions: Questions
) -> None:
    questions.answer = QMessageBox.StandardButton.Open
    page = residents(window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    d = window.findChild(PersonDialog)
    assert d is not None
    qtbot.waitUntil(d.isVisible, timeout=2000)
    QTest.keyClicks(d.first_name, "Mia")
    QTest.keyClicks(d.last_name, "Chen")
    QTest.keyClicks(d.phone, "555-0199")
    ctrl_s(d)
    qtbot.waitUntil(lambda: page.record_view.current_person_id() == people.mia, timeout=2000)
    assert chens(services) == 1
