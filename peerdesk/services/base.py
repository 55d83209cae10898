"""What every service shares: the session factory, the acting user and the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from peerdesk.domain.enums import UserRole
from peerdesk.domain.errors import ValidationError
from peerdesk.models import AuditEvent


@dataclass(frozen=True)
class Actor:
    """The signed-in user on whose behalf a service acts."""

    user_id: int
    username: str
    role: UserRole


class CurrentUser:
    """Holds the signed-in user; the composition root sets it at sign-in."""

    def __init__(self, actor: Actor | None = None) -> None:
        self.actor = actor

    def require(self) -> Actor:
        if self.actor is None:
            raise ValidationError("user", "nobody is signed in")
        return self.actor


def audit(
    s: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    fields: Iterable[str] = (),
) -> None:
    """Record who did what to which record and which fields, never the values themselves."""
    s.add(
        AuditEvent(
            user_id=actor.user_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            fields=",".join(sorted(set(fields))),
        )
    )


class Service:
    """Base of the area services: one ``with self._sessions.begin()`` per user event."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        user: CurrentUser,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self._sessions = sessions
        self._user = user
        self._today = today

    @property
    def _engine(self) -> Engine:
        """For read-only queries on hot paths that need no ORM session."""
        bind = self._sessions.kw["bind"]
        assert isinstance(bind, Engine)
        return bind
