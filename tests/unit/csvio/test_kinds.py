"""The kinds on offer are one explicit list in the composition root; the CLI offers just those."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from peerdesk.app import Services, csv_kinds
from peerdesk.cli import run_cli
from peerdesk.domain.changes import NO_CHANGES, Changes
from peerdesk.domain.errors import PeerDeskError
from peerdesk.services.csvio import CsvKind, CsvKinds, CsvService
from peerdesk.services.csvio.context import ImportContext
from peerdesk.services.csvio.reading import CsvRow
from peerdesk.services.csvio.residents import ResidentsCsv
from peerdesk.services.csvio.stays import StaysCsv


class _AlumniCsv(CsvKind[str]):
    """A later kind, as a module of its own would declare it."""

    name = "alumni"
    entity = "alumnus"
    columns = ("id",)

    def parse_row(self, ctx: ImportContext, row: CsvRow) -> str | None:
        return row["id"]

    def check(self, ctx: ImportContext, records: list[str]) -> None:
        pass

    def store(self, ctx: ImportContext, records: list[str]) -> Changes:
        return NO_CHANGES

    def export_rows(self, s: Session) -> list[list[str]]:
        return []


def test_the_composition_root_offers_residents_then_stays() -> None:
    kinds = csv_kinds()
    assert kinds.names == ("residents", "stays")
    assert [type(k) for k in kinds] == [ResidentsCsv, StaysCsv]
    assert "stays" in kinds
    assert "alumni" not in kinds
    assert len(kinds) == 2


def test_building_the_kinds_registers_nothing_anywhere() -> None:
    with_alumni = CsvKinds((ResidentsCsv(), StaysCsv(), _AlumniCsv()))
    assert with_alumni.names == ("residents", "stays", "alumni")
    assert csv_kinds().names == ("residents", "stays")


def test_an_unknown_kind_is_a_clear_error_naming_the_kinds_there_are() -> None:
    with pytest.raises(PeerDeskError) as err:
        csv_kinds().get("volunteer_hours")
    assert str(err.value) == "unknown kind 'volunteer_hours' (use one of: residents, stays)"


def test_two_kinds_of_one_name_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="two CSV kinds are named 'residents'"):
        CsvKinds((ResidentsCsv(), ResidentsCsv()))


def test_the_service_imports_only_the_kinds_it_was_given(
    services: Services, tmp_path: Path
) -> None:
    only_residents = CsvService(
        services.db.sessions, services.user, services.today, kinds=CsvKinds((ResidentsCsv(),))
    )
    with pytest.raises(PeerDeskError, match=r"unknown kind 'stays' \(use one of: residents\)"):
        only_residents.import_file("stays", tmp_path / "s.csv")
    with pytest.raises(PeerDeskError, match="unknown kind 'stays'"):
        only_residents.export("stays", tmp_path / "s.csv")
    assert not (tmp_path / "s.csv").exists()


@pytest.mark.parametrize("verb", ["import", "export"])
def test_the_cli_offers_and_lists_the_kinds_it_is_given(
    verb: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        run_cli([verb, "--help"])
    assert done.value.code == 0
    assert "what the file holds: residents, stays" in capsys.readouterr().out
    kinds = CsvKinds((ResidentsCsv(), StaysCsv(), _AlumniCsv()))
    with pytest.raises(SystemExit):
        run_cli([verb, "--help"], csv_kinds=kinds)
    assert "what the file holds: residents, stays, alumni" in capsys.readouterr().out


def test_the_cli_refuses_a_kind_it_was_not_given(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        run_cli(["export", "alumni", "a.csv"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'alumni' (choose from 'residents', 'stays')" in err
