"""The residents' history as a day-by-day simulation, planned in memory.

Arrivals, screening, a waiting list per program, admissions up to the beds and discharges, so
the invariants hold by construction: nobody has overlapping stays, no program is ever over its
beds, men are in the men's program and women in the women's (a few non-binary residents with a
written override).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict, deque

from peerdesk.demo import words
from peerdesk.demo.dates import days
from peerdesk.demo.draw import Names, Weighted, poisson
from peerdesk.demo.records import Person, Program, Screening, Stay
from peerdesk.demo.run import Run
from peerdesk.domain.enums import DischargeReason, Gender, ScreeningDecision

# The simulation's knobs, tuned so ``large`` lands near the figures of PRODUCT.md.
MEAN_LOS_DAYS = 50
ARRIVAL_PRESSURE = 1.01  # arrivals per freed bed: a short waiting list most of the time
INITIAL_OCCUPANCY = 0.9
MAX_INTAKE_PER_DAY = 4
MAX_WAIT_DAYS = 21
MIN_READMIT_GAP_DAYS = 14
READMIT_SHARE = 0.18
SCREEN_OUT_SHARE = 0.045
OTHER_GENDER_SHARE = 0.012

_OUTCOME_PICK = Weighted(
    (
        (DischargeReason.COMPLETED, 0.58),
        (DischargeReason.LEFT_AMA, 0.20),
        (DischargeReason.ADMINISTRATIVE, 0.09),
        (DischargeReason.TRANSFERRED, 0.07),
        (DischargeReason.OTHER, 0.06),
    )
)


def plan(run: Run) -> None:
    """Plan every person, screening and stay of the history into ``run``."""
    planner = StayPlanner(run)
    planner.run()
    run.persons, run.stays, run.screenings = planner.persons, planner.stays, planner.screenings


def draw_outcome(rng: random.Random) -> tuple[DischargeReason, int]:
    """How a stay will end and after how many days (about ``MEAN_LOS_DAYS`` on average)."""
    reason: DischargeReason = _OUTCOME_PICK.pick(rng)
    match reason:
        case DischargeReason.COMPLETED:
            los = rng.choice((30, 60, 60, 90, 90, 90, rng.randint(40, 100))) + rng.randint(-3, 3)
        case DischargeReason.LEFT_AMA:
            los = 1 + min(int(rng.expovariate(1 / 14)), 60)
        case DischargeReason.ADMINISTRATIVE:
            los = rng.randint(5, 60)
        case DischargeReason.TRANSFERRED:
            los = rng.randint(2, 45)
        case _:
            los = rng.randint(3, 80)
    return reason, los


class StayPlanner:
    """Arrivals, screening, a waiting list per program, admissions up to the beds, discharges."""

    def __init__(self, run: Run) -> None:
        self._rng = run.rng
        self._names = Names(run.rng)
        self._programs = run.programs
        self._start = run.start
        self._today = run.today
        self.persons: list[Person] = []
        self.stays: list[Stay] = []
        self.screenings: list[Screening] = []
        self._census = {p.code: 0 for p in self._programs}
        self._queues: dict[str, deque[Screening]] = {p.code: deque() for p in self._programs}
        self._leaving: dict[dt.date, list[Stay]] = defaultdict(list)
        self._returning: dict[str, list[Person]] = {p.code: [] for p in self._programs}

    def run(self) -> None:
        for program in self._programs:
            for _ in range(round(program.beds * INITIAL_OCCUPANCY)):
                self._initial_stay(program)
        day = self._start
        while day <= self._today:
            for stay in self._leaving.pop(day, []):
                self._discharge(stay)
            for program in self._programs:
                self._day(program, day)
            day += days(1)
        self._finish()

    def _new_person(self, gender: Gender, day: dt.date) -> Person:
        rng = self._rng
        first, last = self._names.full_name(gender)
        age_days = int(int(rng.triangular(18, 58, 31)) * 365.25) + rng.randint(0, 360)
        person = Person(
            seq=len(self.persons),
            gender=gender,
            first_name=first,
            last_name=last,
            date_of_birth=day - days(age_days),
            phone=self._names.phone() if rng.random() < 0.92 else "",
            email=self._names.email(first, last) if rng.random() < 0.7 else "",
            registered=day,
        )
        self.persons.append(person)
        return person

    def _gender_for(self, program: Program) -> Gender:
        return Gender.NONBINARY if self._rng.random() < OTHER_GENDER_SHARE else program.gender

    def _initial_stay(self, program: Program) -> None:
        """Someone already in care when the history starts (admitted before it)."""
        rng = self._rng
        reason, los = draw_outcome(rng)
        admitted = self._start - days(rng.randint(1, los))
        person = self._new_person(self._gender_for(program), admitted - days(rng.randint(0, 7)))
        self.screenings.append(
            Screening(person, person.registered, program, ScreeningDecision.ADMIT)
        )
        self._admit(person, program, admitted, (reason, los))

    def _day(self, program: Program, day: dt.date) -> None:
        rng = self._rng
        for _ in range(poisson(rng, program.beds * ARRIVAL_PRESSURE / MEAN_LOS_DAYS)):
            self._arrive(program, day)
        queue = self._queues[program.code]
        while queue and (day - queue[0].day).days > MAX_WAIT_DAYS:
            dropped = queue.popleft()
            dropped.decision, dropped.reason = ScreeningDecision.REFER, words.NO_BED_REASON
            dropped.person.busy = False
        if day.weekday() == 6:  # no admissions on Sundays
            return
        free = program.beds - self._census[program.code]
        for _ in range(min(free, MAX_INTAKE_PER_DAY, len(queue))):
            self._admit(queue.popleft().person, program, day, draw_outcome(rng))

    def _arrive(self, program: Program, day: dt.date) -> None:
        rng = self._rng
        person = self._returning_person(program, day) if rng.random() < READMIT_SHARE else None
        if person is None:
            person = self._new_person(self._gender_for(program), day)
        screening = Screening(person, day, program, ScreeningDecision.ADMIT)
        self.screenings.append(screening)
        if rng.random() < SCREEN_OUT_SHARE:
            screening.decision = rng.choice((ScreeningDecision.REFER, ScreeningDecision.DECLINE))
            if not person.stays and rng.random() < 0.2:
                person.gender = Gender.UNKNOWN  # not asked in a short phone screening
            return
        person.busy = True
        self._queues[program.code].append(screening)

    def _returning_person(self, program: Program, day: dt.date) -> Person | None:
        """A former resident of the program who is not in care and left a while ago."""
        pool = self._returning[program.code]
        latest = day - days(MIN_READMIT_GAP_DAYS)
        for _ in range(4):
            if not pool:
                return None
            person = self._rng.choice(pool)
            if not person.busy and person.stays[-1].planned_end <= latest:
                return person
        return None

    def _admit(
        self,
        person: Person,
        program: Program,
        day: dt.date,
        outcome: tuple[DischargeReason, int],
    ) -> None:
        rng = self._rng
        reason, los = outcome
        override = "" if person.gender == program.gender else words.OVERRIDE_REASON
        stay = Stay(len(self.stays), person, program, day, day + days(los), reason, override)
        person.stays.append(stay)
        person.busy = True
        if rng.random() < 0.9:
            person.sobriety_date = day - days(rng.randint(1, 21))  # after detox
        self.stays.append(stay)
        self._leaving[stay.planned_end].append(stay)
        self._census[program.code] += 1

    def _discharge(self, stay: Stay) -> None:
        self._census[stay.program.code] -= 1
        person = stay.person
        person.busy = False
        if len(person.stays) == 1:  # once in the pool, so every former resident is as likely
            self._returning[stay.program.code].append(person)

    def _finish(self) -> None:
        rng = self._rng
        for queue in self._queues.values():
            for screening in queue:
                screening.decision = ScreeningDecision.WAITLIST
        for program in self._programs:  # screened in the last days, decision still open
            for _ in range(max(1, program.beds // 20)):
                day = self._today - days(rng.randint(0, 3))
                person = self._new_person(program.gender, day)
                self.screenings.append(Screening(person, day, program, ScreeningDecision.PENDING))
        for stay in self.stays:
            if stay.planned_end <= self._today:
                stay.discharged, stay.reason = stay.planned_end, stay.planned_reason
        for screening in self.screenings:
            if not screening.reason and screening.decision is not ScreeningDecision.PENDING:
                screening.reason = rng.choice(words.DECISION_REASONS[screening.decision])
        for person in self.persons:
            if person.sobriety_date is None and not person.stays and rng.random() < 0.5:
                person.sobriety_date = person.registered - days(rng.randint(0, 60))
        self.persons.sort(key=lambda p: (p.registered, p.seq))
        self.stays.sort(key=lambda s: (s.admitted, s.seq))
        self.screenings.sort(key=lambda s: (s.day, s.person.seq))
