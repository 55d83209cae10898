"""How the residents search grows with the data: time per keystroke on a database and on a copy
with twice the people.

A measurement script, not a test::

    .venv/bin/peerdesk demo --db sqlite:////tmp/large.db --size large
    .venv/bin/python bench/search_scaling.py /tmp/large.db

The database is copied (never changed). The doubled copy adds one new person per existing one, in
one transaction through the same code path CSV import uses: ``--same-names`` gives the new people
the names of the old ones (every search then also finds twice as many); by default they get other
names (the reversed ones), so a search finds about as many people on both copies and the figure
says how the cost grows with the table rather than with the matches. Only names, phone numbers and
record numbers are searched; timings print, no names do.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: What a front-desk worker types, one keystroke at a time.
TYPED = ("maria", "garc", "nguy", "555", "r-0004", "42")


def _copy(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copy(source, target)


def _double(url: str, same_names: bool) -> int:
    """Add one person per existing person; return how many there are now."""
    from sqlalchemy import select

    from peerdesk.app import open_database
    from peerdesk.domain.residents import PersonDraft
    from peerdesk.models import Person
    from peerdesk.services.residents import new_person, refresh_person_summary

    db = open_database(url)
    try:
        with db.sessions.begin() as s:
            people = list(
                s.execute(select(Person.first_name, Person.last_name, Person.gender, Person.phone))
            )
            for first, last, gender, phone in people:
                names = (first, last) if same_names else (first[::-1].title(), last[::-1].title())
                new_person(s, PersonDraft(*names, gender=gender, phone=phone))
            s.flush()
            refresh_person_summary(s)
        with db.sessions() as s:
            return len(list(s.scalars(select(Person.id))))
    finally:
        db.dispose()


def _keystrokes(url: str, repeats: int) -> tuple[int, dict[str, float], dict[str, int]]:
    """Median milliseconds of the list's id query for each prefix of each typed word."""
    from peerdesk.app import build_services, open_database
    from peerdesk.domain.residents import ResidentQuery

    db = open_database(url)
    try:
        services = build_services(db)
        everyone = len(services.residents.search_ids(ResidentQuery()))
        times: dict[str, float] = {}
        found: dict[str, int] = {}
        for word in TYPED:
            for end in range(1, len(word) + 1):
                typed = word[:end]
                query = ResidentQuery(text=typed)
                found[typed] = len(services.residents.search_ids(query))  # warm
                samples = []
                for _ in range(repeats):
                    t0 = time.perf_counter()
                    services.residents.search_ids(query)
                    samples.append(time.perf_counter() - t0)
                times[typed] = statistics.median(samples) * 1000
        return everyone, times, found
    finally:
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", type=Path, help="a SQLite file made by `peerdesk demo`")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--same-names", action="store_true", help="the added people repeat names")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base, doubled = Path(tmp) / "base.db", Path(tmp) / "doubled.db"
        _copy(args.database, base)
        _copy(args.database, doubled)
        t0 = time.perf_counter()
        _double(f"sqlite:///{doubled}", args.same_names)
        print(f"doubled copy made in {time.perf_counter() - t0:.1f} s (schema upgraded if behind)")
        n1, t1, f1 = _keystrokes(f"sqlite:///{base}", args.repeats)
        n2, t2, f2 = _keystrokes(f"sqlite:///{doubled}", args.repeats)
    print(f"people: {n1:,} and {n2:,}; ms per keystroke (median of {args.repeats}), matches")
    print(f"{'typed':>8} {'ms':>7} {'found':>6} {'ms 2x':>7} {'found':>6} {'ratio':>6}")
    for typed in t1:
        ratio = t2[typed] / t1[typed] if t1[typed] else float("inf")
        print(
            f"{typed:>8} {t1[typed]:7.2f} {f1[typed]:6} {t2[typed]:7.2f} {f2[typed]:6} {ratio:6.2f}"
        )
    m1, m2 = statistics.median(t1.values()), statistics.median(t2.values())
    s1, s2 = sum(t1.values()), sum(t2.values())
    print(f"median keystroke: {m1:.2f} ms and {m2:.2f} ms: 2x the people = {m2 / m1:.2f}x the time")
    print(f"all keystrokes: {s1:.1f} ms and {s2:.1f} ms: {s2 / s1:.2f}x")


if __name__ == "__main__":
    main()
