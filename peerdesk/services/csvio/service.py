"""The CSV use cases: import files of the offered kinds (all or nothing) and export them.

An import reads and checks every row of every file first, in one transaction that also sees the
database; only if nothing is wrong does it store, in that same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from peerdesk.domain.changes import NO_CHANGES
from peerdesk.domain.errors import PeerDeskError
from peerdesk.services.base import ChangeListener, CurrentUser, Service, audit
from peerdesk.services.csvio.context import ImportContext
from peerdesk.services.csvio.errors import ImportFailedError, ImportReport, RowError
from peerdesk.services.csvio.kind import CsvKind, CsvKinds
from peerdesk.services.csvio.reading import Table, read_table
from peerdesk.services.csvio.writing import csv_bytes, write_atomically

#: ``progress(done, total)``: how far a job is, in rows, for a progress bar.
Progress = Callable[[int, int], None]

#: How many times at most a progress callback hears of one import or export (plus the last).
PROGRESS_STEPS = 200
#: What one row costs in each stage of an import, in proportion to the time the stage takes,
#: so the bar moves evenly: on 20,000 residents and 20,000 stays (SQLite) parsing took 0.3 s,
#: the checks 0.5 s and storing 9.5 s (reading the files, 0.5 s, comes before the first call).
_PARSE, _CHECK, _STORE = 1, 1, 15


class _Progress:
    """Tells ``callback`` how many of ``rows`` are done: never backwards, not too often, and
    the last one. Work is counted in units (``per_row`` a row) and shown in rows."""

    def __init__(self, callback: Progress | None, rows: int, per_row: int = 1) -> None:
        self._callback = callback
        self._rows = rows
        self._per_row = per_row
        self._units = 0
        self._shown = -1
        self._every = max(1, rows // PROGRESS_STEPS)
        self._show(0)

    def advance(self, units: int) -> None:
        self._units = min(self._rows * self._per_row, self._units + max(0, units))
        done = self._units // self._per_row
        if done - self._shown >= self._every or done == self._rows:
            self._show(done)

    def finish(self) -> None:
        self.advance(self._rows * self._per_row - self._units)

    def _show(self, done: int) -> None:
        if self._callback is not None and done != self._shown:
            self._shown = done
            self._callback(done, self._rows)


class CsvService(Service):
    """Imports and exports the CSV formats of ``kinds`` (PRODUCT.md "CSV formats").

    Safe to call from a worker thread: each call opens its own session. ``progress`` callbacks
    run on the calling thread.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        user: CurrentUser,
        today: Callable[[], dt.date] = dt.date.today,
        on_change: ChangeListener | None = None,
        *,
        kinds: CsvKinds,
    ) -> None:
        super().__init__(sessions, user, today, on_change)
        self.kinds = kinds

    def import_file(
        self, kind: str, path: Path, *, dry_run: bool = False, progress: Progress | None = None
    ) -> ImportReport:
        """Import one file of ``kind``: every row valid, or nothing stored.

        Raises:
            ImportFailedError: the file or any row is wrong; nothing was stored.
            PeerDeskError: ``kind`` is unknown, or another workstation stored a clashing record
                during the import (nothing was stored).
        """
        return self.import_files([(kind, path)], dry_run=dry_run, progress=progress)[0]

    def import_files(
        self,
        files: Sequence[tuple[str, Path]],
        *,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> list[ImportReport]:
        """Import a set of files in one transaction, in the order given (residents before stays).

        A later file may refer to records of an earlier one; if any row of any file is wrong,
        nothing of any file is stored.

        ``progress(done, total)``: ``total`` is the rows of all the files, ``done`` how many rows'
        worth of the work is done (reading and checking are quick, storing is most of it). It is
        first called once the files are read (show a busy bar until then); ``done`` never goes
        back, and reaches ``total`` when the import succeeds.

        Raises:
            ImportFailedError: a file or a row is wrong; nothing was stored.
            PeerDeskError: a kind is unknown, or another workstation stored a clashing record
                during the import (nothing was stored).
        """
        actor = self._user.require()
        today = self._today()
        plan = [(self.kinds.get(kind), path) for kind, path in files]
        tables = self._read(plan)
        rows = sum(t.records for t in tables)
        bar = _Progress(progress, rows, _PARSE + _CHECK + (0 if dry_run else _STORE))
        stored = 0  # rows the kind being stored said it stored

        def on_stored(count: int) -> None:
            nonlocal stored
            stored += count
            bar.advance(_STORE * count)

        changes = NO_CHANGES
        with self._sessions() as s:
            ctx = ImportContext(s, today, actor, on_stored=on_stored)
            checked: list[tuple[CsvKind[Any], list[Any], list[str]]] = []
            for (kind_obj, path), table in zip(plan, tables, strict=True):
                ctx.file = str(path)
                ctx.errors.extend(table.errors)
                bar.advance(_PARSE * (table.records - len(table.rows)))  # unreadable rows
                records = []
                for row in table.rows:
                    if (rec := kind_obj.parse_row(ctx, row)) is not None:
                        records.append(rec)
                    bar.advance(_PARSE)
                warnings_before = len(ctx.warnings)
                kind_obj.check(ctx, records)
                bar.advance(_CHECK * table.records)
                checked.append((kind_obj, records, ctx.warnings[warnings_before:]))
            if ctx.errors:
                raise ImportFailedError(ctx.errors)
            if not dry_run:
                try:
                    for kind_obj, records, _ in checked:
                        stored = 0
                        changes |= kind_obj.store(ctx, records)
                        bar.advance(_STORE * (len(records) - stored))  # a kind may not say
                    s.commit()
                except IntegrityError:
                    s.rollback()
                    # "from None": the driver's error quotes the statement's parameters (names,
                    # phones), and a chained cause would put them in any traceback logged above.
                    raise PeerDeskError(
                        "another workstation stored a record with one of these ids during the "
                        "import; nothing stored, try again"
                    ) from None
        bar.finish()
        self._published(changes)
        return [
            ImportReport(kind_obj.name, table.records, 0 if dry_run else len(records), dry_run, w)
            for (kind_obj, records, w), table in zip(checked, tables, strict=True)
        ]

    @staticmethod
    def _read(plan: list[tuple[CsvKind[Any], Path]]) -> list[Table]:
        """Every file read and its header checked; the problems of all files raised at once."""
        tables: list[Table] = []
        file_errors: list[RowError] = []
        for kind_obj, path in plan:
            try:
                tables.append(read_table(path, kind_obj.name, kind_obj.columns))
            except ImportFailedError as e:
                file_errors.extend(e.errors)
        if file_errors:
            raise ImportFailedError(file_errors)
        return tables

    def export(self, kind: str, path: Path, *, progress: Progress | None = None) -> int:
        """Write every record of ``kind`` to ``path`` (replaced whole, never half-written).

        ``progress(done, total)`` counts rows written out, first called once the records are
        read; the file is in place when the call returns.

        Returns:
            The number of rows written (the header not counted).

        Raises:
            PeerDeskError: ``kind`` is unknown, or the file cannot be written.
        """
        kind_obj = self.kinds.get(kind)
        actor = self._user.require()
        with self._sessions.begin() as s:
            rows = kind_obj.export_rows(s)
            audit(s, actor, "export", kind_obj.name, None, fields=kind_obj.columns)
        bar = _Progress(progress, len(rows))
        written = 0

        def on_written(n: int) -> None:
            nonlocal written
            bar.advance(n - written)
            written = n

        write_atomically(path, csv_bytes(kind_obj.columns, rows, written=on_written))
        return len(rows)


__all__ = ["CsvService", "Progress"]
