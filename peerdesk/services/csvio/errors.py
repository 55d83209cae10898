"""What an import reports: one :class:`RowError` per problem, or an :class:`ImportReport`.

Messages name the file, the row and the column; they quote dates and codes but never a name, a
phone number or an e-mail address.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from peerdesk.domain.errors import PeerDeskError

#: How many error lines a person is shown before "... and K more errors".
ERROR_LINES_SHOWN = 50


def printable(text: str) -> str:
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
        return printable(text)

    def line(self) -> str:
        """``FILE row N, column C: reason`` (``FILE: reason`` for the file as a whole)."""
        if not self.file:
            return str(self)
        file = printable(self.file)
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
