"""The Screenings tab: every intake screening, newest first, with its ratings."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from peerdesk.domain.residents import ResidentDetail, ScreeningInfo
from peerdesk.ui.residents.record.widgets import (
    NOT_RECORDED,
    EmptyOr,
    ReadOnlyTable,
    value_label,
)

if TYPE_CHECKING:
    from peerdesk.services.programs import ProgramService

log = logging.getLogger(__name__)


def rating_text(rating: int) -> str:
    return f"{'●' * rating}{'○' * (5 - rating)}  {rating}"


class ScreeningsTab(EmptyOr):
    """The list of screenings above the chosen one's answers."""

    def __init__(self, programs: ProgramService, parent: QWidget | None = None) -> None:
        self._programs = programs
        self._program_names: dict[int, str] | None = None
        self._screenings: tuple[ScreeningInfo, ...] = ()
        splitter = QSplitter(Qt.Orientation.Vertical)
        super().__init__(splitter, parent)
        self.list = QListWidget(splitter)
        self.list.setAccessibleName("Screenings")
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        detail = QWidget(splitter)
        box = QVBoxLayout(detail)
        box.setContentsMargins(0, 6, 0, 0)
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for key, caption in (
            ("screened_on", "Date"),
            ("program", "Intended program"),
            ("stage", "Stage of change"),
            ("decision", "Decision"),
            ("reason", "Reason"),
            ("notes", "Notes"),
        ):
            self.fields[key] = value_label(detail, caption)
            form.addRow(f"{caption}:", self.fields[key])
        box.addLayout(form)
        self.rating_table = ReadOnlyTable(["Criterion", "Rating (1–5)", "Note"], detail)
        self.rating_table.setAccessibleName("Ratings of the chosen screening")
        self.rating_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.rating_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.rating_table, 1)
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setChildrenCollapsible(False)

    def fill(self, d: ResidentDetail) -> None:
        self._screenings = d.screenings
        self.list.blockSignals(True)
        self.list.clear()
        for sc in d.screenings:
            text = f"{sc.screened_on.isoformat()}   {sc.decision.label}"
            if sc.stage_of_change:
                text += f"  ·  {sc.stage_of_change.label}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, sc.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.show_content(
            bool(d.screenings),
            "No screening yet.\nUse “New screening…” to record the intake screening.",
        )
        if d.screenings:
            self.list.setCurrentRow(0)
            self._show(d.screenings[0])

    def _program_name(self, program_id: int | None) -> str:
        if program_id is None:
            return "Not decided"
        if self._program_names is None:
            try:  # once per view: a few rows, read when a screening is first shown
                self._program_names = {p.id: p.name for p in self._programs.programs()}
            except Exception as exc:
                log.error("reading programs failed: %s", type(exc).__name__)
                return ""
        return self._program_names.get(program_id, "")

    def _on_list_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._screenings):
            self._show(self._screenings[row])

    def _show(self, sc: ScreeningInfo) -> None:
        f = self.fields
        f["screened_on"].setText(sc.screened_on.isoformat())
        f["program"].setText(self._program_name(sc.program_id))
        f["stage"].setText(sc.stage_of_change.label if sc.stage_of_change else "Not assessed")
        f["decision"].setText(sc.decision.label)
        f["reason"].setText(sc.decision_reason or NOT_RECORDED)
        f["notes"].setText(sc.notes or NOT_RECORDED)
        table = self.rating_table
        table.setRowCount(len(sc.ratings))
        for row, r in enumerate(sc.ratings):
            table.set_row(row, [r.criterion.label, rating_text(r.rating), r.note])
            rating_item = table.item(row, 1)
            if rating_item is not None:
                rating_item.setToolTip(f"{r.rating} of 5")
                rating_item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{r.rating} of 5")
        table.resizeRowsToContents()
