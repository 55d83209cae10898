"""What checking and storing one import share: the session, today, the problems found so far,
and lookups one kind makes for another (stays find residents in the database or in the residents
file imported before them in the same set).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from peerdesk.domain.enums import Gender, LabeledEnum
from peerdesk.domain.errors import FieldError
from peerdesk.domain.residents import format_record_number, parse_record_number
from peerdesk.domain.validation import FieldParseError, check_required, parse_date
from peerdesk.models import Person, Program
from peerdesk.services.base import Actor
from peerdesk.services.csvio.errors import RowError, printable
from peerdesk.services.csvio.reading import CsvRow

#: Rows per ``IN (...)`` list: well under SQLite's and PostgreSQL's parameter limits.
CHUNK = 500

E = TypeVar("E", bound=LabeledEnum)
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``items`` in slices of at most ``size`` (for ``IN (...)`` lists)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def record_number_of(csv_id: str) -> int | None:
    """The record number an exported id such as ``R-00042`` stands for (exact form only)."""
    n = parse_record_number(csv_id)
    if n is None or format_record_number(n) != csv_id:
        return None
    return n


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

    def __init__(
        self,
        s: Session,
        today: dt.date,
        actor: Actor,
        *,
        on_stored: Callable[[int], None] | None = None,
    ) -> None:
        self.s = s
        self.today = today
        self.actor = actor
        self.file = ""
        self.errors: list[RowError] = []
        self.warnings: list[str] = []
        #: Residents by their CSV id, from this import set or looked up in the database.
        self.persons: dict[str, PersonRef] = {}
        self._programs: dict[str, ProgramRef] | None = None
        self._on_stored = on_stored

    def error(self, row: int, column: str, reason: str) -> None:
        self.errors.append(RowError(row, column, reason, self.file))

    def warn(self, row: int, message: str) -> None:
        self.warnings.append(printable(f"row {row}: {message}"))

    def stored(self, count: int) -> None:
        """A kind storing many records says it stored ``count`` more (a progress bar moves on)."""
        if self._on_stored is not None:
            self._on_stored(count)

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
        for chunk in chunks(wanted):
            stmt = select(Person.external_id, Person.id, Person.gender).where(
                Person.external_id.in_(chunk)
            )
            for external_id, person_id, gender in self.s.execute(stmt):
                if external_id is not None:
                    found[external_id] = PersonRef(gender, person_id)
        by_number = {n: i for i in wanted if i not in found and (n := record_number_of(i))}
        for numbers in chunks(list(by_number)):
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
