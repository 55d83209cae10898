"""The Residents area as the window starts: "Opening database…" until the services arrive.

This module is on the start-up path, so it touches as little of Qt as it can: even reading the
``Qt`` namespace costs about 40 ms the first time (PySide builds its enums then), which the
first painted window must not pay (PRODUCT.md "Scale and speed"). The list and the record live
in :mod:`peerdesk.ui.residents.workspace`, loaded by :meth:`ResidentsPage.attach`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from peerdesk.services.programs import ProgramService
    from peerdesk.services.residents import ResidentService
    from peerdesk.ui.common.record_table import RecordTableView
    from peerdesk.ui.residents.list_model import ResidentTableModel
    from peerdesk.ui.residents.list_view import ResidentListPanel
    from peerdesk.ui.residents.record_view import ResidentRecordView
    from peerdesk.ui.residents.workspace import ResidentsWorkspace


def _centred(widget: QWidget) -> QHBoxLayout:
    # Stretches on both sides centre it without reading Qt.AlignmentFlag (see the module text).
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    return row


class _LoadingPanel(QWidget):
    """What the page shows until the database is open (or why it could not be)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel("Opening database…")
        font = QFont(self.label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.label.setFont(font)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: how long a migration takes is unknown
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(320)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(_centred(self.label))
        layout.addSpacing(8)
        layout.addLayout(_centred(self.progress))
        layout.addStretch(2)

    def show_failure(self, text: str) -> None:
        from PySide6.QtCore import Qt

        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the reason is not ours to trust
        self.label.setText(text)
        self.progress.hide()


class ResidentsPage(QWidget):
    """The Residents area: "Opening database…", then the list and the record.

    Signals:
        resident_changed(int): a person was registered or their record saved here (the census
            and anything else counting residents may be stale).
    """

    resident_changed = Signal(int)

    def __init__(
        self, today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._workspace: ResidentsWorkspace | None = None
        self._loading = _LoadingPanel()
        self._stack = QStackedWidget()
        self._stack.addWidget(self._loading)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(self._stack)

    def attach(self, residents: ResidentService, programs: ProgramService) -> None:
        """Build the list and the record on the open database and fill the list."""
        from peerdesk.ui.residents.workspace import ResidentsWorkspace

        self._workspace = ResidentsWorkspace(residents, programs, self._today)
        self._workspace.resident_changed.connect(self.resident_changed)
        self._stack.addWidget(self._workspace)
        self._stack.setCurrentWidget(self._workspace)
        self._workspace.panel.focus_search()

    def show_failure(self, text: str) -> None:
        """The database could not be opened: say so where the list would be."""
        self._loading.show_failure(text)

    @property
    def is_attached(self) -> bool:
        return self._workspace is not None

    @property
    def loading_text(self) -> str:
        return self._loading.label.text()

    # -- parts, for the main window and tests --

    @property
    def workspace(self) -> ResidentsWorkspace:
        assert self._workspace is not None, "attach() first"
        return self._workspace

    @property
    def model(self) -> ResidentTableModel:
        return self.workspace.model

    @property
    def panel(self) -> ResidentListPanel:
        return self.workspace.panel

    @property
    def table(self) -> RecordTableView:
        return self.workspace.panel.table

    @property
    def record_view(self) -> ResidentRecordView:
        return self.workspace.record_view

    # -- actions (nothing to do before attach) --

    def focus_search(self) -> None:
        if self._workspace is not None:
            self._workspace.panel.focus_search()

    def refresh(self, person_id: int | None = None) -> None:
        """Run the list's query again, keeping the selected person (or ``person_id``)."""
        if self._workspace is not None:
            self._workspace.panel.refresh(person_id)

    def open_person(self, person_id: int) -> None:
        if self._workspace is not None:
            self._workspace.open_person(person_id)

    def new_person(self) -> None:
        if self._workspace is not None:
            self._workspace.new_person()
