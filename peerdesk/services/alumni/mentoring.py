"""Peer mentoring: an active alumnus with the mentor role, of the person's program, mentors them.

The open ``MentorAssignment`` is the one fact of who mentors a person: the record's Overview and
the aftercare plan both read and write it here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from peerdesk.domain.changes import Changes
from peerdesk.domain.enums import AlumnusRole, AlumnusStatus
from peerdesk.domain.errors import NotFoundError, ValidationError
from peerdesk.domain.residents import MentorOption
from peerdesk.models import Alumnus, AlumnusRoleAssignment, MentorAssignment, Person, Stay
from peerdesk.services.base import Actor, Service, audit


def mentor_options_of(s: Session, person: Person) -> list[MentorOption]:
    """Active alumni with the mentor role who are alumni of the person's latest program."""
    if person.last_program_id is None:
        return []  # "an alumnus of the same program": none before a first admission
    # One uncorrelated IN: a correlated EXISTS made SQLite scan the program's stays once per
    # alumnus (0.6 s on the large demo; this takes a few ms).
    same_program = Alumnus.person_id.in_(
        select(Stay.person_id).where(Stay.program_id == person.last_program_id)
    )
    stmt = (
        select(Alumnus.id, Alumnus.first_name, Alumnus.last_name)
        .join(AlumnusRoleAssignment, AlumnusRoleAssignment.alumnus_id == Alumnus.id)
        .where(
            AlumnusRoleAssignment.role == AlumnusRole.MENTOR,
            Alumnus.status == AlumnusStatus.ACTIVE,
            Alumnus.person_id.is_(None) | (same_program & (Alumnus.person_id != person.id)),
        )
        .order_by(Alumnus.last_name, Alumnus.first_name)
    )
    return [MentorOption(i, f"{f} {n}") for i, f, n in s.execute(stmt)]


def current_mentor(s: Session, person_id: int) -> MentorOption | None:
    """Who mentors the person now, if anyone."""
    row = s.execute(
        select(Alumnus.id, Alumnus.first_name, Alumnus.last_name)
        .join(MentorAssignment, MentorAssignment.mentor_alumnus_id == Alumnus.id)
        .where(MentorAssignment.person_id == person_id, MentorAssignment.ended_on.is_(None))
        .order_by(MentorAssignment.started_on.desc(), MentorAssignment.id.desc())
        .limit(1)
    ).first()
    return MentorOption(row[0], f"{row[1]} {row[2]}") if row else None


def set_mentor(
    s: Session, actor: Actor, person: Person, alumnus_id: int | None, today: dt.date
) -> Changes:
    """Make ``alumnus_id`` (or nobody) the person's mentor in the caller's transaction.

    Returns the changes (none when the mentor stays the same: the mentoring history keeps one
    unbroken assignment).

    Raises:
        ValidationError: ``mentor``: the alumnus may not mentor this person.
    """
    current = list(
        s.scalars(
            select(MentorAssignment).where(
                MentorAssignment.person_id == person.id, MentorAssignment.ended_on.is_(None)
            )
        )
    )
    if [c.mentor_alumnus_id for c in current] == ([alumnus_id] if alumnus_id else []):
        return Changes()
    if alumnus_id is not None and alumnus_id not in {
        m.alumnus_id for m in mentor_options_of(s, person)
    }:
        raise ValidationError("mentor", "is not an active mentor of this person's program")
    changed: list[int] = []
    for assignment in current:
        assignment.ended_on = today
        audit(s, actor, "end", "mentor_assignment", assignment.id, fields=["ended_on"])
        changed.append(assignment.id)
    if alumnus_id is not None:
        assignment = MentorAssignment(
            mentor_alumnus_id=alumnus_id, person_id=person.id, started_on=today
        )
        s.add(assignment)
        s.flush()
        fields = ["mentor_alumnus_id", "person_id", "started_on"]
        audit(s, actor, "create", "mentor_assignment", assignment.id, fields=fields)
        changed.append(assignment.id)
    return Changes.of("person", person.id).with_("mentor", changed)


class MentoringService(Service):
    """Mentor choices and assignment for one person."""

    def mentor_options(self, person_id: int) -> list[MentorOption]:
        with self._sessions() as s:
            return mentor_options_of(s, _person(s, person_id))

    def assign_mentor(self, person_id: int, alumnus_id: int | None) -> None:
        actor = self._user.require()
        with self._sessions.begin() as s:
            changes = set_mentor(s, actor, _person(s, person_id), alumnus_id, self._today())
        self._published(changes)


def _person(s: Session, person_id: int) -> Person:
    person = s.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"resident {person_id} no longer exists")
    return person
