"""``peerdesk import`` / ``peerdesk export`` run as a person runs them: a new process each time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from peerdesk.app import Database
from peerdesk.models import Person, Stay

RESIDENTS_HEADER = "id,first_name,last_name,date_of_birth,gender,phone,email,sobriety_date"
STAYS_HEADER = "id,resident_id,program,admission_date,discharge_date,discharge_reason"

#: Written as the exporter writes (CRLF between records), so an export gives the same bytes.
RESIDENTS = "\r\n".join(
    [
        RESIDENTS_HEADER,
        'A1,José,"O\'Brien, ""Jr""",1980-01-02,male,555 0101,jo@example.org,2024-01-01',
        'A2,Ana,"Gómez\nde la Cruz",,female,,,',
        'A3,"Zoë ""Zo""",Ünal-Łukasiewicz,1990-12-01,nonbinary,,,',
        "",
    ]
)
STAYS = "\r\n".join(
    [
        STAYS_HEADER,
        "S1,A1,mens,2023-01-01,2023-02-01,completed",
        "S2,A1,mens,2023-02-01,,",
        "S3,A2,womens,2022-05-01,2022-06-30,left_ama",
        "",
    ]
)
PHI = ("José", "Zoë", "Ünal", "O'Brien", "555 0101", "jo@example.org")


def _peerdesk(*args: str | Path, db_url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PEERDESK_DB"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "peerdesk", *map(str, args), "--db", db_url],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def _counts(db: Database) -> tuple[int, int]:
    with db.sessions() as s:
        persons = s.scalar(select(func.count(Person.id))) or 0
        stays = s.scalar(select(func.count(Stay.id))) or 0
    return persons, stays


def _write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def _assert_clean_failure(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert not any(secret in result.stderr for secret in PHI), result.stderr
    return result.stderr.splitlines()


@pytest.fixture
def loaded(db: Database, db_url: str, tmp_path: Path) -> Database:
    """The database after importing RESIDENTS and STAYS through the command line."""
    for kind, text in (("residents", RESIDENTS), ("stays", STAYS)):
        result = _peerdesk("import", kind, _write(tmp_path / f"{kind}.csv", text), db_url=db_url)
        assert result.returncode == 0, result.stderr
    return db


def test_import_succeeds_and_reports(db: Database, db_url: str, tmp_path: Path) -> None:
    residents = _write(tmp_path / "residents.csv", RESIDENTS)
    result = _peerdesk("import", "residents", residents, db_url=db_url)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "residents: 3 rows valid, 3 stored"
    stays = _write(tmp_path / "stays.csv", STAYS)
    result = _peerdesk("import", "stays", stays, db_url=db_url)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "stays: 3 rows valid, 3 stored"
    assert _counts(db) == (3, 3)


def test_dry_run_stores_nothing(db: Database, db_url: str, tmp_path: Path) -> None:
    residents = _write(tmp_path / "residents.csv", RESIDENTS)
    result = _peerdesk("import", "residents", residents, "--dry-run", db_url=db_url)
    assert result.returncode == 0, result.stderr
    assert "dry run: nothing stored" in result.stderr
    assert _counts(db) == (0, 0)


@pytest.mark.parametrize(
    ("kind", "body", "expected"),
    [
        pytest.param(
            "residents",
            f"{RESIDENTS_HEADER}\nB1,Zoë,Ünal,1990-02-30,female,,,\n",
            "row 2, column date_of_birth: '1990-02-30' is not a date (use YYYY-MM-DD)",
            id="bad-date",
        ),
        pytest.param(
            "stays",
            f"{STAYS_HEADER}\nT1,A1,coed,2024-01-01,,\n",
            "row 2, column program: is not one of: mens, womens",
            id="unknown-program",
        ),
        pytest.param(
            "residents",
            "id,first_name,last_name,date_of_birth,gender,phone,email\nB1,Zoë,Ünal,,,,\n",
            "row 1, column sobriety_date: is missing from the header",
            id="missing-column",
        ),
        pytest.param(
            "residents",
            f"{RESIDENTS_HEADER}\nB1,Zoë,Ünal,,,,,\nB1,José,O'Brien,,,,,\n",
            "row 3, column id: is the same as on row 2",
            id="duplicate-id",
        ),
        pytest.param(
            "residents",
            f"{RESIDENTS_HEADER}\nA1,Zoë,Ünal,,,,,\n",
            "row 2, column id: is already in the database",
            id="id-in-database",
        ),
        pytest.param(
            "stays",
            f"{STAYS_HEADER}\nT1,NOPE,mens,2024-01-01,,\n",
            "row 2, column resident_id: no resident has this id (import the residents file first)",
            id="unknown-resident",
        ),
        pytest.param(
            "residents",
            f"{RESIDENTS_HEADER}\nB1,Zoë,Ünal,,female,555 0101\n",
            "row 2: has 6 fields, the header has 8",
            id="wrong-field-count",
        ),
        pytest.param(
            "stays",
            f"{STAYS_HEADER}\nT1,A3,womens,2021-03-01,2021-02-01,completed\n",
            "row 2, column discharge_date: is before the admission date",
            id="discharge-before-admission",
        ),
    ],
)
def test_a_bad_file_exits_2_names_the_row_and_stores_nothing(
    loaded: Database, tmp_path: Path, kind: str, body: str, expected: str
) -> None:
    before = _counts(loaded)
    path = _write(tmp_path / "bad.csv", body)
    lines = _assert_clean_failure(_peerdesk("import", kind, path, db_url=loaded.url))
    assert lines[0] == f"{path} {expected}"
    assert lines[-1].startswith("nothing stored: 1 error")
    assert _counts(loaded) == before


def test_errors_are_capped_at_fifty_lines(db: Database, db_url: str, tmp_path: Path) -> None:
    body = f"{RESIDENTS_HEADER}\n" + "".join(f"B{i},Zoë,Ünal,{i},,,,\n" for i in range(75))
    path = _write(tmp_path / "many.csv", body)
    lines = _assert_clean_failure(_peerdesk("import", "residents", path, db_url=db_url))
    assert len(lines) == 52
    assert all(line.startswith(f"{path} row ") for line in lines[:50])
    assert lines[50] == "... and 25 more errors"
    assert lines[51].startswith("nothing stored: 75 errors")
    assert _counts(db) == (0, 0)


def test_non_utf8_file_names_the_row(db: Database, db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(f"{RESIDENTS_HEADER}\nB1,Zoë,Ünal,,,,,\n".encode("latin-1"))
    lines = _assert_clean_failure(_peerdesk("import", "residents", path, db_url=db_url))
    assert lines[0] == (
        f"{path} row 2, column first_name: is not UTF-8 text; save the file as CSV in UTF-8"
    )
    assert _counts(db) == (0, 0)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        pytest.param("", "is empty; the first line must be the header", id="empty"),
        pytest.param(f"{RESIDENTS_HEADER}\n", "has a header but no rows", id="header-only"),
    ],
)
def test_empty_files_are_refused_in_one_line(
    db: Database, db_url: str, tmp_path: Path, body: str, reason: str
) -> None:
    path = _write(tmp_path / "empty.csv", body)
    lines = _assert_clean_failure(_peerdesk("import", "residents", path, db_url=db_url))
    assert lines[0].startswith(f"{path}: {reason}")
    assert _counts(db) == (0, 0)


def test_missing_file_is_one_line(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "nope.csv"
    lines = _assert_clean_failure(_peerdesk("import", "residents", path, db_url=db_url))
    assert lines == [f"{path}: no such file", "nothing stored: 1 error"]


def test_unknown_kind_is_refused_by_the_parser(db_url: str, tmp_path: Path) -> None:
    path = _write(tmp_path / "r.csv", RESIDENTS)
    lines = _assert_clean_failure(_peerdesk("import", "volunteers", path, db_url=db_url))
    assert len(lines) == 1
    assert "invalid choice: 'volunteers'" in lines[0]


def test_export_into_a_missing_folder_is_one_line(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "nope" / "r.csv"
    lines = _assert_clean_failure(_peerdesk("export", "residents", path, db_url=db_url))
    assert len(lines) == 1
    assert "does not exist" in lines[0]


def test_names_with_accents_quotes_commas_round_trip(
    loaded: Database, db_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    result = _peerdesk("export", "residents", out, db_url=db_url)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "exported 3 residents rows"
    assert out.read_bytes() == RESIDENTS.encode("utf-8")


def test_export_import_export_is_byte_identical(
    loaded: Database, db_url: str, empty_db_url: str, tmp_path: Path
) -> None:
    first = tmp_path / "first"
    second = tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for kind in ("residents", "stays"):
        assert _peerdesk("export", kind, first / f"{kind}.csv", db_url=db_url).returncode == 0
    for kind in ("residents", "stays"):
        result = _peerdesk("import", kind, first / f"{kind}.csv", db_url=empty_db_url)
        assert result.returncode == 0, result.stderr
    for kind in ("residents", "stays"):
        assert (
            _peerdesk("export", kind, second / f"{kind}.csv", db_url=empty_db_url).returncode == 0
        )
        assert (second / f"{kind}.csv").read_bytes() == (first / f"{kind}.csv").read_bytes()
    assert (first / "stays.csv").read_bytes() == STAYS.encode()
