"""Users, the audit log and facility settings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from peerdesk.domain.enums import UserRole
from peerdesk.models.base import Base, code_enum, created_at, intpk, str100, str200


class User(Base):
    __tablename__ = "users"

    id: Mapped[intpk]
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str200]
    role: Mapped[UserRole] = mapped_column(code_enum(UserRole))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[created_at]


class AuditEvent(Base):
    """Who did what to which record, and which fields: never the clinical content itself."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_entity", "entity", "entity_id"),)

    id: Mapped[intpk]
    at: Mapped[created_at] = mapped_column(index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(30))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None]
    fields: Mapped[str] = mapped_column(Text, default="")


class Setting(Base):
    """Facility-wide configuration (name, eligibility rules, thresholds) as key/value text."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str100]
