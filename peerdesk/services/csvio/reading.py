"""Reading a CSV file: bytes to text, records to rows, and the header checked against a kind.

Rows are numbered by the line of the file where they start (the header is row 1), as a
spreadsheet shows them. A problem with the file as a whole raises :class:`ImportFailedError`;
problems with single rows are collected, so every bad row is reported at once.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from peerdesk.services.csvio.errors import ImportFailedError, RowError

_NOT_UTF8 = "is not UTF-8 text; save the file as CSV in UTF-8"


@dataclass(frozen=True)
class CsvRow:
    """One data record: its first line in the file and its values by column (stripped)."""

    line: int
    values: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]


@dataclass(frozen=True)
class Table:
    """The rows of one file that could be read."""

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
        # strerror is the system's text ("No space left on device"), never the file's content.
        reason = f"cannot be read ({e.strerror or type(e).__name__})"
    raise ImportFailedError([RowError(0, "", reason, file)])


def _undecodable(text: str) -> bool:
    return any("\udc80" <= c <= "\udcff" for c in text)


def read_table(path: Path, kind: str, columns: Sequence[str]) -> Table:
    """Parse the file and check its header against ``columns`` of ``kind``.

    Raises:
        ImportFailedError: a problem with the file as a whole (unreadable, empty, bad header).
    """
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
    expected = ", ".join(columns)
    if not records:
        if errors:
            raise ImportFailedError(errors)
        raise ImportFailedError(
            [RowError(0, "", f"is empty; the first line must be the header: {expected}", file)]
        )
    header_line, header_fields = records[0]
    header = [h.strip().lower() for h in header_fields]
    _check_header(kind, columns, header, header_line, file)
    data = records[1:]
    if not data and not errors:
        raise ImportFailedError(
            [RowError(0, "", f"has a header but no rows of {kind} below it", file)]
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
            if _undecodable(value):
                errors.append(RowError(line, column, _NOT_UTF8, file))
                bad = True
            elif "\x00" in value:
                errors.append(RowError(line, column, "contains a NUL character", file))
                bad = True
        if not bad:
            rows.append(CsvRow(line, values))
    return Table(rows, len(data), errors)


def _check_header(
    kind: str, columns: Sequence[str], header: list[str], line: int, file: str
) -> None:
    expected = ", ".join(columns)
    known = set(columns)
    if _undecodable("".join(header)):
        raise ImportFailedError([RowError(line, "", _NOT_UTF8, file)])
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
            reason = f"is not a column of {kind} (the columns are: {expected})"
            errors.append(RowError(line, name, reason, file))
        seen.add(column)
    for column in columns:
        if column not in seen:
            errors.append(RowError(line, column, "is missing from the header", file))
    if errors:
        raise ImportFailedError(errors)
