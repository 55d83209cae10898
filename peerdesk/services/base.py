"""What every service shares: the session factory, the acting user and the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from peerdesk.domain.changes import Changes
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


#: Where services announce what a committed write changed (the composition root's change bus).
ChangeListener = Callable[[Changes], None]


class Service:
    """Base of the area services: one ``with self._sessions.begin()`` per user event.

    A write returns its :class:`Changes` and, once committed, hands them to ``on_change`` (the
    change bus of the composition root; it may be called from a worker thread).
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        user: CurrentUser,
        today: Callable[[], dt.date] = dt.date.today,
        on_change: ChangeListener | None = None,
    ) -> None:
        self._sessions = sessions
        self._user = user
        self._today = today
        self._on_change = on_change

    def _published(self, changes: Changes) -> Changes:
        """Announce ``changes`` (after the commit) and return them."""
        if changes and self._on_change is not None:
            self._on_change(changes)
        return changes

    @property
    def _engine(self) -> Engine:
        """For read-only queries on hot paths that need no ORM session."""
        bind = self._sessions.kw["bind"]
        assert isinstance(bind, Engine)
        return bind
