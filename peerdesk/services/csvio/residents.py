"""The ``residents`` CSV kind: one row per person (PRODUCT.md "CSV formats")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from peerdesk.domain.changes import NO_CHANGES, Changes
from peerdesk.domain.enums import Gender
from peerdesk.domain.residents import PersonDraft, format_record_number, validate_person
from peerdesk.models import Person
from peerdesk.services.base import audit
from peerdesk.services.csvio.context import ImportContext, PersonRef, chunks, record_number_of
from peerdesk.services.csvio.kind import EXTERNAL_ID_MAX, CsvKind, iso, natural_key
from peerdesk.services.csvio.reading import CsvRow
from peerdesk.services.residents.people import new_person, next_record_no
from peerdesk.services.residents.summary import refresh_person_summary

#: The largest record number the ``persons.record_no`` column (a 32-bit integer) holds.
_MAX_RECORD_NO = 2**31 - 1


@dataclass(frozen=True)
class ResidentRecord:
    row: int
    csv_id: str
    #: The record number an id like ``R-00042`` keeps; ``None``: the id is the facility's own.
    record_no: int | None
    draft: PersonDraft


class ResidentsCsv(CsvKind[ResidentRecord]):
    """``residents``: one row per person; ``id`` is the facility's id or a record number."""

    name = "residents"
    entity = "person"
    columns = (
        "id",
        "first_name",
        "last_name",
        "date_of_birth",
        "gender",
        "phone",
        "email",
        "sobriety_date",
    )
    _FIELD_OF_COLUMN: ClassVar[dict[str, str]] = {"id": "external_id"}

    def parse_row(self, ctx: ImportContext, row: CsvRow) -> ResidentRecord | None:
        f = ctx.fields(row)
        csv_id = f.required("id", max_len=EXTERNAL_ID_MAX)
        record_no = record_number_of(csv_id)
        if record_no is not None and not 1 <= record_no <= _MAX_RECORD_NO:
            f.error("id", "is not a record number PeerDesk can store")
        draft = PersonDraft(
            first_name=f.text("first_name"),
            last_name=f.text("last_name"),
            date_of_birth=f.date("date_of_birth"),
            gender=f.code("gender", Gender) or Gender.UNKNOWN,
            phone=f.text("phone"),
            email=f.text("email"),
            sobriety_date=f.date("sobriety_date"),
            # R-00042 is a record number, not a facility id: the person keeps that number.
            external_id=None if record_no is not None else (csv_id or None),
        )
        f.add(validate_person(draft, ctx.today))
        if f.failed:
            return None
        return ResidentRecord(row.line, csv_id, record_no, draft)

    def check(self, ctx: ImportContext, records: list[ResidentRecord]) -> None:
        first_row: dict[str, int] = {}
        for rec in records:
            if rec.csv_id in first_row:
                ctx.error(rec.row, "id", f"is the same as on row {first_row[rec.csv_id]}")
            else:
                first_row[rec.csv_id] = rec.row
        known = ctx.find_persons(first_row)
        for rec in records:
            if first_row.get(rec.csv_id) != rec.row:
                continue
            ref = known.get(rec.csv_id)
            if ref is None:
                ctx.persons[rec.csv_id] = PersonRef(rec.draft.gender, None, rec.row)
            elif ref.row:
                ctx.error(rec.row, "id", "is already in a residents file of this import")
            else:
                ctx.error(rec.row, "id", "is already in the database")

    def store(self, ctx: ImportContext, records: list[ResidentRecord]) -> Changes:
        kept = [r.record_no for r in records if r.record_no is not None]
        next_no = max([next_record_no(ctx.s), *(n + 1 for n in kept)])
        ids: list[int] = []
        for batch in chunks(records):
            created: list[tuple[ResidentRecord, Person]] = []
            for rec in batch:
                record_no = rec.record_no
                if record_no is None:
                    record_no, next_no = next_no, next_no + 1
                created.append((rec, new_person(ctx.s, rec.draft, record_no)))
            ctx.s.flush()
            batch_ids = [person.id for _, person in created]
            refresh_person_summary(ctx.s, batch_ids)
            for rec, person in created:
                ctx.persons[rec.csv_id].person_id = person.id
                audit(ctx.s, ctx.actor, "import", self.entity, person.id, fields=self._fields(rec))
            ctx.s.flush()  # the audit events too, so a progress bar tells the time it takes
            ids.extend(batch_ids)
            ctx.stored(len(batch))
        return NO_CHANGES.with_("person", ids)

    def _fields(self, rec: ResidentRecord) -> list[str]:
        d = rec.draft
        given = {
            "id": rec.record_no is None,
            "first_name": True,
            "last_name": True,
            "date_of_birth": d.date_of_birth is not None,
            "gender": True,
            "phone": bool(d.phone),
            "email": bool(d.email),
            "sobriety_date": d.sobriety_date is not None,
        }
        return [self._FIELD_OF_COLUMN.get(c, c) for c, present in given.items() if present]

    def export_rows(self, s: Session) -> list[list[str]]:
        stmt = select(
            Person.external_id,
            Person.record_no,
            Person.first_name,
            Person.last_name,
            Person.date_of_birth,
            Person.gender,
            Person.phone,
            Person.email,
            Person.sobriety_date,
        )
        rows = [
            [
                r.external_id or format_record_number(r.record_no),
                r.first_name,
                r.last_name,
                iso(r.date_of_birth),
                r.gender.value,
                r.phone,
                r.email,
                iso(r.sobriety_date),
            ]
            for r in s.execute(stmt)
        ]
        rows.sort(key=lambda r: natural_key(r[0]))
        return rows
