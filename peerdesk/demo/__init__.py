"""Realistic synthetic data for demonstrations and benchmarks (``peerdesk demo``).

``large`` is ten years of a 100-bed facility ending today (PRODUCT.md "Scale and speed");
``small`` is about four months of a 30-bed one. Everything follows from one
``random.Random(seed)``: a seed gives the same data on every run and backend for the same day.

Each area of the product has one module here with a ``plan`` (in memory, drawing from the one
random source) and a ``write`` (Core bulk inserts through the shared writer, the big tables
streamed in chunks). ``AREAS`` below runs them: every ``plan`` in order, then every ``write``
in order, parents before children, all in one transaction, so an interrupted run leaves the
database as it was. A new area adds its module and one entry to ``AREAS`` (after the areas
whose rows it refers to).

The word lists are in ``words``, the sizes in ``scale``, the writer and ids in ``writer``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import Engine, select

from peerdesk.demo import activities, alumni, care, reference, residents, sessions
from peerdesk.demo.finish import finish
from peerdesk.demo.run import Area, Run
from peerdesk.demo.scale import SCALES
from peerdesk.demo.writer import Ids, Progress, Writer, table
from peerdesk.domain.errors import ValidationError

__all__ = ["AREAS", "SIZES", "Area", "DemoSummary", "Progress", "generate"]

#: Every area, in the order it plans and writes (a table's parents are written before it).
AREAS: tuple[Area, ...] = (
    reference.AREA,
    residents.AREA,
    alumni.AREA,
    care.AREA,
    sessions.AREA,
    activities.AREA,
)
SIZES = tuple(SCALES)

#: Tables that only hold what people recorded; any row in one means the database is in use.
_DATA_TABLES = ("persons", "alumni", "group_sessions", "activity_occurrences")


@dataclass(frozen=True)
class DemoSummary:
    """How many rows the demo wrote per table, in the order they were written (no names)."""

    counts: tuple[tuple[str, int], ...]

    def count(self, table: str) -> int:
        return dict(self.counts).get(table, 0)

    def __str__(self) -> str:
        return "\n".join(f"{table:<24}{n:>10,}" for table, n in self.counts)


def _no_progress(step: str, done: int, total: int) -> None:
    """Progress for a caller that does not show it."""


def generate(
    engine: Engine,
    *,
    size: str,
    seed: int,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> DemoSummary:
    """Fill an empty database with synthetic data of ``size``.

    Args:
        engine: the database (schema current, reference data present).
        size: "small" (about 120 days of 30 beds) or "large" (ten years of 100 beds).
        seed: the same seed (and ``today``) gives the same data.
        progress: called as ``progress(step, done, total)`` while each step fills its tables;
            the last call of every step has ``done == total``.
        today: the last day of the history; the real today by default.

    Raises:
        ValidationError: ``size`` is unknown (field "size"), or the database already holds
            data or lacks a program (field "database"); nothing is written then.
    """
    scale = SCALES.get(size)
    if scale is None:
        raise ValidationError("size", f"must be one of {', '.join(SIZES)}")
    with engine.connect() as conn:
        for name in _DATA_TABLES:
            if conn.execute(select(table(name).c.id).limit(1)).first() is not None:
                raise ValidationError(
                    "database", "already holds data; use an empty database for demo data"
                )
        writer = Writer(conn, progress or _no_progress)
        run = Run(conn, writer, Ids(conn), random.Random(seed), scale, today or dt.date.today())
        for area in AREAS:
            area.plan(run)
        for area in AREAS:
            area.write(run)
        finish(run)
        conn.commit()
    return DemoSummary(tuple(writer.counts.items()))
