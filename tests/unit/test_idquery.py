"""The shared id query: compiled once per shape, run on the driver's cursor with new values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, bindparam, case, select

from peerdesk.app import Services
from peerdesk.db.idquery import IdQuery, IdQueryCache
from peerdesk.domain.enums import Gender
from peerdesk.domain.residents import PersonDraft
from peerdesk.models import Person


def test_values_are_bound_and_converted_like_sqlalchemy_would(services: Services) -> None:
    r = services.residents
    ana = r.create_person(PersonDraft("Ana", "Lopez", gender=Gender.FEMALE))
    ben = r.create_person(
        PersonDraft("Ben", "Okafor", gender=Gender.MALE, sobriety_date=dt.date(2026, 1, 1))
    )
    stmt = (
        select(Person.id)
        .where(
            Person.gender == bindparam("gender", Gender.FEMALE),
            (Person.sobriety_date.is_(None))
            | (Person.sobriety_date < bindparam("sober", dt.date(2026, 6, 1))),
        )
        .order_by(case({Gender.MALE: 0}, value=Person.gender, else_=1), Person.id)
    )
    query = IdQuery(services.db.engine, stmt)
    assert query.run() == [ana]  # the values it was built with
    assert query.run({"gender": Gender.MALE}) == [ben]  # an enum and a date, converted
    assert query.run({"gender": Gender.MALE, "sober": dt.date(2025, 1, 1)}) == []


def test_the_cache_builds_each_shape_once(services: Services) -> None:
    cache = IdQueryCache(services.db.engine)
    built: list[str] = []

    def build(shape: str) -> Select[Any]:
        built.append(shape)
        return select(Person.id).order_by(Person.id)

    first = cache.get("a", lambda: build("a"))
    assert cache.get("a", lambda: build("a")) is first
    cache.get("b", lambda: build("b"))
    assert built == ["a", "b"]
    assert first.run() == []
