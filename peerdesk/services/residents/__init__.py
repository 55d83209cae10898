"""Residents: people, screenings, stays, goals and aftercare, one module each.

:class:`ResidentService` is the one object the Residents view talks to: a facade whose methods
are those of the parts (people, screenings, stays, goals, aftercare, plus mentoring from
``services.alumni`` and the timeline from ``services.timeline``). The parts can be used alone.
``RESIDENT_TIMELINE`` is what this area contributes to a person's timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from peerdesk.domain.residents import TimelineEntry
from peerdesk.services.alumni.mentoring import MentoringService
from peerdesk.services.base import ChangeListener, CurrentUser
from peerdesk.services.residents.aftercare import AftercareService
from peerdesk.services.residents.goals import GoalService, goal_timeline
from peerdesk.services.residents.people import (
    PAGE_SIZE,
    PeopleService,
    apply_person_draft,
    new_person,
    next_record_no,
)
from peerdesk.services.residents.screenings import ScreeningService, screening_timeline
from peerdesk.services.residents.stays import StayService, admission_rule_errors, stay_timeline
from peerdesk.services.residents.summary import refresh_person_summary
from peerdesk.services.timeline import TimelineContributor, TimelineService

#: The residents area's entries on a person's timeline.
RESIDENT_TIMELINE: tuple[TimelineContributor, ...] = (
    screening_timeline,
    stay_timeline,
    goal_timeline,
)


class ResidentService(
    PeopleService,
    ScreeningService,
    StayService,
    GoalService,
    AftercareService,
    MentoringService,
):
    """Every read and change of the Residents view (the parts' methods, one object).

    ``timeline`` lists what every area contributes when the composition root passes its
    contributors; alone it shows the residents' own entries.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        user: CurrentUser,
        today: Callable[[], dt.date] = dt.date.today,
        on_change: ChangeListener | None = None,
        timeline: tuple[TimelineContributor, ...] = RESIDENT_TIMELINE,
    ) -> None:
        super().__init__(sessions, user, today, on_change)
        self._timeline = TimelineService(sessions, user, today, on_change, contributors=timeline)

    def timeline(self, person_id: int) -> list[TimelineEntry]:
        """Everything that happened to the person, newest first."""
        return self._timeline.timeline(person_id)


__all__ = [
    "PAGE_SIZE",
    "RESIDENT_TIMELINE",
    "ResidentService",
    "admission_rule_errors",
    "apply_person_draft",
    "new_person",
    "next_record_no",
    "refresh_person_summary",
]
