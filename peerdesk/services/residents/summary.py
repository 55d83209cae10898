"""The derived columns of a person (status, latest program and admission), in one SQL statement.

Used by the services after every change and by bulk loads (demo, CSV import), so the rule lives
in one place.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import and_, case, exists, func, literal, or_, select, update
from sqlalchemy.orm import Session

from peerdesk.domain.enums import ResidentStatus, ScreeningDecision
from peerdesk.models import Person, Screening, Stay


def refresh_person_summary(s: Session, person_ids: Collection[int] | None = None) -> None:
    """Recompute status, program and last admission of persons (all when ``person_ids`` is None).

    in care (an open stay) > the decision of a screening since the latest stay > discharged
    (any stay) > screening. A screening counts as *since the latest stay* when it is after the
    discharge, or on the discharge day but after the admission day: the screening that led to a
    one-day stay (admitted and discharged the day it was screened) does not make the person
    "screening" again.
    """
    program_of_latest = (
        select(Stay.program_id)
        .where(Stay.person_id == Person.id)
        .order_by(Stay.admission_date.desc(), Stay.id.desc())
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )
    admission_of_latest = (
        select(func.max(Stay.admission_date))
        .where(Stay.person_id == Person.id)
        .correlate(Person)
        .scalar_subquery()
    )
    has_open = exists().where(Stay.person_id == Person.id, Stay.discharge_date.is_(None))
    has_stay = exists().where(Stay.person_id == Person.id)
    last_discharge = (
        select(func.max(Stay.discharge_date))
        .where(Stay.person_id == Person.id)
        .correlate(Person)
        .scalar_subquery()
    )
    since_latest_stay = or_(
        last_discharge.is_(None),
        Screening.screened_on > last_discharge,
        and_(Screening.screened_on == last_discharge, Screening.screened_on > admission_of_latest),
    )
    decision = (
        select(Screening.decision)
        .where(Screening.person_id == Person.id, since_latest_stay)
        .order_by(Screening.screened_on.desc(), Screening.id.desc())
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )
    status = case(
        (has_open, literal(ResidentStatus.IN_CARE.value)),
        (decision == ScreeningDecision.WAITLIST, literal(ResidentStatus.WAITLISTED.value)),
        (decision == ScreeningDecision.REFER, literal(ResidentStatus.REFERRED.value)),
        (decision == ScreeningDecision.DECLINE, literal(ResidentStatus.DECLINED.value)),
        (decision.is_not(None), literal(ResidentStatus.SCREENING.value)),
        (has_stay, literal(ResidentStatus.DISCHARGED.value)),
        else_=literal(ResidentStatus.SCREENING.value),
    )
    stmt = update(Person).values(
        status=status, last_program_id=program_of_latest, last_admission_date=admission_of_latest
    )
    if person_ids is not None:
        stmt = stmt.where(Person.id.in_(list(person_ids)))
    s.execute(stmt, execution_options={"synchronize_session": False})
