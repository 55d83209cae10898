"""A main window attached to a fresh database with a handful of people in it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from peerdesk.app import Database, Services, build_services
from peerdesk.domain.enums import (
    DischargeReason,
    Gender,
    ScreeningCriterion,
    ScreeningDecision,
    StageOfChange,
)
from peerdesk.domain.residents import (
    AdmissionDraft,
    DischargeDraft,
    PersonDraft,
    RatingDraft,
    ScreeningDraft,
)
from peerdesk.gui import create_main_window, make_context
from peerdesk.services.residents import new_person, refresh_person_summary
from peerdesk.ui.common.change_bus import ChangeBus
from peerdesk.ui.common.tasks import TaskRunner
from peerdesk.ui.main_window import MainWindow
from peerdesk.ui.residents.record.view import ResidentRecordView
from peerdesk.ui.residents.workspace import ResidentsWorkspace
from tests.conftest import TODAY


@dataclass(frozen=True)
class People:
    """The ids of the people every window test starts with (record numbers 1 to 5)."""

    ana: int  # Lopez, Ana: in care, women's program, 165 days sober
    ben: int  # Okafor, Ben: in care, men's program, 365 days sober
    jose: int  # García, José: screening, no sobriety date
    mia: int  # Chen, Mia: waitlisted, 14 days sober, phone 555-0199
    zoe: int  # Adams, Zoe: discharged from the women's program, 730 days sober


def program_id(services: Services, code: str) -> int:
    return next(p.id for p in services.programs.programs() if p.code == code)


def _waitlist(day: dt.date) -> ScreeningDraft:
    return ScreeningDraft(
        screened_on=day,
        ratings=tuple(RatingDraft(c, 3) for c in ScreeningCriterion),
        stage_of_change=StageOfChange.PREPARATION,
        decision=ScreeningDecision.WAITLIST,
        decision_reason="No bed free this month",
    )


@pytest.fixture
def people(services: Services) -> People:
    r = services.residents
    womens, mens = program_id(services, "womens"), program_id(services, "mens")
    ana = r.create_person(
        PersonDraft("Ana", "Lopez", gender=Gender.FEMALE, sobriety_date=dt.date(2026, 1, 1))
    )
    ben = r.create_person(
        PersonDraft("Ben", "Okafor", gender=Gender.MALE, sobriety_date=dt.date(2025, 6, 15))
    )
    jose = r.create_person(PersonDraft("José", "García", gender=Gender.MALE))
    mia = r.create_person(
        PersonDraft(
            "Mia",
            "Chen",
            gender=Gender.FEMALE,
            phone="555-0199",
            sobriety_date=dt.date(2026, 6, 1),
        )
    )
    zoe = r.create_person(
        PersonDraft("Zoe", "Adams", gender=Gender.FEMALE, sobriety_date=dt.date(2024, 6, 15))
    )
    r.admit(ana, AdmissionDraft(womens, dt.date(2026, 3, 1)))
    r.admit(ben, AdmissionDraft(mens, dt.date(2026, 2, 1)))
    stay = r.admit(zoe, AdmissionDraft(womens, dt.date(2026, 1, 10)))
    r.discharge(stay, DischargeDraft(dt.date(2026, 4, 1), DischargeReason.COMPLETED), None)
    r.add_screening(mia, _waitlist(dt.date(2026, 6, 10)))
    return People(ana=ana, ben=ben, jose=jose, mia=mia, zoe=zoe)


def add_many(services: Services, count: int) -> None:
    """``count`` more people in one transaction (the bulk path demo and import use)."""
    with services.db.sessions.begin() as s:
        for i in range(count):
            new_person(s, PersonDraft(f"Person{i:04d}", "Many"))
        s.flush()
        refresh_person_summary(s)


@pytest.fixture
def bus(qtbot: QtBot) -> ChangeBus:
    """The window's change bus, which the test's services publish to."""
    return ChangeBus()


@pytest.fixture
def services(db: Database, bus: ChangeBus) -> Services:
    """Services whose writes reach the window's views, as the composition root wires them."""
    return build_services(db, today=lambda: TODAY, on_change=bus.publish)


@pytest.fixture
def window(
    qtbot: QtBot, services: Services, people: People, bus: ChangeBus
) -> Iterator[MainWindow]:
    """The main window, attached and shown, its residents list filled."""
    w = create_main_window(today=lambda: TODAY)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    tasks = TaskRunner()
    with qtbot.waitSignal(w.attached, timeout=5000):
        w.attach(make_context(services, bus=bus, tasks=tasks))
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    yield w
    # No worker may still hold a connection when the test's database goes away.
    w.close()
    tasks.wait()


def residents(window: MainWindow) -> ResidentsWorkspace:
    """The Residents area's content (the list and the record) of an attached window."""
    content = window.page("residents").content
    assert isinstance(content, ResidentsWorkspace), "attach() first"
    return content


@pytest.fixture
def view(qtbot: QtBot, services: Services) -> Iterator[ResidentRecordView]:
    """A record view on its own (no window), shown, its background reads ended at teardown."""
    from tests.ui.record_helpers import wait_for_reads

    v = ResidentRecordView(services.residents, services.programs, today=lambda: TODAY)
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.show()
    qtbot.waitExposed(v)
    yield v
    wait_for_reads(v)
