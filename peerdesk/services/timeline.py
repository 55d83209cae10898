"""A person's timeline, made of the entries each area contributes.

Each area offers a *contributor*: a function ``(session, person_id) -> list[TimelineEntry]`` for
what it knows about the person (screenings and stays, sessions attended, activities, follow-ups).
The composition root hands the contributors to :class:`TimelineService` in one explicit tuple;
a new area adds its contributor to that tuple.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from peerdesk.domain.errors import NotFoundError
from peerdesk.domain.residents import TimelineEntry
from peerdesk.models import Person
from peerdesk.services.base import Service

#: What an area adds to a person's timeline.
TimelineContributor = Callable[[Session, int], list[TimelineEntry]]


class TimelineService(Service):
    """Everything that happened to a person, newest first, from every contributor."""

    def __init__(
        self, *args: Any, contributors: Sequence[TimelineContributor] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._contributors = tuple(contributors)

    def timeline(self, person_id: int) -> list[TimelineEntry]:
        entries: list[TimelineEntry] = []
        with self._sessions() as s:
            if s.get(Person, person_id) is None:
                raise NotFoundError(f"resident {person_id} no longer exists")
            for contribute in self._contributors:
                entries.extend(contribute(s, person_id))
        entries.sort(key=lambda e: e.date, reverse=True)
        return entries
