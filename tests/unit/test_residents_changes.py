"""Every residents write tells the change bus what it changed, after it committed."""

from __future__ import annotations

import datetime as dt

import pytest

from peerdesk.app import Services
from peerdesk.domain.changes import Changes
from peerdesk.domain.enums import DischargeReason, Gender, ScreeningCriterion, ScreeningDecision
from peerdesk.domain.errors import ValidationError
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
from peerdesk.services.residents import ResidentService
from tests.conftest import TODAY
from tests.unit.test_mentoring import make_mentor


@pytest.fixture
def heard(services: Services) -> tuple[ResidentService, list[Changes]]:
    events: list[Changes] = []
    service = ResidentService(
        services.db.sessions, services.user, lambda: TODAY, on_change=events.append
    )
    return service, events


def test_each_write_publishes_the_records_it_changed(
    services: Services, heard: tuple[ResidentService, list[Changes]]
) -> None:
    r, events = heard
    mens = next(p.id for p in services.programs.programs() if p.code == "mens")

    def last() -> Changes:
        assert len(events) == 1
        return events.pop()

    pid = r.create_person(PersonDraft("Ben", "Okafor", gender=Gender.MALE))
    assert last() == Changes.of("person", pid)
    r.update_person(pid, PersonDraft("Ben", "Okafor-Ade", gender=Gender.MALE), None)
    assert last() == Changes.of("person", pid)
    r.update_person(pid, PersonDraft("Ben", "Okafor-Ade", gender=Gender.MALE), None)
    assert events == []  # nothing changed: nothing said

    ratings = tuple(RatingDraft(c, 3) for c in ScreeningCriterion)
    draft = ScreeningDraft(TODAY, ratings, None, ScreeningDecision.PENDING)
    screening = r.add_screening(pid, draft)
    assert last() == Changes.of("screening", screening).with_("person", [pid])

    stay = r.admit(pid, AdmissionDraft(mens, dt.date(2026, 1, 5)))
    assert last() == Changes.of("stay", stay).with_("person", [pid])

    goal = r.add_goal(pid, GoalDraft("Work", actions=(ActionDraft("CV"),)))
    assert last() == Changes.of("goal", goal).with_("person", [pid])
    version = r.get(pid).goals[0].version
    r.update_goal(goal, GoalDraft("Work", actions=(ActionDraft("CV"),)), version)
    assert last() == Changes.of("goal", goal).with_("person", [pid])
    action = r.get(pid).goals[0].actions[0].id
    r.set_action_done(action, TODAY)
    changes = last()
    assert changes.primary == action
    assert changes.ids("goal_action") == {action}
    assert changes.ids("goal") == {goal}
    assert changes.ids("person") == {pid}

    r.discharge(stay, DischargeDraft(TODAY, DischargeReason.COMPLETED), None)
    assert last() == Changes.of("stay", stay).with_("person", [pid])

    r.save_aftercare(stay, AftercareDraft(meetings="AA"), None)
    changes = last()
    assert changes.entities == {"aftercare", "stay", "person"}
    assert changes.ids("stay") == {stay}

    mentor = make_mentor(services, None, "Peer")
    r.assign_mentor(pid, mentor)
    changes = last()
    assert changes.primary == pid
    assert changes.entities == {"person", "mentor"}
    r.assign_mentor(pid, mentor)
    assert events == []


def test_a_refused_write_publishes_nothing(
    heard: tuple[ResidentService, list[Changes]],
) -> None:
    r, events = heard
    with pytest.raises(ValidationError):
        r.create_person(PersonDraft("", ""))
    assert events == []
