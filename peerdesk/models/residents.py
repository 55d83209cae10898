"""People, screenings, programs, stays, goals and aftercare."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from peerdesk.domain.enums import (
    DischargeReason,
    Gender,
    GoalStatus,
    ResidentStatus,
    ScreeningCriterion,
    ScreeningDecision,
    StageOfChange,
)
from peerdesk.domain.residents import person_sort_name, search_key
from peerdesk.models.base import (
    Base,
    code_enum,
    created_at,
    intpk,
    str100,
    str200,
    updated_at,
)


class Program(Base):
    __tablename__ = "programs"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str100]
    #: Gender the program is for (men's / women's are separate); ``None`` admits anyone.
    gender: Mapped[Gender | None] = mapped_column(code_enum(Gender))
    bed_capacity: Mapped[int]
    is_active: Mapped[bool] = mapped_column(default=True)


def _row(context: DefaultExecutionContext) -> dict[str, Any]:
    """The values of the row being inserted (a context-sensitive default's view of it)."""
    row: dict[str, Any] = context.get_current_parameters()  # type: ignore[no-untyped-call]
    return row


def _search_key_default(context: DefaultExecutionContext) -> str:
    row = _row(context)
    return search_key(
        row.get("first_name") or "",
        row.get("last_name") or "",
        row.get("record_no") or 0,
        row.get("phone") or "",
        row.get("email") or "",
    )


def _sort_name_default(context: DefaultExecutionContext) -> str:
    row = _row(context)
    return person_sort_name(row.get("first_name") or "", row.get("last_name") or "")


class Person(Base):
    """A person registered once; every stay, note and activity links here.

    ``status``, ``last_program_id`` and ``last_admission_date`` are derived (kept by
    ``services.residents.refresh_person_summary``) so lists sort and filter in SQL.
    ``search_key`` (the terms a search matches, indexed by ``db.search``) and ``sort_name``
    (accent-free, compared byte by byte) follow the name: the services set them on every change,
    and an insert that leaves them out (bulk loads) gets them computed from the row.
    """

    __tablename__ = "persons"
    __table_args__ = (
        Index("ix_persons_name", "last_name", "first_name"),
        Index("ix_persons_status", "status"),
        # The list's name order; with the record number (the tie) it needs no sort step.
        Index("ix_persons_sort_name", "sort_name", "record_no"),
    )

    id: Mapped[intpk]
    record_no: Mapped[int] = mapped_column(unique=True)
    external_id: Mapped[str | None] = mapped_column(String(40), unique=True)
    first_name: Mapped[str100]
    last_name: Mapped[str100]
    date_of_birth: Mapped[dt.date | None]
    gender: Mapped[Gender] = mapped_column(code_enum(Gender), default=Gender.UNKNOWN)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    sobriety_date: Mapped[dt.date | None]
    status: Mapped[ResidentStatus] = mapped_column(
        code_enum(ResidentStatus), default=ResidentStatus.SCREENING
    )
    last_program_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id"), index=True)
    last_admission_date: Mapped[dt.date | None] = mapped_column(index=True)
    search_key: Mapped[str] = mapped_column(Text, default=_search_key_default)
    sort_name: Mapped[str] = mapped_column(
        Text().with_variant(Text(collation="C"), "postgresql"),
        default=_sort_name_default,
    )
    created_at: Mapped[created_at]
    version_id: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012

    stays: Mapped[list[Stay]] = relationship(
        back_populates="person", order_by="Stay.admission_date", cascade="all, delete-orphan"
    )


class Screening(Base):
    """Intake screening against the program's assessment criteria (seed 003)."""

    __tablename__ = "screenings"

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    screened_on: Mapped[dt.date]
    program_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id"))
    stage_of_change: Mapped[StageOfChange | None] = mapped_column(code_enum(StageOfChange))
    decision: Mapped[ScreeningDecision] = mapped_column(
        code_enum(ScreeningDecision), default=ScreeningDecision.PENDING
    )
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    screener_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[created_at]
    version_id: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012

    ratings: Mapped[list[ScreeningRating]] = relationship(cascade="all, delete-orphan")


class ScreeningRating(Base):
    """One criterion of a screening, rated 1 (serious concern) to 5 (strength), with a note."""

    __tablename__ = "screening_ratings"
    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),)

    screening_id: Mapped[int] = mapped_column(
        ForeignKey("screenings.id", ondelete="CASCADE"), primary_key=True
    )
    criterion: Mapped[ScreeningCriterion] = mapped_column(
        code_enum(ScreeningCriterion), primary_key=True
    )
    rating: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")


class Stay(Base):
    """Admission to a program; discharge with a reason. The discharge day is not a care day."""

    __tablename__ = "stays"
    __table_args__ = (
        Index("ix_stays_person_admission", "person_id", "admission_date"),
        Index("ix_stays_program_dates", "program_id", "admission_date", "discharge_date"),
        Index("ix_stays_discharge_date", "discharge_date"),
        # One open stay per person, even when two workstations admit at the same moment.
        Index(
            "uq_stays_one_open_per_person",
            "person_id",
            unique=True,
            sqlite_where=text("discharge_date IS NULL"),
            postgresql_where=text("discharge_date IS NULL"),
        ),
    )

    id: Mapped[intpk]
    external_id: Mapped[str | None] = mapped_column(String(40), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"))
    admission_date: Mapped[dt.date]
    discharge_date: Mapped[dt.date | None]
    discharge_reason: Mapped[DischargeReason | None] = mapped_column(code_enum(DischargeReason))
    discharge_note: Mapped[str] = mapped_column(Text, default="")
    #: Why staff admitted despite a rule (full program, other program's gender); empty if none.
    override_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[created_at]
    version_id: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012

    person: Mapped[Person] = relationship(back_populates="stays")


class Goal(Base):
    """A recovery goal, broken into step-by-step actions with target dates."""

    __tablename__ = "goals"

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    stay_id: Mapped[int | None] = mapped_column(ForeignKey("stays.id", ondelete="SET NULL"))
    title: Mapped[str200]
    target_date: Mapped[dt.date | None]
    status: Mapped[GoalStatus] = mapped_column(code_enum(GoalStatus), default=GoalStatus.OPEN)
    created_at: Mapped[created_at]
    version_id: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012

    actions: Mapped[list[GoalAction]] = relationship(
        order_by="GoalAction.position", cascade="all, delete-orphan"
    )


class GoalAction(Base):
    __tablename__ = "goal_actions"

    id: Mapped[intpk]
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    description: Mapped[str200]
    target_date: Mapped[dt.date | None]
    done_on: Mapped[dt.date | None]


class AftercarePlan(Base):
    """The plan made at discharge: meetings, sober living, outpatient care, assigned mentor."""

    __tablename__ = "aftercare_plans"

    id: Mapped[intpk]
    stay_id: Mapped[int] = mapped_column(ForeignKey("stays.id", ondelete="CASCADE"), unique=True)
    meetings: Mapped[str] = mapped_column(Text, default="")
    sober_living: Mapped[str] = mapped_column(Text, default="")
    outpatient: Mapped[str] = mapped_column(Text, default="")
    mentor_alumnus_id: Mapped[int | None] = mapped_column(
        ForeignKey("alumni.id", ondelete="SET NULL")
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[updated_at]
    version_id: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


__all__ = [
    "AftercarePlan",
    "Goal",
    "GoalAction",
    "Person",
    "Program",
    "Screening",
    "ScreeningRating",
    "Stay",
]
