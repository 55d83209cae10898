"""The residents area: persons, screenings with their ratings, stays, goals and their steps.

The history itself is planned by ``peerdesk.demo.stays``; this module gives the planned
records their ids and record numbers and writes them.
"""

from __future__ import annotations

import itertools

from sqlalchemy import func, select

from peerdesk.demo import stays, words
from peerdesk.demo.dates import at, days
from peerdesk.demo.records import Person, Screening, Stay
from peerdesk.demo.run import Area, Run
from peerdesk.demo.writer import table
from peerdesk.domain.enums import (
    DischargeReason,
    GoalStatus,
    ScreeningCriterion,
    ScreeningDecision,
    StageOfChange,
)
from peerdesk.domain.residents import search_key


def write(run: Run) -> None:
    _ResidentWriter(run).write()


AREA = Area("residents", plan=stays.plan, write=write)


class _ResidentWriter:
    def __init__(self, run: Run) -> None:
        self._run = run
        self._rng = run.rng
        self._w = run.w

    def write(self) -> None:
        run = self._run
        persons = table("persons")
        record_no = (run.conn.scalar(select(func.max(persons.c.record_no))) or 0) + 1
        for p in run.persons:
            p.id = run.ids.next("persons")
        for sc in run.screenings:
            sc.id = run.ids.next("screenings")
        for st in run.stays:
            st.id = run.ids.next("stays")
        numbered = list(zip(run.persons, itertools.count(record_no), strict=False))
        self._w.each("residents", numbered, lambda pair: self._add_person(*pair))
        self._w.each("screenings", run.screenings, self._add_screening)
        self._w.each("stays", run.stays, self._add_stay)
        self._w.each("goals", run.stays, self._add_goals)

    def _add_person(self, p: Person, record_no: int) -> None:
        self._w.add(
            "persons",
            {
                "id": p.id,
                "record_no": record_no,
                "first_name": p.first_name,
                "last_name": p.last_name,
                "date_of_birth": p.date_of_birth,
                "gender": p.gender,
                "phone": p.phone,
                "email": p.email,
                "sobriety_date": p.sobriety_date,
                "search_key": search_key(p.first_name, p.last_name, record_no, p.phone, p.email),
                "created_at": at(p.registered),
            },
        )

    def _add_screening(self, sc: Screening) -> None:
        rng = self._rng
        hopeful = sc.decision in (ScreeningDecision.ADMIT, ScreeningDecision.WAITLIST)
        stage: StageOfChange | None = None
        if hopeful:
            stage = rng.choice(
                (
                    StageOfChange.CONTEMPLATION,
                    StageOfChange.PREPARATION,
                    StageOfChange.PREPARATION,
                    StageOfChange.ACTION,
                    StageOfChange.ACTION,
                    StageOfChange.MAINTENANCE,
                )
            )
        elif sc.decision is not ScreeningDecision.PENDING:
            stage = rng.choice((StageOfChange.PRECONTEMPLATION, StageOfChange.CONTEMPLATION))
        self._w.add(
            "screenings",
            {
                "id": sc.id,
                "person_id": sc.person.id,
                "screened_on": sc.day,
                "program_id": sc.program.id,
                "stage_of_change": stage,
                "decision": sc.decision,
                "decision_reason": sc.reason,
                "notes": rng.choice(words.SCREEN_SOURCES),
                "screener_user_id": self._run.recent_user(sc.day),
                "created_at": at(sc.day, 10),
            },
        )
        scale = (2, 3, 3, 4, 4, 4, 5, 5) if hopeful or stage is None else (1, 2, 2, 3, 3, 4)
        for criterion in ScreeningCriterion:
            rating = rng.choice(scale)
            self._w.add(
                "screening_ratings",
                {
                    "screening_id": sc.id,
                    "criterion": criterion,
                    "rating": rating,
                    "note": rng.choice(words.RATING_NOTES) if rating <= 2 else "",
                },
            )

    def _add_stay(self, st: Stay) -> None:
        self._w.add(
            "stays",
            {
                "id": st.id,
                "person_id": st.person.id,
                "program_id": st.program.id,
                "admission_date": st.admitted,
                "discharge_date": st.discharged,
                "discharge_reason": st.reason,
                "discharge_note": self._rng.choice(words.DISCHARGE_NOTES[st.reason])
                if st.reason
                else "",
                "override_reason": st.override_reason,
                "created_at": at(st.admitted, 11),
            },
        )

    def _add_goals(self, st: Stay) -> None:
        rng = self._rng
        end = st.discharged or self._run.today
        for title, steps in rng.sample(words.GOALS, rng.randint(1, 3)):
            if st.discharged is None:
                status = GoalStatus.OPEN
            elif st.reason is DischargeReason.COMPLETED:
                status = rng.choice((GoalStatus.ACHIEVED, GoalStatus.ACHIEVED, GoalStatus.OPEN))
            else:
                status = rng.choice((GoalStatus.DROPPED, GoalStatus.OPEN))
            created = min(st.admitted + days(rng.randint(1, 5)), end)
            goal_id = self._run.ids.next("goals")
            self._w.add(
                "goals",
                {
                    "id": goal_id,
                    "person_id": st.person.id,
                    "stay_id": st.id,
                    "title": title,
                    "target_date": st.admitted + days(rng.choice((30, 45, 60, 90))),
                    "status": status,
                    "created_at": at(created, 14),
                },
            )
            for position, description in enumerate(steps[: rng.randint(2, 4)], start=1):
                target = st.admitted + days(7 * position + rng.randint(0, 6))
                done = target + days(rng.randint(-5, 3))
                finished = status is GoalStatus.ACHIEVED or rng.random() < 0.5
                self._w.add(
                    "goal_actions",
                    {
                        "id": self._run.ids.next("goal_actions"),
                        "goal_id": goal_id,
                        "position": position,
                        "description": description,
                        "target_date": target,
                        "done_on": done if finished and created <= done <= end else None,
                    },
                )
