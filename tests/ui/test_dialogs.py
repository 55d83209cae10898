"""The Residents forms driven as a person would: typing, Ctrl+S, Esc, refusals and conflicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.app import Services
from peerdesk.domain.enums import (
    AlumnusRole,
    AlumnusStatus,
    DischargeReason,
    Gender,
    GoalStatus,
    ResidentStatus,
    ScreeningCriterion,
    ScreeningDecision,
    StageOfChange,
)
from peerdesk.domain.residents import (
    ActionDraft,
    AdmissionDraft,
    DischargeDraft,
    GoalDraft,
    PersonDraft,
)
from peerdesk.models import Alumnus, AlumnusRoleAssignment
from peerdesk.ui.common.form_dialog import CONFLICT_MESSAGE, UNEXPECTED_MESSAGE, FormDialog
from peerdesk.ui.common.form_state import error_text
from peerdesk.ui.residents.dialogs import (
    AftercareDialog,
    GoalDialog,
    MentorDialog,
    PersonDialog,
    ScreeningDialog,
)
from tests.conftest import TODAY

# The offscreen platform says this once per process, on the first window shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

Discard = QMessageBox.StandardButton.Discard


@dataclass
class Boxes:
    """Message boxes that would have blocked: what they said, and what the person answers."""

    shown: list[tuple[str, str]] = field(default_factory=list)
    answer: QMessageBox.StandardButton = Discard

    def texts(self) -> str:
        return "\n".join(text for _, text in self.shown)


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    b = Boxes()

    def tell(kind: str) -> object:
        def box(_parent: QWidget, _title: str, text: str, *_a: object) -> object:
            b.shown.append((kind, text))
            return QMessageBox.StandardButton.Ok

        return box

    def question(_parent: QWidget, _title: str, text: str, *_a: object) -> object:
        b.shown.append(("question", text))
        return b.answer

    monkeypatch.setattr(QMessageBox, "warning", tell("warning"))
    monkeypatch.setattr(QMessageBox, "information", tell("information"))
    monkeypatch.setattr(QMessageBox, "critical", tell("critical"))
    monkeypatch.setattr(QMessageBox, "question", question)
    return b


def program_id(services: Services, code: str) -> int:
    return next(p.id for p in services.programs.programs() if p.code == code)


def show(qtbot: QtBot, dialog: FormDialog[Any]) -> None:
    """Open the dialog as the application does and give it the keyboard."""
    if not dialog.isVisible():
        dialog.open()
    qtbot.waitExposed(dialog)
    # Best effort: once any test has run an event loop to its end (app.exec() returned),
    # Qt activates no window any more; Ctrl+S then reaches the dialog as a key press.
    dialog.activateWindow()


def ctrl_s(dialog: QWidget) -> None:
    QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def retype(widget: QWidget, text: str) -> None:
    """Select everything in the field and type over it."""
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(widget, Qt.Key.Key_Delete)
    QTest.keyClicks(widget, text)


@pytest.fixture
def new_person(qtbot: QtBot, services: Services) -> PersonDialog:
    dialog = PersonDialog(services.residents, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    show(qtbot, dialog)
    return dialog


def add_mentor(services: Services, first: str = "Dwayne", last: str = "Carter") -> int:
    with services.db.sessions.begin() as s:
        alumnus = Alumnus(first_name=first, last_name=last, status=AlumnusStatus.ACTIVE)
        s.add(alumnus)
        s.flush()
        s.add(AlumnusRoleAssignment(alumnus_id=alumnus.id, role=AlumnusRole.MENTOR))
        return alumnus.id


# ---- person -----------------------------------------------------------------------------------


def test_register_a_person_typing_a_bad_date_then_fixing_it(
    qtbot: QtBot, services: Services, new_person: PersonDialog
) -> None:
    d = new_person
    assert d.windowTitle() == "Register a new person"
    QTest.keyClicks(d.first_name, "Ana")
    QTest.keyClicks(d.last_name, "Lopez")
    QTest.keyClicks(d.date_of_birth.line, "2026-13-45")

    label = d.error_label("date_of_birth")
    assert label.isVisible()
    assert "not a date" in label.text()
    assert not d.save_button.isEnabled()

    retype(d.date_of_birth.line, "1990-04-02")
    assert not label.isVisible()
    assert d.save_button.isEnabled()
    with qtbot.waitSignal(d.resident_saved, timeout=2000) as saved:
        ctrl_s(d)
    person_id = saved.args[0]
    detail = services.residents.get(person_id)
    assert (detail.first_name, detail.last_name) == ("Ana", "Lopez")
    assert detail.date_of_birth == dt.date(1990, 4, 2)
    assert not d.isVisible()


def test_names_are_required_before_save_and_the_hint_says_so(new_person: PersonDialog) -> None:
    d = new_person
    assert not d.save_button.isEnabled()
    # Untouched fields are not shouted at; the line by Save says what is missing.
    assert not d.error_label("first_name").isVisible()
    assert "First name" in d.hint.text()
    d.first_name.setText("Ana")
    d.first_name.clear()
    assert d.error_label("first_name").text() == "First name is required"


def test_a_future_sobriety_date_shows_next_to_the_field(
    qtbot: QtBot, new_person: PersonDialog
) -> None:
    QTest.keyClicks(new_person.sobriety_date.line, "2026-06-16")
    assert new_person.error_label("sobriety_date").text() == "Sobriety date is in the future"


def test_ctrl_s_on_an_invalid_form_shows_every_problem(
    qtbot: QtBot, new_person: PersonDialog
) -> None:
    ctrl_s(new_person)
    assert new_person.isVisible()
    assert new_person.error_label("first_name").isVisible()
    assert new_person.error_label("last_name").isVisible()


def test_a_refusal_by_the_service_lands_on_its_field_and_keeps_the_typing(
    qtbot: QtBot, services: Services, new_person: PersonDialog
) -> None:
    services.residents.create_person(PersonDraft("Ben", "Okafor", external_id="F-1"))
    d = new_person
    QTest.keyClicks(d.first_name, "Ana")
    QTest.keyClicks(d.last_name, "Lopez")
    QTest.keyClicks(d.external_id, "F-1")
    ctrl_s(d)
    assert d.isVisible()
    assert d.error_label("external_id").text() == "Facility id is already used by another resident"
    assert (d.first_name.text(), d.last_name.text()) == ("Ana", "Lopez")
    assert not d.save_button.isEnabled()
    QTest.keyClicks(d.external_id, "2")
    assert d.save_button.isEnabled()
    with qtbot.waitSignal(d.saved, timeout=2000):
        ctrl_s(d)


def test_conflict_reloads_and_keeps_what_was_typed(
    qtbot: QtBot, services: Services, boxes: Boxes
) -> None:
    r = services.residents
    pid = r.create_person(PersonDraft("Ana", "Lopez", phone="555 0100"))
    d = PersonDialog(r, None, pid, today=lambda: TODAY)
    qtbot.addWidget(d)
    show(qtbot, d)
    assert d.windowTitle() == "Edit personal data"
    retype(d.phone, "555 0199")

    # Another workstation renames her meanwhile.
    other = r.get(pid)
    r.update_person(pid, PersonDraft("Ana", "Lopez-Ruiz", phone="555 0100"), other.version)

    ctrl_s(d)
    assert CONFLICT_MESSAGE in boxes.texts()
    assert d.isVisible()
    assert d.last_name.text() == "Lopez-Ruiz"  # reloaded
    assert d.notice.isVisible()
    assert "555 0199" in d.notice.label.text()  # what was typed is shown, not lost

    d.reapply_mine()
    assert d.phone.text() == "555 0199"
    assert d.last_name.text() == "Lopez-Ruiz"
    with qtbot.waitSignal(d.resident_saved, timeout=2000):
        ctrl_s(d)
    detail = r.get(pid)
    assert (detail.last_name, detail.phone) == ("Lopez-Ruiz", "555 0199")


def test_esc_on_a_clean_form_closes_without_asking(
    qtbot: QtBot, new_person: PersonDialog, boxes: Boxes
) -> None:
    QTest.keyClick(new_person, Qt.Key.Key_Escape)
    assert not new_person.isVisible()
    assert boxes.shown == []


def test_esc_on_a_dirty_form_asks_before_discarding(
    qtbot: QtBot, new_person: PersonDialog, boxes: Boxes
) -> None:
    QTest.keyClicks(new_person.first_name, "Ana")
    boxes.answer = QMessageBox.StandardButton.Cancel
    QTest.keyClick(new_person, Qt.Key.Key_Escape)
    assert new_person.isVisible()
    assert new_person.first_name.text() == "Ana"
    assert boxes.shown == [("question", "Discard what you typed in this form?")]

    boxes.answer = Discard
    with qtbot.waitSignal(new_person.discarded, timeout=2000):
        QTest.keyClick(new_person, Qt.Key.Key_Escape)
    assert not new_person.isVisible()


def test_an_unexpected_failure_says_nothing_about_the_record(
    qtbot: QtBot,
    services: Services,
    new_person: PersonDialog,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(draft: PersonDraft) -> int:
        raise RuntimeError(f"database exploded while saving {draft.first_name}")

    monkeypatch.setattr(services.residents, "create_person", broken)
    QTest.keyClicks(new_person.first_name, "Ana")
    QTest.keyClicks(new_person.last_name, "Lopez")
    ctrl_s(new_person)
    assert boxes.shown == [("warning", UNEXPECTED_MESSAGE)]
    assert "Ana" not in boxes.texts()
    assert new_person.isVisible()
    assert new_person.first_name.text() == "Ana"
    assert new_person.save_button.isEnabled()


def test_error_text_reads_as_a_sentence() -> None:
    assert error_text("First name", "is required") == "First name is required"
    assert error_text("Date", "'x' is not a date (use YYYY-MM-DD)") == (
        "'x' is not a date (use YYYY-MM-DD)"
    )
    assert error_text("Admission date", "the person is already in care; discharge first") == (
        "The person is already in care; discharge first"
    )


# ---- screening --------------------------------------------------------------------------------


def test_screening_rate_all_nine_and_waitlist(qtbot: QtBot, services: Services) -> None:
    r = services.residents
    pid = r.create_person(PersonDraft("Mia", "Chen", gender=Gender.FEMALE))
    d = ScreeningDialog(r, services.programs, pid, today=lambda: TODAY)
    qtbot.addWidget(d)
    show(qtbot, d)
    assert d.screened_on.text() == TODAY.isoformat()
    # Unrated criteria are visibly unrated, and the hint counts them.
    assert all(p.state.text() == "not rated" for p in d.ratings.values())
    assert "rate 9 more criteria" in d.hint.text()
    assert not d.save_button.isEnabled()

    for i, criterion in enumerate(ScreeningCriterion):
        QTest.mouseClick(d.ratings[criterion].button(1 + i % 5), Qt.MouseButton.LeftButton)
    QTest.keyClicks(d.rating_notes[ScreeningCriterion.MOTIVATION], "Wants to rebuild trust")
    assert d.ratings[ScreeningCriterion.DIAGNOSIS].state.text() == ""
    d.stage_of_change.set_value(StageOfChange.PREPARATION)
    d.decision.set_value(ScreeningDecision.WAITLIST)
    assert not d.save_button.isEnabled()
    assert "Reason for the decision" in d.hint.text()
    QTest.keyClicks(d.decision_reason, "No bed free this month")
    assert d.save_button.isEnabled()

    with qtbot.waitSignal(d.saved, timeout=2000):
        ctrl_s(d)
    detail = r.get(pid)
    assert detail.status is ResidentStatus.WAITLISTED
    [screening] = detail.screenings
    assert [x.rating for x in screening.ratings] == [1 + i % 5 for i in range(9)]
    assert screening.ratings[1].note == "Wants to rebuild trust"
    assert screening.decision_reason == "No bed free this month"
    assert screening.program_id == program_id(services, "womens")


def test_rating_by_keyboard(qtbot: QtBot, services: Services) -> None:
    pid = services.residents.create_person(PersonDraft("Mia", "Chen"))
    d = ScreeningDialog(services.residents, services.programs, pid, today=lambda: TODAY)
    qtbot.addWidget(d)
    show(qtbot, d)
    picker = d.ratings[ScreeningCriterion.INSIGHT]
    QTest.keyClick(picker, Qt.Key.Key_4)
    assert picker.value() == 4
    QTest.keyClick(picker, Qt.Key.Key_Right)
    assert picker.value() == 5
    QTest.keyClick(picker, Qt.Key.Key_Backspace)
    assert picker.value() == 0
    assert picker.state.text() == "not rated"


# ---- goal -------------------------------------------------------------------------------------


def test_goal_with_two_steps_reordered(qtbot: QtBot, services: Services) -> None:
    r = services.residents
    pid = r.create_person(PersonDraft("Ben", "Okafor"))
    d = GoalDialog(r, pid, None, today=lambda: TODAY)
    qtbot.addWidget(d)
    show(qtbot, d)
    QTest.keyClicks(d.title, "Find stable housing")
    QTest.keyClicks(d.target_date.line, "2026-09-01")
    [first] = d.steps
    QTest.keyClicks(first.description, "Apply for housing assistance")
    QTest.keyClicks(first.target.line, "2026-07-15")
    QTest.mouseClick(d.add_step_button, Qt.MouseButton.LeftButton)
    second = d.steps[1]
    QTest.keyClicks(second.description, "Visit two sober-living houses")
    QTest.keyClicks(second.target.line, "2026-09-30")
    # A step due after the goal is flagged on that step's row.
    assert second.errors.text() == "Step 2 target date is after the goal's target date"
    assert not d.save_button.isEnabled()
    retype(second.target.line, "2026-07-01")
    assert d.save_button.isEnabled()
    QTest.mouseClick(second.up, Qt.MouseButton.LeftButton)
    assert d.steps == [second, first]
    # A blank third row is ignored, not an error.
    QTest.mouseClick(d.add_step_button, Qt.MouseButton.LeftButton)
    assert d.save_button.isEnabled()

    with qtbot.waitSignal(d.saved, timeout=2000) as saved:
        ctrl_s(d)
    goal = next(g for g in r.get(pid).goals if g.id == saved.args[0])
    assert goal.title == "Find stable housing"
    assert [a.description for a in goal.actions] == [
        "Visit two sober-living houses",
        "Apply for housing assistance",
    ]
    assert goal.actions[0].target_date == dt.date(2026, 7, 1)


def test_editing_a_goal_keeps_done_steps_and_removes_one(qtbot: QtBot, services: Services) -> None:
    r = services.residents
    pid = r.create_person(PersonDraft("Ben", "Okafor"))
    goal_id = r.add_goal(
        pid,
        GoalDraft(
            "Reconnect with family",
            actions=(
                ActionDraft("Write a letter", done_on=dt.date(2026, 6, 1)),
                ActionDraft("Call my sister"),
                ActionDraft("Plan a visit"),
            ),
        ),
    )
    d = GoalDialog(r, pid, goal_id, today=lambda: TODAY)
    qtbot.addWidget(d)
    show(qtbot, d)
    assert d.windowTitle() == "Edit recovery goal"
    assert [s.done.isChecked() for s in d.steps] == [True, False, False]
    QTest.mouseClick(d.steps[1].remove, Qt.MouseButton.LeftButton)
    d.status.set_value(GoalStatus.ACHIEVED)
    with qtbot.waitSignal(d.saved, timeout=2000):
        ctrl_s(d)
    [goal] = r.get(pid).goals
    assert goal.status is GoalStatus.ACHIEVED
    assert [(a.description, a.done_on) for a in goal.actions] == [
        ("Write a letter", dt.date(2026, 6, 1)),
        ("Plan a visit", None),
    ]


# ---- aftercare and mentor ---------------------------------------------------------------------


def _discharged(services: Services) -> tuple[int, int]:
    r = services.residents
    pid = r.create_person(PersonDraft("Zoe", "Adams", gender=Gender.FEMALE))
    stay = r.admit(pid, AdmissionDraft(program_id(services, "womens"), dt.date(2026, 1, 10)))
    r.discharge(stay, DischargeDraft(dt.date(2026, 4, 1), DischargeReason.COMPLETED), None)
    return pid, stay


def test_aftercare_plan_with_a_mentor(qtbot: QtBot, services: Services) -> None:
    mentor = add_mentor(services)
    pid, stay = _discharged(services)
    d = AftercareDialog(services.residents, pid, stay, today=lambda: TODAY)
    qtbot.addWidget(d)
    show(qtbot, d)
    QTest.keyClicks(d.meetings, "AA Tuesdays 7 pm")
    QTest.keyClicks(d.sober_living, "Oak House")
    assert d.mentor.values() == [None, mentor]
    d.mentor.set_value(mentor)
    with qtbot.waitSignal(d.saved, timeout=2000):
        ctrl_s(d)
    [plan] = services.residents.get(pid).aftercare
    assert (plan.meetings, plan.sober_living, plan.mentor_name) == (
        "AA Tuesdays 7 pm",
        "Oak House",
        "Dwayne Carter",
    )


def test_assign_a_mentor(qtbot: QtBot, services: Services) -> None:
    mentor = add_mentor(services)
    pid = services.residents.create_person(PersonDraft("Ben", "Okafor", gender=Gender.MALE))
    mens = next(p.id for p in services.programs.programs() if p.code == "mens")
    services.residents.admit(pid, AdmissionDraft(mens, TODAY))  # mentors are of one's program
    d = MentorDialog(services.residents, pid, today=lambda: TODAY)
    qtbot.addWidget(d)
    show(qtbot, d)
    assert not d.is_dirty()
    d.mentor.set_value(mentor)
    with qtbot.waitSignal(d.saved, timeout=2000):
        ctrl_s(d)
    assert services.residents.get(pid).mentor is not None
