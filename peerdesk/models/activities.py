"""Experiential activity catalog, occurrences, leads and participation."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from peerdesk.domain.enums import ActivityStatus
from peerdesk.models.base import Base, code_enum, created_at, intpk, str200


class ActivityType(Base):
    """A catalog entry (sand volleyball, cooking class, ...), with defaults for occurrences."""

    __tablename__ = "activity_types"

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(100), unique=True)
    location: Mapped[str] = mapped_column(String(200), default="")
    capacity: Mapped[int]
    notes: Mapped[str] = mapped_column(Text, default="")
    is_active: Mapped[bool] = mapped_column(default=True)


class ActivitySeries(Base):
    """A weekly-recurring activity; each week's occurrence is its own row."""

    __tablename__ = "activity_series"

    id: Mapped[intpk]
    activity_type_id: Mapped[int] = mapped_column(ForeignKey("activity_types.id"))
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"))
    weekday: Mapped[int]
    start_time: Mapped[dt.time]
    duration_min: Mapped[int]
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date | None]


class ActivityOccurrence(Base):
    __tablename__ = "activity_occurrences"
    __table_args__ = (Index("ix_activity_occurrences_date", "date", "start_time"),)

    id: Mapped[intpk]
    external_id: Mapped[str | None] = mapped_column(String(40), unique=True)
    activity_type_id: Mapped[int] = mapped_column(ForeignKey("activity_types.id"), index=True)
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity_series.id", ondelete="SET NULL")
    )
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"))
    date: Mapped[dt.date]
    start_time: Mapped[dt.time]
    duration_min: Mapped[int]
    location: Mapped[str200]
    capacity: Mapped[int]
    status: Mapped[ActivityStatus] = mapped_column(
        code_enum(ActivityStatus), default=ActivityStatus.SCHEDULED
    )
    status_reason: Mapped[str] = mapped_column(Text, default="")
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[created_at]
    version_id: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class ActivityLead(Base):
    __tablename__ = "activity_leads"

    occurrence_id: Mapped[int] = mapped_column(
        ForeignKey("activity_occurrences.id", ondelete="CASCADE"), primary_key=True
    )
    alumnus_id: Mapped[int] = mapped_column(ForeignKey("alumni.id"), primary_key=True, index=True)


class Participation(Base):
    """A resident signed up for an occurrence; ``attended`` is set once it is held."""

    __tablename__ = "participations"

    occurrence_id: Mapped[int] = mapped_column(
        ForeignKey("activity_occurrences.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    attended: Mapped[bool | None]
