"""Group sessions, attendance, session notes and addenda."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from peerdesk.domain.enums import AttendanceStatus, NoteFormat, NoteStatus, ParticipationLevel
from peerdesk.models.base import (
    Base,
    UTCDateTime,
    code_enum,
    created_at,
    intpk,
    str100,
    str200,
    updated_at,
)


class SessionType(Base):
    """Built-in types (``SessionTypeCode``) and the facility's own."""

    __tablename__ = "session_types"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str100]
    is_active: Mapped[bool] = mapped_column(default=True)


class GroupSession(Base):
    __tablename__ = "group_sessions"
    __table_args__ = (Index("ix_group_sessions_date", "date", "start_time"),)

    id: Mapped[intpk]
    external_id: Mapped[str | None] = mapped_column(String(40), unique=True)
    type_code: Mapped[str] = mapped_column(ForeignKey("session_types.code"))
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"))
    date: Mapped[dt.date]
    start_time: Mapped[dt.time]
    duration_min: Mapped[int]
    topic: Mapped[str] = mapped_column(String(200), default="")
    facilitator_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: The staff facilitator's name as written (CSV ``facilitator``), for history before users.
    facilitator_name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[created_at]
    version_id: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class SessionCoFacilitator(Base):
    __tablename__ = "session_cofacilitators"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    alumnus_id: Mapped[int] = mapped_column(ForeignKey("alumni.id"), primary_key=True, index=True)


class Attendance(Base):
    __tablename__ = "attendance"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    status: Mapped[AttendanceStatus] = mapped_column(code_enum(AttendanceStatus))
    participation: Mapped[ParticipationLevel | None] = mapped_column(code_enum(ParticipationLevel))


class SessionNote(Base):
    """The shared group note (``person_id`` empty) or one participant's individual note.

    Signing locks it: after that only addenda are added.
    """

    __tablename__ = "session_notes"
    __table_args__ = (Index("ix_session_notes_session_person", "session_id", "person_id"),)

    id: Mapped[intpk]
    session_id: Mapped[int] = mapped_column(ForeignKey("group_sessions.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True
    )
    format: Mapped[NoteFormat] = mapped_column(code_enum(NoteFormat), default=NoteFormat.FREE)
    #: JSON object of the format's sections ({"data": ..., "assessment": ..., "plan": ...}).
    body: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[NoteStatus] = mapped_column(code_enum(NoteStatus), default=NoteStatus.DRAFT)
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[updated_at]
    version_id: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version_id}  # noqa: RUF012


class NoteAddendum(Base):
    """A dated, signed addition to a signed note."""

    __tablename__ = "note_addenda"

    id: Mapped[intpk]
    note_id: Mapped[int] = mapped_column(
        ForeignKey("session_notes.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    author_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    signed_at: Mapped[created_at]


class NoteTemplate(Base):
    """A facility template for a note format."""

    __tablename__ = "note_templates"

    id: Mapped[intpk]
    name: Mapped[str200]
    format: Mapped[NoteFormat] = mapped_column(code_enum(NoteFormat))
    body: Mapped[str] = mapped_column(Text, default="{}")
