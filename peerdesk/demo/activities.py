"""The experiential activities area: quarterly weekly timetables, Sunday outings, leads, sign-ups.

The history runs two weeks past today (scheduled occurrences with sign-ups still coming in).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from peerdesk.demo import words
from peerdesk.demo.dates import at, census_days, days
from peerdesk.demo.records import Alumnus, Program, Stay
from peerdesk.demo.run import Area, Run
from peerdesk.demo.words import ActivityKind
from peerdesk.domain.enums import ActivityStatus, AlumnusRole

FUTURE_ACTIVITY_DAYS = 14
ONE_OFF_SHARE = 0.35
QUARTER_DAYS = 91
_WEEKDAY_ACTIVITY_START = dt.time(15, 30)
_WEEKEND_ACTIVITY_START = dt.time(12, 30)


def write(run: Run) -> None:
    _ActivityWriter(run, run.alumni).write(run.stays)


AREA = Area("activities", write=write)


@dataclass
class _ActivityDay:
    """One day's bookings, so nobody is booked twice at the same time."""

    day: dt.date
    census: Mapping[str, list[int]]
    leads: list[Alumnus]
    busy_leads: set[int] = field(default_factory=set)
    taken: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))


#: A weekly timetable: weekday -> (series id, program, activity).
_Timetable = dict[int, list[tuple[int, Program, ActivityKind]]]


class _ActivityWriter:
    """Quarterly weekly timetables, Sunday outings, leads and sign-ups; two weeks ahead."""

    def __init__(self, run: Run, alumni: Sequence[Alumnus]) -> None:
        self._run = run
        self._rng = run.rng
        self._w = run.w
        self._leads = [a for a in alumni if AlumnusRole.ACTIVITY_LEAD in a.roles and a.lead_from]

    def write(self, stays: Sequence[Stay]) -> None:
        run = self._run
        last = run.today + days(FUTURE_ACTIVITY_DAYS)
        total = (last - run.start).days + 1
        week: _Timetable = {}
        for i, (day, census) in enumerate(census_days(stays, run.start, last)):
            if i % QUARTER_DAYS == 0:
                week = self._plan_quarter(day, last)
            leads = [a for a in self._leads if a.can_lead(min(day, run.today))]
            today = _ActivityDay(day, census, leads)
            if day.weekday() == 6:
                self._outings(today)
            for series_id, program, kind in week.get(day.weekday(), []):
                self._occurrence(today, series_id, program, kind)
            if i % 30 == 0:
                self._w.report("activities", i, total)
        self._w.flush()
        self._w.report("activities", total, total)

    def _plan_quarter(self, begin: dt.date, last: dt.date) -> _Timetable:
        """Thirteen weeks of Monday-Saturday series; a place holds one group at a time."""
        rng = self._rng
        end = begin + days(QUARTER_DAYS - 1)
        kinds = [k for k in words.ACTIVITIES if not k.one_off]
        week: _Timetable = defaultdict(list)
        for program in self._run.programs:
            weekdays = list(range(6))
            rng.shuffle(weekdays)
            for n in range(self._run.scale.series_per_week[program.code]):
                weekday = weekdays[n % len(weekdays)]
                used = {k.name for _, _, k in week[weekday]}
                kind = rng.choice([k for k in kinds if k.name not in used])
                first = begin + days((weekday - begin.weekday()) % 7)
                series_id = self._run.ids.next("activity_series")
                self._w.add(
                    "activity_series",
                    {
                        "id": series_id,
                        "activity_type_id": self._run.activity_ids[kind.name],
                        "program_id": program.id,
                        "weekday": weekday,
                        "start_time": _activity_start(weekday),
                        "duration_min": kind.duration,
                        "starts_on": first,
                        # The current timetable runs on; earlier ones ended with their quarter.
                        "ends_on": None
                        if end >= last
                        else first + days(7 * ((end - first).days // 7)),
                    },
                )
                week[weekday].append((series_id, program, kind))
        return week

    def _outings(self, today: _ActivityDay) -> None:
        """One-off Sunday outings for some programs, each to a different place."""
        rng = self._rng
        kinds = [k for k in words.ACTIVITIES if k.one_off]
        rng.shuffle(kinds)
        for program, kind in zip(self._run.programs, kinds, strict=False):
            if rng.random() < ONE_OFF_SHARE:
                self._occurrence(today, None, program, kind)

    def _occurrence(
        self, today: _ActivityDay, series_id: int | None, program: Program, kind: ActivityKind
    ) -> None:
        """One occurrence with its leads and sign-ups (residents in care, up to capacity)."""
        rng, day, past = self._rng, today.day, today.day < self._run.today
        status = ActivityStatus.HELD if past else ActivityStatus.SCHEDULED
        reason = ""
        if rng.random() < (0.06 if past else 0.02):
            status, reason = ActivityStatus.CANCELLED, rng.choice(words.CANCEL_REASONS)
        occurrence_id = self._run.ids.next("activity_occurrences")
        self._w.add(
            "activity_occurrences",
            {
                "id": occurrence_id,
                "activity_type_id": self._run.activity_ids[kind.name],
                "series_id": series_id,
                "program_id": program.id,
                "date": day,
                "start_time": _activity_start(day.weekday()),
                "duration_min": kind.duration,
                "location": kind.location,
                "capacity": kind.capacity,
                "status": status,
                "status_reason": reason,
                "staff_user_id": self._run.recent_user(day),
                "created_at": at(min(day, self._run.today) - days(7), 8),
            },
        )
        free = [a for a in today.leads if a.serves(program) and a.id not in today.busy_leads]
        if free and rng.random() < 0.7:
            for a in rng.sample(free, min(len(free), 2 if rng.random() < 0.12 else 1)):
                today.busy_leads.add(a.id)
                self._w.add("activity_leads", {"occurrence_id": occurrence_id, "alumnus_id": a.id})
        taken = today.taken[program.code]
        available = [p for p in today.census[program.code] if p not in taken]
        wanted = round(min(kind.capacity, len(available)) * rng.uniform(0.85, 1.0))
        if not past:
            wanted //= 2  # sign-ups still coming in
        for person_id in rng.sample(available, wanted):
            taken.add(person_id)
            attended = rng.random() < 0.88 if status is ActivityStatus.HELD else None
            self._w.add(
                "participations",
                {"occurrence_id": occurrence_id, "person_id": person_id, "attended": attended},
            )


def _activity_start(weekday: int) -> dt.time:
    return _WEEKDAY_ACTIVITY_START if weekday < 5 else _WEEKEND_ACTIVITY_START
