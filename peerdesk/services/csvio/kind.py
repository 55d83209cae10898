"""One CSV format (:class:`CsvKind`) and the formats an application offers (:class:`CsvKinds`).

A kind is a small class in a module of its own (``residents.py``, ``stays.py``); the
composition root lists the kinds once (``peerdesk.app.csv_kinds``) and hands the
:class:`CsvKinds` to the CLI and the GUI. Nothing registers itself on import.
"""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy.orm import Session

from peerdesk.domain.changes import Changes
from peerdesk.domain.errors import PeerDeskError
from peerdesk.services.csvio.context import ImportContext
from peerdesk.services.csvio.reading import CsvRow

#: The longest id a CSV file may give a record (the ``external_id`` columns).
EXTERNAL_ID_MAX = 40

R = TypeVar("R")


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
    def store(self, ctx: ImportContext, records: list[R]) -> Changes:
        """Insert every one of the (valid) records in ``ctx.s``; audit them; say what changed."""

    @abstractmethod
    def export_rows(self, s: Session) -> list[list[str]]:
        """Every record as CSV fields in ``columns`` order, in a stable order."""


class CsvKinds:
    """The CSV kinds an application offers, by name, in the order given (the order a set of
    files is best imported in: residents before the stays that refer to them)."""

    def __init__(self, kinds: Iterable[CsvKind[Any]]) -> None:
        self._kinds: dict[str, CsvKind[Any]] = {}
        for kind in kinds:
            if kind.name in self._kinds:
                raise ValueError(f"two CSV kinds are named {kind.name!r}")
            self._kinds[kind.name] = kind

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._kinds)

    def get(self, name: str) -> CsvKind[Any]:
        """The kind called ``name``.

        Raises:
            PeerDeskError: no kind has that name (the message lists the kinds there are).
        """
        try:
            return self._kinds[name]
        except KeyError:
            raise PeerDeskError(
                f"unknown kind '{name[:30]}' (use one of: {', '.join(self._kinds)})"
            ) from None

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def __iter__(self) -> Iterator[CsvKind[Any]]:
        return iter(self._kinds.values())

    def __len__(self) -> int:
        return len(self._kinds)


def natural_key(text: str) -> tuple[tuple[str | int, ...], str]:
    """Sort ids as people read them: R-00002 < R-00010, S-9 < S-10 (the same on every backend)."""
    parts = re.split(r"(\d+)", text)
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts)), text


def iso(value: dt.date | None) -> str:
    """A date as CSV writes it (``YYYY-MM-DD``), or an empty field."""
    return value.isoformat() if value else ""
