"""The resident record as the front desk uses it: header, tabs, and the forms opened from it."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.app import Services
from peerdesk.domain.changes import Changes
from peerdesk.domain.enums import (
    DischargeReason,
    Gender,
    ResidentStatus,
    ScreeningCriterion,
    ScreeningDecision,
    StageOfChange,
)
from peerdesk.domain.residents import (
    ActionDraft,
    AdmissionDraft,
    AftercareDraft,
    DischargeDraft,
    GoalDraft,
    PersonDraft,
    RatingDraft,
    ScreeningDraft,
)
from peerdesk.ui.common.form_dialog import CONFLICT_MESSAGE
from peerdesk.ui.residents.dialogs import (
    AdmissionDialog,
    AftercareDialog,
    DischargeDialog,
    GoalDialog,
    PersonDialog,
    ScreeningDialog,
)
from peerdesk.ui.residents.record.view import ResidentRecordView
from tests.conftest import TODAY
from tests.ui.record_helpers import (
    add_mentor,
    ctrl_s,
    opened,
    program_id,
    saving,
    show,
    show_tab,
)

# The offscreen platform says this once per process, on the first window shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes answer at once (Discard to a question) and say what they showed."""
    shown: list[str] = []

    def box(_parent: QWidget, _title: str, text: str, *_a: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Discard

    for name in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, box)
    return shown


def stay_rows(view: ResidentRecordView) -> list[list[str]]:
    """The Stays tab as a person reads it (tabs fill when they are shown)."""
    show_tab(view, "Stays")
    return view.stays.table.row_texts()


def test_header_shows_who_and_where_they_stand(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    r = services.residents
    pid = r.create_person(
        PersonDraft("Ana", "Lopez", gender=Gender.FEMALE, sobriety_date=dt.date(2026, 1, 1))
    )
    r.admit(pid, AdmissionDraft(program_id(services, "womens"), dt.date(2026, 3, 1)))
    show(qtbot, view, pid)
    assert view.current_person_id() == pid
    assert view.header.name_label.full_text() == "Ana Lopez"
    assert view.header.record_label.text() == "R-00001"
    assert view.header.status_label.text() == "In care"
    assert "Women's program" in view.header.program_label.full_text()
    assert view.header.days_label.text() == "165"
    assert not view.admit_button.isEnabled()
    assert view.discharge_button.isEnabled()
    assert view.overview.fields["phone"].text() == "—"


def test_admit_from_the_record(qtbot: QtBot, services: Services, view: ResidentRecordView) -> None:
    pid = services.residents.create_person(PersonDraft("Ben", "Okafor", gender=Gender.MALE))
    show(qtbot, view, pid)
    assert view.header.status_label.text() == "Screening"
    assert view.admit_button.text() == "Admit…"
    assert not view.discharge_button.isEnabled()

    QTest.mouseClick(view.admit_button, LEFT)
    d = opened(qtbot, view, AdmissionDialog)
    assert d.program.currentText() == "Men's program — 20 of 20 beds free"
    assert d.admission_date.text() == TODAY.isoformat()
    d.admission_date.setText("2026-06-01")
    with qtbot.waitSignal(view.resident_changed, timeout=2000) as changed, saving(qtbot, view):
        ctrl_s(d)
    assert changed.args == [pid]
    assert view.header.status_label.text() == "In care"
    assert services.residents.get(pid).status is ResidentStatus.IN_CARE
    view.tabs.setCurrentIndex(2)
    assert stay_rows(view) == [["Men's program\nsince 2026-06-01, in care", "14", ""]]
    assert view.tabs.tabText(2) == "Stays (1)"
    assert not view.admit_button.isEnabled()
    assert view.discharge_button.isEnabled()


def test_discharge_before_admission_is_flagged_then_a_valid_one_works(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    r = services.residents
    pid = r.create_person(PersonDraft("Ben", "Okafor", gender=Gender.MALE))
    r.admit(pid, AdmissionDraft(program_id(services, "mens"), dt.date(2026, 2, 1)))
    show(qtbot, view, pid)

    QTest.mouseClick(view.discharge_button, LEFT)
    d = opened(qtbot, view, DischargeDialog)
    d.discharge_date.line.clear()
    QTest.keyClicks(d.discharge_date.line, "2026-01-15")
    assert d.error_label("discharge_date").text() == "Discharge date is before the admission date"
    assert d.error_label("discharge_date").isVisible()
    assert not d.save_button.isEnabled()

    d.discharge_date.line.clear()
    QTest.keyClicks(d.discharge_date.line, "2026-05-31")
    assert not d.error_label("discharge_date").isVisible()
    assert not d.save_button.isEnabled()  # no reason chosen yet
    d.reason.set_value(DischargeReason.COMPLETED)
    QTest.keyClicks(d.note, "Completed the program")
    assert d.save_button.isEnabled()
    with saving(qtbot, view):
        ctrl_s(d)

    detail = r.get(pid)
    assert detail.status is ResidentStatus.DISCHARGED
    [stay] = detail.stays
    assert (stay.discharge_date, stay.discharge_reason, stay.discharge_note) == (
        dt.date(2026, 5, 31),
        DischargeReason.COMPLETED,
        "Completed the program",
    )
    assert view.header.status_label.text() == "Discharged"
    assert view.admit_button.text() == "Readmit…"
    # After a discharge the next thing to do is the aftercare plan.
    assert view.tabs.currentWidget() is view.aftercare
    assert "aftercare plan" in view.next_step.text()


def test_man_into_the_womens_program_needs_an_override_reason(
    qtbot: QtBot, services: Services, view: ResidentRecordView, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    pid = services.residents.create_person(PersonDraft("Sam", "Reed", gender=Gender.MALE))
    show(qtbot, view, pid)
    QTest.mouseClick(view.admit_button, LEFT)
    d = opened(qtbot, view, AdmissionDialog)
    d.program.set_value(program_id(services, "womens"))
    assert d.override_box.isVisible()  # warned as soon as it is chosen
    ctrl_s(d)

    assert d.isVisible()
    assert d.override_box.isVisible()
    assert "is for female residents" in d.override_message.text()
    assert not d.save_button.isEnabled()
    assert "Override reason" in d.hint.text()
    assert services.residents.get(pid).stays == ()

    QTest.keyClicks(d.override_reason, "Transgender woman, placement agreed with clinical lead")
    assert d.save_button.isEnabled()
    with saving(qtbot, view):
        ctrl_s(d)
    [stay] = services.residents.get(pid).stays
    assert stay.program_id == program_id(services, "womens")
    assert stay.override_reason == "Transgender woman, placement agreed with clinical lead"
    # The header and the stay row say the admission was an override, and the row says why.
    assert "(by override)" in view.header.program_label.full_text()
    assert stay_rows(view)[0][-1] == f"Admitted by override: {stay.override_reason}"


def test_screening_from_the_record_waitlists(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    pid = services.residents.create_person(PersonDraft("Mia", "Chen", gender=Gender.FEMALE))
    show(qtbot, view, pid)
    assert "intake screening" in view.next_step.text()
    assert view.screening_button.property("primary") is True

    QTest.mouseClick(view.screening_button, LEFT)
    d = opened(qtbot, view, ScreeningDialog)
    for criterion in ScreeningCriterion:
        QTest.mouseClick(d.ratings[criterion].button(3), LEFT)
    d.stage_of_change.set_value(StageOfChange.CONTEMPLATION)
    d.decision.set_value(ScreeningDecision.WAITLIST)
    QTest.keyClicks(d.decision_reason, "No bed free this month")
    with saving(qtbot, view):
        ctrl_s(d)

    assert services.residents.get(pid).status is ResidentStatus.WAITLISTED
    assert view.header.status_label.text() == "Waitlisted"
    assert view.tabs.tabText(1) == "Screenings (1)"
    show_tab(view, "Screenings")
    assert view.screenings.fields["decision"].text() == "Waitlist"
    assert view.screenings.fields["reason"].text() == "No bed free this month"
    assert view.screenings.rating_table.rowCount() == 9
    assert view.admit_button.property("primary") is True


def test_goal_with_two_steps_then_a_step_marked_done(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    pid = services.residents.create_person(PersonDraft("Ben", "Okafor"))
    show(qtbot, view, pid)
    QTest.mouseClick(view.goal_button, LEFT)
    d = opened(qtbot, view, GoalDialog)
    QTest.keyClicks(d.title, "Find stable housing")
    QTest.keyClicks(d.steps[0].description, "Visit two sober-living houses")
    QTest.keyClicks(d.steps[0].target.line, "2026-07-01")
    QTest.mouseClick(d.add_step_button, LEFT)
    QTest.keyClicks(d.steps[1].description, "Apply for housing assistance")
    with saving(qtbot, view):
        ctrl_s(d)
    assert view.tabs.tabText(3) == "Goals (1)"

    show_tab(view, "Goals")
    tree = view.goals.tree
    goal_item = tree.topLevelItem(0)
    assert goal_item is not None
    assert goal_item.text(0) == "Find stable housing\nOpen · 0 of 2 done"
    step = goal_item.child(0)
    assert step is not None
    assert (step.text(0), step.text(1)) == ("Visit two sober-living houses", "2026-07-01")

    with saving(qtbot, view):
        step.setCheckState(0, Qt.CheckState.Checked)
    [goal] = services.residents.get(pid).goals
    assert [a.done_on for a in goal.actions] == [TODAY, None]
    goal_item = tree.topLevelItem(0)
    assert goal_item is not None
    assert goal_item.text(0) == "Find stable housing\nOpen · 1 of 2 done"

    # The button does the same for the selected step, and undoes it.
    selected = tree.currentItem()
    assert selected is not None
    assert selected.text(0) == "Visit two sober-living houses"
    assert view.goals.step_done_button.text() == "Mark step not done"
    with saving(qtbot, view):
        QTest.mouseClick(view.goals.step_done_button, LEFT)
    [goal] = services.residents.get(pid).goals
    assert [a.done_on for a in goal.actions] == [None, None]


def test_edit_personal_data_from_the_record(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    pid = services.residents.create_person(PersonDraft("Ana", "Lopez"))
    show(qtbot, view, pid)
    QTest.mouseClick(view.edit_button, LEFT)
    d = opened(qtbot, view, PersonDialog)
    assert d.first_name.text() == "Ana"
    QTest.keyClicks(d.phone, "555 0101")
    with saving(qtbot, view):
        ctrl_s(d)
    assert view.overview.fields["phone"].text() == "555 0101"


def test_aftercare_from_the_stays_tab(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    r = services.residents
    pid = r.create_person(PersonDraft("Zoe", "Adams", gender=Gender.FEMALE))
    stay = r.admit(pid, AdmissionDraft(program_id(services, "womens"), dt.date(2026, 1, 10)))
    r.discharge(stay, DischargeDraft(dt.date(2026, 4, 1), DischargeReason.COMPLETED), None)
    show(qtbot, view, pid)
    assert "aftercare plan" in view.next_step.text()
    show_tab(view, "Stays")
    assert view.stays.aftercare_button.isEnabled()
    QTest.mouseClick(view.stays.aftercare_button, LEFT)
    d = opened(qtbot, view, AftercareDialog)
    QTest.keyClicks(d.outpatient, "Riverside clinic, weekly")
    with saving(qtbot, view):
        ctrl_s(d)
    [plan] = r.get(pid).aftercare
    assert plan.outpatient == "Riverside clinic, weekly"
    assert view.next_step.isHidden()


def test_timeline_is_read_when_its_tab_opens_newest_first(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    r = services.residents
    pid = r.create_person(PersonDraft("Zoe", "Adams", gender=Gender.FEMALE))
    r.add_screening(
        pid,
        ScreeningDraft(
            dt.date(2026, 1, 5),
            tuple(RatingDraft(c, 4) for c in ScreeningCriterion),
            StageOfChange.ACTION,
            ScreeningDecision.ADMIT,
            "Ready",
        ),
    )
    stay = r.admit(pid, AdmissionDraft(program_id(services, "womens"), dt.date(2026, 1, 10)))
    r.discharge(stay, DischargeDraft(dt.date(2026, 4, 1), DischargeReason.COMPLETED), None)
    show(qtbot, view, pid)
    assert view.timeline.tree.topLevelItemCount() == 0
    tree = view.timeline.tree
    view.tabs.setCurrentWidget(view.timeline)
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 3, timeout=5000)
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    # The kind of each entry is a word, not only the colour of its dot.
    assert [(i.text(0), i.text(1).splitlines()[0]) for i in items if i] == [
        ("2026-04-01\nDischarge", "Discharged from Women's program"),
        ("2026-01-10\nAdmission", "Admitted to Women's program"),
        ("2026-01-05\nScreening", "Screening"),
    ]


def test_esc_and_close_emit_closed(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    pid = services.residents.create_person(PersonDraft("Ana", "Lopez"))
    show(qtbot, view, pid)
    with qtbot.waitSignal(view.closed, timeout=2000):
        QTest.keyClick(view, Qt.Key.Key_Escape)
    with qtbot.waitSignal(view.closed, timeout=2000):
        QTest.mouseClick(view.close_button, LEFT)


def test_esc_while_a_form_is_open_closes_the_form_not_the_record(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    pid = services.residents.create_person(PersonDraft("Ana", "Lopez"))
    show(qtbot, view, pid)
    QTest.mouseClick(view.edit_button, LEFT)
    d = opened(qtbot, view, PersonDialog)
    with qtbot.assertNotEmitted(view.closed):
        QTest.keyClick(view, Qt.Key.Key_Escape)
        QTest.keyClick(d, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.current_dialog() is None, timeout=2000)


def test_switching_people_keeps_an_unsaved_form_as_a_draft(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    r = services.residents
    ana = r.create_person(PersonDraft("Ana", "Lopez"))
    ben = r.create_person(PersonDraft("Ben", "Okafor"))
    show(qtbot, view, ana)
    QTest.mouseClick(view.edit_button, LEFT)
    d = opened(qtbot, view, PersonDialog)
    QTest.keyClicks(d.phone, "555 0101")

    show(qtbot, view, ben)
    assert view.current_dialog() is None
    assert view.drafts_of(ana) == ["person"]
    assert view.next_step.isHidden() or "unsaved" not in view.next_step.text()

    show(qtbot, view, ana)
    assert "unsaved changes to personal data" in view.next_step.text()
    QTest.mouseClick(view.edit_button, LEFT)
    d = opened(qtbot, view, PersonDialog)
    assert d.phone.text() == "555 0101"
    assert d.notice.isVisible()
    with saving(qtbot, view):
        ctrl_s(d)
    assert r.get(ana).phone == "555 0101"
    assert view.drafts_of(ana) == []


def test_clear_and_a_record_that_no_longer_exists(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    pid = services.residents.create_person(PersonDraft("Ana", "Lopez"))
    show(qtbot, view, pid)
    view.clear()
    assert view.current_person_id() is None
    view.show_person(pid + 100)
    qtbot.waitUntil(lambda: view.current_person_id() is None, timeout=5000)
    assert "no longer exists" in view.placeholder.text()


def test_goals_tab_lists_steps_with_target_dates(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    pid = services.residents.create_person(PersonDraft("Ben", "Okafor"))
    services.residents.add_goal(
        pid,
        GoalDraft(
            "Reconnect with family",
            dt.date(2026, 9, 1),
            actions=(ActionDraft("Write a letter", dt.date(2026, 7, 1), dt.date(2026, 6, 1)),),
        ),
    )
    show(qtbot, view, pid)
    show_tab(view, "Goals")
    top = view.goals.tree.topLevelItem(0)
    assert top is not None
    child = top.child(0)
    assert child is not None
    assert (child.text(0), child.text(1)) == ("Write a letter", "done 2026-06-01")
    assert child.toolTip(1) == "Target date: 2026-07-01"
    assert child.checkState(0) == Qt.CheckState.Checked


def test_a_discharge_saved_elsewhere_meanwhile_is_reported_not_overwritten(
    qtbot: QtBot, services: Services, view: ResidentRecordView, boxes: list[str]
) -> None:
    r = services.residents
    pid = r.create_person(PersonDraft("Ben", "Okafor", gender=Gender.MALE))
    stay = r.admit(pid, AdmissionDraft(program_id(services, "mens"), dt.date(2026, 2, 1)))
    show(qtbot, view, pid)
    QTest.mouseClick(view.discharge_button, LEFT)
    d = opened(qtbot, view, DischargeDialog)
    d.reason.set_value(DischargeReason.COMPLETED)
    QTest.keyClicks(d.note, "Completed")

    version = r.get(pid).stays[0].version
    r.discharge(stay, DischargeDraft(dt.date(2026, 5, 1), DischargeReason.OTHER), version)
    ctrl_s(d)

    assert any(CONFLICT_MESSAGE in text for text in boxes)
    assert d.isVisible()
    assert "already discharged on 2026-05-01" in d.banner.label.text()
    assert not d.save_button.isEnabled()
    assert "Completed" in d.notice.label.text()  # what was typed stays visible
    [saved] = r.get(pid).stays
    assert saved.discharge_reason is DischargeReason.OTHER


def test_the_overview_and_the_aftercare_plan_name_the_same_mentor(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    r = services.residents
    mentor = add_mentor(services)
    pid = r.create_person(PersonDraft("Zoe", "Adams", gender=Gender.FEMALE))
    stay = r.admit(pid, AdmissionDraft(program_id(services, "womens"), dt.date(2026, 1, 10)))
    r.save_aftercare(stay, AftercareDraft(meetings="AA on Tuesdays"), None)
    r.assign_mentor(pid, mentor)
    show(qtbot, view, pid)
    assert view.overview.fields["mentor"].text() == "Dwayne Carter"
    show_tab(view, "Aftercare")
    [plan_mentor] = [
        label
        for label in view.aftercare.findChildren(QLabel)
        if label.accessibleName() == "Peer mentor"
    ]
    assert plan_mentor.text() == "Dwayne Carter"


def test_a_slow_read_shows_opening_in_the_header_and_blocks_the_old_record(
    qtbot: QtBot, services: Services, view: ResidentRecordView, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = services.residents
    ana = r.create_person(PersonDraft("Ana", "Lopez"))
    ben = r.create_person(PersonDraft("Ben", "Okafor"))
    show(qtbot, view, ana)
    released = threading.Event()
    real_get = r.get

    def slow_get(person_id: int) -> Any:
        assert threading.current_thread() is not threading.main_thread()  # off the GUI thread
        released.wait(5)
        return real_get(person_id)

    monkeypatch.setattr(r, "get", slow_get)
    view.show_person(ben)
    busy = view.header.busy_label
    qtbot.waitUntil(busy.isVisible, timeout=2000)
    assert busy.text() == "Opening…"
    assert not view.record.isEnabled()  # Ana's buttons cannot act while Ben's record is read
    view.edit_person()
    assert view.current_dialog() is None

    with qtbot.waitSignal(view.record_shown, timeout=5000) as shown:
        released.set()
    assert shown.args == [ben]
    assert not busy.isVisible()
    assert view.record.isEnabled()
    assert view.header.name_label.full_text() == "Ben Okafor"


def test_a_failed_read_says_so_in_one_line(
    qtbot: QtBot, services: Services, view: ResidentRecordView, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = services.residents.create_person(PersonDraft("Ana", "Lopez"))

    def broken(_person_id: int) -> Any:
        raise OSError("disk I/O error")

    monkeypatch.setattr(services.residents, "get", broken)
    view.show_person(pid)
    qtbot.waitUntil(lambda: view.current_person_id() is None, timeout=5000)
    assert view.placeholder.text() == "The record could not be opened. Try again in a moment."


def test_a_change_elsewhere_to_the_shown_record_reads_it_again(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    r = services.residents
    ana = r.create_person(PersonDraft("Ana", "Lopez"))
    ben = r.create_person(PersonDraft("Ben", "Okafor"))
    show(qtbot, view, ana)
    assert not view.is_stale(Changes.of("person", ben))
    r.update_person(ana, PersonDraft("Ana", "Lopez", phone="555 0101"), r.get(ana).version)
    assert view.is_stale(Changes.of("person", ana))
    with qtbot.waitSignal(view.record_shown, timeout=5000):
        view.on_changes(Changes.of("person", ana))
    assert view.overview.fields["phone"].text() == "555 0101"
