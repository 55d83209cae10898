"""The bulk writer and the id source every area writes through.

Rows are buffered per table and sent with Core ``insert`` in chunks, parents before children,
on one connection and in one transaction. Ids are assigned by the demo itself, so rows can
refer to each other before they are written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select

from peerdesk.models import Base

Row = dict[str, Any]
Progress = Callable[[str, int, int], None]

#: Rows per INSERT round trip: big enough to be fast, small enough to keep memory flat.
CHUNK_ROWS = 5000


def table(name: str) -> Table:
    return Base.metadata.tables[name]


class Ids:
    """Ids the demo assigns itself: one past the table's largest, then counting up."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._next: dict[str, int] = {}

    def next(self, table_name: str) -> int:
        if table_name not in self._next:
            largest = self._conn.scalar(select(func.max(table(table_name).c.id)))
            self._next[table_name] = (largest or 0) + 1
        value = self._next[table_name]
        self._next[table_name] = value + 1
        return value


class Writer:
    """Buffers rows per table and inserts them in chunks, parents before children.

    ``counts`` holds the rows written per table, in the order each table was first written.
    """

    def __init__(self, conn: Connection, progress: Progress) -> None:
        self._conn = conn
        self._progress = progress
        self._buffers: dict[Table, list[Row]] = {}
        self.counts: dict[str, int] = {}

    def add(self, table_name: str, row: Row) -> None:
        buffer = self._buffers.setdefault(table(table_name), [])
        buffer.append(row)
        if len(buffer) >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        # Buffers are in the order each table was first used, which is foreign-key order.
        for t, rows in self._buffers.items():
            if rows:
                self._conn.execute(insert(t), rows)
                self.counts[t.name] = self.counts.get(t.name, 0) + len(rows)
                rows.clear()

    def each(self, step: str, items: Sequence[Any], make: Callable[[Any], None]) -> None:
        """Call ``make`` per item (it adds rows), reporting progress as ``step``."""
        every = max(1, len(items) // 50)
        for i, item in enumerate(items, start=1):
            make(item)
            if i % every == 0 and i < len(items):
                self.report(step, i, len(items))
        self.flush()
        self.report(step, len(items), len(items))

    def step(self, step: str, make: Callable[[], None]) -> None:
        """Call ``make`` (it adds rows) as one progress step."""
        make()
        self.flush()
        self.report(step, 1, 1)

    def report(self, step: str, done: int, total: int) -> None:
        self._progress(step, done, total)
