"""Reading CSV files: encodings, blank lines, headers and malformed records, named by row."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerdesk.app import Services
from peerdesk.services.csvio import CsvService, ImportFailedError
from tests.unit.csvio.support import (
    RESIDENT_ROW,
    RESIDENTS,
    RESIDENTS_HEADER,
    assert_residents_refused,
    failure,
    where,
    write,
)


def test_utf8_bom_is_accepted(csv_io: CsvService, tmp_path: Path) -> None:
    path = write(tmp_path / "bom.csv", RESIDENTS, bom=True)
    assert csv_io.import_file("residents", path).created == 3


def test_blank_lines_are_skipped_and_rows_keep_their_line_numbers(
    services: Services, csv_io: CsvService, tmp_path: Path
) -> None:
    text = f"{RESIDENTS_HEADER}\n\nA1,Ana,Lopez,,,,,\n\nA2,Ben,Okafor,bad,,,,\n\n"
    errors = failure(csv_io, services, "residents", write(tmp_path / "r.csv", text))
    assert where(errors) == [(5, "date_of_birth")]


def test_header_is_case_and_order_insensitive(csv_io: CsvService, tmp_path: Path) -> None:
    header = "Last_Name, ID ,first_name,gender,date_of_birth,phone,email,sobriety_date"
    text = f"{header}\nLopez,A1,Ana, Female ,,,,\n"
    assert csv_io.import_file("residents", write(tmp_path / "r.csv", text)).created == 1


@pytest.mark.parametrize(
    ("body", "expected", "reason"),
    [
        pytest.param(
            "id,first_name,last_name,date_of_birth,gender,phone,email\n" + RESIDENT_ROW + "\n",
            [(1, "sobriety_date")],
            "is missing from the header",
            id="missing-column",
        ),
        pytest.param(
            f"{RESIDENTS_HEADER},nickname\n{RESIDENT_ROW},Zo\n",
            [(1, "nickname")],
            "is not a column of residents",
            id="unknown-column",
        ),
        pytest.param(
            f"{RESIDENTS_HEADER},phone\n{RESIDENT_ROW},1\n",
            [(1, "phone")],
            "appears more than once in the header",
            id="duplicate-column",
        ),
        pytest.param(
            f"{RESIDENT_ROW}\n{RESIDENT_ROW}\n",
            [(1, "")],
            "is not a header; the first line must name the columns",
            id="no-header",
        ),
        pytest.param(
            RESIDENTS_HEADER.replace(",", ";") + "\n" + RESIDENT_ROW.replace(",", ";") + "\n",
            [(1, "")],
            "separates fields with ';'; save it as CSV with commas (UTF-8)",
            id="semicolons",
        ),
        pytest.param(
            f"{RESIDENTS_HEADER}\nA9,Zoë,Ünal,1990-12-01,female,555 0101\n",
            [(2, "")],
            "has 6 fields, the header has 8",
            id="wrong-field-count",
        ),
        pytest.param(
            f"{RESIDENTS_HEADER}\nA9,Zo\x00ë,Ünal,,,,,\n",
            [(2, "first_name")],
            "contains a NUL character",
            id="nul",
        ),
        pytest.param(
            f'{RESIDENTS_HEADER}\nA9,"Zoë,Ünal,,,,,\nA10,Ana,Lopez,,,,,\n',
            [(2, "")],
            "has a quoted field that is never closed",
            id="unclosed-quote",
        ),
        pytest.param(
            f'{RESIDENTS_HEADER}\nA9,"Zoë"x,Ünal,,,,,\n',
            [(2, "")],
            "is not valid CSV",
            id="stray-quote",
        ),
        pytest.param("", [(0, "")], "is empty; the first line must be the header", id="empty"),
        pytest.param(
            f"{RESIDENTS_HEADER}\n\n",
            [(0, "")],
            "has a header but no rows of residents",
            id="header-only",
        ),
    ],
)
def test_bad_files_are_refused_naming_row_and_column(
    services: Services,
    csv_io: CsvService,
    tmp_path: Path,
    *,
    body: str,
    expected: list[tuple[int, str]],
    reason: str,
) -> None:
    assert_residents_refused(
        csv_io, services, tmp_path, body=body, expected=expected, reason=reason
    )


def test_every_bad_row_is_reported_at_once(csv_io: CsvService, tmp_path: Path) -> None:
    body = f"{RESIDENTS_HEADER}\nA1,Ana,Lopez,,,,,\n" + "".join(
        f"B{i},Zoë,Ünal,bad,,,,\n" for i in range(60)
    )
    with pytest.raises(ImportFailedError) as err:
        csv_io.import_file("residents", write(tmp_path / "r.csv", body))
    assert len(err.value.errors) == 60
    lines = err.value.lines()
    assert len(lines) == 52
    assert (
        lines[0]
        == f"{tmp_path / 'r.csv'} row 3, column date_of_birth: is not a date (use YYYY-MM-DD)"
    )
    assert lines[-2] == "... and 10 more errors"
    assert (
        lines[-1] == "nothing stored: 60 errors (rows are lines of the file; the header is row 1)"
    )


def test_non_utf8_bytes_are_named_by_row_and_column(
    services: Services, csv_io: CsvService, tmp_path: Path
) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        f"{RESIDENTS_HEADER}\nA1,Ana,Lopez,,,,,\n".encode()
        + "A2,José,García,,,,,\n".encode("latin-1")
    )
    errors = failure(csv_io, services, "residents", path)
    assert where(errors) == [(3, "first_name"), (3, "last_name")]
    assert errors[0].reason == "is not UTF-8 text; save the file as CSV in UTF-8"


def test_utf16_file_is_refused_clearly(
    services: Services, csv_io: CsvService, tmp_path: Path
) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes(RESIDENTS.encode("utf-16"))
    errors = failure(csv_io, services, "residents", path)
    assert errors[0].reason.startswith("is UTF-16 text")


def test_missing_file_is_one_error(services: Services, csv_io: CsvService, tmp_path: Path) -> None:
    errors = failure(csv_io, services, "residents", tmp_path / "nope.csv")
    assert [e.line() for e in errors] == [f"{tmp_path / 'nope.csv'}: no such file"]
