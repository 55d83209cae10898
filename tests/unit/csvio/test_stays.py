"""The stays kind: admissions and discharges, history kept with warnings, its refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, update

from peerdesk.app import Services
from peerdesk.domain.enums import DischargeReason, Gender, ResidentStatus
from peerdesk.domain.residents import PersonDraft
from peerdesk.models import Person, Program
from peerdesk.services.csvio import CsvService
from peerdesk.services.csvio.stays import stay_export_id
from tests.unit.csvio.support import (
    RESIDENTS_HEADER,
    STAYS_HEADER,
    counts,
    failure,
    person_with_open_stay,
    where,
    write,
)


def test_import_stays_sets_status_and_program(imported: Services) -> None:
    services = imported
    assert counts(services)[:2] == (3, 3)
    by_ext = {}
    with services.db.sessions() as s:
        for person in s.scalars(select(Person)):
            by_ext[person.external_id] = person
        mens = s.scalar(select(Program.id).where(Program.code == "mens"))
    assert by_ext["A1"].status is ResidentStatus.IN_CARE
    assert by_ext["A1"].last_program_id == mens
    assert by_ext["A1"].last_admission_date == dt.date(2023, 2, 1)
    assert by_ext["A2"].status is ResidentStatus.DISCHARGED
    assert by_ext["A3"].status is ResidentStatus.SCREENING
    stays = services.residents.get(by_ext["A2"].id).stays
    assert [(st.external_id, st.discharge_reason) for st in stays] == [
        ("S3", DischargeReason.LEFT_AMA)
    ]


def test_readmission_on_the_discharge_day_is_allowed(csv_io: CsvService, tmp_path: Path) -> None:
    csv_io.import_file(
        "residents", write(tmp_path / "r.csv", f"{RESIDENTS_HEADER}\nA1,A,B,,male,,,\n")
    )
    text = f"{STAYS_HEADER}\nS2,A1,mens,2023-03-01,,\nS1,A1,mens,2023-01-01,2023-03-01,other\n"
    assert csv_io.import_file("stays", write(tmp_path / "s.csv", text)).created == 2


def test_stays_may_name_a_resident_by_record_number(
    services: Services, csv_io: CsvService, tmp_path: Path
) -> None:
    person = services.residents.create_person(PersonDraft("Ana", "Lopez", gender=Gender.FEMALE))
    text = f"{STAYS_HEADER}\nS1,R-00001,womens,2023-01-01,2023-03-01,completed\n"
    csv_io.import_file("stays", write(tmp_path / "s.csv", text))
    assert services.residents.get(person).status is ResidentStatus.DISCHARGED


def test_history_against_the_rules_is_kept_with_warnings(
    services: Services, csv_io: CsvService, tmp_path: Path
) -> None:
    with services.db.sessions.begin() as s:
        s.execute(update(Program).where(Program.code == "womens").values(bed_capacity=1))
    residents = f"{RESIDENTS_HEADER}\nA1,A,B,,male,,,\nA2,C,D,,female,,,\nA3,E,F,,female,,,\n"
    csv_io.import_file("residents", write(tmp_path / "r.csv", residents))
    stays = (
        f"{STAYS_HEADER}\n"
        "S1,A1,womens,2023-01-01,2023-02-01,completed\n"  # a man in the women's program
        "S2,A2,womens,2023-01-15,2023-03-01,completed\n"  # second of one bed
        "S3,A3,womens,2023-03-01,,\n"  # the bed is free again that day
    )
    report = csv_io.import_file("stays", write(tmp_path / "s.csv", stays))
    assert report.created == 3
    assert len(report.warnings) == 2
    assert report.warnings[0].startswith("row 2: Women's program is for female residents")
    assert report.warnings[1] == "row 3: Women's program had 2 residents for 1 beds on 2023-01-15"
    assert report.summary() == "stays: 3 rows valid, 3 stored; 2 warnings"
    assert report.lines("s.csv")[0].startswith("s.csv row 2: Women's program")


@pytest.mark.parametrize(
    ("rows", "expected", "reason"),
    [
        pytest.param(
            "T1,P1,coed,2023-01-01,2023-02-01,completed",
            [(2, "program")],
            "is not one of: mens, womens",
            id="unknown-program",
        ),
        pytest.param(
            "T1,NOPE,mens,2023-01-01,2023-02-01,completed",
            [(2, "resident_id")],
            "no resident has this id",
            id="unknown-resident",
        ),
        pytest.param(
            "T1,P1,mens,2023-03-01,2023-02-01,completed",
            [(2, "discharge_date")],
            "is before the admission date",
            id="discharge-before-admission",
        ),
        pytest.param(
            "T1,P1,mens,2023-01-01,,completed",
            [(2, "discharge_reason")],
            "is given but discharge_date is empty",
            id="reason-without-date",
        ),
        pytest.param(
            "T1,P1,mens,2023-01-01,2023-02-01,",
            [(2, "discharge_reason")],
            "is required when discharge_date is given",
            id="date-without-reason",
        ),
        pytest.param(
            "T1,P1,mens,2023-01-01,2023-02-01,fired",
            [(2, "discharge_reason")],
            "is not one of: completed, left_ama",
            id="unknown-reason",
        ),
        pytest.param(
            "T1,P1,mens,,2023-02-01,completed",
            [(2, "admission_date")],
            "is required",
            id="no-admission",
        ),
        pytest.param(
            "T1,P1,mens,2023-01-01,2023-03-01,completed\nT2,P1,mens,2023-02-01,2023-04-01,other",
            [(3, "admission_date")],
            "overlaps another stay (2023-01-01 to 2023-03-01)",
            id="overlap-in-file",
        ),
        pytest.param(
            "T1,P1,mens,2024-02-01,2024-03-01,completed",
            [(2, "admission_date")],
            "overlaps another stay (2024-01-10 to 2024-02-10)",
            id="overlap-with-database",
        ),
        pytest.param(
            "T1,P1,mens,2022-01-01,,",
            [(2, "discharge_date")],
            "already has an open stay in the database",
            id="second-open-stay-database",
        ),
        pytest.param(
            "T1,P2,mens,2022-01-01,,\nT2,P2,mens,2023-01-01,,",
            [(3, "discharge_date")],
            "is empty, as on row 3: a resident has at most one open stay",
            id="two-open-stays-in-file",
        ),
        pytest.param(
            "T1,P2,mens,2026-06-16,,",
            [(2, "admission_date")],
            "is in the future",
            id="future-admission",
        ),
        pytest.param(
            "T1,P2,mens,2022-01-01,2022-02-01,other\nT1,P2,mens,2023-01-01,2023-02-01,other",
            [(3, "id")],
            "is the same as on row 3",
            id="duplicate-id",
        ),
        pytest.param(
            "S-1,P2,mens,2022-01-01,2022-02-01,other",
            [(2, "id")],
            "is already in the database",
            id="exported-id-in-database",
        ),
        pytest.param(
            "T1,P2,mens,2022-01-01",
            [(2, "")],
            "has 4 fields, the header has 6",
            id="wrong-field-count",
        ),
    ],
)
def test_bad_stays_files_store_nothing(
    services: Services,
    csv_io: CsvService,
    tmp_path: Path,
    *,
    rows: str,
    expected: list[tuple[int, str]],
    reason: str,
) -> None:
    person_with_open_stay(services)
    services.residents.create_person(PersonDraft("Zoë", "Ünal", external_id="P2"))
    # A good row comes first, so the bad ones are reported from row 3 on.
    body = f"{STAYS_HEADER}\nOK1,P2,womens,2020-01-01,2020-02-01,completed\n{rows}\n"
    errors = failure(csv_io, services, "stays", write(tmp_path / "s.csv", body))
    assert where(errors) == [(row + 1, column) for row, column in expected]
    assert all(reason in e.reason for e in errors)


def test_stays_made_in_peerdesk_never_reuse_an_imported_s_id() -> None:
    assert stay_export_id(None, 3, {"S-3", "S-3-1"}) == "S-3-2"
    assert stay_export_id("FAC-9", 3, {"S-3"}) == "FAC-9"
    assert stay_export_id(None, 4, {"S-3"}) == "S-4"
