"""Pure rules of the domain layer: parsing, search keys, stay overlap, form validation."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerdesk.domain.enums import DischargeReason, Gender, ProgramCode, ScreeningCriterion
from peerdesk.domain.residents import (
    PersonDraft,
    days_sober,
    format_record_number,
    parse_record_number,
    search_key,
    search_tokens,
    stays_overlap,
    validate_person,
    validate_stay_dates,
)
from peerdesk.domain.validation import FieldParseError, parse_date, parse_time

TODAY = dt.date(2026, 6, 15)


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "15/06/2026", "20260615", "soon"])
def test_bad_dates_name_the_field_and_the_format(text: str) -> None:
    with pytest.raises(FieldParseError) as err:
        parse_date(text, "admission_date")
    assert err.value.error.field == "admission_date"
    assert "YYYY-MM-DD" in err.value.error.message


def test_empty_date_is_none_unless_required() -> None:
    assert parse_date("  ", "sobriety_date") is None
    with pytest.raises(FieldParseError, match="is required"):
        parse_date("", "admission_date", required=True)


def test_times_need_hh_mm() -> None:
    assert parse_time("09:30", "start") == dt.time(9, 30)
    with pytest.raises(FieldParseError):
        parse_time("9.30", "start")


def test_record_numbers_format_and_parse() -> None:
    assert format_record_number(42) == "R-00042"
    assert parse_record_number("R-00042") == 42
    assert parse_record_number("r42") == 42
    assert parse_record_number("Rita") is None


def test_search_key_folds_accents_and_keeps_phone_digits() -> None:
    key = search_key("Zoë", "Nguyễn", 7, "(555) 010-2030", "Zoe@Example.org")
    assert "zoe nguyen" in key
    assert "r-00007" in key
    assert "5550102030" in key
    assert search_tokens("Zoë 555-010") == ["zoe", "555010"]
    assert search_tokens("R-00007") == ["r-00007"]
    assert search_tokens("R7 r42") == ["r-00007", "r-00042"]
    assert search_tokens("r-0004") == ["r-0004"]  # typed on the way to R-00042: a substring


def test_days_sober() -> None:
    assert days_sober(dt.date(2026, 6, 1), TODAY) == 14
    assert days_sober(None, TODAY) is None
    assert days_sober(dt.date(2026, 7, 1), TODAY) is None


def test_person_rules() -> None:
    ok = PersonDraft("Ana", "Lopez", dt.date(1990, 1, 1), Gender.FEMALE, "555 0101", "a@b.org")
    assert validate_person(ok, TODAY) == []
    bad = PersonDraft("Ana", "Lopez", dt.date(1990, 1, 1), sobriety_date=dt.date(1980, 1, 1))
    assert [e.field for e in validate_person(bad, TODAY)] == ["sobriety_date"]


def test_stay_dates_rules() -> None:
    assert validate_stay_dates(dt.date(2026, 1, 1), None, [], TODAY) == []
    errors = validate_stay_dates(dt.date(2026, 3, 1), dt.date(2026, 2, 1), [], TODAY)
    assert [e.field for e in errors] == ["discharge_date"]
    errors = validate_stay_dates(
        dt.date(2026, 3, 1), None, [(dt.date(2026, 1, 1), dt.date(2026, 3, 2))], TODAY
    )
    assert [e.field for e in errors] == ["admission_date"]


dates = st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31))


@given(dates, st.integers(0, 400), dates, st.integers(0, 400))
def test_overlap_agrees_with_counting_shared_care_days(
    a: dt.date, a_len: int, b: dt.date, b_len: int
) -> None:
    a_days = {a + dt.timedelta(days=i) for i in range(a_len)}
    b_days = {b + dt.timedelta(days=i) for i in range(b_len)}
    if a_len and b_len:
        expected = bool(a_days & b_days)
        got = stays_overlap(a, a + dt.timedelta(days=a_len), b, b + dt.timedelta(days=b_len))
        assert got == expected


def test_labels_are_for_people() -> None:
    assert DischargeReason.LEFT_AMA.label == "Left against advice"
    assert ScreeningCriterion.DIAGNOSIS.label.startswith("Diagnosis of SUD")
    with pytest.raises(ValueError, match="mens, womens"):
        ProgramCode.parse("coed")


def test_control_characters_and_generated_ids_are_refused() -> None:
    nul = PersonDraft("An\x00a", "Lopez")
    assert [e.field for e in validate_person(nul, TODAY)] == ["first_name"]
    for generated in ("R-00042", "s-17"):
        draft = PersonDraft("Ana", "Lopez", external_id=generated)
        assert [e.field for e in validate_person(draft, TODAY)] == ["id"]
    assert validate_person(PersonDraft("Ana", "Lopez", external_id="FAC-2041"), TODAY) == []


@pytest.mark.parametrize("misplaced", ["Gonzalez", "555-867-5309", "Maria José", "+1 555 0101"])
def test_a_misplaced_name_or_phone_is_never_quoted_back(misplaced: str) -> None:
    with pytest.raises(FieldParseError) as err:
        parse_date(misplaced, "date_of_birth")
    assert misplaced not in err.value.error.message
    with pytest.raises(ValueError, match="is not one of") as code_err:
        Gender.parse(misplaced)
    assert misplaced not in str(code_err.value)


def test_a_mistyped_date_is_quoted_back() -> None:
    with pytest.raises(FieldParseError, match="'1990-02-30' is not a date"):
        parse_date("1990-02-30", "date_of_birth")
