"""Mentoring: who may mentor a person, and one mentor per person (Overview and aftercare plan)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from peerdesk.app import Services
from peerdesk.domain.enums import AlumnusRole, AlumnusStatus, DischargeReason, Gender
from peerdesk.domain.errors import ValidationError
from peerdesk.domain.residents import AdmissionDraft, AftercareDraft, DischargeDraft, PersonDraft
from peerdesk.models import Alumnus, AlumnusRoleAssignment, MentorAssignment


def make_mentor(services: Services, person_id: int | None, first: str) -> int:
    """An active alumnus with the mentor role (an alumnus of a program when ``person_id``)."""
    with services.db.sessions.begin() as s:
        alumnus = Alumnus(
            person_id=person_id, first_name=first, last_name="Mentor", status=AlumnusStatus.ACTIVE
        )
        s.add(alumnus)
        s.flush()
        s.add(AlumnusRoleAssignment(alumnus_id=alumnus.id, role=AlumnusRole.MENTOR))
        return alumnus.id


def _admitted(services: Services) -> tuple[int, int]:
    mens = next(p.id for p in services.programs.programs() if p.code == "mens")
    pid = services.residents.create_person(PersonDraft("Sam", "Reed", gender=Gender.MALE))
    stay = services.residents.admit(pid, AdmissionDraft(mens, dt.date(2026, 1, 5)))
    return pid, stay


def test_mentors_are_of_the_program_never_oneself_and_reassigning_is_a_no_op(
    services: Services,
) -> None:
    r = services.residents
    mens = next(p.id for p in services.programs.programs() if p.code == "mens")
    womens = next(p.id for p in services.programs.programs() if p.code == "womens")
    pid = r.create_person(PersonDraft("Sam", "Reed", gender=Gender.MALE))
    assert r.mentor_options(pid) == []  # not admitted yet: no program to be an alumnus of
    old_stay = r.admit(pid, AdmissionDraft(mens, dt.date(2025, 1, 5)))
    r.discharge(old_stay, DischargeDraft(dt.date(2025, 3, 1), DischargeReason.COMPLETED), None)
    r.admit(pid, AdmissionDraft(mens, dt.date(2026, 1, 5)))
    herself = make_mentor(services, pid, "Self")  # an alumna readmitted
    woman = r.create_person(PersonDraft("Ida", "Vance", gender=Gender.FEMALE))
    w_stay = r.admit(woman, AdmissionDraft(womens, dt.date(2025, 1, 5)))
    r.discharge(w_stay, DischargeDraft(dt.date(2025, 3, 1), DischargeReason.COMPLETED), None)
    other_program = make_mentor(services, woman, "Ida")
    direct = make_mentor(services, None, "Peer")
    offered = {m.alumnus_id for m in r.mentor_options(pid)}
    assert direct in offered
    assert herself not in offered
    assert other_program not in offered
    with pytest.raises(ValidationError):
        r.assign_mentor(pid, other_program)
    r.assign_mentor(pid, direct)
    r.assign_mentor(pid, direct)
    with services.db.sessions() as s:
        rows = list(s.scalars(select(MentorAssignment).where(MentorAssignment.person_id == pid)))
    assert [(m.mentor_alumnus_id, m.ended_on) for m in rows] == [(direct, None)]


def test_the_aftercare_plan_mentor_is_the_persons_mentor(services: Services) -> None:
    r = services.residents
    pid, stay = _admitted(services)
    first, second = make_mentor(services, None, "Ann"), make_mentor(services, None, "Bob")

    r.save_aftercare(stay, AftercareDraft(meetings="AA", mentor_alumnus_id=first), None)
    detail = r.get(pid)
    assert detail.mentor is not None
    assert detail.mentor.alumnus_id == first
    assert detail.aftercare[0].mentor_alumnus_id == first
    assert detail.aftercare[0].mentor_name == detail.mentor.name == "Ann Mentor"

    r.assign_mentor(pid, second)  # changed on the Overview: the plan says so too
    detail = r.get(pid)
    assert detail.aftercare[0].mentor_alumnus_id == second
    assert detail.aftercare[0].mentor_name == "Bob Mentor"

    plan = detail.aftercare[0]
    r.save_aftercare(stay, AftercareDraft(meetings="AA", mentor_alumnus_id=None), plan.version)
    detail = r.get(pid)
    assert detail.mentor is None
    assert detail.aftercare[0].mentor_alumnus_id is None
    with services.db.sessions() as s:
        history = s.scalars(
            select(MentorAssignment.mentor_alumnus_id)
            .where(MentorAssignment.person_id == pid)
            .order_by(MentorAssignment.id)
        ).all()
    assert history == [first, second]


def test_an_aftercare_mentor_must_be_allowed_to_mentor(services: Services) -> None:
    pid, stay = _admitted(services)
    with services.db.sessions.begin() as s:
        paused = Alumnus(first_name="P", last_name="Q", status=AlumnusStatus.PAUSED)
        s.add(paused)
        s.flush()
        paused_id = paused.id
    with pytest.raises(ValidationError) as err:
        services.residents.save_aftercare(stay, AftercareDraft(mentor_alumnus_id=paused_id), None)
    assert err.value.fields == {"mentor"}
    assert services.residents.get(pid).aftercare == ()
