"""CSV import and export (PRODUCT.md "CSV formats"): all or nothing, round-trippable.

Each format is a :class:`CsvKind` in a small registry (name → columns, row parser, rules across
rows, writer, exporter), so a later kind (alumni, sessions, attendance, ...) is one more class
passed to :func:`register`, not another branch of an ``if``.

An import reads and checks every row of every file first, in one transaction that also sees the
database; only if nothing is wrong does it store, in that same transaction. Rows are numbered by
the line of the file where they start (the header is row 1), as a spreadsheet shows them.
Messages name the row, the column and the reason; they quote dates and codes but never a name,
a phone number or an e-mail address.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
import tempfile
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from peerdesk.domain.enums import DischargeReason, Gender, LabeledEnum, ProgramCode
from peerdesk.domain.errors import FieldError, PeerDeskError
from peerdesk.domain.residents import (
    PersonDraft,
    format_record_number,
    parse_record_number,
    validate_person,
    validate_stay_dates,
)
from peerdesk.domain.validation import FieldParseError, check_required, parse_date
from peerdesk.models import Person, Program, Stay
from peerdesk.services.base import Actor, audit
from peerdesk.services.residents import new_person, next_record_no, refresh_person_summary

if TYPE_CHECKING:
    from peerdesk.app import Services

#: How many error lines a person is shown before "... and K more errors".
ERROR_LINES_SHOWN = 50
#: Rows per ``IN (...)`` list: well under SQLite's and PostgreSQL's parameter limits.
_CHUNK = 500
#: The largest record number the ``persons.record_no`` column (a 32-bit integer) holds.
_MAX_RECORD_NO = 2**31 - 1
_EXTERNAL_ID_MAX = 40
_STAY_EXPORT_ID = re.compile(r"^S-(\d{1,9})$")
_LINE_TERMINATOR = "\r\n"  # RFC 4180

E = TypeVar("E", bound=LabeledEnum)
R = TypeVar("R")
T = TypeVar("T")


# ---- errors and the report ----------------------------------------------------------------------


def _printable(text: str) -> str:
    """Text safe for one line of a terminal: control characters and undecodable bytes become '?'."""
    return "".join(c if c.isprintable() else "?" for c in text)


@dataclass(frozen=True)
class RowError:
    """One problem in a CSV file.

    ``row`` is the line of the file where the record starts (the header is row 1); 0 means the
    file as a whole. ``column`` is empty for a problem with the whole row.
    """

    row: int
    column: str
    reason: str
    file: str = ""

    def __str__(self) -> str:
        if self.row <= 0:
            text = self.reason
        elif self.column:
            text = f"row {self.row}, column {self.column}: {self.reason}"
        else:
            text = f"row {self.row}: {self.reason}"
        return _printable(text)

    def line(self) -> str:
        """``FILE row N, column C: reason`` (``FILE: reason`` for the file as a whole)."""
        if not self.file:
            return str(self)
        file = _printable(self.file)
        return f"{file}: {self}" if self.row <= 0 else f"{file} {self}"


class ImportFailedError(PeerDeskError):
    """An import stored nothing because of ``errors`` (every one found, in row order)."""

    def __init__(self, errors: list[RowError]) -> None:
        files = {f: i for i, f in enumerate(dict.fromkeys(e.file for e in errors))}
        self.errors = sorted(errors, key=lambda e: (files[e.file], e.row))
        first = self.errors[0].line() if self.errors else "no details"
        more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        super().__init__(f"{first}{more}; nothing stored")

    def lines(self, limit: int = ERROR_LINES_SHOWN) -> list[str]:
        """One line per error (at most ``limit``), then how many were left out, then the outcome."""
        out = [e.line() for e in self.errors[:limit]]
        if len(self.errors) > limit:
            out.append(f"... and {len(self.errors) - limit} more errors")
        n = len(self.errors)
        numbered = any(e.row > 0 for e in self.errors)
        rows_note = " (rows are lines of the file; the header is row 1)" if numbered else ""
        out.append(f"nothing stored: {n} error{'' if n == 1 else 's'}{rows_note}")
        return out


@dataclass(frozen=True)
class ImportReport:
    """What an import found and stored. ``warnings`` are history kept as it happened."""

    kind: str
    rows: int
    created: int
    dry_run: bool
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        rows = f"{self.rows} row{'' if self.rows == 1 else 's'}"
        outcome = " (dry run: nothing stored)" if self.dry_run else f", {self.created} stored"
        n = len(self.warnings)
        warned = f"; {n} warning{'' if n == 1 else 's'}" if n else ""
        return f"{self.kind}: {rows} valid{outcome}{warned}"

    def lines(self, file: str, limit: int = ERROR_LINES_SHOWN) -> list[str]:
        """The warnings (at most ``limit``), one a line naming ``file``, then the summary."""
        out = [f"{file} {w} (kept as it happened)" for w in self.warnings[:limit]]
        if len(self.warnings) > limit:
            out.append(f"... and {len(self.warnings) - limit} more warnings")
        out.append(self.summary())
        return out


# ---- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvRow:
    """One data record: its first line in the file and its values by column (stripped)."""

    line: int
    values: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]


@dataclass(frozen=True)
class _Table:
    rows: list[CsvRow]
    records: int  # data records in the file, good or bad
    errors: list[RowError]  # problems with single rows (those rows are not in ``rows``)


def _decode(data: bytes, file: str) -> str:
    """UTF-8 text (a BOM is dropped); bytes that are not UTF-8 survive as surrogates to report."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFailedError(
            [RowError(0, "", "is UTF-16 text; save it as CSV in UTF-8 and try again", file)]
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    return data.decode("utf-8", errors="surrogateescape")


def _read_bytes(path: Path, file: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        reason = "no such file"
    except IsADirectoryError:
        reason = "is a folder, not a CSV file"
    except PermissionError:
        reason = "cannot be read (permission denied)"
    except OSError as e:
        reason = f"cannot be read ({e.strerror or type(e).__name__})"
    raise ImportFailedError([RowError(0, "", reason, file)])


def _read_table(kind: CsvKind[Any], path: Path) -> _Table:
    """Parse the file and check its header; raise for problems with the file as a whole."""
    file = str(path)
    text = _decode(_read_bytes(path, file), file)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    errors: list[RowError] = []
    previous_line = 0
    try:
        for fields in reader:
            start, previous_line = previous_line + 1, reader.line_num
            if any(f.strip() for f in fields):  # blank lines (and rows of empty cells) are no row
                records.append((start, fields))
    except csv.Error as e:
        reason = (
            "has a quoted field that is never closed"
            if "unexpected end of data" in str(e)
            else f"is not valid CSV ({e})"
        )
        errors.append(RowError(previous_line + 1, "", reason, file))
    expected = ", ".join(kind.columns)
    if not records:
        if errors:
            raise ImportFailedError(errors)
        raise ImportFailedError(
            [RowError(0, "", f"is empty; the first line must be the header: {expected}", file)]
        )
    header_line, header_fields = records[0]
    header = [h.strip().lower() for h in header_fields]
    _check_header(kind, header, header_line, file)
    data = records[1:]
    if not data and not errors:
        raise ImportFailedError(
            [RowError(0, "", f"has a header but no rows of {kind.name} below it", file)]
        )
    rows: list[CsvRow] = []
    for line, fields in data:
        if len(fields) != len(header):
            reason = f"has {len(fields)} fields, the header has {len(header)}"
            errors.append(RowError(line, "", reason, file))
            continue
        values = {column: value.strip() for column, value in zip(header, fields, strict=True)}
        bad = False
        for column, value in values.items():
            if any("\udc80" <= c <= "\udcff" for c in value):
                reason = "is not UTF-8 text; save the file as CSV in UTF-8"
                errors.append(RowError(line, column, reason, file))
                bad = True
            elif "\x00" in value:
                errors.append(RowError(line, column, "contains a NUL character", file))
                bad = True
        if not bad:
            rows.append(CsvRow(line, values))
    return _Table(rows, len(data), errors)


def _check_header(kind: CsvKind[Any], header: list[str], line: int, file: str) -> None:
    expected = ", ".join(kind.columns)
    known = set(kind.columns)
    if any("\udc80" <= c <= "\udcff" for c in "".join(header)):
        reason = "is not UTF-8 text; save the file as CSV in UTF-8"
        raise ImportFailedError([RowError(line, "", reason, file)])
    if not known.intersection(header):
        if len(header) == 1 and known.intersection(h.strip() for h in header[0].split(";")):
            # Spreadsheets in many locales save "CSV" with semicolons.
            reason = "separates fields with ';'; save it as CSV with commas (UTF-8)"
        else:
            # Probably a data row: never echo it, it may hold a name.
            reason = f"is not a header; the first line must name the columns: {expected}"
        raise ImportFailedError([RowError(line, "", reason, file)])
    errors: list[RowError] = []
    seen: set[str] = set()
    for position, column in enumerate(header, start=1):
        if column in seen:
            errors.append(RowError(line, column, "appears more than once in the header", file))
        elif column not in known:
            name = column[:40] or f"(unnamed, position {position})"
            reason = f"is not a column of {kind.name} (the columns are: {expected})"
            errors.append(RowError(line, name, reason, file))
        seen.add(column)
    for column in kind.columns:
        if column not in seen:
            errors.append(RowError(line, column, "is missing from the header", file))
    if errors:
        raise ImportFailedError(errors)


# ---- validation context -------------------------------------------------------------------------


@dataclass
class PersonRef:
    """A resident a row may refer to: in the database, or in a residents file of this import."""

    gender: Gender
    person_id: int | None  # None until a resident of this import is stored
    row: int = 0  # its row in the residents file of this import (0: in the database)


@dataclass(frozen=True)
class ProgramRef:
    id: int
    name: str
    gender: Gender | None
    bed_capacity: int


class ImportContext:
    """What checking and storing an import set share: the session, today and what was found.

    Later kinds reach earlier ones through it (stays find residents in the database or in the
    residents file imported before them in the same set).
    """

    def __init__(self, s: Session, today: dt.date, actor: Actor) -> None:
        self.s = s
        self.today = today
        self.actor = actor
        self.file = ""
        self.errors: list[RowError] = []
        self.warnings: list[str] = []
        #: Residents by their CSV id, from this import set or looked up in the database.
        self.persons: dict[str, PersonRef] = {}
        self._programs: dict[str, ProgramRef] | None = None

    def error(self, row: int, column: str, reason: str) -> None:
        self.errors.append(RowError(row, column, reason, self.file))

    def warn(self, row: int, message: str) -> None:
        self.warnings.append(_printable(f"row {row}: {message}"))

    def fields(self, row: CsvRow) -> RowFields:
        return RowFields(self, row)

    def program(self, code: str) -> ProgramRef | None:
        if self._programs is None:
            self._programs = {
                p.code: ProgramRef(p.id, p.name, p.gender, p.bed_capacity)
                for p in self.s.scalars(select(Program))
            }
        return self._programs.get(code)

    def find_persons(self, ids: Collection[str]) -> dict[str, PersonRef]:
        """The residents with these CSV ids (facility id, else record number ``R-00042``)."""
        found = {i: self.persons[i] for i in ids if i in self.persons}
        wanted = [i for i in ids if i not in found]
        for chunk in _chunks(wanted):
            stmt = select(Person.external_id, Person.id, Person.gender).where(
                Person.external_id.in_(chunk)
            )
            for external_id, person_id, gender in self.s.execute(stmt):
                if external_id is not None:
                    found[external_id] = PersonRef(gender, person_id)
        by_number = {n: i for i in wanted if i not in found and (n := record_number_of(i))}
        for numbers in _chunks(list(by_number)):
            stmt2 = select(Person.record_no, Person.id, Person.gender).where(
                Person.record_no.in_(numbers)
            )
            for record_no, person_id, gender in self.s.execute(stmt2):
                found[by_number[record_no]] = PersonRef(gender, person_id)
        for i, ref in found.items():
            self.persons.setdefault(i, ref)
        return found


class RowFields:
    """Parses the fields of one row, recording each problem once against its column."""

    def __init__(self, ctx: ImportContext, row: CsvRow) -> None:
        self._ctx = ctx
        self._row = row
        #: Columns with a problem: later rules skip them rather than pile up a second message.
        self.bad: set[str] = set()

    @property
    def failed(self) -> bool:
        return bool(self.bad)

    def error(self, column: str, reason: str) -> None:
        if column in self.bad and column:
            return
        self.bad.add(column)
        self._ctx.error(self._row.line, column, reason)

    def add(self, errors: Iterable[FieldError]) -> None:
        for e in errors:
            self.error(e.field, e.message)

    def text(self, column: str) -> str:
        return self._row[column]

    def required(self, column: str, *, max_len: int = 100) -> str:
        value = self._row[column]
        problem = check_required(value, column, max_len=max_len)
        if problem is not None:
            self.error(column, problem.message)
        return value

    def date(self, column: str, *, required: bool = False) -> dt.date | None:
        try:
            return parse_date(self._row[column], column, required=required)
        except FieldParseError as e:
            self.error(column, e.error.message)
            return None

    def code(self, column: str, enum_cls: type[E], *, required: bool = False) -> E | None:
        text = self._row[column]
        if not text:
            if required:
                self.error(column, "is required")
            return None
        try:
            return enum_cls(enum_cls.parse(text))
        except ValueError as e:
            self.error(column, str(e))  # names the allowed codes, never the value
            return None


def record_number_of(csv_id: str) -> int | None:
    """The record number an exported id such as ``R-00042`` stands for (exact form only)."""
    n = parse_record_number(csv_id)
    if n is None or format_record_number(n) != csv_id:
        return None
    return n


def _chunks(items: Sequence[T], size: int = _CHUNK) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _natural_key(text: str) -> tuple[tuple[str | int, ...], str]:
    """Sort ids as people read them: R-00002 < R-00010, S-9 < S-10 (the same on every backend)."""
    parts = re.split(r"(\d+)", text)
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts)), text


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


# ---- the registry of kinds ----------------------------------------------------------------------


class CsvKind(ABC, Generic[R]):
    """One CSV format: its columns, how a row becomes a record ``R``, how records are checked
    against each other and the database, stored, and exported.
    """

    name: ClassVar[str]
    columns: ClassVar[tuple[str, ...]]
    #: The ``entity`` of the audit events an import of this kind writes.
    entity: ClassVar[str]

    @abstractmethod
    def parse_row(self, ctx: ImportContext, row: CsvRow) -> R | None:
        """The record of one row, or ``None`` after recording its problems in ``ctx``."""

    @abstractmethod
    def check(self, ctx: ImportContext, records: list[R]) -> None:
        """Rules across rows and against the database; record problems and warnings in ``ctx``."""

    @abstractmethod
    def store(self, ctx: ImportContext, records: list[R]) -> int:
        """Insert the (valid) records in ``ctx.s``; audit them; return how many were created."""

    @abstractmethod
    def export_rows(self, s: Session) -> list[list[str]]:
        """Every record as CSV fields in ``columns`` order, in a stable order."""


_KINDS: dict[str, CsvKind[Any]] = {}


def register(kind: CsvKind[Any]) -> CsvKind[Any]:
    """Make ``kind`` importable and exportable under ``kind.name``."""
    _KINDS[kind.name] = kind
    return kind


def kinds() -> tuple[str, ...]:
    """The names of the registered kinds, in registration order."""
    return tuple(_KINDS)


def get_kind(name: str) -> CsvKind[Any]:
    try:
        return _KINDS[name]
    except KeyError:
        raise PeerDeskError(
            f"unknown kind '{name[:30]}' (use one of: {', '.join(_KINDS)})"
        ) from None


# ---- residents ----------------------------------------------------------------------------------


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
        csv_id = f.required("id", max_len=_EXTERNAL_ID_MAX)
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

    def store(self, ctx: ImportContext, records: list[ResidentRecord]) -> int:
        kept = [r.record_no for r in records if r.record_no is not None]
        next_no = max([next_record_no(ctx.s), *(n + 1 for n in kept)])
        created: list[tuple[ResidentRecord, Person]] = []
        for rec in records:
            record_no = rec.record_no
            if record_no is None:
                record_no, next_no = next_no, next_no + 1
            created.append((rec, new_person(ctx.s, rec.draft, record_no)))
        ctx.s.flush()
        ids = [person.id for _, person in created]
        for chunk in _chunks(ids):
            refresh_person_summary(ctx.s, chunk)
        for rec, person in created:
            ctx.persons[rec.csv_id].person_id = person.id
            audit(ctx.s, ctx.actor, "import", self.entity, person.id, fields=self._fields(rec))
        return len(created)

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
                _iso(r.date_of_birth),
                r.gender.value,
                r.phone,
                r.email,
                _iso(r.sobriety_date),
            ]
            for r in s.execute(stmt)
        ]
        rows.sort(key=lambda r: _natural_key(r[0]))
        return rows


# ---- stays --------------------------------------------------------------------------------------


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
        csv_id = f.required("id", max_len=_EXTERNAL_ID_MAX)
        resident_id = f.required("resident_id", max_len=_EXTERNAL_ID_MAX)
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
        for chunk in _chunks(ids):
            taken.update(
                i
                for i in ctx.s.scalars(select(Stay.external_id).where(Stay.external_id.in_(chunk)))
                if i is not None
            )
        exported = {int(m.group(1)): i for i in ids if (m := _STAY_EXPORT_ID.match(i))}
        for chunk2 in _chunks(list(exported)):
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
        for chunk in _chunks(db_ids):
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

    def store(self, ctx: ImportContext, records: list[StayRecord]) -> int:
        created: list[Stay] = []
        for rec in records:
            person_id = ctx.persons[rec.resident_id].person_id
            program = ctx.program(rec.program.value)
            # Both were checked before storing.
            assert person_id is not None
            assert program is not None
            stay = Stay(
                external_id=rec.csv_id,
                person_id=person_id,
                program_id=program.id,
                admission_date=rec.admission_date,
                discharge_date=rec.discharge_date,
                discharge_reason=rec.discharge_reason,
            )
            ctx.s.add(stay)
            created.append(stay)
        ctx.s.flush()
        person_ids = sorted({st.person_id for st in created})
        for chunk in _chunks(person_ids):
            refresh_person_summary(ctx.s, chunk)
        for stay in created:
            fields = ["external_id", "person_id", "program_id", "admission_date"]
            if stay.discharge_date is not None:
                fields += ["discharge_date", "discharge_reason"]
            audit(ctx.s, ctx.actor, "import", self.entity, stay.id, fields=fields)
        return len(created)

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
                _iso(r.admission_date),
                _iso(r.discharge_date),
                r.discharge_reason.value if r.discharge_reason else "",
            ]
            for r in result
        ]
        # A person's stays together, in order; ISO dates sort as text.
        rows.sort(key=lambda r: (_natural_key(r[1]), r[3], _natural_key(r[0])))
        return rows


register(ResidentsCsv())
register(StaysCsv())


# ---- use cases ----------------------------------------------------------------------------------


def _today(services: Services) -> dt.date:
    return services.today()


def import_csv(services: Services, kind: str, path: Path, *, dry_run: bool = False) -> ImportReport:
    """Import one file of ``kind``: every row valid, or nothing stored.

    Raises:
        ImportFailedError: the file or any row is wrong; nothing was stored.
        PeerDeskError: ``kind`` is unknown, or another workstation stored a clashing record
            during the import (nothing was stored).
    """
    return import_csv_files(services, [(kind, path)], dry_run=dry_run)[0]


def import_csv_files(
    services: Services, files: Sequence[tuple[str, Path]], *, dry_run: bool = False
) -> list[ImportReport]:
    """Import a set of files in one transaction, in the order given (residents before stays).

    A later file may refer to records of an earlier one; if any row of any file is wrong,
    nothing of any file is stored.
    """
    actor = services.user.require()
    today = _today(services)
    plan = [(get_kind(kind), path) for kind, path in files]
    tables: list[_Table] = []
    file_errors: list[RowError] = []
    for kind_obj, path in plan:
        try:
            tables.append(_read_table(kind_obj, path))
        except ImportFailedError as e:
            file_errors.extend(e.errors)
    if file_errors:
        raise ImportFailedError(file_errors)
    with services.db.sessions() as s:
        ctx = ImportContext(s, today, actor)
        checked: list[tuple[CsvKind[Any], list[Any], list[str]]] = []
        for (kind_obj, path), table in zip(plan, tables, strict=True):
            ctx.file = str(path)
            ctx.errors.extend(table.errors)
            records = [
                rec for row in table.rows if (rec := kind_obj.parse_row(ctx, row)) is not None
            ]
            warnings_before = len(ctx.warnings)
            kind_obj.check(ctx, records)
            checked.append((kind_obj, records, ctx.warnings[warnings_before:]))
        if ctx.errors:
            raise ImportFailedError(ctx.errors)
        created = [0] * len(checked)
        if not dry_run:
            try:
                for i, (kind_obj, records, _) in enumerate(checked):
                    created[i] = kind_obj.store(ctx, records)
                s.commit()
            except IntegrityError:
                s.rollback()
                raise PeerDeskError(
                    "another workstation stored a record with one of these ids during the "
                    "import; nothing stored, try again"
                ) from None
    return [
        ImportReport(kind_obj.name, table.records, n, dry_run, warnings)
        for (kind_obj, records, warnings), table, n in zip(checked, tables, created, strict=True)
    ]


def export_csv(services: Services, kind: str, path: Path) -> int:
    """Write every record of ``kind`` to ``path`` (replaced whole, never half-written).

    Returns:
        The number of rows written (the header not counted).
    """
    kind_obj = get_kind(kind)
    actor = services.user.require()
    with services.db.sessions.begin() as s:
        rows = kind_obj.export_rows(s)
        audit(s, actor, "export", kind_obj.name, None, fields=kind_obj.columns)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=_LINE_TERMINATOR)
    writer.writerow(kind_obj.columns)
    writer.writerows(rows)
    _write_atomically(path, buffer.getvalue().encode("utf-8"))
    return len(rows)


def _write_atomically(path: Path, data: bytes) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise PeerDeskError(f"{path}: the folder {folder} does not exist")
    tmp: Path | None = None
    try:
        # mkstemp makes the file readable by its owner only: an export holds health data.
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        tmp = Path(name)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        tmp.replace(path)
    except OSError as e:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        reason = e.strerror or type(e).__name__
        raise PeerDeskError(f"{path}: cannot be written ({reason})") from None


__all__ = [
    "CsvKind",
    "CsvRow",
    "ImportContext",
    "ImportFailedError",
    "ImportReport",
    "ResidentsCsv",
    "RowError",
    "RowFields",
    "StaysCsv",
    "export_csv",
    "get_kind",
    "import_csv",
    "import_csv_files",
    "kinds",
    "register",
]
