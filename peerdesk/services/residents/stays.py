"""Stays: admission (with the program rules staff may override) and discharge."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from peerdesk.domain.changes import Changes
from peerdesk.domain.errors import (
    FieldError,
    NotFoundError,
    OverrideRequiredError,
    ValidationError,
)
from peerdesk.domain.residents import (
    AdmissionDraft,
    DischargeDraft,
    StayInfo,
    TimelineEntry,
    validate_stay_dates,
)
from peerdesk.models import Person, Program, Stay
from peerdesk.services.base import audit
from peerdesk.services.programs import beds_used
from peerdesk.services.residents.common import ResidentsPart
from peerdesk.services.residents.summary import refresh_person_summary

#: The override a stay records when it was admitted against the program's gender.
GENDER_RULE = "program_gender"


def admission_rule_errors(
    s: Session, person: Person, program: Program
) -> tuple[list[FieldError], list[str]]:
    """Rules staff may override with a reason: the program's gender and free beds."""
    errors: list[FieldError] = []
    rules: list[str] = []
    if program.gender is not None and person.gender != program.gender:
        rules.append(GENDER_RULE)
        errors.append(
            FieldError(
                "program_id",
                f"{program.name} is for {program.gender.label.lower()} residents; "
                f"this person's gender is recorded as {person.gender.label.lower()}",
            )
        )
    used = beds_used(s, program.id)
    if used >= program.bed_capacity:
        rules.append("program_full")
        errors.append(
            FieldError(
                "program_id", f"{program.name} is full ({used} of {program.bed_capacity} beds used)"
            )
        )
    return errors, rules


def stay_infos(s: Session, person_id: int) -> tuple[StayInfo, ...]:
    """The person's stays, newest first."""
    programs = {p.id: p.name for p in s.scalars(select(Program))}
    return tuple(
        StayInfo(
            id=st.id,
            program_id=st.program_id,
            program_name=programs.get(st.program_id, ""),
            admission_date=st.admission_date,
            discharge_date=st.discharge_date,
            discharge_reason=st.discharge_reason,
            discharge_note=st.discharge_note,
            override_reason=st.override_reason,
            version=st.version_id,
            external_id=st.external_id,
        )
        for st in s.scalars(
            select(Stay)
            .where(Stay.person_id == person_id)
            .order_by(Stay.admission_date.desc(), Stay.id.desc())
        )
    )


def stay_timeline(s: Session, person_id: int) -> list[TimelineEntry]:
    """Admissions and discharges (a timeline contributor)."""
    entries = []
    for st in stay_infos(s, person_id):
        entries.append(
            TimelineEntry(st.admission_date, "admission", f"Admitted to {st.program_name}")
        )
        if st.discharge_date and st.discharge_reason:
            entries.append(
                TimelineEntry(
                    st.discharge_date,
                    "discharge",
                    f"Discharged from {st.program_name}",
                    st.discharge_reason.label,
                )
            )
    return entries


class StayService(ResidentsPart):
    def admit(self, person_id: int, draft: AdmissionDraft) -> int:
        """Admit (or readmit) to a program.

        Raises:
            ValidationError: dates are wrong or overlap another stay.
            OverrideRequiredError: the program is full or for the other gender and no
                ``override_reason`` was given.
        """
        actor = self._user.require()
        today = self._today()
        with self._sessions.begin() as s:
            person = self._person(s, person_id)
            program = s.get(Program, draft.program_id)
            if program is None or not program.is_active:
                raise ValidationError("program_id", "is not a program of this facility")
            others = [(st.admission_date, st.discharge_date) for st in person.stays]
            errors = validate_stay_dates(draft.admission_date, None, others, today)
            if any(st.discharge_date is None for st in person.stays):
                errors.insert(
                    0,
                    FieldError("admission_date", "the person is already in care; discharge first"),
                )
            if errors:
                raise ValidationError(errors)
            rule_errors, rules = admission_rule_errors(s, person, program)
            if rules and not draft.override_reason.strip():
                raise OverrideRequiredError(rule_errors, rules)
            stay = Stay(
                person_id=person_id,
                program_id=program.id,
                admission_date=draft.admission_date,
                override_reason=draft.override_reason.strip() if rules else "",
            )
            s.add(stay)
            self._commit_guard(s)
            refresh_person_summary(s, [person_id])
            fields = ["program_id", "admission_date"] + (["override_reason"] if rules else [])
            audit(s, actor, "admit", "stay", stay.id, fields=fields)
            stay_id = stay.id
        self._published(Changes.of("stay", stay_id).with_("person", [person_id]))
        return stay_id

    def discharge(self, stay_id: int, draft: DischargeDraft, version: int | None) -> None:
        actor = self._user.require()
        today = self._today()
        with self._sessions.begin() as s:
            stay = s.get(Stay, stay_id)
            if stay is None:
                raise NotFoundError(f"stay {stay_id} no longer exists")
            self._check_version(stay.version_id, version)
            if stay.discharge_date is not None:
                raise ValidationError("discharge_date", "this stay was already discharged")
            others = [
                (o.admission_date, o.discharge_date) for o in stay.person.stays if o.id != stay.id
            ]
            errors = validate_stay_dates(stay.admission_date, draft.discharge_date, others, today)
            if errors:
                raise ValidationError(errors)
            stay.discharge_date = draft.discharge_date
            stay.discharge_reason = draft.reason
            stay.discharge_note = draft.note.strip()
            self._commit_guard(s)
            refresh_person_summary(s, [stay.person_id])
            audit(
                s,
                actor,
                "discharge",
                "stay",
                stay.id,
                fields=["discharge_date", "discharge_reason", "discharge_note"],
            )
            person_id = stay.person_id
        self._published(Changes.of("stay", stay_id).with_("person", [person_id]))
