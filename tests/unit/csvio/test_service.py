"""The CSV service: kinds, one transaction per set of files, progress, export, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from peerdesk.app import Services
from peerdesk.domain.enums import Gender
from peerdesk.domain.errors import PeerDeskError
from peerdesk.domain.residents import PersonDraft, ResidentQuery
from peerdesk.models import AuditEvent, Person, Stay
from peerdesk.services.csvio import CsvService, ImportFailedError
from peerdesk.services.csvio.residents import ResidentsCsv
from tests.unit.csvio.support import (
    RESIDENTS,
    RESIDENTS_HEADER,
    STAYS,
    STAYS_HEADER,
    counts,
    person_with_open_stay,
    write,
)


def test_unknown_kind_is_refused(csv_io: CsvService, residents_file: Path) -> None:
    with pytest.raises(PeerDeskError, match="unknown kind 'volunteer_hours'"):
        csv_io.import_file("volunteer_hours", residents_file)
    with pytest.raises(PeerDeskError, match="unknown kind"):
        csv_io.export("alumni", residents_file)


def test_dry_run_validates_and_stores_nothing(
    services: Services, csv_io: CsvService, residents_file: Path
) -> None:
    report = csv_io.import_file("residents", residents_file, dry_run=True)
    assert report.summary() == "residents: 3 rows valid (dry run: nothing stored)"
    assert report.created == 0
    assert counts(services) == (0, 0, 0)


def test_a_set_of_files_is_one_transaction(
    services: Services, csv_io: CsvService, tmp_path: Path
) -> None:
    residents = write(tmp_path / "r.csv", RESIDENTS)
    stays = write(tmp_path / "s.csv", STAYS)
    reports = csv_io.import_files([("residents", residents), ("stays", stays)])
    assert [r.created for r in reports] == [3, 3]
    bad_stays = write(
        tmp_path / "bad.csv", f"{STAYS_HEADER}\nT1,B1,mens,2023-01-01,,\nT2,B9,mens,2023-01-01,,\n"
    )
    more = write(tmp_path / "more.csv", f"{RESIDENTS_HEADER}\nB1,Al,Ng,,male,,,\n")
    before = counts(services)
    with pytest.raises(ImportFailedError) as err:
        csv_io.import_files([("residents", more), ("stays", bad_stays)])
    assert [(e.file, e.row, e.column) for e in err.value.errors] == [
        (str(bad_stays), 3, "resident_id")
    ]
    assert counts(services) == before


def test_a_clash_the_checks_missed_stores_nothing_and_raises_no_database_error(
    services: Services, csv_io: CsvService, residents_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv_io.import_file("residents", residents_file)
    before = counts(services)
    # As if another workstation stored the same ids between the checks and the insert.
    monkeypatch.setattr(ResidentsCsv, "check", lambda self, ctx, records: None)
    with pytest.raises(PeerDeskError, match="another workstation") as err:
        csv_io.import_file("residents", residents_file)
    assert not isinstance(err.value, ImportFailedError)
    assert counts(services) == before


def test_export_uses_record_numbers_and_stay_numbers_when_there_is_no_id(
    services: Services, csv_io: CsvService, tmp_path: Path
) -> None:
    person_with_open_stay(services)
    services.residents.create_person(PersonDraft("Zoë", "Ünal", gender=Gender.FEMALE))
    assert csv_io.export("residents", tmp_path / "r.csv") == 2
    assert (tmp_path / "r.csv").read_bytes().decode().splitlines() == [
        RESIDENTS_HEADER,
        "P1,Ana,Lopez,,male,,,",
        "R-00002,Zoë,Ünal,,female,,,",
    ]
    assert csv_io.export("stays", tmp_path / "s.csv") == 2
    assert (tmp_path / "s.csv").read_bytes() == (
        f"{STAYS_HEADER}\r\nS-1,P1,mens,2024-01-10,2024-02-10,completed\r\nS-2,P1,mens,2025-01-01,,\r\n"
    ).encode()
    with services.db.sessions() as s:
        exports = list(s.scalars(select(AuditEvent.entity).where(AuditEvent.action == "export")))
    assert exports == ["residents", "stays"]


def test_export_into_a_missing_folder_is_refused(csv_io: CsvService, tmp_path: Path) -> None:
    with pytest.raises(PeerDeskError, match="does not exist"):
        csv_io.export("residents", tmp_path / "nope" / "r.csv")


def test_export_replaces_the_file_whole(csv_io: CsvService, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = write(folder / "r.csv", "old content that is longer than the new one\n" * 50)
    assert csv_io.export("residents", path) == 0
    assert path.read_bytes() == f"{RESIDENTS_HEADER}\r\n".encode()
    assert [p.name for p in folder.iterdir()] == ["r.csv"]


def test_names_with_accents_quotes_commas_and_newlines_round_trip(
    csv_io: CsvService, tmp_path: Path
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
    csv_io.import_file("residents", source)
    csv_io.export("residents", tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_bytes() == original


def test_round_trip_into_an_empty_database_is_byte_identical(
    imported: Services,
    empty_services: Services,
    empty_csv: CsvService,
    csv_io: CsvService,
    tmp_path: Path,
) -> None:
    services = imported
    services.residents.create_person(PersonDraft("Mia", 'Chen, "M"', phone="555-0199"))
    first = tmp_path / "first"
    second = tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for kind in ("residents", "stays"):
        csv_io.export(kind, first / f"{kind}.csv")
    reports = empty_csv.import_files(
        [("residents", first / "residents.csv"), ("stays", first / "stays.csv")],
    )
    assert [r.created for r in reports] == [4, 3]
    for kind in ("residents", "stays"):
        empty_csv.export(kind, second / f"{kind}.csv")
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
    services: Services, csv_io: CsvService, tmp_path: Path, names: list[tuple[str, str]]
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
    csv_io.export("residents", exported)
    wipe()
    csv_io.import_file("residents", exported)
    csv_io.export("residents", again)
    assert again.read_bytes() == exported.read_bytes()
    with services.db.sessions() as s:
        stored = s.execute(select(Person.first_name, Person.last_name).order_by(Person.record_no))
        assert [tuple(r) for r in stored] == names
