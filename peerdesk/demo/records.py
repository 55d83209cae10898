"""The plan in memory: programs, people, stays, screenings, alumni and staff.

People, stays and alumni (a few thousand small objects) are planned before anything is written,
so the invariants hold by construction. ``id`` is 0 until the writing area assigns one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from peerdesk.domain.enums import (
    AlumnusRole,
    AlumnusStatus,
    DischargeReason,
    Gender,
    ScreeningDecision,
    TrainingTopic,
)


@dataclass(frozen=True)
class Program:
    id: int
    code: str
    gender: Gender
    beds: int


@dataclass(eq=False)
class Person:
    seq: int
    gender: Gender
    first_name: str
    last_name: str
    date_of_birth: dt.date
    phone: str
    email: str
    registered: dt.date
    sobriety_date: dt.date | None = None
    stays: list[Stay] = field(default_factory=list)
    busy: bool = False  # on the waiting list or in care: cannot arrive again
    id: int = 0


@dataclass(eq=False)
class Stay:
    seq: int
    person: Person
    program: Program
    admitted: dt.date
    planned_end: dt.date
    planned_reason: DischargeReason
    override_reason: str
    discharged: dt.date | None = None  # set when the planned end is not after today
    reason: DischargeReason | None = None
    id: int = 0


@dataclass(eq=False)
class Screening:
    person: Person
    day: dt.date
    program: Program
    decision: ScreeningDecision
    reason: str = ""
    id: int = 0


@dataclass(eq=False)
class Alumnus:
    person: Person | None
    program: Program | None  # None: a peer worker for both programs
    first_name: str
    last_name: str
    phone: str
    email: str
    sobriety_date: dt.date | None
    joined: dt.date
    status: AlumnusStatus
    until: dt.date | None  # first day no longer active (paused or inactive)
    roles: list[AlumnusRole]
    trainings: list[tuple[TrainingTopic, dt.date, Decimal]] = field(default_factory=list)
    lead_from: dt.date | None = None  # eligible to lead: sober a year, trainings done
    id: int = 0

    def active_on(self, day: dt.date) -> bool:
        return self.joined <= day and (self.until is None or day < self.until)

    def can_lead(self, day: dt.date) -> bool:
        return self.lead_from is not None and self.lead_from <= day and self.active_on(day)

    def serves(self, program: Program) -> bool:
        return self.program is None or self.program.code == program.code


@dataclass(eq=False)
class Staff:
    name: str
    first_day: dt.date
    last_day: dt.date | None
    user_id: int | None = None

    def employed_on(self, day: dt.date) -> bool:
        return self.first_day <= day and (self.last_day is None or day <= self.last_day)
