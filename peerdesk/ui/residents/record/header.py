"""The record's header: who the person is and where they stand, at a glance."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from peerdesk.domain.residents import ResidentDetail, days_sober
from peerdesk.ui import theme
from peerdesk.ui.residents.record.widgets import ElidedLabel, date_text, muted

#: A read shorter than this shows no busy state at all (no flicker on a quick open).
BUSY_DELAY_MS = 150


class RecordHeader(QFrame):
    """Name, record number, status badge, program, days sober, a busy note and Close.

    Long names and program texts are shortened with "…" (the whole text in the tool tip), so
    the header never makes the window wider.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordHeader")
        self.setStyleSheet("QFrame#recordHeader { border-bottom: 1px solid palette(mid); }")
        self.name_label = ElidedLabel(self)
        self.name_label.setAccessibleName("Name")
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.record_label = QLabel(self)
        self.record_label.setAccessibleName("Record number")
        self.record_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(self)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.program_label = ElidedLabel(self, minimum_chars=6)
        self.program_label.setStyleSheet(f"color: {theme.MUTED};")
        self.program_label.setAccessibleName("Program")
        #: "Opening…" while the record is read in the background (only if that takes a while).
        self.busy_label = muted(QLabel("Opening…", self))
        self.busy_label.setAccessibleName("Loading")
        self.busy_label.hide()
        self._blocked: QWidget | None = None
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._on_busy_timer_timeout)
        line = QHBoxLayout()
        line.setSpacing(8)
        line.addWidget(self.record_label)
        line.addWidget(self.status_label)
        line.addWidget(self.busy_label)
        line.addStretch(1)
        self._build_days()
        days = QVBoxLayout()
        days.setSpacing(0)
        days.addWidget(self.days_label)
        days.addWidget(self.days_caption)
        self.close_button = QPushButton("Close", self)
        self.close_button.setAutoDefault(False)
        self.close_button.setToolTip("Close this record (Esc)")
        # Name and status on the left, days sober and Close on the right; the program has a
        # line of its own, as wide as the header, so it is rarely shortened.
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 6)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.name_label, 0, 0)
        grid.addLayout(line, 1, 0)
        grid.addLayout(days, 0, 1, 2, 1)
        grid.addWidget(self.close_button, 0, 2, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.program_label, 2, 0, 1, 3)
        grid.setColumnStretch(0, 1)

    def _build_days(self) -> None:
        self.days_label = QLabel(self)
        self.days_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        big = QFont(self.days_label.font())
        big.setPointSizeF(big.pointSizeF() * 2.0)
        big.setBold(True)
        self.days_label.setFont(big)
        self.days_label.setStyleSheet(f"color: {theme.SUCCESS};")
        self.days_caption = muted(QLabel(self))
        self.days_caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

    def show_busy_soon(self, blocked: QWidget | None = None) -> None:
        """A read started: say "Opening…" (and disable ``blocked``) if it is not over soon."""
        self._blocked = blocked
        self._busy_timer.start()

    def end_busy(self) -> None:
        self._busy_timer.stop()
        self.busy_label.hide()
        if self._blocked is not None:
            self._blocked.setEnabled(True)
            self._blocked = None

    def _on_busy_timer_timeout(self) -> None:
        self.busy_label.show()
        if self._blocked is not None:
            self._blocked.setEnabled(False)

    def show_detail(self, d: ResidentDetail, today: dt.date) -> None:
        open_stay = d.open_stay
        self.name_label.set_full_text(f"{d.first_name} {d.last_name}")
        self.record_label.setText(d.record_number)
        tone = theme.status_tone(d.status)
        self.status_label.setText(d.status.label)
        self.status_label.setStyleSheet(
            f"QLabel {{ background: {tone.background}; color: {tone.foreground};"
            " border-radius: 9px; padding: 2px 10px; font-weight: bold; }"
        )
        self.status_label.setAccessibleName(f"Status: {d.status.label}")
        if open_stay is not None:
            program = f"{open_stay.program_name}, admitted {open_stay.admission_date.isoformat()}"
            if open_stay.override_reason:
                program += " (by override)"
        elif d.stays:
            last = d.stays[0]
            program = f"Last stay: {last.program_name}, until {date_text(last.discharge_date)}"
        else:
            program = "No stay yet"
        self.program_label.set_full_text(program)
        self.program_label.setAccessibleDescription(program)
        sober = days_sober(d.sobriety_date, today)
        self.days_label.setVisible(sober is not None)
        if sober is None:
            self.days_caption.setText("No sobriety\ndate recorded")
        else:
            self.days_label.setText(f"{sober:,}")
            self.days_caption.setText(f"days sober\nsince {d.sobriety_date}")
        self.days_label.setAccessibleName(
            f"{sober} days sober" if sober is not None else "No sobriety date"
        )
