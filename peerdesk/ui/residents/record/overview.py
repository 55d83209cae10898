"""The Overview tab: personal data and where the person stands in their recovery."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QWidget
from typing_extensions import override

from peerdesk.domain.residents import ResidentDetail, days_sober
from peerdesk.ui.residents.dialogs import stay_text
from peerdesk.ui.residents.record.widgets import (
    NOT_RECORDED,
    button,
    date_text,
    scrolling,
    value_label,
)

#: Below this width the two groups stack instead of standing side by side.
TWO_COLUMNS_FROM = 620


def age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def mentor_text(d: ResidentDetail) -> str:
    """The person's peer mentor, as every tab of the record names them."""
    return d.mentor.name if d.mentor else "No mentor assigned"


class _Groups(QWidget):
    """Two group boxes side by side when there is room, else one above the other."""

    def __init__(self, first: QWidget, second: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first, self._second = first, second
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(6, 6, 6, 6)
        self._columns = 0
        self._arrange(1)

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        self._grid.removeWidget(self._first)
        self._grid.removeWidget(self._second)
        self._grid.addWidget(self._first, 0, 0)
        if columns == 2:
            self._grid.addWidget(self._second, 0, 1)
            self._grid.setColumnStretch(1, 1)
        else:
            self._grid.addWidget(self._second, 1, 0)
            self._grid.setColumnStretch(1, 0)
        self._grid.setColumnStretch(0, 1)
        self._grid.setRowStretch(2, 1)

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(2 if event.size().width() >= TWO_COLUMNS_FROM else 1)


class OverviewTab(QWidget):
    """Signals:
    mentor_requested(): the person pressed "Assign mentor…" / "Change mentor…".
    """

    mentor_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        content = QWidget()
        personal = QGroupBox("Personal data", content)
        form = QFormLayout(personal)
        self.fields: dict[str, QLabel] = {}
        for key, caption in (
            ("date_of_birth", "Date of birth"),
            ("gender", "Gender"),
            ("phone", "Phone"),
            ("email", "E-mail"),
            ("external_id", "Facility id"),
        ):
            self.fields[key] = value_label(personal, caption)
            form.addRow(f"{caption}:", self.fields[key])
        recovery = QGroupBox("Recovery", content)
        form = QFormLayout(recovery)
        for key, caption in (
            ("sobriety_date", "Sobriety date"),
            ("days_sober", "Days sober"),
            ("stay", "Current stay"),
            ("screening", "Last screening"),
            ("mentor", "Peer mentor"),
        ):
            self.fields[key] = value_label(recovery, caption)
            form.addRow(f"{caption}:", self.fields[key])
        self.mentor_button = button("Assign mentor…", recovery, self.mentor_requested.emit)
        mentor_line = QHBoxLayout()
        mentor_line.addWidget(self.mentor_button)
        mentor_line.addStretch(1)
        form.addRow("", mentor_line)
        groups = _Groups(personal, recovery)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(scrolling(groups, self))

    def fill(self, d: ResidentDetail, today: dt.date) -> None:
        o = self.fields
        if d.date_of_birth:
            o["date_of_birth"].setText(
                f"{d.date_of_birth.isoformat()} (age {age(d.date_of_birth, today)})"
            )
        else:
            o["date_of_birth"].setText(NOT_RECORDED)
        o["gender"].setText(d.gender.label if d.gender.value != "unknown" else "Not recorded")
        o["phone"].setText(d.phone or NOT_RECORDED)
        o["email"].setText(d.email or NOT_RECORDED)
        o["external_id"].setText(d.external_id or NOT_RECORDED)
        o["sobriety_date"].setText(date_text(d.sobriety_date))
        sober = days_sober(d.sobriety_date, today)
        o["days_sober"].setText(f"{sober:,}" if sober is not None else NOT_RECORDED)
        o["stay"].setText(stay_text(d.open_stay) if d.open_stay else "Not in care")
        if d.screenings:
            last = d.screenings[0]
            o["screening"].setText(f"{last.screened_on.isoformat()}: {last.decision.label}")
        else:
            o["screening"].setText("None yet")
        o["mentor"].setText(mentor_text(d))
        self.mentor_button.setText("Change mentor…" if d.mentor else "Assign mentor…")
