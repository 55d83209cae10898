"""Dates and times the areas share: timestamps of a day, day offsets, the daily census."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator

from peerdesk.demo.records import Stay


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), dt.UTC)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def census_days(
    stays: Iterable[Stay], first: dt.date, last: dt.date
) -> Iterator[tuple[dt.date, dict[str, list[int]]]]:
    """For each day from ``first`` to ``last``: the ids of the persons in care, per program.

    In care on day x: admitted on or before x and not yet discharged (the discharge day is not
    a care day), as in METRICS.md. Days after today see today's census.
    """
    census: dict[str, dict[int, None]] = defaultdict(dict)
    arriving: dict[dt.date, list[Stay]] = defaultdict(list)
    leaving: dict[dt.date, list[Stay]] = defaultdict(list)
    for st in stays:
        if st.discharged is not None and st.discharged <= first:
            continue
        if st.admitted <= first:
            census[st.program.code][st.person.id] = None
        else:
            arriving[st.admitted].append(st)
        if st.discharged is not None:
            leaving[st.discharged].append(st)
    day = first
    while day <= last:
        for st in leaving.pop(day, []):
            del census[st.program.code][st.person.id]
        for st in arriving.pop(day, []):
            census[st.program.code][st.person.id] = None
        yield day, defaultdict(list, {code: list(ids) for code, ids in census.items()})
        day += days(1)
