"""The residents kind: rows to persons with record numbers and audit, its rules, its refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from peerdesk.app import Services
from peerdesk.domain.enums import Gender, ResidentStatus
from peerdesk.domain.residents import PersonDraft, ResidentQuery
from peerdesk.models import AuditEvent, Person
from peerdesk.services.csvio import CsvService, ImportFailedError
from tests.unit.csvio.support import (
    PHI,
    RESIDENT_ROW,
    RESIDENTS_HEADER,
    assert_residents_refused,
    failure,
    where,
    write,
)


def test_import_residents_stores_every_row_with_record_numbers_and_audit(
    services: Services, csv_io: CsvService, residents_file: Path
) -> None:
    report = csv_io.import_file("residents", residents_file)
    assert (report.kind, report.rows, report.created, report.dry_run) == ("residents", 3, 3, False)
    assert report.summary() == "residents: 3 rows valid, 3 stored"
    ids = services.residents.search_ids(ResidentQuery(text="jose"))
    detail = services.residents.get(ids[0])
    assert (detail.first_name, detail.last_name) == ("José", 'O\'Brien, "Jr"')
    assert detail.external_id == "A1"
    assert detail.gender is Gender.MALE
    assert detail.date_of_birth == dt.date(1980, 1, 2)
    assert detail.status is ResidentStatus.SCREENING
    with services.db.sessions() as s:
        assert sorted(s.scalars(select(Person.record_no))) == [1, 2, 3]
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "import")))
    assert len(events) == 3
    assert {e.entity for e in events} == {"person"}
    assert all(e.user_id == services.user.require().user_id for e in events)
    assert "first_name" in events[0].fields
    assert "external_id" in events[0].fields
    assert not any(secret in e.fields for e in events for secret in PHI)


def test_record_number_ids_keep_their_number(
    services: Services, csv_io: CsvService, tmp_path: Path
) -> None:
    text = f"{RESIDENTS_HEADER}\nA1,Ana,Lopez,,,,,\nR-00042,Ben,Okafor,,,,,\nA2,Cy,Ng,,,,,\n"
    csv_io.import_file("residents", write(tmp_path / "r.csv", text))
    with services.db.sessions() as s:
        rows = sorted(tuple(r) for r in s.execute(select(Person.first_name, Person.record_no)))
        ben_ext = s.scalar(select(Person.external_id).where(Person.first_name == "Ben"))
    assert rows == [("Ana", 43), ("Ben", 42), ("Cy", 44)]
    assert ben_ext is None
    assert (
        services.residents.get(
            services.residents.search_ids(ResidentQuery(text="r-00042"))[0]
        ).first_name
        == "Ben"
    )


def test_dry_run_still_reports_errors(csv_io: CsvService, tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", f"{RESIDENTS_HEADER}\nA1,Ana,Lopez,1980-02-30,,,,\n")
    with pytest.raises(ImportFailedError) as err:
        csv_io.import_file("residents", path, dry_run=True)
    assert where(err.value.errors) == [(2, "date_of_birth")]


@pytest.mark.parametrize(
    ("body", "expected", "reason"),
    [
        pytest.param(
            f"{RESIDENTS_HEADER}\nA9,Zoë,Ünal,1990-02-30,female,,,\n",
            [(2, "date_of_birth")],
            "'1990-02-30' is not a date (use YYYY-MM-DD)",
            id="bad-date",
        ),
        pytest.param(
            f"{RESIDENTS_HEADER}\nA9,Zoë,Ünal,01/02/1990,female,,,\n",
            [(2, "date_of_birth")],
            "'01/02/1990' is not a date (use YYYY-MM-DD)",
            id="us-date",
        ),
        pytest.param(
            f"{RESIDENTS_HEADER}\nA9,Zoë,Ünal,,woman,,,\n",
            [(2, "gender")],
            "is not one of: female, male, nonbinary, unknown",
            id="unknown-gender",
        ),
        pytest.param(
            f"{RESIDENTS_HEADER}\nA8,Ana,Lopez,,,,,\n{RESIDENT_ROW}\nA8,Zoë,Ünal,,,,,\n",
            [(4, "id")],
            "is the same as on row 2",
            id="duplicate-id",
        ),
        pytest.param(
            f"{RESIDENTS_HEADER}\n,  ,Ünal,,,,,\n",
            [(2, "id"), (2, "first_name")],
            "is required",
            id="required",
        ),
        pytest.param(
            f"{RESIDENTS_HEADER}\nA9,Zoë,Ünal,2000-01-01,female,call Zoë,Zoë at home,1999-01-01\n",
            [(2, "phone"), (2, "email"), (2, "sobriety_date")],
            "",
            id="person-rules",
        ),
        pytest.param(
            f"{RESIDENTS_HEADER}\nA9,Zoë,Ünal,2026-06-16,,,,\n",
            [(2, "date_of_birth")],
            "is in the future",
            id="future-birth",
        ),
        pytest.param(
            f"{RESIDENTS_HEADER}\n{'X' * 41},Zoë,Ünal,,,,,\n",
            [(2, "id")],
            "is longer than 40 characters",
            id="long-id",
        ),
        pytest.param(
            f"{RESIDENTS_HEADER}\nA9,{'Zoë' * 34},Ünal,,,,,\n",
            [(2, "first_name")],
            "is longer than 100 characters",
            id="long-name",
        ),
        pytest.param(
            f"{RESIDENTS_HEADER}\nR-00000,Zoë,Ünal,,,,,\n",
            [(2, "id")],
            "is not a record number PeerDesk can store",
            id="record-zero",
        ),
    ],
)
def test_bad_residents_rows_store_nothing(
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


def test_ids_already_in_the_database_are_refused(
    services: Services, csv_io: CsvService, residents_file: Path
) -> None:
    csv_io.import_file("residents", residents_file)
    errors = failure(csv_io, services, "residents", residents_file)
    assert where(errors) == [(2, "id"), (3, "id"), (5, "id")]  # A2's name spans lines 3-4
    assert {e.reason for e in errors} == {"is already in the database"}


def test_record_number_in_use_is_refused(
    services: Services, csv_io: CsvService, tmp_path: Path
) -> None:
    services.residents.create_person(PersonDraft("Ana", "Lopez"))
    errors = failure(
        csv_io,
        services,
        "residents",
        write(tmp_path / "r.csv", f"{RESIDENTS_HEADER}\nR-00001,Zoë,Ünal,,,,,\n"),
    )
    assert [(e.row, e.column, e.reason) for e in errors] == [
        (2, "id", "is already in the database")
    ]
