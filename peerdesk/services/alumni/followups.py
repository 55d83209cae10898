"""Follow-ups after discharge (30, 90, 180, 365 days), for the person's timeline."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from peerdesk.domain.residents import TimelineEntry
from peerdesk.models import FollowUp, Stay


def followup_timeline(s: Session, person_id: int) -> list[TimelineEntry]:
    """Contacts made, or the day they are due (a timeline contributor)."""
    rows = s.execute(
        select(Stay.discharge_date, FollowUp.interval_days, FollowUp.contact_date, FollowUp.reached)
        .join(FollowUp, FollowUp.stay_id == Stay.id)
        .where(Stay.person_id == person_id, Stay.discharge_date.is_not(None))
    )
    entries = []
    for discharged, days, contacted, reached in rows:
        title = f"{days}-day follow-up"
        assert discharged is not None  # the query asks for discharged stays
        if contacted:
            entries.append(
                TimelineEntry(contacted, "followup", title, "reached" if reached else "not reached")
            )
        else:
            entries.append(
                TimelineEntry(discharged + dt.timedelta(days=days), "followup", title, "due")
            )
    return entries
