"""Group sessions a person attended, for the person's timeline."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from peerdesk.domain.enums import AttendanceStatus
from peerdesk.domain.residents import TimelineEntry
from peerdesk.models import Attendance, GroupSession, SessionType


def attendance_timeline(s: Session, person_id: int) -> list[TimelineEntry]:
    """One entry per session with the person on its attendance list (a timeline contributor)."""
    rows = s.execute(
        select(GroupSession.date, SessionType.name, GroupSession.topic, Attendance.status)
        .join(Attendance, Attendance.session_id == GroupSession.id)
        .join(SessionType, SessionType.code == GroupSession.type_code)
        .where(Attendance.person_id == person_id)
    )
    entries = []
    for day, type_name, topic, status in rows:
        detail = status.label if status is not AttendanceStatus.PRESENT else ""
        title = f"{type_name}: {topic}" if topic else type_name
        entries.append(TimelineEntry(day, "session", title, detail))
    return entries
