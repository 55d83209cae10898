"""The group sessions area: every day's groups, co-facilitators, attendance and notes.

Attendance runs up to yesterday; notes cover the last two weeks. Within one time of day a
resident, a staff member or a peer is in one group only.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from peerdesk.demo import words
from peerdesk.demo.dates import at, census_days, days
from peerdesk.demo.draw import Weighted
from peerdesk.demo.records import Alumnus, Staff, Stay
from peerdesk.demo.run import Area, Run
from peerdesk.domain.enums import (
    AlumnusRole,
    AttendanceStatus,
    NoteFormat,
    NoteStatus,
    ParticipationLevel,
    SessionTypeCode,
)

GROUP_MAX = 16
NOTE_DAYS = 14


@dataclass(frozen=True)
class _Slot:
    """A time of day when every program runs groups, split when the census is large."""

    start: dt.time
    duration: int
    types: tuple[tuple[str, float], ...]
    share: tuple[float, float]  # part of the census attending, low and high


_ST = SessionTypeCode
_DAYTIME = (0.35, 0.55)
_EVENING = (0.5, 0.8)
_WEEKDAY_SLOTS = (
    _Slot(dt.time(8, 30), 60, ((_ST.GROUP_THERAPY, 1),), _DAYTIME),
    _Slot(dt.time(10, 0), 90, ((_ST.GROUP_THERAPY, 0.6), (_ST.LIFE_SKILLS, 0.4)), _DAYTIME),
    _Slot(
        dt.time(13, 0),
        60,
        ((_ST.PEER_SUPPORT, 0.5), (_ST.LIFE_SKILLS, 0.3), (_ST.SMART_RECOVERY, 0.2)),
        _DAYTIME,
    ),
    _Slot(
        dt.time(14, 15),
        60,
        ((_ST.EXPERIENTIAL_DEBRIEF, 0.3), (_ST.GROUP_THERAPY, 0.4), (_ST.SMART_RECOVERY, 0.3)),
        _DAYTIME,
    ),
    _Slot(
        dt.time(19, 0),
        60,
        ((_ST.TWELVE_STEP, 0.65), (_ST.SMART_RECOVERY, 0.2), (_ST.PEER_SUPPORT, 0.15)),
        _EVENING,
    ),
)
_WEEKEND_SLOTS = (
    _Slot(dt.time(10, 0), 90, ((_ST.PEER_SUPPORT, 0.5), (_ST.GROUP_THERAPY, 0.5)), _DAYTIME),
    _Slot(dt.time(19, 0), 60, ((_ST.TWELVE_STEP, 0.8), (_ST.PEER_SUPPORT, 0.2)), _EVENING),
)
_SLOT_TYPES = {slot: Weighted(slot.types) for slot in (*_WEEKDAY_SLOTS, *_WEEKEND_SLOTS)}
#: Chance that a session has a peer co-facilitator, by type (others: ``_COFAC_OTHER``).
_COFAC_SHARE: dict[str, float] = {
    _ST.PEER_SUPPORT: 0.9,
    _ST.TWELVE_STEP: 0.3,
    _ST.EXPERIENTIAL_DEBRIEF: 0.3,
}
_COFAC_OTHER = 0.12
_ATTENDANCE_PICK = Weighted(
    (
        (AttendanceStatus.PRESENT, 0.80),
        (AttendanceStatus.LATE, 0.06),
        (AttendanceStatus.LEFT_EARLY, 0.04),
        (AttendanceStatus.EXCUSED, 0.05),
        (AttendanceStatus.ABSENT, 0.05),
    )
)
_PARTICIPATION_PICK = Weighted(
    (
        (ParticipationLevel.ACTIVE, 0.35),
        (ParticipationLevel.MODERATE, 0.40),
        (ParticipationLevel.MINIMAL, 0.20),
        (ParticipationLevel.NONE, 0.05),
    )
)


def write(run: Run) -> None:
    _SessionWriter(run, run.alumni).write(run.stays)


AREA = Area("group sessions", write=write)


class _SessionWriter:
    """Every day's groups; attendance up to yesterday; notes for the last two weeks."""

    def __init__(self, run: Run, alumni: Sequence[Alumnus]) -> None:
        self._run = run
        self._rng = run.rng
        self._w = run.w
        self._cofacs = [a for a in alumni if AlumnusRole.CO_FACILITATOR in a.roles and a.lead_from]
        self._note_author = run.office_user_ids[-1] if run.office_user_ids else None

    def write(self, stays: Sequence[Stay]) -> None:
        run = self._run
        total = run.scale.days
        for i, (day, census) in enumerate(census_days(stays, run.start, run.today), start=1):
            pools = {
                p.code: [a for a in self._cofacs if a.serves(p) and a.can_lead(day)]
                for p in run.programs
            }
            for slot in _WEEKDAY_SLOTS if day.weekday() < 5 else _WEEKEND_SLOTS:
                self._slot(day, slot, census, pools)
            if i % 30 == 0:
                self._w.report("group sessions", i, total)
        self._w.flush()
        self._w.report("group sessions", total, total)

    def _slot(
        self,
        day: dt.date,
        slot: _Slot,
        census: Mapping[str, list[int]],
        pools: Mapping[str, list[Alumnus]],
    ) -> None:
        """The groups of every program at one time: a resident, leader or peer in one only."""
        rng = self._rng
        busy_staff: set[int] = set()
        busy_alumni: set[int] = set()
        for program in self._run.programs:
            residents = census[program.code]
            attending = round(len(residents) * rng.uniform(*slot.share))
            if attending == 0:
                continue
            groups = math.ceil(attending / GROUP_MAX)
            chosen = rng.sample(residents, attending)
            for g in range(groups):
                type_code: str = _SLOT_TYPES[slot].pick(rng)
                staff = self._pick_staff(day, busy_staff)
                session_id = self._run.ids.next("group_sessions")
                self._w.add(
                    "group_sessions",
                    {
                        "id": session_id,
                        "type_code": type_code,
                        "program_id": program.id,
                        "date": day,
                        "start_time": slot.start,
                        "duration_min": slot.duration,
                        "topic": rng.choice(words.TOPICS[type_code]),
                        "facilitator_user_id": staff.user_id,
                        "facilitator_name": staff.name,
                        "created_at": at(day, 7),
                    },
                )
                self._add_cofacilitators(session_id, type_code, pools[program.code], busy_alumni)
                if day < self._run.today:
                    present = self._add_attendance(session_id, chosen[g::groups])
                    if (self._run.today - day).days <= NOTE_DAYS:
                        self._add_notes(session_id, day, slot, staff, present)

    def _pick_staff(self, day: dt.date, busy: set[int]) -> Staff:
        staff = self._run.staff
        free = [i for i in range(len(staff)) if i not in busy]
        employed = [i for i in free if staff[i].employed_on(day)]
        choice = self._rng.choice(employed or free or list(range(len(staff))))
        busy.add(choice)
        return staff[choice]

    def _add_cofacilitators(
        self, session_id: int, type_code: str, pool: list[Alumnus], busy: set[int]
    ) -> None:
        rng = self._rng
        if rng.random() >= _COFAC_SHARE.get(type_code, _COFAC_OTHER):
            return
        free = [a for a in pool if a.id not in busy]
        for a in rng.sample(free, min(len(free), 2 if rng.random() < 0.15 else 1)):
            busy.add(a.id)
            self._w.add("session_cofacilitators", {"session_id": session_id, "alumnus_id": a.id})

    def _add_attendance(self, session_id: int, members: list[int]) -> list[int]:
        rng = self._rng
        present: list[int] = []
        for person_id in members:
            status = _ATTENDANCE_PICK.pick(rng)
            level = None
            if status not in (AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT):
                level = _PARTICIPATION_PICK.pick(rng)
                present.append(person_id)
            self._w.add(
                "attendance",
                {
                    "session_id": session_id,
                    "person_id": person_id,
                    "status": status,
                    "participation": level,
                },
            )
        return present

    def _add_notes(
        self, session_id: int, day: dt.date, slot: _Slot, staff: Staff, present: list[int]
    ) -> None:
        """A group note and a few individual ones; signed unless from the last two days."""
        rng = self._rng
        fmt: NoteFormat = rng.choice(tuple(NoteFormat))
        author = staff.user_id or self._note_author
        signed = author is not None and (self._run.today - day).days > 2 and rng.random() < 0.95
        started = dt.datetime.combine(day, slot.start, dt.UTC)
        for person_id in [None, *present[: rng.randint(0, 3)]]:
            body = {k: words.GROUP_NOTE_TEXT[k] for k in words.NOTE_SECTIONS[fmt]}
            if person_id is not None:
                body = {k: rng.choice(words.INDIVIDUAL_NOTE_TEXT) for k in words.NOTE_SECTIONS[fmt]}
            written = started + dt.timedelta(minutes=slot.duration + rng.randint(20, 240))
            note_id = self._run.ids.next("session_notes")
            self._w.add(
                "session_notes",
                {
                    "id": note_id,
                    "session_id": session_id,
                    "person_id": person_id,
                    "format": fmt,
                    "body": json.dumps(body),
                    "status": NoteStatus.SIGNED if signed else NoteStatus.DRAFT,
                    "author_user_id": author,
                    "signed_by_user_id": author if signed else None,
                    "signed_at": written if signed else None,
                    "updated_at": written,
                },
            )
            if signed and author is not None and rng.random() < 0.05:
                self._w.add(
                    "note_addenda",
                    {
                        "id": self._run.ids.next("note_addenda"),
                        "note_id": note_id,
                        "body": rng.choice(words.ADDENDA),
                        "author_user_id": author,
                        "signed_at": written + days(1),
                    },
                )
