"""The care after a stay: mentoring by alumni, aftercare plans and follow-up calls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from peerdesk.demo import words
from peerdesk.demo.dates import at, days
from peerdesk.demo.records import Alumnus, Program, Stay
from peerdesk.demo.run import Area, Run
from peerdesk.demo.writer import Row
from peerdesk.domain.enums import AlumnusRole, DischargeReason, YesNoUnknown

#: Share of stays that get a mentor.
MENTOR_SHARE = 0.45
FOLLOWUP_INTERVALS = (30, 90, 180, 365)


def write(run: Run) -> None:
    _CareWriter(run, run.alumni).write(run.stays)


AREA = Area("mentoring, aftercare and follow-ups", write=write)


class _CareWriter:
    def __init__(self, run: Run, alumni: Sequence[Alumnus]) -> None:
        self._run = run
        self._rng = run.rng
        self._w = run.w
        self._mentors = {
            p.code: [a for a in alumni if AlumnusRole.MENTOR in a.roles and a.serves(p)]
            for p in run.programs
        }
        self._mentor_of_stay: dict[int, Alumnus] = {}

    def write(self, stays: Sequence[Stay]) -> None:
        self._w.each("mentoring", stays, self._add_mentoring)
        completed = [s for s in stays if s.reason is DischargeReason.COMPLETED]
        self._w.each("aftercare plans", completed, self._add_aftercare)
        discharged = [s for s in stays if s.discharged is not None]
        self._w.each("follow-ups", discharged, self._add_followups)

    def _pick_mentor(self, program: Program, day: dt.date) -> Alumnus | None:
        """An active mentor of the program who has been an alumnus for three months."""
        pool = [
            a
            for a in self._mentors[program.code]
            if a.active_on(day) and a.joined + days(90) <= day
        ]
        return self._rng.choice(pool) if pool else None

    def _add_mentoring(self, st: Stay) -> None:
        rng, today = self._rng, self._run.today
        if rng.random() >= MENTOR_SHARE:
            return
        started = st.admitted + days(rng.randint(2, 10))
        if started >= (st.discharged or today + days(1)):
            return
        mentor = self._pick_mentor(st.program, started)
        if mentor is None:
            return
        # Mentoring goes on after discharge, until the mentor stops or the person returns.
        ended = st.discharged + days(rng.randint(30, 180)) if st.discharged else None
        later = [s.admitted for s in st.person.stays if s.admitted > st.admitted]
        for limit in (mentor.until, later[0] if later else None):
            if limit is not None and (ended is None or ended > limit):
                ended = max(limit, started)
        self._mentor_of_stay[st.seq] = mentor
        self._w.add(
            "mentor_assignments",
            {
                "id": self._run.ids.next("mentor_assignments"),
                "mentor_alumnus_id": mentor.id,
                "person_id": st.person.id,
                "started_on": started,
                "ended_on": ended if ended is not None and ended <= today else None,
            },
        )

    def _add_aftercare(self, st: Stay) -> None:
        rng = self._rng
        assert st.discharged is not None
        mentor = self._mentor_of_stay.get(st.seq)
        if mentor is None and rng.random() < 0.3:
            mentor = self._pick_mentor(st.program, st.discharged)
        self._w.add(
            "aftercare_plans",
            {
                "id": self._run.ids.next("aftercare_plans"),
                "stay_id": st.id,
                "meetings": rng.choice(words.MEETINGS),
                "sober_living": rng.choice(words.SOBER_LIVING),
                "outpatient": rng.choice(words.OUTPATIENT),
                "mentor_alumnus_id": mentor.id if mentor else None,
                "notes": "",
                "updated_at": at(st.discharged, 12),
            },
        )

    def _add_followups(self, st: Stay) -> None:
        """Follow-ups already due; most attempted within days, the newest often still open."""
        rng, today = self._rng, self._run.today
        assert st.discharged is not None
        completed = st.reason is DischargeReason.COMPLETED
        for interval in FOLLOWUP_INTERVALS:
            due = st.discharged + days(interval)
            if due > today:
                break
            contact: dt.date | None = None
            if rng.random() < (0.4 if (today - due).days < 14 else 0.93):
                contact = min(due + days(rng.randint(-5, 10)), today)
            reached = None if contact is None else rng.random() < (0.78 if completed else 0.5)
            row: Row = {
                "id": self._run.ids.next("followups"),
                "stay_id": st.id,
                "interval_days": interval,
                "contact_date": contact,
                "reached": reached,
                "abstinent": YesNoUnknown.UNKNOWN,
                "housing_stable": YesNoUnknown.UNKNOWN,
                "work_or_school": YesNoUnknown.UNKNOWN,
                "note": rng.choice(words.FOLLOWUP_MISSED) if contact is not None else "",
            }
            if reached:
                row["abstinent"] = self._yes_no(0.72 if completed else 0.45)
                row["housing_stable"] = self._yes_no(0.8 if completed else 0.55)
                row["work_or_school"] = self._yes_no(0.6 if completed else 0.4)
                row["note"] = rng.choice(words.FOLLOWUP_REACHED)
            self._w.add("followups", row)

    def _yes_no(self, yes: float) -> YesNoUnknown:
        r = self._rng.random()
        if r < yes:
            return YesNoUnknown.YES
        return YesNoUnknown.UNKNOWN if r > 0.95 else YesNoUnknown.NO
