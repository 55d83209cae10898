"""Alumni roster: roles, competencies, training, certifications, mentoring, follow-ups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from peerdesk.domain.enums import (
    AlumnusRole,
    AlumnusStatus,
    Competency,
    ContactPreference,
    TrainingTopic,
    YesNoUnknown,
)
from peerdesk.domain.enums import AlumnusRole as RoleCode
from peerdesk.models.base import Base, code_enum, created_at, intpk, str100, str200


class Alumnus(Base):
    """A person who completed a stay (``person_id`` set) or a peer worker recorded directly.

    Names and contact data are copied from the resident record at promotion, so no one re-types
    them, and they stay editable here without changing the clinical record.
    """

    __tablename__ = "alumni"
    __table_args__ = (Index("ix_alumni_name", "last_name", "first_name"),)

    id: Mapped[intpk]
    external_id: Mapped[str | None] = mapped_column(String(40), unique=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), unique=True
    )
    first_name: Mapped[str100]
    last_name: Mapped[str100]
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    contact_preference: Mapped[ContactPreference] = mapped_column(
        code_enum(ContactPreference), default=ContactPreference.PHONE
    )
    sobriety_date: Mapped[dt.date | None]
    status: Mapped[AlumnusStatus] = mapped_column(
        code_enum(AlumnusStatus), default=AlumnusStatus.ACTIVE, index=True
    )
    joined_on: Mapped[dt.date | None]
    created_at: Mapped[created_at]
    version_id: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class AlumnusRoleAssignment(Base):
    __tablename__ = "alumnus_roles"

    alumnus_id: Mapped[int] = mapped_column(
        ForeignKey("alumni.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[AlumnusRole] = mapped_column(code_enum(RoleCode), primary_key=True)


class CompetencyRecord(Base):
    """Assessment of one of the five core competencies (seed 000)."""

    __tablename__ = "alumnus_competencies"

    alumnus_id: Mapped[int] = mapped_column(
        ForeignKey("alumni.id", ondelete="CASCADE"), primary_key=True
    )
    competency: Mapped[Competency] = mapped_column(code_enum(Competency), primary_key=True)
    assessed_on: Mapped[dt.date]
    note: Mapped[str] = mapped_column(Text, default="")


class Training(Base):
    __tablename__ = "trainings"

    id: Mapped[intpk]
    alumnus_id: Mapped[int] = mapped_column(ForeignKey("alumni.id", ondelete="CASCADE"), index=True)
    topic: Mapped[TrainingTopic] = mapped_column(code_enum(TrainingTopic))
    title: Mapped[str200]
    completed_on: Mapped[dt.date]
    hours: Mapped[Decimal] = mapped_column(Numeric(6, 1))
    provider: Mapped[str] = mapped_column(String(200), default="")


class Certification(Base):
    __tablename__ = "certifications"

    id: Mapped[intpk]
    alumnus_id: Mapped[int] = mapped_column(ForeignKey("alumni.id", ondelete="CASCADE"), index=True)
    name: Mapped[str200]
    issued_on: Mapped[dt.date | None]
    expires_on: Mapped[dt.date | None] = mapped_column(index=True)


class MentorAssignment(Base):
    """An alumnus of the same program mentoring a resident."""

    __tablename__ = "mentor_assignments"

    id: Mapped[intpk]
    mentor_alumnus_id: Mapped[int] = mapped_column(
        ForeignKey("alumni.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    started_on: Mapped[dt.date]
    ended_on: Mapped[dt.date | None]


class VolunteerEntry(Base):
    """Contributions that are not sessions or activities (``volunteer_hours`` import kind)."""

    __tablename__ = "volunteer_entries"

    id: Mapped[intpk]
    alumnus_id: Mapped[int] = mapped_column(ForeignKey("alumni.id", ondelete="CASCADE"), index=True)
    worked_on: Mapped[dt.date]
    hours: Mapped[Decimal] = mapped_column(Numeric(6, 1))
    description: Mapped[str] = mapped_column(String(200), default="")


class FollowUp(Base):
    """Contact after discharge; due on discharge date + ``interval_days``."""

    __tablename__ = "followups"
    __table_args__ = (UniqueConstraint("stay_id", "interval_days"),)

    id: Mapped[intpk]
    stay_id: Mapped[int] = mapped_column(ForeignKey("stays.id", ondelete="CASCADE"), index=True)
    interval_days: Mapped[int]
    contact_date: Mapped[dt.date | None]
    reached: Mapped[bool | None]
    abstinent: Mapped[YesNoUnknown] = mapped_column(
        code_enum(YesNoUnknown), default=YesNoUnknown.UNKNOWN
    )
    housing_stable: Mapped[YesNoUnknown] = mapped_column(
        code_enum(YesNoUnknown), default=YesNoUnknown.UNKNOWN
    )
    work_or_school: Mapped[YesNoUnknown] = mapped_column(
        code_enum(YesNoUnknown), default=YesNoUnknown.UNKNOWN
    )
    note: Mapped[str] = mapped_column(Text, default="")
