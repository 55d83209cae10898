"""The table every area's list shows: rows of records, Enter or a double-click opens one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget
from typing_extensions import override

from peerdesk.ui import theme
from peerdesk.ui.common.paged_model import ID_ROLE, PagedTableModel


class RecordTableView(QTableView):
    """A read-only table of records over a :class:`PagedTableModel`.

    Signals:
        record_activated(int): the record whose view should open (Enter, Return, double-click).
        left_at_top(): Up was pressed on the first row (the search box takes focus back).
    """

    record_activated = Signal(int)
    left_at_top = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setCornerButtonEnabled(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet(f"QTableView:focus {{ border: 2px solid {theme.FOCUS_RING}; }}")
        self.verticalHeader().hide()
        # Fixed row heights: the view never asks every row for its size (large tables).
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(self.fontMetrics().averageCharWidth() * 6)
        self.doubleClicked.connect(self._on_self_double_clicked)

    def paged_model(self) -> PagedTableModel[Any, Any]:
        model = self.model()
        assert isinstance(model, PagedTableModel)
        return model

    def configure_columns(self) -> None:
        """Starting widths from the columns' declarations; a stretch column takes the rest."""
        header = self.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        for i, column in enumerate(self.paged_model().columns):
            header.resizeSection(i, column.width_chars * char + 16)
            mode = QHeaderView.ResizeMode.Stretch if column.stretch else None
            header.setSectionResizeMode(i, mode or QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)

    def set_compact(self, compact: bool) -> None:
        """Beside an open record show only the columns that tell records apart."""
        for i, column in enumerate(self.paged_model().columns):
            self.setColumnHidden(i, compact and not column.in_compact)

    def is_compact(self) -> bool:
        return any(self.isColumnHidden(i) for i in range(len(self.paged_model().columns)))

    def selected_id(self) -> int | None:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isRowSelected(index.row()):
            return None
        value = index.siblingAtColumn(0).data(ID_ROLE)
        return value if isinstance(value, int) else None

    def select_row(self, row: int, *, scroll: bool = True) -> None:
        """Select ``row`` and make it current; ``scroll=False`` when it is already in view."""
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        index = model.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if scroll:
            self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def activate_current(self) -> bool:
        """Open the current row's record; ``False`` when there is no usable row."""
        index = self.currentIndex()
        if not index.isValid() or not index.flags() & Qt.ItemFlag.ItemIsEnabled:
            return False
        value = index.siblingAtColumn(0).data(ID_ROLE)
        if not isinstance(value, int):
            return False
        self.record_activated.emit(value)
        return True

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() and self.activate_current():
            event.accept()
            return
        if key == Qt.Key.Key_Up and not event.modifiers() and self.currentIndex().row() <= 0:
            self.left_at_top.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_self_double_clicked(self) -> None:
        self.activate_current()
