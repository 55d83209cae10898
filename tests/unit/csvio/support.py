"""Files, counts and checks the CSV tests share."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from peerdesk.app import Services
from peerdesk.domain.enums import DischargeReason, Gender
from peerdesk.domain.residents import AdmissionDraft, DischargeDraft, PersonDraft
from peerdesk.models import AuditEvent, Person, Stay
from peerdesk.services.csvio import CsvService, ImportFailedError, RowError

RESIDENTS_HEADER = "id,first_name,last_name,date_of_birth,gender,phone,email,sobriety_date"
STAYS_HEADER = "id,resident_id,program,admission_date,discharge_date,discharge_reason"

#: Names, phones and e-mails that must never appear in an error message.
PHI = ("Zoë", "Ünal", "O'Brien", "555 0101", "jo@example.org")

RESIDENT_ROW = "A9,Zoë,Ünal,1990-12-01,female,555 0101,jo@example.org,2020-01-01"

RESIDENTS = f'''{RESIDENTS_HEADER}
A1,José,"O'Brien, ""Jr""",1980-01-02,male,555 0101,jo@example.org,2024-01-01
A2,Ana,"Gómez
de la Cruz",,female,,,
A3,Zoë,Ünal,1990-12-01,nonbinary,,,
'''

STAYS = f"""{STAYS_HEADER}
S1,A1,mens,2023-01-01,2023-02-01,completed
S2,A1,mens,2023-02-01,,
S3,A2,womens,2022-05-01,2022-06-30,left_ama
"""


def write(path: Path, text: str, *, bom: bool = False) -> Path:
    data = text.encode("utf-8")
    path.write_bytes(codecs.BOM_UTF8 + data if bom else data)
    return path


def counts(services: Services) -> tuple[int, int, int]:
    """Persons, stays and import audit events in the database."""
    with services.db.sessions() as s:
        return (
            s.scalar(select(func.count(Person.id))) or 0,
            s.scalar(select(func.count(Stay.id))) or 0,
            s.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "import")) or 0,
        )


def failure(csv_io: CsvService, services: Services, kind: str, path: Path) -> list[RowError]:
    """The errors of an import that must fail, having checked it stored nothing and named no PHI."""
    before = counts(services)
    with pytest.raises(ImportFailedError) as err:
        csv_io.import_file(kind, path)
    assert counts(services) == before, "a failed import stored something"
    for line in err.value.lines():
        assert not any(secret in line for secret in PHI), line
    return err.value.errors


def assert_residents_refused(
    csv_io: CsvService,
    services: Services,
    tmp_path: Path,
    *,
    body: str,
    expected: list[tuple[int, str]],
    reason: str,
) -> None:
    """Importing ``body`` as residents stores nothing and names these rows, columns, reason."""
    path = write(tmp_path / "r.csv", body)
    errors = failure(csv_io, services, "residents", path)
    assert where(errors) == expected
    assert all(reason in e.reason for e in errors)
    assert all(e.file == str(path) for e in errors)


def where(errors: list[RowError]) -> list[tuple[int, str]]:
    return [(e.row, e.column) for e in errors]


def person_with_open_stay(services: Services) -> None:
    """P1 (male): a finished stay in 2024 and an open one from 2025-01-01."""
    person = services.residents.create_person(
        PersonDraft("Ana", "Lopez", gender=Gender.MALE, external_id="P1")
    )
    mens = next(p.id for p in services.programs.programs() if p.code == "mens")
    stay = services.residents.admit(person, AdmissionDraft(mens, dt.date(2024, 1, 10)))
    services.residents.discharge(
        stay, DischargeDraft(dt.date(2024, 2, 10), DischargeReason.COMPLETED), None
    )
    services.residents.admit(person, AdmissionDraft(mens, dt.date(2025, 1, 1)))
