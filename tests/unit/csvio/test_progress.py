"""Progress for the GUI's bar, and what an import says it changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerdesk.app import Services, csv_kinds
from peerdesk.domain.changes import Changes
from peerdesk.services.csvio import CsvService, ImportFailedError
from peerdesk.services.csvio.service import PROGRESS_STEPS
from tests.unit.csvio.support import RESIDENTS_HEADER, STAYS_HEADER, counts, write

#: More rows than one store batch (500), so the bar moves while the rows are stored.
ROWS = 1_200


def _residents(path: Path, rows: int = ROWS) -> Path:
    body = "".join(f"A{i},Ann{i},Lee,,female,,,\n" for i in range(rows))
    return write(path, f"{RESIDENTS_HEADER}\n{body}")


def _stays(path: Path, rows: int = ROWS) -> Path:
    body = "".join(f"S{i},A{i},womens,2023-01-01,2023-02-01,completed\n" for i in range(rows))
    return write(path, f"{STAYS_HEADER}\n{body}")


def _assert_steady(calls: list[tuple[int, int]], total: int) -> None:
    """One total throughout, ``done`` from 0 up to ``total`` without going back or repeating."""
    assert calls[0] == (0, total)
    assert {t for _, t in calls} == {total}
    done = [d for d, _ in calls]
    assert done == sorted(set(done)), "progress went back or repeated itself"
    assert len(calls) <= PROGRESS_STEPS + 2


def test_import_progress_counts_every_row_of_every_file_up_to_the_total(
    csv_io: CsvService, tmp_path: Path
) -> None:
    calls: list[tuple[int, int]] = []
    files = [("residents", _residents(tmp_path / "r.csv")), ("stays", _stays(tmp_path / "s.csv"))]
    reports = csv_io.import_files(files, progress=lambda done, total: calls.append((done, total)))
    assert [r.created for r in reports] == [ROWS, ROWS]
    _assert_steady(calls, 2 * ROWS)
    assert calls[-1] == (2 * ROWS, 2 * ROWS)
    # Storing is most of the time: the bar moves at each batch stored, not only at the end.
    assert len([d for d, _ in calls if 0.2 * 2 * ROWS < d < 2 * ROWS]) >= 4


def test_dry_run_progress_reaches_the_total_too(
    services: Services, csv_io: CsvService, tmp_path: Path
) -> None:
    calls: list[tuple[int, int]] = []
    report = csv_io.import_file(
        "residents",
        _residents(tmp_path / "r.csv"),
        dry_run=True,
        progress=lambda *c: calls.append(c),
    )
    assert report.rows == ROWS
    _assert_steady(calls, ROWS)
    assert calls[-1] == (ROWS, ROWS)
    assert counts(services) == (0, 0, 0)


def test_an_import_with_errors_reports_progress_and_still_stores_nothing(
    services: Services, csv_io: CsvService, tmp_path: Path
) -> None:
    residents = _residents(tmp_path / "r.csv")
    stays = _stays(tmp_path / "s.csv")
    with stays.open("a", encoding="utf-8") as f:  # the last row of the last file is wrong
        f.write("S-bad,A1,womens,2023-03-01,2023-02-01,completed\n")
    calls: list[tuple[int, int]] = []
    with pytest.raises(ImportFailedError) as err:
        csv_io.import_files(
            [("residents", residents), ("stays", stays)], progress=lambda *c: calls.append(c)
        )
    assert [(e.row, e.column) for e in err.value.errors] == [(ROWS + 2, "discharge_date")]
    _assert_steady(calls, 2 * ROWS + 1)
    assert calls[-1][0] < 2 * ROWS + 1, "a failed import never shows as complete"
    assert counts(services) == (0, 0, 0)


def test_a_file_that_cannot_be_read_fails_before_any_progress(
    csv_io: CsvService, tmp_path: Path
) -> None:
    calls: list[tuple[int, int]] = []
    with pytest.raises(ImportFailedError):
        csv_io.import_file("residents", tmp_path / "nope.csv", progress=lambda *c: calls.append(c))
    assert calls == []


def test_export_progress_counts_the_rows_written(csv_io: CsvService, tmp_path: Path) -> None:
    csv_io.import_file("residents", _residents(tmp_path / "r.csv"))
    calls: list[tuple[int, int]] = []
    assert csv_io.export("residents", tmp_path / "out.csv", progress=lambda *c: calls.append(c))
    _assert_steady(calls, ROWS)
    assert calls[-1] == (ROWS, ROWS)
    empty: list[tuple[int, int]] = []
    assert csv_io.export("stays", tmp_path / "none.csv", progress=lambda *c: empty.append(c)) == 0
    assert empty == [(0, 0)]


def test_an_import_publishes_what_it_stored_and_a_dry_run_or_failure_nothing(
    services: Services, tmp_path: Path
) -> None:
    published: list[Changes] = []
    csv_io = CsvService(
        services.db.sessions,
        services.user,
        services.today,
        published.append,
        kinds=csv_kinds(),
    )
    residents = _residents(tmp_path / "r.csv", 3)
    stays = _stays(tmp_path / "s.csv", 2)
    csv_io.import_files([("residents", residents), ("stays", stays)], dry_run=True)
    with pytest.raises(ImportFailedError):
        csv_io.import_file("stays", stays)  # its residents are not there yet
    assert published == []
    csv_io.import_files([("residents", residents), ("stays", stays)])
    [changes] = published
    assert len(changes.ids("person")) == 3
    assert len(changes.ids("stay")) == 2
    assert changes.primary is None
