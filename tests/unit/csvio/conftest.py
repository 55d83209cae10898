"""The CSV service over the test database, and databases with the sample files imported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from peerdesk.app import Services, build_services, csv_kinds, open_database
from peerdesk.services.csvio import CsvService
from tests.conftest import TODAY
from tests.unit.csvio.support import RESIDENTS, STAYS, write


def csv_service(services: Services) -> CsvService:
    return CsvService(services.db.sessions, services.user, services.today, kinds=csv_kinds())


@pytest.fixture
def csv_io(services: Services) -> CsvService:
    return csv_service(services)


@pytest.fixture
def residents_file(tmp_path: Path) -> Path:
    return write(tmp_path / "residents.csv", RESIDENTS)


@pytest.fixture
def imported(
    services: Services, csv_io: CsvService, residents_file: Path, tmp_path: Path
) -> Services:
    """The database after importing RESIDENTS and STAYS."""
    csv_io.import_file("residents", residents_file)
    csv_io.import_file("stays", write(tmp_path / "stays.csv", STAYS))
    return services


@pytest.fixture
def empty_services(empty_db_url: str) -> Iterator[Services]:
    db = open_database(empty_db_url)
    yield build_services(db, today=lambda: TODAY)
    db.dispose()


@pytest.fixture
def empty_csv(empty_services: Services) -> CsvService:
    return csv_service(empty_services)
