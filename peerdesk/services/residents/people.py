"""People: the list (search ids, rows), one record, registration and edits, possible duplicates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, case, false, func, literal_column, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from peerdesk.db.idquery import IdQueryCache
from peerdesk.db.search import match_value, matches
from peerdesk.domain.changes import Changes
from peerdesk.domain.enums import ResidentStatus
from peerdesk.domain.errors import ValidationError
from peerdesk.domain.residents import (
    PersonDraft,
    PersonMatch,
    ResidentDetail,
    ResidentFilter,
    ResidentQuery,
    ResidentRow,
    ResidentSort,
    format_record_number,
    person_sort_name,
    search_key,
    search_prefixes,
    validate_person,
)
from peerdesk.models import Person, Program
from peerdesk.services.alumni.mentoring import current_mentor
from peerdesk.services.base import audit
from peerdesk.services.residents.aftercare import aftercare_infos
from peerdesk.services.residents.common import ResidentsPart
from peerdesk.services.residents.goals import goal_infos
from peerdesk.services.residents.screenings import screening_infos
from peerdesk.services.residents.stays import stay_infos
from peerdesk.services.residents.summary import refresh_person_summary

PAGE_SIZE = 200

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "gender",
    "phone",
    "email",
    "sobriety_date",
    "external_id",
)


def _status_order() -> ColumnElement[int]:
    """The workflow order the Status column sorts by (that of ``ResidentStatus``)."""
    whens: list[tuple[ColumnElement[bool], ColumnElement[int]]] = [
        (Person.status == status, literal_column(str(i))) for i, status in enumerate(ResidentStatus)
    ]
    return case(*whens, else_=literal_column(str(len(whens))))


def next_record_no(s: Session) -> int:
    return (s.scalar(select(func.max(Person.record_no))) or 0) + 1


def new_person(s: Session, draft: PersonDraft, record_no: int | None = None) -> Person:
    """A Person row from a validated draft (used by the service and by CSV import)."""
    no = record_no if record_no is not None else next_record_no(s)
    person = Person(record_no=no)
    apply_person_draft(person, draft)
    s.add(person)
    return person


def apply_person_draft(person: Person, draft: PersonDraft) -> list[str]:
    """Copy the draft onto the row; return the names of the fields that changed.

    The search terms and the sort name follow (the search index follows them in the database).
    """
    changed = []
    for name in PERSON_FIELDS:
        value = getattr(draft, name)
        if isinstance(value, str) and name != "external_id":
            value = value.strip()
        if getattr(person, name) != value:
            setattr(person, name, value)
            changed.append(name)
    person.search_key = search_key(
        person.first_name, person.last_name, person.record_no, person.phone, person.email
    )
    person.sort_name = person_sort_name(person.first_name, person.last_name)
    return changed


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


class PeopleService(ResidentsPart):
    """The residents list and the person part of a record."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._id_queries = IdQueryCache(self._engine)

    # -- list --

    def id_query(self, q: ResidentQuery) -> Select[tuple[int]]:
        """The ordered id query of the list (public so the benchmark can time it raw).

        Values travel in named bind parameters (``match``, ``status``, ``program``) so that
        ``search_ids`` compiles one statement per query shape and reuses it.
        """
        dialect = self._engine.dialect.name
        stmt: Select[tuple[int]] = select(Person.id)
        if q.text.split():
            prefixes = search_prefixes(q.text)
            if prefixes:
                value = match_value(dialect, prefixes)
                stmt = stmt.where(matches(dialect, "persons", Person.id, Person.search_key, value))
            else:
                stmt = stmt.where(false())  # only punctuation typed: nobody has it
        if q.status is not ResidentFilter.ALL:
            stmt = stmt.where(Person.status == bindparam("status", ResidentStatus(q.status.value)))
        if q.program_id is not None:
            stmt = stmt.where(Person.last_program_id == bindparam("program", q.program_id))
        keys: list[ColumnElement[Any] | InstrumentedAttribute[Any]]
        descending = q.descending
        match q.sort:
            case ResidentSort.RECORD:
                keys = [Person.record_no]
            case ResidentSort.NAME:
                keys = [Person.sort_name]
            case ResidentSort.PROGRAM:
                stmt = stmt.outerjoin(Program, Program.id == Person.last_program_id)
                keys = [Program.name]
            case ResidentSort.STATUS:
                keys = [_status_order()]
            case ResidentSort.ADMISSION:
                keys = [Person.last_admission_date]
            case ResidentSort.DAYS_SOBER:
                # More days sober is an earlier date: ascending days is descending dates.
                keys = [Person.sobriety_date]
                descending = not descending
        order = [(k.desc() if descending else k.asc()).nulls_last() for k in keys]
        tie = Person.record_no.desc() if q.descending else Person.record_no.asc()
        return stmt.order_by(*order, tie)

    def search_ids(self, q: ResidentQuery) -> list[int]:
        """The ids the list shows, in order. Runs on every keystroke and every sort.

        The typed text is looked up in the search index (``db.search``), so a keystroke costs
        what it finds, not what the table holds.
        """
        typed = bool(q.text.split())
        prefixes = search_prefixes(q.text)
        if typed and not prefixes:
            return []
        shape = (typed, q.status, q.program_id is not None, q.sort, q.descending)
        query = self._id_queries.get(shape, lambda: self.id_query(q))
        values: dict[str, Any] = {}
        if typed:
            values["match"] = match_value(self._engine.dialect.name, prefixes)
        if q.status is not ResidentFilter.ALL:
            values["status"] = ResidentStatus(q.status.value)
        if q.program_id is not None:
            values["program"] = q.program_id
        return query.run(values)

    def rows(self, ids: Sequence[int]) -> list[ResidentRow]:
        """The rows for ``ids``, in that order; ids that no longer exist are left out."""
        if not ids:
            return []
        stmt = (
            select(
                Person.id,
                Person.record_no,
                Person.first_name,
                Person.last_name,
                Person.phone,
                Person.status,
                Program.name,
                Person.last_admission_date,
                Person.sobriety_date,
            )
            .outerjoin(Program, Program.id == Person.last_program_id)
            .where(Person.id.in_(list(ids)))
        )
        with self._sessions() as s:
            by_id = {
                r[0]: ResidentRow(
                    id=r[0],
                    record_no=r[1],
                    first_name=r[2],
                    last_name=r[3],
                    phone=r[4],
                    status=r[5],
                    program_name=r[6] or "",
                    admission_date=r[7],
                    sobriety_date=r[8],
                )
                for r in s.execute(stmt)
            }
        return [by_id[i] for i in ids if i in by_id]

    def find_matches(
        self,
        first_name: str,
        last_name: str,
        date_of_birth: dt.date | None = None,
        phone: str = "",
    ) -> list[PersonMatch]:
        """People already registered who may be this one: the same name (accents and case
        ignored) and the same date of birth, or the same name and phone digits."""
        name = person_sort_name(first_name, last_name)
        number = _digits(phone)
        if not name.strip() or (date_of_birth is None and not number):
            return []
        stmt = (
            select(
                Person.id,
                Person.record_no,
                Person.first_name,
                Person.last_name,
                Person.date_of_birth,
                Person.phone,
                Person.status,
            )
            .where(Person.sort_name == name)
            .order_by(Person.record_no)
        )
        with self._sessions() as s:
            return [
                PersonMatch(
                    id=pid,
                    record_number=format_record_number(record_no),
                    display_name=f"{last}, {first}",
                    date_of_birth=born,
                    status=status,
                )
                for pid, record_no, first, last, born, their_phone, status in s.execute(stmt)
                if (date_of_birth is not None and born == date_of_birth)
                or (number and _digits(their_phone) == number)
            ]

    # -- one record --

    def get(self, person_id: int) -> ResidentDetail:
        with self._sessions() as s:
            person = self._person(s, person_id)
            return ResidentDetail(
                id=person.id,
                record_no=person.record_no,
                external_id=person.external_id,
                first_name=person.first_name,
                last_name=person.last_name,
                date_of_birth=person.date_of_birth,
                gender=person.gender,
                phone=person.phone,
                email=person.email,
                sobriety_date=person.sobriety_date,
                status=person.status,
                version=person.version_id,
                stays=stay_infos(s, person.id),
                screenings=screening_infos(s, person.id),
                goals=goal_infos(s, person.id),
                aftercare=aftercare_infos(s, person.id),
                mentor=current_mentor(s, person.id),
            )

    # -- changes --

    def create_person(self, draft: PersonDraft) -> int:
        actor = self._user.require()
        errors = validate_person(draft, self._today())
        if errors:
            raise ValidationError(errors)
        with self._sessions.begin() as s:
            self._check_external_id(s, draft.external_id, None)
            person = new_person(s, draft)
            s.flush()
            refresh_person_summary(s, [person.id])
            audit(s, actor, "create", "person", person.id, fields=PERSON_FIELDS)
            person_id = person.id
        self._published(Changes.of("person", person_id))
        return person_id

    def _check_external_id(
        self, s: Session, external_id: str | None, person_id: int | None
    ) -> None:
        if not external_id:
            return
        other = s.scalar(select(Person.id).where(Person.external_id == external_id))
        if other is not None and other != person_id:
            raise ValidationError("id", "is already used by another resident")

    def update_person(self, person_id: int, draft: PersonDraft, version: int | None) -> None:
        actor = self._user.require()
        errors = validate_person(draft, self._today())
        if errors:
            raise ValidationError(errors)
        with self._sessions.begin() as s:
            person = self._person(s, person_id)
            self._check_version(person.version_id, version)
            self._check_external_id(s, draft.external_id, person_id)
            changed = apply_person_draft(person, draft)
            if not changed:
                return
            self._commit_guard(s)
            audit(s, actor, "update", "person", person_id, fields=changed)
        self._published(Changes.of("person", person_id))
