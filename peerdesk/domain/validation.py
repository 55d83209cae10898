"""Pure parsing and checking of single fields, shared by forms, CSV import and the command line.

Every function returns the parsed value or raises/returns a ``FieldError`` naming the field.
Messages never quote the value for free-text fields (it may be a name); dates are quoted.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from peerdesk.domain.errors import FieldError

EARLIEST_DATE = dt.date(1900, 1, 1)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_CHARS = re.compile(r"^[0-9+()\-. /x]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


#: Shapes of a mistyped date that are safe to quote back; anything else (a name or a phone
#: number in the wrong column) is never echoed.
_DATE_LIKE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{8})$")
_TIME_LIKE = re.compile(r"^\d{1,2}[:.]\d{1,2}$")


def _not_a(kind: str, text: str, shape: re.Pattern[str], expected: str) -> str:
    shown = f"'{text}' " if shape.match(text) else ""
    return f"{shown}is not a {kind} (use {expected})"


class FieldParseError(ValueError):
    def __init__(self, error: FieldError) -> None:
        super().__init__(str(error))
        self.error = error


def parse_date(text: str, field: str, *, required: bool = False) -> dt.date | None:
    """Parse an ISO date ``YYYY-MM-DD``; empty gives ``None`` unless ``required``."""
    text = text.strip()
    if not text:
        if required:
            raise FieldParseError(FieldError(field, "is required"))
        return None
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise FieldParseError(
            FieldError(field, _not_a("date", text, _DATE_LIKE, "YYYY-MM-DD"))
        ) from None
    if len(text) != 10:
        raise FieldParseError(FieldError(field, _not_a("date", text, _DATE_LIKE, "YYYY-MM-DD")))
    if value < EARLIEST_DATE:
        raise FieldParseError(FieldError(field, "is before 1900"))
    return value


#: The shapes a front desk types, said in a hint or an error.
DATE_FORMATS_HINT = "11/18/1983 or 1983-11-18"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US = re.compile(r"^(\d{1,2})([/-])(\d{1,2})\2(\d+)$")


#: English month names whatever the locale (``calendar.month_name`` follows it).
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _bad_date(field: str, why: str) -> FieldParseError:
    return FieldParseError(FieldError(field, f"is not a date: {why}"))


def parse_typed_date(text: str, field: str, *, required: bool = False) -> dt.date | None:
    """A date as a US front desk types it: ``11/18/1983``, ``11-18-1983`` or ``1983-11-18``.

    Empty gives ``None`` unless ``required``. The error says what is wrong: ``month 13 does
    not exist``, ``day 31 does not exist in April``, ``the year needs four digits``. The typed
    text is never quoted (a name typed in the wrong field must not reach a message).
    """
    text = text.strip()
    if not text:
        if required:
            raise FieldParseError(FieldError(field, "is required"))
        return None
    if m := _ISO.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _US.match(text):
        if len(m[4]) != 4:
            raise _bad_date(field, "the year needs four digits (1983, not 83)")
        month, day, year = int(m[1]), int(m[3]), int(m[4])
    else:
        raise FieldParseError(FieldError(field, f"is not a date (type {DATE_FORMATS_HINT})"))
    if not 1 <= month <= 12:
        raise _bad_date(field, f"month {month} does not exist")
    if year < EARLIEST_DATE.year:
        raise FieldParseError(FieldError(field, "is before 1900"))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = _MONTHS[month - 1]
        where = f"{name} {year}" if month == 2 and day == 29 else name
        raise _bad_date(field, f"day {day} does not exist in {where}")
    return dt.date(year, month, day)


def parse_time(text: str, field: str) -> dt.time:
    text = text.strip()
    try:
        if len(text) != 5:
            raise ValueError
        return dt.time.fromisoformat(text)
    except ValueError:
        raise FieldParseError(
            FieldError(field, f"'{text[:10]}' is not a time (use HH:MM)")
        ) from None


def parse_int(
    text: str, field: str, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    text = text.strip()
    try:
        value = int(text)
    except ValueError:
        raise FieldParseError(FieldError(field, "is not a whole number")) from None
    if minimum is not None and value < minimum:
        raise FieldParseError(FieldError(field, f"must be at least {minimum}"))
    if maximum is not None and value > maximum:
        raise FieldParseError(FieldError(field, f"must be at most {maximum}"))
    return value


def check_text(value: str, field: str, *, max_len: int = 100) -> FieldError | None:
    """Optional free text: a length limit and no control characters (PostgreSQL refuses NUL)."""
    if len(value) > max_len:
        return FieldError(field, f"is longer than {max_len} characters")
    if _CONTROL.search(value):
        return FieldError(field, "contains a control character")
    return None


def check_required(value: str, field: str, *, max_len: int = 100) -> FieldError | None:
    if not value.strip():
        return FieldError(field, "is required")
    return check_text(value, field, max_len=max_len)


def check_phone(value: str, field: str = "phone") -> FieldError | None:
    if value and (not _PHONE_CHARS.match(value) or len(value) > 40):
        return FieldError(field, "may hold only digits, spaces and + ( ) - . /")
    return None


def check_email(value: str, field: str = "email") -> FieldError | None:
    if value and (not _EMAIL.match(value) or len(value) > 200):
        return FieldError(field, "is not an e-mail address (name@example.org)")
    return None


def check_not_future(value: dt.date | None, field: str, today: dt.date) -> FieldError | None:
    if value is not None and value > today:
        return FieldError(field, "is in the future")
    return None


def fold(text: str) -> str:
    """Lower-case and strip accents, so 'José' is found by 'jose'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())
