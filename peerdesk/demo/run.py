"""What every area of one demo run shares, and the shape of an area.

An area plans in memory (drawing from the run's one ``random.Random``) and then writes its rows
through the run's writer. ``generate`` calls every area's ``plan`` in the order of ``AREAS``,
then every area's ``write`` in the same order, so the same seed draws the same numbers.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection

from peerdesk.demo.dates import days
from peerdesk.demo.records import Alumnus, Person, Program, Screening, Staff, Stay
from peerdesk.demo.scale import Scale
from peerdesk.demo.writer import Ids, Writer


@dataclass
class Run:
    """The connection, writer, ids and random source of one run, and the plan so far.

    Each area fills its part of the plan (``programs`` and ``staff`` by the reference data,
    ``persons``, ``stays`` and ``screenings`` by the residents, ``alumni`` by the alumni) and
    reads what earlier areas planned or wrote.
    """

    conn: Connection
    w: Writer
    ids: Ids
    rng: random.Random
    scale: Scale
    today: dt.date
    programs: list[Program] = field(default_factory=list)
    staff: list[Staff] = field(default_factory=list)
    office_user_ids: list[int] = field(default_factory=list)
    system_user_id: int | None = None
    activity_ids: dict[str, int] = field(default_factory=dict)
    persons: list[Person] = field(default_factory=list)
    stays: list[Stay] = field(default_factory=list)
    screenings: list[Screening] = field(default_factory=list)
    alumni: list[Alumnus] = field(default_factory=list)

    @property
    def start(self) -> dt.date:
        return self.today - days(self.scale.days - 1)

    def recent_user(self, day: dt.date) -> int | None:
        """A user for records of the last two years (the accounts are no older)."""
        if day < self.today - days(730) or not self.office_user_ids:
            return None
        return self.rng.choice(self.office_user_ids)


def _nothing(run: Run) -> None:
    """An area that has nothing to plan before writing."""


@dataclass(frozen=True)
class Area:
    """One area of the demo.

    Attributes:
        name: for a reader (the progress steps name the tables).
        write: adds the area's rows through ``run.w``; called after every area has planned.
        plan: fills the area's part of ``run`` in memory, before anything is written.
    """

    name: str
    write: Callable[[Run], None]
    plan: Callable[[Run], None] = _nothing
