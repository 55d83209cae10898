"""The record's hint and its highlighted button: one rule, so they always agree."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QAbstractButton, QMessageBox
from pytestqt.qtbot import QtBot

from peerdesk.app import Services
from peerdesk.domain.enums import (
    DischargeReason,
    Gender,
    ResidentStatus,
    ScreeningCriterion,
    ScreeningDecision,
    StageOfChange,
)
from peerdesk.domain.residents import (
    AdmissionDraft,
    DischargeDraft,
    GoalDraft,
    PersonDraft,
    RatingDraft,
    ScreeningDraft,
)
from peerdesk.ui.residents.dialogs import (
    AdmissionDialog,
    AftercareDialog,
    GoalDialog,
    ScreeningDialog,
)
from peerdesk.ui.residents.record.view import ResidentRecordView
from tests.ui.record_helpers import program_id, show

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

DAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _no_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, lambda *_a: QMessageBox.StandardButton.Discard)


def _screening(decision: ScreeningDecision, day: dt.date = DAY) -> ScreeningDraft:
    return ScreeningDraft(
        day,
        tuple(RatingDraft(c, 3) for c in ScreeningCriterion),
        StageOfChange.PREPARATION,
        decision,
        "Recorded for the test",
    )


def _new(services: Services) -> int:
    return services.residents.create_person(PersonDraft("Kim", "Lee", gender=Gender.MALE))


def _screened(decision: ScreeningDecision) -> Callable[[Services], int]:
    def make(services: Services) -> int:
        pid = _new(services)
        services.residents.add_screening(pid, _screening(decision))
        return pid

    return make


def _in_care(services: Services, *, with_goal: bool = False) -> int:
    pid = _new(services)
    services.residents.admit(pid, AdmissionDraft(program_id(services, "mens"), DAY))
    if with_goal:
        services.residents.add_goal(pid, GoalDraft("Find work"))
    return pid


def _discharged(services: Services) -> int:
    pid = _new(services)
    stay = services.residents.admit(pid, AdmissionDraft(program_id(services, "mens"), DAY))
    services.residents.discharge(
        stay, DischargeDraft(DAY + dt.timedelta(days=30), DischargeReason.COMPLETED), None
    )
    return pid


#: One person in each status, what the hint offers, and the form that offer opens.
CASES: dict[str, tuple[Callable[[Services], int], ResidentStatus, str | None, type | None]] = {
    "new": (_new, ResidentStatus.SCREENING, "screening", ScreeningDialog),
    "screened to admit": (
        _screened(ScreeningDecision.ADMIT),
        ResidentStatus.SCREENING,
        "admit",
        AdmissionDialog,
    ),
    "waitlisted": (
        _screened(ScreeningDecision.WAITLIST),
        ResidentStatus.WAITLISTED,
        "admit",
        AdmissionDialog,
    ),
    "referred": (_screened(ScreeningDecision.REFER), ResidentStatus.REFERRED, None, None),
    "declined": (_screened(ScreeningDecision.DECLINE), ResidentStatus.DECLINED, None, None),
    "in care": (_in_care, ResidentStatus.IN_CARE, "goal", GoalDialog),
    "in care with goals": (
        lambda s: _in_care(s, with_goal=True),
        ResidentStatus.IN_CARE,
        None,
        None,
    ),
    "discharged": (_discharged, ResidentStatus.DISCHARGED, "aftercare", AftercareDialog),
}


def hint_link(view: ResidentRecordView) -> str | None:
    if view.next_step.isHidden():
        return None
    links = re.findall(r"href='([^']+)'", view.next_step.text())
    assert len(links) == 1, "a hint offers one thing"
    return str(links[0])


def primary_buttons(view: ResidentRecordView) -> list[QAbstractButton]:
    """Every highlighted button of the record, in the header and in the tabs."""
    view.tabs.setCurrentWidget(view.aftercare)  # the tab fills when shown
    view.tabs.setCurrentWidget(view.overview)
    return [
        b
        for b in view.findChildren(QAbstractButton)
        if b.property("primary") is True and not b.isHidden()
    ]


@pytest.mark.parametrize("case", list(CASES))
def test_the_hint_and_the_highlighted_button_agree(
    qtbot: QtBot, services: Services, view: ResidentRecordView, case: str
) -> None:
    make, status, offer, dialog_kind = CASES[case]
    pid = make(services)
    show(qtbot, view, pid)
    assert view.header.status_label.text() == status.label

    link = hint_link(view)
    primary = primary_buttons(view)
    if offer is None:
        assert link is None
        assert primary == []
        return
    assert link is not None
    assert dialog_kind is not None
    assert link.split(":")[0] == offer
    [button] = primary  # one highlighted button, the one the hint names
    assert button.isEnabled()
    if offer == "aftercare":
        assert button is view.aftercare.buttons[int(link.split(":")[1])]
    else:
        assert button is view.action_buttons[next(a for a in view.action_buttons if a == offer)]

    # The link and the button open the same form.
    view.next_step.linkActivated.emit(link)
    qtbot.waitUntil(lambda: isinstance(view.current_dialog(), dialog_kind), timeout=5000)
    view.current_dialog().reject()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: view.current_dialog() is None, timeout=2000)
    button.click()
    qtbot.waitUntil(lambda: isinstance(view.current_dialog(), dialog_kind), timeout=5000)
    view.current_dialog().reject()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: view.current_dialog() is None, timeout=2000)


def test_admitted_and_discharged_on_the_same_day_reads_discharged(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    r = services.residents
    pid = _new(services)
    r.add_screening(pid, _screening(ScreeningDecision.ADMIT))
    stay = r.admit(pid, AdmissionDraft(program_id(services, "mens"), DAY))
    r.discharge(stay, DischargeDraft(DAY, DischargeReason.LEFT_AMA), None)
    show(qtbot, view, pid)
    assert view.header.status_label.text() == "Discharged"
    assert hint_link(view) == f"aftercare:{stay}"
    assert not view.admit_button.property("primary")


def test_an_open_stay_means_in_care_whatever_else_the_record_says(
    qtbot: QtBot, services: Services, view: ResidentRecordView
) -> None:
    pid = _in_care(services)
    services.residents.add_screening(pid, _screening(ScreeningDecision.ADMIT, DAY))
    show(qtbot, view, pid)
    assert hint_link(view) == "goal"
    assert not view.admit_button.isEnabled()
    assert not view.admit_button.property("primary")
