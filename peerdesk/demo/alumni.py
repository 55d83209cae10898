"""The alumni area: alumni from completed stays and peer workers recorded directly.

Planned in memory (who, when they joined, their roles and trainings, from when they may lead),
then written with their roles, competencies, trainings, certifications and volunteer hours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal

from peerdesk.demo import words
from peerdesk.demo.dates import at, days
from peerdesk.demo.draw import Names
from peerdesk.demo.records import Alumnus, Person, Program
from peerdesk.demo.run import Area, Run
from peerdesk.domain.enums import (
    AlumnusRole,
    AlumnusStatus,
    Competency,
    ContactPreference,
    DischargeReason,
    Gender,
    TrainingTopic,
)

#: Share of completed stays whose person joins the alumni.
ALUMNUS_SHARE = 0.57
LEADERSHIP_TOPICS = (
    TrainingTopic.COMMUNICATION,
    TrainingTopic.CONFLICT_RESOLUTION,
    TrainingTopic.SELF_CARE,
    TrainingTopic.FACILITATION,
    TrainingTopic.TRAUMA_INFORMED_CARE,
)


def plan(run: Run) -> None:
    run.alumni = _AlumniPlanner(run, run.persons).plan()


def write(run: Run) -> None:
    _AlumniWriter(run).write(run.alumni)


AREA = Area("alumni", plan=plan, write=write)


class _AlumniPlanner:
    """Alumni from completed stays (names copied) and peer workers recorded directly."""

    def __init__(self, run: Run, persons: Sequence[Person]) -> None:
        self._rng = run.rng
        self._names = Names(run.rng)
        self._persons = persons
        self._scale = run.scale
        self._start = run.start
        self._today = run.today

    def plan(self) -> list[Alumnus]:
        alumni = [*self._direct(), *self._from_stays()]
        alumni.sort(key=lambda a: (a.joined, a.last_name, a.first_name))
        for a in alumni:
            self._add_trainings(a)
        return alumni

    def _from_stays(self) -> Iterator[Alumnus]:
        rng = self._rng
        for person in self._persons:
            last = person.stays[-1] if person.stays else None
            if last is None or last.discharged is None:
                continue
            if last.reason is not DischargeReason.COMPLETED:
                continue
            joined = last.discharged + days(rng.randint(0, 120))
            if joined > self._today or rng.random() >= ALUMNUS_SHARE:
                continue
            roles = [
                role
                for role, share in (
                    (AlumnusRole.MENTOR, 0.35),
                    (AlumnusRole.PEER_SUPPORT, 0.15),
                    (AlumnusRole.CO_FACILITATOR, 0.22),
                    (AlumnusRole.ACTIVITY_LEAD, 0.25),
                )
                if rng.random() < share
            ]
            name = (person.first_name, person.last_name)
            yield self._alumnus(person, last.program, name, joined, roles)

    def _direct(self) -> Iterator[Alumnus]:
        rng = self._rng
        for _ in range(self._scale.direct_alumni):
            name = self._names.full_name(rng.choice((Gender.MALE, Gender.FEMALE)))
            joined = self._start - days(rng.randint(30, 5 * 365))
            if rng.random() < 0.5:
                joined = self._start + days(rng.randint(0, max(0, self._scale.days - 60)))
            roles = [AlumnusRole.PEER_SUPPORT]
            for role, share in (
                (AlumnusRole.CO_FACILITATOR, 0.85),
                (AlumnusRole.ACTIVITY_LEAD, 0.6),
                (AlumnusRole.MENTOR, 0.5),
            ):
                if rng.random() < share:
                    roles.append(role)
            yield self._alumnus(None, None, name, joined, roles)

    def _alumnus(
        self,
        person: Person | None,
        program: Program | None,
        name: tuple[str, str],
        joined: dt.date,
        roles: list[AlumnusRole],
    ) -> Alumnus:
        rng = self._rng
        first, last = name
        if person is not None:
            phone, email, sober = person.phone, person.email, person.sobriety_date
        else:
            phone, email = self._names.phone(), self._names.email(first, last)
            sober = joined - days(rng.randint(365, 3650))
        status, until = self._status(joined)
        return Alumnus(
            person, program, first, last, phone, email, sober, joined, status, until, roles
        )

    def _status(self, joined: dt.date) -> tuple[AlumnusStatus, dt.date | None]:
        """Longer-standing alumni are more often inactive; a few are paused."""
        rng = self._rng
        tenure = (self._today - joined).days
        r = rng.random()
        if tenure > 400 and r < min(0.6, 0.08 * tenure / 365):
            return AlumnusStatus.INACTIVE, joined + days(rng.randint(180, tenure - 30))
        if tenure > 60 and r > 0.88:
            return AlumnusStatus.PAUSED, self._today - days(rng.randint(7, min(tenure - 30, 240)))
        return AlumnusStatus.ACTIVE, None

    def _add_trainings(self, a: Alumnus) -> None:
        """Leaders complete all five leadership trainings and may lead once sober a year."""
        rng = self._rng
        if not a.roles:
            return
        leads = bool({AlumnusRole.CO_FACILITATOR, AlumnusRole.ACTIVITY_LEAD} & set(a.roles))
        topics = [t for t in LEADERSHIP_TOPICS if leads or rng.random() < 0.5]
        if rng.random() < 0.25:
            topics.append(TrainingTopic.OTHER)
        for topic in topics:
            done = a.joined + days(rng.randint(7, 120))
            if done <= self._today:
                a.trainings.append((topic, done, Decimal(rng.choice((2, 4, 6, 8, 12)))))
        done_dates = [d for topic, d, _ in a.trainings if topic in LEADERSHIP_TOPICS]
        if not leads or len(done_dates) < len(LEADERSHIP_TOPICS):
            return
        ready = max(done_dates)
        if a.sobriety_date is not None:
            ready = max(ready, a.sobriety_date + days(365))
        if ready <= self._today and (a.until is None or ready < a.until):
            a.lead_from = ready


class _AlumniWriter:
    def __init__(self, run: Run) -> None:
        self._run = run
        self._rng = run.rng
        self._w = run.w

    def write(self, alumni: list[Alumnus]) -> None:
        for a in alumni:
            a.id = self._run.ids.next("alumni")
        self._w.each("alumni", alumni, self._add_alumnus)
        self._w.each("alumni roles and training", alumni, self._add_details)

    def _add_alumnus(self, a: Alumnus) -> None:
        rng = self._rng
        if a.email and rng.random() < 0.25:
            pref = ContactPreference.EMAIL
        elif a.phone:
            pref = rng.choice((ContactPreference.PHONE, ContactPreference.TEXT))
        else:
            pref = ContactPreference.NONE
        self._w.add(
            "alumni",
            {
                "id": a.id,
                "person_id": a.person.id if a.person else None,
                "first_name": a.first_name,
                "last_name": a.last_name,
                "phone": a.phone,
                "email": a.email,
                "contact_preference": pref,
                "sobriety_date": a.sobriety_date,
                "status": a.status,
                "joined_on": a.joined,
                "created_at": at(a.joined, 15),
            },
        )

    def _add_details(self, a: Alumnus) -> None:
        rng, w, today = self._rng, self._w, self._run.today
        for role in a.roles:
            w.add("alumnus_roles", {"alumnus_id": a.id, "role": role})
        if not a.roles:
            return
        for competency in Competency:
            assessed = a.joined + days(rng.randint(30, 240))
            if assessed <= today and rng.random() < 0.85:
                w.add(
                    "alumnus_competencies",
                    {"alumnus_id": a.id, "competency": competency, "assessed_on": assessed},
                )
        for topic, done, hours in a.trainings:
            w.add(
                "trainings",
                {
                    "id": self._run.ids.next("trainings"),
                    "alumnus_id": a.id,
                    "topic": topic,
                    "title": words.TRAINING_TITLES[topic],
                    "completed_on": done,
                    "hours": hours,
                    "provider": rng.choice(words.PROVIDERS),
                },
            )
        self._add_certifications(a)
        self._add_volunteering(a)

    def _add_certifications(self, a: Alumnus) -> None:
        """Renewed about every two years while active, so some lapse and some expire soon."""
        rng = self._rng
        last_day = min(a.until or self._run.today, self._run.today)
        for name, valid_days, role in words.CERTIFICATIONS:
            if role not in a.roles:
                continue
            issued = a.joined + days(rng.randint(60, 400))
            while issued <= last_day:
                self._w.add(
                    "certifications",
                    {
                        "id": self._run.ids.next("certifications"),
                        "alumnus_id": a.id,
                        "name": name,
                        "issued_on": issued,
                        "expires_on": issued + days(valid_days),
                    },
                )
                issued += days(valid_days + rng.randint(-20, 45))

    def _add_volunteering(self, a: Alumnus) -> None:
        rng = self._rng
        begin = max(a.joined, self._run.start)
        span = (min(a.until or self._run.today, self._run.today) - begin).days
        if span <= 0:
            return
        for _ in range(min(24, span // 90 + rng.randint(0, 2))):
            self._w.add(
                "volunteer_entries",
                {
                    "id": self._run.ids.next("volunteer_entries"),
                    "alumnus_id": a.id,
                    "worked_on": begin + days(rng.randint(0, span)),
                    "hours": Decimal(rng.choice(("1.5", "2.0", "3.0", "4.0", "6.0"))),
                    "description": rng.choice(words.VOLUNTEER),
                },
            )
