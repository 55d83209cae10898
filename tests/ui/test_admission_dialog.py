"""Admitting: the men's and women's programs and the bed limit, warned about at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.app import Services
from peerdesk.domain.residents import AdmissionDraft
from peerdesk.models import Program
from peerdesk.ui import theme
from peerdesk.ui.residents.dialogs import AdmissionDialog
from tests.conftest import TODAY
from tests.ui.conftest import People, program_id
from tests.ui.dialog_cases import opened


class Questions:
    """Message boxes: what they asked, and the answer to give."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answer = QMessageBox.StandardButton.No


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    q = Questions()

    def question(_parent: QWidget, _title: str, text: str, *_a: object) -> object:
        q.asked.append(text)
        return q.answer

    def warning(_parent: QWidget, _title: str, text: str, *_a: object) -> object:
        q.asked.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", warning)
    return q


def admit_dialog(qtbot: QtBot, services: Services, person_id: int) -> AdmissionDialog:
    d = AdmissionDialog(services.residents, services.programs, person_id, today=lambda: TODAY)
    opened(qtbot, d)
    return d


def ctrl_s(d: QWidget) -> None:
    QTest.keyClick(d, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_the_wrong_program_is_warned_about_as_soon_as_it_is_chosen(
    qtbot: QtBot, services: Services, people: People, questions: Questions
) -> None:
    d = admit_dialog(qtbot, services, people.jose)  # a man
    assert d.program.value() == program_id(services, "mens")
    assert not d.override_box.isVisible()
    d.program.setFocus()
    QTest.keyClick(d.program, Qt.Key.Key_Down)  # the women's program, by keyboard
    assert d.program.value() == program_id(services, "womens")
    assert d.override_box.isVisible()
    assert d.override_message.text() == (
        "Admitting a man to Women's program breaks the rule that it is for female residents only."
    )
    assert questions.asked == []
    assert not d.save_button.isEnabled()  # a reason first
    QTest.keyClick(d.program, Qt.Key.Key_Up)
    assert not d.override_box.isVisible()
    assert d.save_button.isEnabled()


def test_admitting_anyway_asks_a_question_naming_the_rule(
    qtbot: QtBot, services: Services, people: People, questions: Questions
) -> None:
    d = admit_dialog(qtbot, services, people.jose)
    d.program.set_value(program_id(services, "womens"))
    QTest.keyClicks(d.override_reason, "Placement agreed with the clinical lead")

    ctrl_s(d)  # answered No: nothing is saved, the dialog stays as typed
    [asked] = questions.asked
    assert "Admitting a man to Women's program breaks the rule" in asked
    assert asked.endswith("Admit anyway?")
    assert d.isVisible()
    assert services.residents.get(people.jose).stays == ()
    assert d.override_reason.text() == "Placement agreed with the clinical lead"

    questions.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(d.saved, timeout=2000):
        ctrl_s(d)
    [stay] = services.residents.get(people.jose).stays
    assert stay.program_id == program_id(services, "womens")
    assert stay.override_reason == "Placement agreed with the clinical lead"


def _over_capacity(services: Services, people: People) -> None:
    """Women's program with one bed and two women in it (Ana, and Mia admitted anyway)."""
    with services.db.sessions.begin() as s:
        program = s.get(Program, program_id(services, "womens"))
        assert program is not None
        program.bed_capacity = 1
    services.residents.admit(
        people.mia, AdmissionDraft(program_id(services, "womens"), TODAY, "Emergency placement")
    )


def test_a_program_over_capacity_says_how_far_over_in_a_warning_colour(
    qtbot: QtBot, services: Services, people: People, questions: Questions
) -> None:
    _over_capacity(services, people)
    d = admit_dialog(qtbot, services, people.zoe)  # a woman, discharged earlier
    womens = d.program.values().index(program_id(services, "womens"))
    assert d.program.itemText(womens) == "Women's program — 2/1 beds, 1 over"
    assert all("0 free" not in d.program.itemText(i) for i in range(d.program.count()))
    colour = d.program.itemData(womens, Qt.ItemDataRole.ForegroundRole)
    assert QColor(colour) == QColor(theme.WARNING)
    mens = d.program.values().index(program_id(services, "mens"))
    assert d.program.itemData(mens, Qt.ItemDataRole.ForegroundRole) is None

    d.program.set_value(program_id(services, "womens"))
    assert d.override_box.isVisible()
    assert "admitting breaks the bed limit (3/1 beds, 2 over)" in d.override_message.text()
