"""File → Import CSV… and Export CSV…: the command line's all-or-nothing CSV files, by mouse.

The work runs in a worker of the task runner; a progress bar follows it (busy until the file is
read, then rows done of all rows). An import that finds any wrong row stores nothing and lists
every error by row, column and reason (never a value: PRODUCT.md "Privacy"). "Check only"
validates every row and stores nothing, like ``--dry-run``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.ui import theme

if TYPE_CHECKING:
    from peerdesk.services.csvio.service import CsvService
    from peerdesk.ui.common.tasks import TaskRunner

#: Errors listed in the dialog (the list scrolls); more are counted, not shown.
ERRORS_SHOWN = 500


@dataclass(frozen=True)
class Outcome:
    """What an import or export ended with, as lines a person reads."""

    ok: bool
    lines: list[str]


class _ProgressRelay(QObject):
    """Carries a worker's ``progress(done, total)`` to the GUI thread."""

    moved = Signal(object)

    def report(self, done: int, total: int) -> None:
        self.moved.emit((done, total))


class CsvTransferDialog(QDialog):
    """Import or export one CSV kind with a progress bar; the outcome stays on screen.

    Signals:
        finished_work(bool): the import or export ended (True: it succeeded).
    """

    finished_work = Signal(bool)

    def __init__(
        self,
        csv: CsvService,
        tasks: TaskRunner,
        *,
        exporting: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._csv = csv
        self._tasks = tasks
        self._exporting = exporting
        verb = "Export" if exporting else "Import"
        self.setWindowTitle(f"{verb} CSV")
        self.setMinimumWidth(560)

        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind of records")
        for name in csv.kinds.names:
            self.kind_combo.addItem(name.capitalize(), name)
        self.file_edit = QLineEdit()
        self.file_edit.setAccessibleName("CSV file")
        self.file_edit.setPlaceholderText("path/to/file.csv")
        self.browse_button = QPushButton("&Browse…")
        self.browse_button.setAccessibleName("Choose the CSV file")
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.check_only = QCheckBox("&Check only: validate every row, store nothing")
        self.check_only.setVisible(not exporting)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("&Kind", self.kind_combo)
        file_label = QLabel("&File")
        file_label.setBuddy(self.file_edit)  # Alt+F, as a row of a layout has no buddy itself
        form.addRow(file_label, file_row)
        form.addRow("", self.check_only)

        self._build_outcome(verb)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)

        self._relay = _ProgressRelay(self)
        self._relay.moved.connect(self._on_relay_moved)
        self.kind_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_outcome(self, verb: str) -> None:
        self.progress = QProgressBar()
        self.progress.setAccessibleName(f"{verb} progress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Errors and warnings")
        self.details.setMinimumHeight(160)
        self.details.hide()

        self.buttons = QDialogButtonBox()
        self.run_button = self.buttons.addButton(f"&{verb}", QDialogButtonBox.ButtonRole.AcceptRole)
        self.run_button.setProperty("primary", "true")
        self.run_button.setStyleSheet(theme.primary_button_css())
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.run_button.clicked.connect(self._on_run_button_clicked)
        self.close_button.clicked.connect(self.reject)

    # -- running --

    def start(self) -> bool:
        """Run the import or export with what the form says; ``False`` if the form is not ready."""
        text = self.file_edit.text().strip()
        if not text:
            self._show_problem("File: choose a CSV file first.")
            self.file_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        path = Path(text).expanduser()
        kind = str(self.kind_combo.currentData())
        self._set_running(True)
        if self._exporting:
            self._tasks.run(
                lambda: self._export(kind, path), self._show, self._on_failed, name="csv export"
            )
        else:
            dry = self.check_only.isChecked()
            work = lambda: self._import(kind, path, dry)  # noqa: E731
            self._tasks.run(work, self._show, self._on_failed, name="csv import")
        return True

    def _import(self, kind: str, path: Path, dry_run: bool) -> Outcome:
        from peerdesk.services.csvio.errors import ImportFailedError

        try:
            report = self._csv.import_file(kind, path, dry_run=dry_run, progress=self._relay.report)
        except ImportFailedError as failed:
            return Outcome(False, failed.lines(limit=ERRORS_SHOWN))
        return Outcome(True, report.lines(path.name, limit=ERRORS_SHOWN))

    def _export(self, kind: str, path: Path) -> Outcome:
        count = self._csv.export(kind, path, progress=self._relay.report)
        return Outcome(True, [f"{kind}: {count:,} rows exported to {path.name}"])

    @Slot(object)
    def _on_relay_moved(self, moved: tuple[int, int]) -> None:
        done, total = moved
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def _show(self, outcome: Outcome) -> None:
        self._set_running(False)
        *details, last = outcome.lines
        self.status.setText(last)
        colour = theme.SUCCESS if outcome.ok else theme.ERROR
        self.status.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.details.setPlainText("\n".join(details))
        self.details.setVisible(bool(details))
        if outcome.ok:
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
        else:
            self.progress.hide()
        self.finished_work.emit(outcome.ok)

    def _on_failed(self, reason: str) -> None:
        self._set_running(False)
        self.progress.hide()
        self._show_problem(reason)
        self.finished_work.emit(False)

    def _show_problem(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {theme.ERROR}; font-weight: bold;")

    def _set_running(self, running: bool) -> None:
        for widget in (self.kind_combo, self.file_edit, self.browse_button, self.check_only):
            widget.setEnabled(not running)
        self.run_button.setEnabled(not running)
        self.close_button.setEnabled(not running)
        if running:
            self.status.setText("Working…")
            self.status.setStyleSheet("")
            self.details.hide()
            self.progress.setRange(0, 0)  # busy until the file is read
            self.progress.show()

    # -- slots --

    def _on_run_button_clicked(self) -> None:
        self.start()

    def _on_browse_button_clicked(self) -> None:
        caption = "Export to" if self._exporting else "Import from"
        chooser = QFileDialog(self, caption, self.file_edit.text(), "CSV files (*.csv)")
        chooser.setAcceptMode(
            QFileDialog.AcceptMode.AcceptSave
            if self._exporting
            else QFileDialog.AcceptMode.AcceptOpen
        )
        chooser.setDefaultSuffix("csv")
        chooser.fileSelected.connect(self.file_edit.setText)
        chooser.finished.connect(chooser.deleteLater)
        chooser.open()

    def reject(self) -> None:
        if self._tasks.busy and not self.close_button.isEnabled():
            return  # an import in progress finishes (all or nothing) before the dialog goes
        super().reject()
