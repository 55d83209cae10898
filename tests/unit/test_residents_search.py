"""Finding and ordering people: the indexed prefix search, the name and status orders, and the
possible duplicates a registration is warned about."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from peerdesk.app import Services
from peerdesk.domain.enums import (
    DischargeReason,
    Gender,
    ResidentStatus,
    ScreeningCriterion,
    ScreeningDecision,
    StageOfChange,
)
from peerdesk.domain.residents import (
    AdmissionDraft,
    DischargeDraft,
    PersonDraft,
    RatingDraft,
    ResidentQuery,
    ResidentSort,
    ScreeningDraft,
    person_sort_name,
    search_key,
)
from peerdesk.domain.search import normalise, sort_key, words
from peerdesk.models import Base, Person
from peerdesk.services.residents import new_person, refresh_person_summary

#: The table as bulk loads (demo data) insert into it, leaving the derived columns out.
PERSONS = Base.metadata.tables["persons"]


def _person(services: Services, first: str, last: str, **kw: object) -> int:
    draft = PersonDraft(first_name=first, last_name=last, **kw)  # type: ignore[arg-type]
    return services.residents.create_person(draft)


def _found(services: Services, typed: str) -> list[int]:
    return services.residents.search_ids(ResidentQuery(text=typed))


def _names(services: Services, ids: list[int]) -> list[str]:
    return [r.display_name for r in services.residents.rows(ids)]


def test_normalising_strips_accents_and_letters_unicode_keeps_whole() -> None:
    assert normalise("Đỗ Thị Hằng") == "do thi hang"
    assert normalise("ŁUKASZ Øberg Straße") == "lukasz oberg strasse"
    assert words("O'Brien-Díaz") == ["o", "brien", "diaz"]
    assert sort_key("Adams", "Zoe") < sort_key("Adams-Bell", "Al") < sort_key("Adamson", "A")
    assert person_sort_name("Hằng", "Đỗ") < person_sort_name("Ana", "Garcia")


@pytest.mark.parametrize("typed", ["do", "DO", "Đỗ", "đo hang", "hang do", "Hằng"])
def test_accents_and_case_are_ignored(services: Services, typed: str) -> None:
    pid = _person(services, "Hằng", "Đỗ")
    _person(services, "Ana", "Lopez")
    assert _found(services, typed) == [pid]


def test_every_typed_word_must_start_a_word_of_the_record(services: Services) -> None:
    lopez = _person(services, "Ana", "Lopez-Díaz")
    _person(services, "Anabel", "Ruiz")
    assert _found(services, "lop") == [lopez]
    assert _found(services, "diaz") == [lopez]
    assert _found(services, "lopezdiaz") == [lopez]  # a double name typed as one word
    assert sorted(_found(services, "ana")) == sorted(_found(services, "an"))
    assert _found(services, "ana lo") == [lopez]
    assert _found(services, "ana ru lo") == []


@pytest.mark.parametrize("typed", ["R-00042", "r-00042", "R42", "r42", "42", "00042", "r-0004"])
def test_record_numbers_as_typed(services: Services, typed: str) -> None:
    with services.db.sessions.begin() as s:
        forty_two = new_person(s, PersonDraft("Mia", "Chen"), record_no=42)
        new_person(s, PersonDraft("Ben", "Okafor"), record_no=7)
        s.flush()
        pid = forty_two.id
    assert _found(services, typed) == [pid]


@pytest.mark.parametrize("typed", ["(206) 555-0142", "2065550142", "555-0142", "0142", "206"])
def test_phone_digits_whole_local_or_last_four(services: Services, typed: str) -> None:
    pid = _person(services, "Mia", "Chen", phone="(206) 555-0142")
    _person(services, "Ben", "Okafor", phone="(360) 555-0199")
    assert _found(services, typed) == [pid]


def test_the_index_follows_renames_deletes_and_bulk_inserts(services: Services) -> None:
    pid = _person(services, "Ana", "Lopez")
    version = services.residents.get(pid).version
    services.residents.update_person(pid, PersonDraft("Ana", "Quintero"), version)
    assert _found(services, "lopez") == []
    assert _found(services, "quin") == [pid]
    # A bulk insert that leaves the derived columns out (the demo generator's path).
    with services.db.sessions.begin() as s:
        s.execute(
            insert(PERSONS),
            [
                {"record_no": 10 + i, "first_name": first, "last_name": "Đặng", "phone": ""}
                for i, first in enumerate(["Minh", "Lan"])
            ],
        )
        refresh_person_summary(s)
    dang = _found(services, "dang")
    assert _names(services, dang) == ["Đặng, Lan", "Đặng, Minh"]
    with services.db.sessions.begin() as s:
        person = s.get(Person, pid)
        assert person is not None
        s.delete(person)
    assert _found(services, "quin") == []


def test_search_keys_of_a_bulk_insert_are_those_the_services_write(services: Services) -> None:
    with services.db.sessions.begin() as s:
        s.execute(
            insert(PERSONS),
            [{"record_no": 3, "first_name": "Zoë", "last_name": "Đỗ", "phone": "555 0101"}],
        )
    with services.db.sessions() as s:
        person = s.query(Person).one()
        assert person.search_key == search_key("Zoë", "Đỗ", 3, "555 0101", "")
        assert person.sort_name == person_sort_name("Zoë", "Đỗ")


def test_names_sort_by_their_letters_not_their_accents(services: Services) -> None:
    for first, last in [("Zoe", "Adams"), ("Hằng", "Đỗ"), ("Bo", "Zane"), ("Al", "Dunn")]:
        _person(services, first, last)
    got = services.residents.search_ids(ResidentQuery(sort=ResidentSort.NAME))
    assert _names(services, got) == ["Adams, Zoe", "Đỗ, Hằng", "Dunn, Al", "Zane, Bo"]
    back = services.residents.search_ids(ResidentQuery(sort=ResidentSort.NAME, descending=True))
    assert back == got[::-1]


def _screening(day: dt.date, decision: ScreeningDecision) -> ScreeningDraft:
    return ScreeningDraft(
        screened_on=day,
        ratings=tuple(RatingDraft(c, 3) for c in ScreeningCriterion),
        stage_of_change=StageOfChange.PREPARATION,
        decision=decision,
        decision_reason="reason",
    )


def test_status_sorts_by_the_workflow(services: Services) -> None:
    r = services.residents
    mens = next(p.id for p in services.programs.programs() if p.code == "mens")
    day = dt.date(2026, 1, 5)
    declined = _person(services, "A", "Declined")
    r.add_screening(declined, _screening(day, ScreeningDecision.DECLINE))
    referred = _person(services, "B", "Referred")
    r.add_screening(referred, _screening(day, ScreeningDecision.REFER))
    discharged = _person(services, "C", "Discharged", gender=Gender.MALE)
    stay = r.admit(discharged, AdmissionDraft(mens, day))
    r.discharge(stay, DischargeDraft(dt.date(2026, 2, 1), DischargeReason.COMPLETED), None)
    in_care = _person(services, "D", "Incare", gender=Gender.MALE)
    r.admit(in_care, AdmissionDraft(mens, day))
    waitlisted = _person(services, "E", "Waitlisted")
    r.add_screening(waitlisted, _screening(day, ScreeningDecision.WAITLIST))
    screening = _person(services, "F", "Screening")
    got = r.search_ids(ResidentQuery(sort=ResidentSort.STATUS))
    assert got == [screening, waitlisted, in_care, discharged, referred, declined]
    assert [row.status for row in r.rows(got)] == list(ResidentStatus)
    assert r.search_ids(ResidentQuery(sort=ResidentSort.STATUS, descending=True)) == got[::-1]


def test_possible_duplicates_by_name_and_birth_date_or_phone(services: Services) -> None:
    born = dt.date(1983, 11, 18)
    pid = _person(services, "Hằng", "Đỗ", date_of_birth=born, phone="(206) 555-0142")
    _person(services, "Hang", "Do", date_of_birth=dt.date(1990, 1, 1))  # same name only
    find = services.residents.find_matches
    [match] = find("hang", "DO", born, "")
    assert (match.id, match.record_number, match.display_name) == (pid, "R-00001", "Đỗ, Hằng")
    assert (match.date_of_birth, match.status) == (born, ResidentStatus.SCREENING)
    assert [m.id for m in find("Hằng", "Đỗ", None, "206-555-0142")] == [pid]
    assert find("Hằng", "Đỗ", dt.date(1983, 11, 19), "") == []
    assert find("Lan", "Đỗ", born, "") == []
    assert find("Hằng", "Đỗ", None, "") == []  # a name alone is not enough


def test_the_longest_names_fit_their_sort_key(services: Services) -> None:
    # 100 + 100 letters, one of which becomes two when normalised (ß → ss).
    first, last = "ß" + "a" * 99, "Æ" + "b" * 99
    pid = _person(services, first, last)
    assert _found(services, "ssaaa aebb") == [pid]
