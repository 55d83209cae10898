"""CSV import and export of residents and stays: all or nothing, named errors, round trips."""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select, update

from peerdesk.app import Services, build_services, open_database
from peerdesk.domain.enums import DischargeReason, Gender, ResidentStatus
from peerdesk.domain.errors import PeerDeskError
from peerdesk.domain.residents import AdmissionDraft, DischargeDraft, PersonDraft, ResidentQuery
from peerdesk.models import AuditEvent, Person, Program, Stay
from peerdesk.services.io import (
    ImportFailedError,
    ResidentsCsv,
    RowError,
    export_csv,
    import_csv,
    import_csv_files,
    kinds,
)
from tests.conftest import TODAY

RESIDENTS_HEADER = "id,first_name,last_name,date_of_birth,gender,phone,email,sobriety_date"
STAYS_HEADER = "id,resident_id,program,admission_date,discharge_date,discharge_reason"

#: Names, phones and e-mails that must never appear in an error message.
PHI = ("Zoë", "Ünal", "O'Brien", "555 0101", "jo@example.org")

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


def _write(path: Path, text: str, *, bom: bool = False) -> Path:
    data = text.encode("utf-8")
    path.write_bytes(codecs.BOM_UTF8 + data if bom else data)
    return path


def _counts(services: Services) -> tuple[int, int, int]:
    """Persons, stays and import audit events in the database."""
    with services.db.sessions() as s:
        return (
            s.scalar(select(func.count(Person.id))) or 0,
            s.scalar(select(func.count(Stay.id))) or 0,
            s.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "import")) or 0,
        )


def _failure(services: Services, kind: str, path: Path) -> list[RowError]:
    before = _counts(services)
    with pytest.raises(ImportFailedError) as err:
        import_csv(services, kind, path)
    assert _counts(services) == before, "a failed import stored something"
    for line in err.value.lines():
        assert not any(secret in line for secret in PHI), line
    return err.value.errors


def _where(errors: list[RowError]) -> list[tuple[int, str]]:
    return [(e.row, e.column) for e in errors]


@pytest.fixture
def residents_file(tmp_path: Path) -> Path:
    return _write(tmp_path / "residents.csv", RESIDENTS)


@pytest.fixture
def imported(services: Services, residents_file: Path, tmp_path: Path) -> Services:
    """The database after importing RESIDENTS and STAYS."""
    import_csv(services, "residents", residents_file)
    import_csv(services, "stays", _write(tmp_path / "stays.csv", STAYS))
    return services


@pytest.fixture
def empty_services(empty_db_url: str) -> Iterator[Services]:
    db = open_database(empty_db_url)
    yield build_services(db, today=lambda: TODAY)
    db.dispose()


# ---- storing -------------------------------------------------------------------------------------


def test_kinds_registered() -> None:
    assert kinds()[:2] == ("residents", "stays")


def test_import_residents_stores_every_row_with_record_numbers_and_audit(
    services: Services, residents_file: Path
) -> None:
    report = import_csv(services, "residents", residents_file)
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


def test_import_stays_sets_status_and_program(imported: Services) -> None:
    services = imported
    assert _counts(services)[:2] == (3, 3)
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


def test_dry_run_validates_and_stores_nothing(services: Services, residents_file: Path) -> None:
    report = import_csv(services, "residents", residents_file, dry_run=True)
    assert report.summary() == "residents: 3 rows valid (dry run: nothing stored)"
    assert report.created == 0
    assert _counts(services) == (0, 0, 0)


def test_dry_run_still_reports_errors(services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path / "r.csv", f"{RESIDENTS_HEADER}\nA1,Ana,Lopez,1980-02-30,,,,\n")
    with pytest.raises(ImportFailedError) as err:
        import_csv(services, "residents", path, dry_run=True)
    assert _where(err.value.errors) == [(2, "date_of_birth")]


def test_utf8_bom_is_accepted(services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path / "bom.csv", RESIDENTS, bom=True)
    assert import_csv(services, "residents", path).created == 3


def test_blank_lines_are_skipped_and_rows_keep_their_line_numbers(
    services: Services, tmp_path: Path
) -> None:
    text = f"{RESIDENTS_HEADER}\n\nA1,Ana,Lopez,,,,,\n\nA2,Ben,Okafor,bad,,,,\n\n"
    errors = _failure(services, "residents", _write(tmp_path / "r.csv", text))
    assert _where(errors) == [(5, "date_of_birth")]


def test_header_is_case_and_order_insensitive(services: Services, tmp_path: Path) -> None:
    header = "Last_Name, ID ,first_name,gender,date_of_birth,phone,email,sobriety_date"
    text = f"{header}\nLopez,A1,Ana, Female ,,,,\n"
    assert import_csv(services, "residents", _write(tmp_path / "r.csv", text)).created == 1


def test_readmission_on_the_discharge_day_is_allowed(services: Services, tmp_path: Path) -> None:
    import_csv(
        services, "residents", _write(tmp_path / "r.csv", f"{RESIDENTS_HEADER}\nA1,A,B,,male,,,\n")
    )
    text = f"{STAYS_HEADER}\nS2,A1,mens,2023-03-01,,\nS1,A1,mens,2023-01-01,2023-03-01,other\n"
    assert import_csv(services, "stays", _write(tmp_path / "s.csv", text)).created == 2


def test_stays_may_name_a_resident_by_record_number(services: Services, tmp_path: Path) -> None:
    person = services.residents.create_person(PersonDraft("Ana", "Lopez", gender=Gender.FEMALE))
    text = f"{STAYS_HEADER}\nS1,R-00001,womens,2023-01-01,2023-03-01,completed\n"
    import_csv(services, "stays", _write(tmp_path / "s.csv", text))
    assert services.residents.get(person).status is ResidentStatus.DISCHARGED


def test_record_number_ids_keep_their_number(services: Services, tmp_path: Path) -> None:
    text = f"{RESIDENTS_HEADER}\nA1,Ana,Lopez,,,,,\nR-00042,Ben,Okafor,,,,,\nA2,Cy,Ng,,,,,\n"
    import_csv(services, "residents", _write(tmp_path / "r.csv", text))
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


def test_history_against_the_rules_is_kept_with_warnings(
    services: Services, tmp_path: Path
) -> None:
    with services.db.sessions.begin() as s:
        s.execute(update(Program).where(Program.code == "womens").values(bed_capacity=1))
    residents = f"{RESIDENTS_HEADER}\nA1,A,B,,male,,,\nA2,C,D,,female,,,\nA3,E,F,,female,,,\n"
    import_csv(services, "residents", _write(tmp_path / "r.csv", residents))
    stays = (
        f"{STAYS_HEADER}\n"
        "S1,A1,womens,2023-01-01,2023-02-01,completed\n"  # a man in the women's program
        "S2,A2,womens,2023-01-15,2023-03-01,completed\n"  # second of one bed
        "S3,A3,womens,2023-03-01,,\n"  # the bed is free again that day
    )
    report = import_csv(services, "stays", _write(tmp_path / "s.csv", stays))
    assert report.created == 3
    assert len(report.warnings) == 2
    assert report.warnings[0].startswith("row 2: Women's program is for female residents")
    assert report.warnings[1] == "row 3: Women's program had 2 residents for 1 beds on 2023-01-15"
    assert report.summary() == "stays: 3 rows valid, 3 stored; 2 warnings"
    assert report.lines("s.csv")[0].startswith("s.csv row 2: Women's program")


def test_a_set_of_files_is_one_transaction(services: Services, tmp_path: Path) -> None:
    residents = _write(tmp_path / "r.csv", RESIDENTS)
    stays = _write(tmp_path / "s.csv", STAYS)
    reports = import_csv_files(services, [("residents", residents), ("stays", stays)])
    assert [r.created for r in reports] == [3, 3]
    bad_stays = _write(
        tmp_path / "bad.csv", f"{STAYS_HEADER}\nT1,B1,mens,2023-01-01,,\nT2,B9,mens,2023-01-01,,\n"
    )
    more = _write(tmp_path / "more.csv", f"{RESIDENTS_HEADER}\nB1,Al,Ng,,male,,,\n")
    before = _counts(services)
    with pytest.raises(ImportFailedError) as err:
        import_csv_files(services, [("residents", more), ("stays", bad_stays)])
    assert [(e.file, e.row, e.column) for e in err.value.errors] == [
        (str(bad_stays), 3, "resident_id")
    ]
    assert _counts(services) == before


def test_a_clash_the_checks_missed_stores_nothing_and_raises_no_database_error(
    services: Services, residents_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_csv(services, "residents", residents_file)
    before = _counts(services)
    # As if another workstation stored the same ids between the checks and the insert.
    monkeypatch.setattr(ResidentsCsv, "check", lambda self, ctx, records: None)
    with pytest.raises(PeerDeskError, match="another workstation") as err:
        import_csv(services, "residents", residents_file)
    assert not isinstance(err.value, ImportFailedError)
    assert _counts(services) == before


def test_unknown_kind_is_refused(services: Services, residents_file: Path) -> None:
    with pytest.raises(PeerDeskError, match="unknown kind 'volunteer_hours'"):
        import_csv(services, "volunteer_hours", residents_file)
    with pytest.raises(PeerDeskError, match="unknown kind"):
        export_csv(services, "alumni", residents_file)


# ---- refusing ------------------------------------------------------------------------------------

RESIDENT_ROW = "A9,Zoë,Ünal,1990-12-01,female,555 0101,jo@example.org,2020-01-01"


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
            f"{RESIDENTS_HEADER}\nA8,Ana,Lopez,,,,,\n{RESIDENT_ROW}\nA8,Zoë,Ünal,,,,,\n",
            [(4, "id")],
            "is the same as on row 2",
            id="duplicate-id",
        ),
        pytest.param(
            f"{RESIDENTS_HEADER}\nA9,Zoë,Ünal,1990-12-01,female,555 0101\n",
            [(2, "")],
            "has 6 fields, the header has 8",
            id="wrong-field-count",
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
        pytest.param(
            f"{RESIDENTS_HEADER}\nR-00000,Zoë,Ünal,,,,,\n",
            [(2, "id")],
            "is not a record number PeerDesk can store",
            id="record-zero",
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
def test_bad_residents_files_store_nothing(
    services: Services, tmp_path: Path, body: str, expected: list[tuple[int, str]], reason: str
) -> None:
    errors = _failure(services, "residents", _write(tmp_path / "r.csv", body))
    assert _where(errors) == expected
    assert all(reason in e.reason for e in errors)
    assert all(e.file == str(tmp_path / "r.csv") for e in errors)


def test_every_bad_row_is_reported_at_once(services: Services, tmp_path: Path) -> None:
    body = f"{RESIDENTS_HEADER}\nA1,Ana,Lopez,,,,,\n" + "".join(
        f"B{i},Zoë,Ünal,bad,,,,\n" for i in range(60)
    )
    with pytest.raises(ImportFailedError) as err:
        import_csv(services, "residents", _write(tmp_path / "r.csv", body))
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


def test_non_utf8_bytes_are_named_by_row_and_column(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        f"{RESIDENTS_HEADER}\nA1,Ana,Lopez,,,,,\n".encode()
        + "A2,José,García,,,,,\n".encode("latin-1")
    )
    errors = _failure(services, "residents", path)
    assert _where(errors) == [(3, "first_name"), (3, "last_name")]
    assert errors[0].reason == "is not UTF-8 text; save the file as CSV in UTF-8"


def test_utf16_file_is_refused_clearly(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes(RESIDENTS.encode("utf-16"))
    errors = _failure(services, "residents", path)
    assert errors[0].reason.startswith("is UTF-16 text")


def test_missing_file_is_one_error(services: Services, tmp_path: Path) -> None:
    errors = _failure(services, "residents", tmp_path / "nope.csv")
    assert [e.line() for e in errors] == [f"{tmp_path / 'nope.csv'}: no such file"]


def test_ids_already_in_the_database_are_refused(services: Services, residents_file: Path) -> None:
    import_csv(services, "residents", residents_file)
    errors = _failure(services, "residents", residents_file)
    assert _where(errors) == [(2, "id"), (3, "id"), (5, "id")]  # A2's name spans lines 3-4
    assert {e.reason for e in errors} == {"is already in the database"}


def test_record_number_in_use_is_refused(services: Services, tmp_path: Path) -> None:
    services.residents.create_person(PersonDraft("Ana", "Lopez"))
    errors = _failure(
        services,
        "residents",
        _write(tmp_path / "r.csv", f"{RESIDENTS_HEADER}\nR-00001,Zoë,Ünal,,,,,\n"),
    )
    assert [(e.row, e.column, e.reason) for e in errors] == [
        (2, "id", "is already in the database")
    ]


def _person_with_open_stay(services: Services) -> None:
    person = services.residents.create_person(
        PersonDraft("Ana", "Lopez", gender=Gender.MALE, external_id="P1")
    )
    mens = next(p.id for p in services.programs.programs() if p.code == "mens")
    stay = services.residents.admit(person, AdmissionDraft(mens, dt.date(2024, 1, 10)))
    services.residents.discharge(
        stay, DischargeDraft(dt.date(2024, 2, 10), DischargeReason.COMPLETED), None
    )
    services.residents.admit(person, AdmissionDraft(mens, dt.date(2025, 1, 1)))


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
    services: Services, tmp_path: Path, rows: str, expected: list[tuple[int, str]], reason: str
) -> None:
    _person_with_open_stay(services)
    services.residents.create_person(PersonDraft("Zoë", "Ünal", external_id="P2"))
    # A good row comes first, so the bad ones are reported from row 3 on.
    body = f"{STAYS_HEADER}\nOK1,P2,womens,2020-01-01,2020-02-01,completed\n{rows}\n"
    errors = _failure(services, "stays", _write(tmp_path / "s.csv", body))
    assert _where(errors) == [(row + 1, column) for row, column in expected]
    assert all(reason in e.reason for e in errors)


# ---- export and round trips ----------------------------------------------------------------------


def test_export_uses_record_numbers_and_stay_numbers_when_there_is_no_id(
    services: Services, tmp_path: Path
) -> None:
    _person_with_open_stay(services)
    services.residents.create_person(PersonDraft("Zoë", "Ünal", gender=Gender.FEMALE))
    assert export_csv(services, "residents", tmp_path / "r.csv") == 2
    assert (tmp_path / "r.csv").read_bytes().decode().splitlines() == [
        RESIDENTS_HEADER,
        "P1,Ana,Lopez,,male,,,",
        "R-00002,Zoë,Ünal,,female,,,",
    ]
    assert export_csv(services, "stays", tmp_path / "s.csv") == 2
    assert (tmp_path / "s.csv").read_bytes() == (
        f"{STAYS_HEADER}\r\nS-1,P1,mens,2024-01-10,2024-02-10,completed\r\nS-2,P1,mens,2025-01-01,,\r\n"
    ).encode()
    with services.db.sessions() as s:
        exports = list(s.scalars(select(AuditEvent.entity).where(AuditEvent.action == "export")))
    assert exports == ["residents", "stays"]


def test_export_into_a_missing_folder_is_refused(services: Services, tmp_path: Path) -> None:
    with pytest.raises(PeerDeskError, match="does not exist"):
        export_csv(services, "residents", tmp_path / "nope" / "r.csv")


def test_export_replaces_the_file_whole(services: Services, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = _write(folder / "r.csv", "old content that is longer than the new one\n" * 50)
    assert export_csv(services, "residents", path) == 0
    assert path.read_bytes() == f"{RESIDENTS_HEADER}\r\n".encode()
    assert [p.name for p in folder.iterdir()] == ["r.csv"]


def test_names_with_accents_quotes_commas_and_newlines_round_trip(
    services: Services, tmp_path: Path
) -> None:
    # Written as the exporter writes (CRLF between records), so the bytes must come back equal.
    original = "\r\n".join(
        [
            RESIDENTS_HEADER,
            'A1,José,"O\'Brien, ""Jr""",1980-01-02,male,555 0101,jo@example.org,2024-01-01',
            'A2,Ana,"Gómez\nde la Cruz",,female,,,',
            'A3,"Zoë ""Zo""",Ünal-Łukasiewicz,1990-12-01,nonbinary,,,',
            "A4,李,小龍 🙂,,unknown,,,",
            "",
        ]
    ).encode()
    source = tmp_path / "in.csv"
    source.write_bytes(original)
    import_csv(services, "residents", source)
    export_csv(services, "residents", tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_bytes() == original


def test_round_trip_into_an_empty_database_is_byte_identical(
    imported: Services, empty_services: Services, tmp_path: Path
) -> None:
    services = imported
    services.residents.create_person(PersonDraft("Mia", 'Chen, "M"', phone="555-0199"))
    first = tmp_path / "first"
    second = tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for kind in ("residents", "stays"):
        export_csv(services, kind, first / f"{kind}.csv")
    reports = import_csv_files(
        empty_services,
        [("residents", first / "residents.csv"), ("stays", first / "stays.csv")],
    )
    assert [r.created for r in reports] == [4, 3]
    for kind in ("residents", "stays"):
        export_csv(empty_services, kind, second / f"{kind}.csv")
        assert (second / f"{kind}.csv").read_bytes() == (first / f"{kind}.csv").read_bytes()
    mia = empty_services.residents.search_ids(ResidentQuery(text="mia"))
    assert empty_services.residents.get(mia[0]).record_number == "R-00004"


_NAME_CHARS = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("C", "Zl", "Zp")),
    st.sampled_from(['"', ",", "\n", "\r", "\r\n", "'", ";", " "]),
)
_NAMES = st.lists(_NAME_CHARS, min_size=1, max_size=30).map("".join).map(str.strip).filter(bool)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(names=st.lists(st.tuples(_NAMES, _NAMES), min_size=1, max_size=5))
def test_any_printable_names_round_trip(
    services: Services, tmp_path: Path, names: list[tuple[str, str]]
) -> None:
    def wipe() -> None:
        with services.db.sessions.begin() as s:
            s.execute(delete(Stay))
            s.execute(delete(Person))

    wipe()
    for first, last in names:
        services.residents.create_person(PersonDraft(first, last))
    exported = tmp_path / "a.csv"
    again = tmp_path / "b.csv"
    export_csv(services, "residents", exported)
    wipe()
    import_csv(services, "residents", exported)
    export_csv(services, "residents", again)
    assert again.read_bytes() == exported.read_bytes()
    with services.db.sessions() as s:
        stored = s.execute(select(Person.first_name, Person.last_name).order_by(Person.record_no))
        assert [tuple(r) for r in stored] == names


def test_stays_made_in_peerdesk_never_reuse_an_imported_s_id(services: Services) -> None:
    from peerdesk.services.io import stay_export_id

    assert stay_export_id(None, 3, {"S-3", "S-3-1"}) == "S-3-2"
    assert stay_export_id("FAC-9", 3, {"S-3"}) == "FAC-9"
    assert stay_export_id(None, 4, {"S-3"}) == "S-4"
