"""What the residents services share: the base class with record lookups and conflict checks."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from peerdesk.domain.errors import ConflictError, NotFoundError
from peerdesk.models import Person
from peerdesk.services.base import Service


class ResidentsPart(Service):
    """Base of the residents services (people, screenings, stays, goals, aftercare)."""

    @staticmethod
    def _commit_guard(s: Session) -> None:
        """Flush now, so a concurrent change surfaces as a ConflictError, not a crash."""
        try:
            s.flush()
        except (StaleDataError, IntegrityError):
            raise ConflictError(
                "another workstation changed this record; reopen it to see the changes"
            ) from None

    @staticmethod
    def _check_version(current: int, expected: int | None) -> None:
        if expected is not None and current != expected:
            raise ConflictError(
                "another workstation changed this record since you opened it; "
                "reopen it to see the changes"
            )

    @staticmethod
    def _person(s: Session, person_id: int) -> Person:
        person = s.get(Person, person_id)
        if person is None:
            raise NotFoundError(f"resident {person_id} no longer exists")
        return person
