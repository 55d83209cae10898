"""Dates as a US front desk types them, and what the form says when one is wrong."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerdesk.domain.errors import FieldError
from peerdesk.domain.validation import FieldParseError, parse_typed_date

DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


def error_of(text: str) -> FieldError:
    with pytest.raises(FieldParseError) as caught:
        parse_typed_date(text, "date_of_birth")
    return caught.value.error


@pytest.mark.parametrize("text", ["11/18/1983", "11-18-1983", "1983-11-18", " 11/18/1983 "])
def test_the_three_shapes_a_front_desk_types(text: str) -> None:
    assert parse_typed_date(text, "date_of_birth") == dt.date(1983, 11, 18)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("13/01/2000", "is not a date: month 13 does not exist"),
        ("2000-00-10", "is not a date: month 0 does not exist"),
        ("04/31/2020", "is not a date: day 31 does not exist in April"),
        ("02/29/2023", "is not a date: day 29 does not exist in February 2023"),
        ("2023-02-30", "is not a date: day 30 does not exist in February"),
        ("11/18/83", "is not a date: the year needs four digits (1983, not 83)"),
        ("11/18-1983", "is not a date (type 11/18/1983 or 1983-11-18)"),
        ("1899-12-31", "is before 1900"),
    ],
)
def test_a_wrong_date_says_what_is_wrong(text: str, message: str) -> None:
    assert error_of(text) == FieldError("date_of_birth", message)


def test_a_name_in_a_date_field_is_never_quoted() -> None:
    assert "Lopez" not in error_of("Lopez").message


def test_empty_is_none_unless_required() -> None:
    assert parse_typed_date("  ", "date_of_birth") is None
    with pytest.raises(FieldParseError) as caught:
        parse_typed_date("", "admission_date", required=True)
    assert caught.value.error == FieldError("admission_date", "is required")


def test_a_leap_day_is_a_date() -> None:
    assert parse_typed_date("02/29/2024", "d") == dt.date(2024, 2, 29)


@given(DATES)
def test_every_date_reads_back_from_each_shape(day: dt.date) -> None:
    for text in (
        day.isoformat(),
        f"{day.month}/{day.day}/{day.year}",
        f"{day.month:02}-{day.day:02}-{day.year}",
    ):
        assert parse_typed_date(text, "d") == day


@given(st.integers(1, 12), st.integers(1, 31), st.integers(1900, 2100))
def test_a_day_past_the_end_of_the_month_is_named(month: int, day: int, year: int) -> None:
    text = f"{month}/{day}/{year}"
    try:
        expected = dt.date(year, month, day)
    except ValueError:
        assert f"day {day} does not exist in" in error_of(text).message
    else:
        assert parse_typed_date(text, "d") == expected


@given(st.integers(13, 99), st.integers(1, 28), st.integers(1900, 2100))
def test_a_month_past_december_is_named(month: int, day: int, year: int) -> None:
    assert error_of(f"{month}/{day}/{year}").message == (
        f"is not a date: month {month} does not exist"
    )
