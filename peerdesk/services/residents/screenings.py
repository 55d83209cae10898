"""Screenings at intake: ratings against the program's criteria, stage of change, decision."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from peerdesk.domain.changes import Changes
from peerdesk.domain.enums import ScreeningCriterion
from peerdesk.domain.errors import ValidationError
from peerdesk.domain.residents import (
    RatingInfo,
    ScreeningDraft,
    ScreeningInfo,
    TimelineEntry,
    validate_screening,
)
from peerdesk.models import Screening, ScreeningRating
from peerdesk.services.base import audit
from peerdesk.services.residents.common import ResidentsPart
from peerdesk.services.residents.summary import refresh_person_summary

_CRITERIA = list(ScreeningCriterion)


def screening_infos(s: Session, person_id: int) -> tuple[ScreeningInfo, ...]:
    """The person's screenings, newest first, ratings in the order of the criteria."""
    return tuple(
        ScreeningInfo(
            id=sc.id,
            screened_on=sc.screened_on,
            program_id=sc.program_id,
            stage_of_change=sc.stage_of_change,
            decision=sc.decision,
            decision_reason=sc.decision_reason,
            notes=sc.notes,
            ratings=tuple(
                RatingInfo(r.criterion, r.rating, r.note)
                for r in sorted(sc.ratings, key=lambda r: _CRITERIA.index(r.criterion))
            ),
            version=sc.version_id,
        )
        for sc in s.scalars(
            select(Screening)
            .options(selectinload(Screening.ratings))
            .where(Screening.person_id == person_id)
            .order_by(Screening.screened_on.desc(), Screening.id.desc())
        )
    )


def screening_timeline(s: Session, person_id: int) -> list[TimelineEntry]:
    """Screenings and their decisions (a timeline contributor)."""
    rows = s.execute(
        select(Screening.screened_on, Screening.decision).where(Screening.person_id == person_id)
    )
    return [TimelineEntry(day, "screening", "Screening", decision.label) for day, decision in rows]


class ScreeningService(ResidentsPart):
    def add_screening(self, person_id: int, draft: ScreeningDraft) -> int:
        actor = self._user.require()
        errors = validate_screening(draft, self._today())
        if errors:
            raise ValidationError(errors)
        with self._sessions.begin() as s:
            self._person(s, person_id)
            screening = Screening(
                person_id=person_id,
                screened_on=draft.screened_on,
                program_id=draft.program_id,
                stage_of_change=draft.stage_of_change,
                decision=draft.decision,
                decision_reason=draft.decision_reason.strip(),
                notes=draft.notes.strip(),
                screener_user_id=actor.user_id,
                ratings=[
                    ScreeningRating(criterion=r.criterion, rating=r.rating, note=r.note.strip())
                    for r in draft.ratings
                ],
            )
            s.add(screening)
            s.flush()
            refresh_person_summary(s, [person_id])
            audit(
                s,
                actor,
                "create",
                "screening",
                screening.id,
                fields=[
                    "screened_on",
                    "program_id",
                    "ratings",
                    "stage_of_change",
                    "decision",
                    "decision_reason",
                    "notes",
                ],
            )
            screening_id = screening.id
        self._published(Changes.of("screening", screening_id).with_("person", [person_id]))
        return screening_id
