"""The ``stays`` CSV kind: admissions and discharges (PRODUCT.md "CSV formats").

History is imported as it happened: a program over its beds or a resident in the other
gender's program is a warning, not an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Set
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from peerdesk.domain.changes import NO_CHANGES, Changes
from peerdesk.domain.enums import DischargeReason, ProgramCode
from peerdesk.domain.errors import FieldError
from peerdesk.domain.residents import format_record_number, validate_stay_dates
from peerdesk.models import Person, Program, Stay
from peerdesk.services.base import audit
from peerdesk.services.csvio.context import ImportContext, PersonRef, ProgramRef, chunks
from peerdesk.services.csvio.kind import EXTERNAL_ID_MAX, CsvKind, iso, natural_key
from peerdesk.services.csvio.reading import CsvRow
from peerdesk.services.residents.summary import refresh_person_summary

_STAY_EXPORT_ID = re.compile(r"^S-(\d{1,9})$")


@dataclass(frozen=True)
class StayRecord:
    row: int
    csv_id: str
    resident_id: str
    program: ProgramCode
    admission_date: dt.date
    discharge_date: dt.date | None
    discharge_reason: DischargeReason | None


def stay_export_id(external_id: str | None, stay_id: int, taken: Set[str] = frozenset()) -> str:
    """The facility's id, or ``S-<id>`` for a stay made in PeerDesk.

    An imported stay may already carry ``S-<n>`` as its facility id; a PeerDesk stay whose
    number collides with one of those (``taken``) gets a suffix, so every exported id is unique
    and the file imports again.
    """
    if external_id:
        return external_id
    candidate, n = f"S-{stay_id}", 0
    while candidate in taken:
        n += 1
        candidate = f"S-{stay_id}-{n}"
    return candidate


class StaysCsv(CsvKind[StayRecord]):
    """``stays``: admissions and discharges; ``resident_id`` is a residents ``id``."""

    name = "stays"
    entity = "stay"
    columns = (
        "id",
        "resident_id",
        "program",
        "admission_date",
        "discharge_date",
        "discharge_reason",
    )

    def parse_row(self, ctx: ImportContext, row: CsvRow) -> StayRecord | None:
        f = ctx.fields(row)
        csv_id = f.required("id", max_len=EXTERNAL_ID_MAX)
        resident_id = f.required("resident_id", max_len=EXTERNAL_ID_MAX)
        program = f.code("program", ProgramCode, required=True)
        admission = f.date("admission_date", required=True)
        discharge = f.date("discharge_date")
        reason = f.code("discharge_reason", DischargeReason)
        if "discharge_date" not in f.bad and "discharge_reason" not in f.bad:
            if discharge is None and reason is not None:
                f.error("discharge_reason", "is given but discharge_date is empty")
            elif discharge is not None and reason is None:
                f.error("discharge_reason", "is required when discharge_date is given")
        if f.failed or program is None or admission is None:
            return None
        return StayRecord(row.line, csv_id, resident_id, program, admission, discharge, reason)

    def check(self, ctx: ImportContext, records: list[StayRecord]) -> None:
        unique = self._unique_ids(ctx, records)
        persons = ctx.find_persons({r.resident_id for r in records})
        valid: list[tuple[StayRecord, PersonRef, ProgramRef]] = []
        for rec in unique:
            program = ctx.program(rec.program.value)
            person = persons.get(rec.resident_id)
            if person is None:
                ctx.error(
                    rec.row,
                    "resident_id",
                    "no resident has this id (import the residents file first)",
                )
            if program is None:
                ctx.error(rec.row, "program", f"'{rec.program.value}' is not set up here")
            if person is not None and program is not None:
                valid.append((rec, person, program))
        valid = self._check_dates(ctx, valid)
        for rec, person, program in valid:
            if program.gender is not None and person.gender is not program.gender:
                ctx.warn(
                    rec.row,
                    f"{program.name} is for {program.gender.label.lower()} residents; this "
                    f"resident's gender is recorded as {person.gender.label.lower()}",
                )
        self._warn_over_capacity(ctx, [(rec, program) for rec, _, program in valid])

    def _unique_ids(self, ctx: ImportContext, records: list[StayRecord]) -> list[StayRecord]:
        """Records whose id is new to the file and to the database (the others are errors)."""
        first_row: dict[str, int] = {}
        unique: list[StayRecord] = []
        for rec in records:
            if rec.csv_id in first_row:
                ctx.error(rec.row, "id", f"is the same as on row {first_row[rec.csv_id]}")
            else:
                first_row[rec.csv_id] = rec.row
                unique.append(rec)
        taken: set[str] = set()
        ids = list(first_row)
        for chunk in chunks(ids):
            taken.update(
                i
                for i in ctx.s.scalars(select(Stay.external_id).where(Stay.external_id.in_(chunk)))
                if i is not None
            )
        exported = {int(m.group(1)): i for i in ids if (m := _STAY_EXPORT_ID.match(i))}
        for chunk2 in chunks(list(exported)):
            stmt = select(Stay.id).where(Stay.id.in_(chunk2), Stay.external_id.is_(None))
            taken.update(exported[n] for n in ctx.s.scalars(stmt))
        for rec in unique:
            if rec.csv_id in taken:
                ctx.error(rec.row, "id", "is already in the database")
        return [r for r in unique if r.csv_id not in taken]

    def _check_dates(
        self, ctx: ImportContext, valid: list[tuple[StayRecord, PersonRef, ProgramRef]]
    ) -> list[tuple[StayRecord, PersonRef, ProgramRef]]:
        """Each stay against today and the person's other stays, in the database or earlier rows."""
        in_db: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
        db_ids = sorted({p.person_id for _, p, _ in valid if p.person_id is not None})
        for chunk in chunks(db_ids):
            stmt = select(Stay.person_id, Stay.admission_date, Stay.discharge_date).where(
                Stay.person_id.in_(chunk)
            )
            for person_id, start, end in ctx.s.execute(stmt):
                in_db[person_id].append((start, end))
        earlier: dict[tuple[int, int], list[StayRecord]] = defaultdict(list)
        kept: list[tuple[StayRecord, PersonRef, ProgramRef]] = []
        for rec, person, program in valid:
            # The same person may be named by two ids (facility id and record number).
            key = (0, person.person_id) if person.person_id is not None else (1, person.row)
            mine = earlier[key]
            db_stays = in_db.get(person.person_id, []) if person.person_id is not None else []
            errors: list[FieldError] = []
            if rec.discharge_date is None:
                other_open = next((o.row for o in mine if o.discharge_date is None), None)
                if other_open is not None:
                    errors.append(
                        FieldError(
                            "discharge_date",
                            f"is empty, as on row {other_open}: "
                            "a resident has at most one open stay",
                        )
                    )
                elif any(end is None for _, end in db_stays):
                    errors.append(
                        FieldError(
                            "discharge_date",
                            "is empty, but this resident already has an open stay in the database",
                        )
                    )
            if not errors:
                others = db_stays + [(o.admission_date, o.discharge_date) for o in mine]
                errors = validate_stay_dates(
                    rec.admission_date, rec.discharge_date, others, ctx.today
                )
            for e in errors:
                ctx.error(rec.row, e.field, e.message)
            mine.append(rec)
            if not errors:
                kept.append((rec, person, program))
        return kept

    def _warn_over_capacity(
        self, ctx: ImportContext, stays: list[tuple[StayRecord, ProgramRef]]
    ) -> None:
        """Warn for each imported admission that put a program over its beds (history is kept)."""
        by_program: dict[int, list[tuple[StayRecord, ProgramRef]]] = defaultdict(list)
        for rec, program in stays:
            by_program[program.id].append((rec, program))
        for program_id, mine in by_program.items():
            program = mine[0][1]
            # (day, order, row): on one day discharges (order 0) free a bed before admissions.
            events: list[tuple[dt.date, int, int]] = []
            stmt = select(Stay.admission_date, Stay.discharge_date).where(
                Stay.program_id == program_id
            )
            for start, end in ctx.s.execute(stmt):
                events.append((start, 1, 0))
                if end is not None:
                    events.append((end, 0, 0))
            for rec, _ in mine:
                events.append((rec.admission_date, 1, rec.row))
                if rec.discharge_date is not None:
                    events.append((rec.discharge_date, 0, rec.row))
            events.sort()
            used = 0
            for day, order, row in events:
                used += 1 if order else -1
                if order and row and used > program.bed_capacity:
                    ctx.warn(
                        row,
                        f"{program.name} had {used} residents for {program.bed_capacity} beds "
                        f"on {day.isoformat()}",
                    )

    def store(self, ctx: ImportContext, records: list[StayRecord]) -> Changes:
        created: list[Stay] = []
        for batch in chunks(records):
            stays = [self._new_stay(ctx, rec) for rec in batch]
            ctx.s.add_all(stays)
            ctx.s.flush()
            for stay in stays:
                fields = ["external_id", "person_id", "program_id", "admission_date"]
                if stay.discharge_date is not None:
                    fields += ["discharge_date", "discharge_reason"]
                audit(ctx.s, ctx.actor, "import", self.entity, stay.id, fields=fields)
            ctx.s.flush()  # the audit events too, so a progress bar tells the time it takes
            created.extend(stays)
            ctx.stored(len(batch))
        person_ids = sorted({st.person_id for st in created})
        for chunk in chunks(person_ids):
            refresh_person_summary(ctx.s, chunk)
        # Each person's summary (status, last program) was refreshed too.
        return NO_CHANGES.with_("stay", [st.id for st in created]).with_("person", person_ids)

    @staticmethod
    def _new_stay(ctx: ImportContext, rec: StayRecord) -> Stay:
        person_id = ctx.persons[rec.resident_id].person_id
        program = ctx.program(rec.program.value)
        # Both were checked before storing.
        assert person_id is not None
        assert program is not None
        return Stay(
            external_id=rec.csv_id,
            person_id=person_id,
            program_id=program.id,
            admission_date=rec.admission_date,
            discharge_date=rec.discharge_date,
            discharge_reason=rec.discharge_reason,
        )

    def export_rows(self, s: Session) -> list[list[str]]:
        stmt = (
            select(
                Stay.external_id,
                Stay.id,
                Person.external_id.label("person_external_id"),
                Person.record_no,
                Program.code,
                Stay.admission_date,
                Stay.discharge_date,
                Stay.discharge_reason,
            )
            .join(Person, Person.id == Stay.person_id)
            .join(Program, Program.id == Stay.program_id)
        )
        result = list(s.execute(stmt))
        taken = {r.external_id for r in result if r.external_id}
        rows = [
            [
                stay_export_id(r.external_id, r.id, taken),
                r.person_external_id or format_record_number(r.record_no),
                r.code,
                iso(r.admission_date),
                iso(r.discharge_date),
                r.discharge_reason.value if r.discharge_reason else "",
            ]
            for r in result
        ]
        # A person's stays together, in order; ISO dates sort as text.
        rows.sort(key=lambda r: (natural_key(r[1]), r[3], natural_key(r[0])))
        return rows
