"""Experiential activities a person signed up for, for the person's timeline."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from peerdesk.domain.residents import TimelineEntry
from peerdesk.models import ActivityOccurrence, ActivityType, Participation

_ATTENDED = {True: "attended", False: "did not attend", None: "signed up"}


def activity_timeline(s: Session, person_id: int) -> list[TimelineEntry]:
    """One entry per activity the person took part in (a timeline contributor)."""
    rows = s.execute(
        select(ActivityOccurrence.date, ActivityType.name, Participation.attended)
        .join(Participation, Participation.occurrence_id == ActivityOccurrence.id)
        .join(ActivityType, ActivityType.id == ActivityOccurrence.activity_type_id)
        .where(Participation.person_id == person_id)
    )
    return [TimelineEntry(day, "activity", name, _ATTENDED[att]) for day, name, att in rows]
