"""The Stays tab: every stay, newest first, with its discharge and any program override."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QVBoxLayout, QWidget

from peerdesk.domain.residents import ResidentDetail, StayInfo
from peerdesk.ui import theme
from peerdesk.ui.residents.record.widgets import EmptyOr, ReadOnlyTable, button

#: Three columns that wrap, so nothing is cut off or scrolled away beside the list at 1024 px.
HEADERS = ["Program and dates", "Days", "Discharge and notes"]
NOTES = HEADERS.index("Discharge and notes")


def stay_when(stay: StayInfo) -> str:
    start = stay.admission_date.isoformat()
    if stay.discharge_date is None:
        return f"{stay.program_name}\nsince {start}, in care"
    return f"{stay.program_name}\n{start} to {stay.discharge_date.isoformat()}"


def stay_notes(stay: StayInfo) -> str:
    """An override first (the exception a reader must see), then the discharge and its note."""
    lines = []
    if stay.override_reason:
        lines.append(f"Admitted by override: {stay.override_reason}")
    if stay.discharge_reason:
        discharge = f"Discharged: {stay.discharge_reason.label}"
        lines.append(f"{discharge}. {stay.discharge_note}" if stay.discharge_note else discharge)
    elif stay.discharge_note:
        lines.append(stay.discharge_note)
    return "\n".join(lines)


class StaysTab(QWidget):
    """Signals:
    discharge_requested(): "Discharge…" (the open stay).
    admit_requested(): "Admit…" / "Readmit…".
    aftercare_requested(int): the aftercare plan of this stay id (button or double click).
    """

    discharge_requested = Signal()
    admit_requested = Signal()
    aftercare_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stays: tuple[StayInfo, ...] = ()
        self._in_care = False
        self._filled = False
        self.table = ReadOnlyTable(HEADERS, self)
        self.table.setAccessibleName("Stays")
        header = self.table.horizontalHeader()
        for col in range(NOTES):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTES, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self._on_aftercare_clicked())
        self.discharge_button = button("Discharge…", self, self.discharge_requested.emit)
        self.admit_button = button("Readmit…", self, self.admit_requested.emit)
        self.aftercare_button = button(
            "Aftercare plan…",
            self,
            self._on_aftercare_clicked,
            "The aftercare plan of the chosen stay",
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.discharge_button)
        buttons.addWidget(self.admit_button)
        buttons.addWidget(self.aftercare_button)
        buttons.addStretch(1)
        self.page = EmptyOr(self.table, self)
        box = QVBoxLayout(self)
        box.addWidget(self.page, 1)
        box.addLayout(buttons)

    def fill(self, d: ResidentDetail, today: dt.date) -> None:
        table = self.table
        selected = self.selected_stay_id()
        self._stays = d.stays
        self._in_care = d.open_stay is not None
        self._filled = True
        table.setRowCount(len(d.stays))
        for row, st in enumerate(d.stays):
            days = ((st.discharge_date or today) - st.admission_date).days
            table.set_row(
                row,
                [stay_when(st), str(days), stay_notes(st)],
                key=st.id,
            )
            notes = table.item(row, NOTES)
            if notes is not None:
                notes.setToolTip(notes.text())
                if st.override_reason:
                    notes.setForeground(QColor(theme.WARNING))
        table.resizeRowsToContents()
        self.page.show_content(
            bool(d.stays), "No stay yet.\nUse “Admit…” once the person is admitted."
        )
        row = next((i for i, st in enumerate(d.stays) if st.id == selected), 0)
        if d.stays:
            table.selectRow(row)
        self.admit_button.setText("Readmit…" if d.stays else "Admit…")
        self._update_buttons()

    def selected_stay(self) -> StayInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self._stays[row] if row < len(self._stays) else None

    def selected_stay_id(self) -> int | None:
        stay = self.selected_stay()
        return stay.id if stay else None

    def _on_aftercare_clicked(self) -> None:
        stay_id = self.selected_stay_id()
        if stay_id is not None:
            self.aftercare_requested.emit(stay_id)

    def _update_buttons(self) -> None:
        stay = self.selected_stay()
        self.discharge_button.setEnabled(stay is not None and stay.is_open)
        self.admit_button.setEnabled(self._filled and not self._in_care)
        self.aftercare_button.setEnabled(stay is not None)
