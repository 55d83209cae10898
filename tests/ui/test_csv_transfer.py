"""File → Import CSV… / Export CSV… in the window: a worker does the work, a bar follows it,
an import with any wrong row stores nothing and lists every error by row and column."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from peerdesk.app import Services, csv_kinds
from peerdesk.domain.residents import ResidentQuery
from peerdesk.services.csvio.service import CsvService
from peerdesk.ui.common.csv_transfer import CsvTransferDialog
from peerdesk.ui.common.tasks import TaskRunner
from peerdesk.ui.main_window import MainWindow
from tests.ui.conftest import People, residents

HEADER = "id,first_name,last_name,date_of_birth,gender,phone,email,sobriety_date\n"


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    made = TaskRunner()
    yield made
    made.wait()


def _csv(services: Services) -> CsvService:
    return CsvService(
        services.db.sessions,
        services.user,
        services.today,
        services.residents._on_change,
        kinds=csv_kinds(),
    )


def _count(services: Services) -> int:
    return len(services.residents.search_ids(ResidentQuery()))


def _dialog(
    qtbot: QtBot, services: Services, tasks: TaskRunner, *, exporting: bool
) -> CsvTransferDialog:
    dialog = CsvTransferDialog(_csv(services), tasks, exporting=exporting)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_an_import_with_a_wrong_row_stores_nothing_and_lists_row_column_and_reason(
    qtbot: QtBot, services: Services, tasks: TaskRunner, tmp_path: Path, people: People
) -> None:
    f = tmp_path / "people.csv"
    f.write_text(
        HEADER + "X-1,Nadia,Quinn,1990-02-01,female,,,\n" + "X-2,Omar,Reyes,1990-13-01,male,,,\n",
        encoding="utf-8",
    )
    dialog = _dialog(qtbot, services, tasks, exporting=False)
    assert dialog.focusWidget() is dialog.kind_combo, "the cursor starts in the first field"
    dialog.file_edit.setText(str(f))
    before = _count(services)
    with qtbot.waitSignal(dialog.finished_work, timeout=10_000) as done:
        assert dialog.start()
    assert done.args == [False]
    assert _count(services) == before
    assert "nothing stored" in dialog.status.text()
    errors = dialog.details.toPlainText()
    assert "row 3" in errors
    assert "date_of_birth" in errors
    assert "Omar" not in errors, "errors never quote a name"
    assert "Reyes" not in errors


def test_file_import_stores_every_row_and_the_list_shows_them_at_once(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    f = tmp_path / "people.csv"
    f.write_text(HEADER + "X-1,Nadia,Quinn,1990-02-01,female,,,\n", encoding="utf-8")
    context = window.context
    assert context is not None
    dialog = CsvTransferDialog(_csv(services), context.tasks, exporting=False, parent=window)
    dialog.show()
    dialog.file_edit.setText(str(f))
    with qtbot.waitSignal(dialog.finished_work, timeout=10_000) as done:
        dialog.start()
    assert done.args == [True]
    assert dialog.progress.value() == dialog.progress.maximum()
    model = residents(window).model

    def listed() -> list[str]:
        return [model.index(r, 1).data() for r in range(model.rowCount())]

    # The import announced its changes on the bus; the list ran its query again by itself.
    qtbot.waitUntil(lambda: "Quinn, Nadia" in listed(), timeout=5000)


def test_the_file_menu_offers_import_and_export_csv(window: MainWindow, services: Services) -> None:
    from peerdesk.gui import add_csv_actions

    context = window.context
    assert context is not None
    add_csv_actions(window, services, context.bus, context.tasks)
    texts = [a.text() for a in window.file_menu.actions()]
    assert "&Import CSV…" in texts
    assert "&Export CSV…" in texts
    assert texts.index("&Export CSV…") < texts.index("&Quit")


def test_an_export_writes_the_file_and_says_how_many_rows(
    qtbot: QtBot, services: Services, tasks: TaskRunner, tmp_path: Path, people: People
) -> None:
    out = tmp_path / "out.csv"
    dialog = _dialog(qtbot, services, tasks, exporting=True)
    dialog.file_edit.setText(str(out))
    with qtbot.waitSignal(dialog.finished_work, timeout=10_000):
        dialog.start()
    assert out.read_text(encoding="utf-8").startswith(HEADER.strip())
    assert dialog.status.text() == "residents: 5 rows exported to out.csv"


def test_no_file_is_named_in_the_message_and_nothing_runs(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    dialog = _dialog(qtbot, services, tasks, exporting=False)
    assert not dialog.start()
    assert dialog.status.text().startswith("File:")
    assert not tasks.busy
