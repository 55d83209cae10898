"""The residents list as a person uses it: search box, filters, count and the table."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from peerdesk.domain.residents import ProgramInfo, ResidentFilter, ResidentQuery
from peerdesk.ui.residents.list_model import COLUMNS, ID_ROLE, ResidentTableModel, column_of

SEARCH_PLACEHOLDER = "Search name, record number or phone (Ctrl+F)"

#: What the empty list may echo of the search text (it is the user's own screen, but a pasted
#: paragraph would push the message off it).
MAX_ECHO = 40


def _echo(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_ECHO else text[: MAX_ECHO - 1] + "…"


def people_count(n: int) -> str:
    return "1 person" if n == 1 else f"{n:,} people"


class ResidentTableView(QTableView):
    """The table of residents; Enter, Return or a double-click opens the current person.

    Signals:
        person_activated(int): the person whose record should open.
        left_at_top(): Up was pressed on the first row (the search box takes focus back).
    """

    person_activated = Signal(int)
    left_at_top = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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

    def configure_columns(self) -> None:
        """Starting widths from the columns' declarations; Name takes the spare room."""
        header = self.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        for i, column in enumerate(COLUMNS):
            header.resizeSection(i, column.width_chars * char + 16)
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(column_of("name"), QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)

    def set_compact(self, compact: bool) -> None:
        """Beside an open record show only the columns that tell people apart."""
        for i, column in enumerate(COLUMNS):
            self.setColumnHidden(i, compact and not column.in_compact)

    def is_compact(self) -> bool:
        return any(self.isColumnHidden(i) for i in range(len(COLUMNS)))

    def selected_person_id(self) -> int | None:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isRowSelected(index.row()):
            return None
        value = index.siblingAtColumn(0).data(ID_ROLE)
        return value if isinstance(value, int) else None

    def select_row(self, row: int) -> None:
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        index = model.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def activate_current(self) -> bool:
        """Open the current row's person; ``False`` when there is no usable row."""
        index = self.currentIndex()
        if not index.isValid() or not index.flags() & Qt.ItemFlag.ItemIsEnabled:
            return False
        value = index.siblingAtColumn(0).data(ID_ROLE)
        if not isinstance(value, int):
            return False
        self.person_activated.emit(value)
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


class ResidentListPanel(QWidget):
    """Search box, status and program filters, the count and the table, over one model.

    Every keystroke in the search box re-runs the id query in the database (a few ms).

    Signals:
        person_activated(int): Enter on a row (or in the search box), or a double-click.
        new_person_requested(): the "New person" button was pressed.
    """

    person_activated = Signal(int)
    new_person_requested = Signal()

    def __init__(self, model: ResidentTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.new_button = QPushButton("New person…")
        self.search_box = QLineEdit()
        self.status_combo = QComboBox()
        self.program_combo = QComboBox()
        self.count_label = QLabel()
        self.table = ResidentTableView()
        self.empty_label = QLabel()
        self._results = QStackedWidget()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(self._build_title_row())
        layout.addWidget(self._build_search_box())
        layout.addLayout(self._build_filter_row())
        layout.addWidget(self._build_results(), 1)

        model.modelReset.connect(self._on_model_model_reset)
        self._on_model_model_reset()

    def _build_title_row(self) -> QHBoxLayout:
        title = QLabel("Residents")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        self.new_button.setToolTip("Register a new person (Ctrl+N)")
        self.new_button.clicked.connect(self.new_person_requested)
        font = QFont(self.count_label.font())
        font.setBold(True)
        self.count_label.setFont(font)
        row = QHBoxLayout()
        row.addWidget(title)
        row.addSpacing(12)
        row.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        row.addWidget(self.new_button)
        return row

    def _build_search_box(self) -> QLineEdit:
        self.search_box.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search residents")
        self.search_box.setToolTip("Down moves to the list; Enter opens the first match")
        self.search_box.textChanged.connect(self._on_filters_changed)
        self.search_box.returnPressed.connect(self._on_search_box_return_pressed)
        self.search_box.installEventFilter(self)
        return self.search_box

    def _build_filter_row(self) -> QHBoxLayout:
        for f in ResidentFilter:
            self.status_combo.addItem(f.label, f.value)
        self.status_combo.currentIndexChanged.connect(self._on_filters_changed)
        status_label = QLabel("&Status")
        status_label.setBuddy(self.status_combo)

        self.program_combo.addItem("All programs", None)
        self.program_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.program_combo.setMinimumContentsLength(12)
        self.program_combo.currentIndexChanged.connect(self._on_filters_changed)
        program_label = QLabel("&Program")
        program_label.setBuddy(self.program_combo)

        row = QHBoxLayout()
        row.addWidget(status_label)
        row.addWidget(self.status_combo)
        row.addSpacing(12)
        row.addWidget(program_label)
        row.addWidget(self.program_combo)
        row.addStretch(1)
        return row

    def _build_results(self) -> QStackedWidget:
        self.table.setModel(self._model)
        self.table.configure_columns()
        # The model starts sorted by name; set the indicator first so enabling sorting does not
        # run the query again.
        self.table.horizontalHeader().setSortIndicator(
            column_of("name"), Qt.SortOrder.AscendingOrder
        )
        self.table.setSortingEnabled(True)
        self.table.person_activated.connect(self.person_activated)
        self.table.left_at_top.connect(self.focus_search)

        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        font = QFont(self.empty_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.empty_label.setFont(font)
        self.empty_label.setAutoFillBackground(True)
        self.empty_label.setBackgroundRole(QPalette.ColorRole.Base)
        self.empty_label.setMargin(24)

        self._results.addWidget(self.table)
        self._results.addWidget(self.empty_label)
        return self._results

    # -- what the page asks --

    def set_programs(self, programs: list[ProgramInfo]) -> None:
        self.program_combo.blockSignals(True)
        try:
            chosen = self.program_combo.currentData()
            self.program_combo.clear()
            self.program_combo.addItem("All programs", None)
            for p in programs:
                self.program_combo.addItem(p.name, p.id)
            self.program_combo.setCurrentIndex(max(self.program_combo.findData(chosen), 0))
        finally:
            self.program_combo.blockSignals(False)

    def current_query(self) -> ResidentQuery:
        status = self.status_combo.currentData()
        program = self.program_combo.currentData()
        return replace(
            self._model.query,
            text=self.search_box.text(),
            status=ResidentFilter(status) if isinstance(status, str) else ResidentFilter.ALL,
            program_id=program if isinstance(program, int) else None,
        )

    def clear_filters(self) -> None:
        """Show everyone again (one query, not one per widget)."""
        for widget in (self.search_box, self.status_combo, self.program_combo):
            widget.blockSignals(True)
        try:
            self.search_box.clear()
            self.status_combo.setCurrentIndex(0)
            self.program_combo.setCurrentIndex(0)
        finally:
            for widget in (self.search_box, self.status_combo, self.program_combo):
                widget.blockSignals(False)
        self._model.set_query(self.current_query())

    def refresh(self, person_id: int | None = None) -> None:
        """Run the query again; keep ``person_id`` (default: the selected person) selected."""
        keep = person_id if person_id is not None else self.table.selected_person_id()
        self._model.refresh()
        if keep is not None:
            self.select_person(keep)

    def select_person(self, person_id: int) -> bool:
        row = self._model.row_of(person_id)
        if row is None:
            return False
        self.table.select_row(row)
        return True

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def focus_table(self) -> None:
        """Focus the table with a row selected (the current one, else the first)."""
        if self._model.rowCount() == 0:
            return
        if self.table.selected_person_id() is None:
            self.table.select_row(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- slots --

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
            and self._model.rowCount() > 0
        ):
            self.table.select_row(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _on_filters_changed(self) -> None:
        query = self.current_query()
        if query != self._model.query:
            self._model.set_query(query)

    def _on_search_box_return_pressed(self) -> None:
        if self._model.rowCount() == 0:
            return
        if self.table.selected_person_id() is None:
            self.table.select_row(0)
        self.table.activate_current()

    def _on_model_model_reset(self) -> None:
        n = self._model.rowCount()
        query = self._model.query
        self.count_label.setText(people_count(n))
        message = self._empty_message(query) if n == 0 else ""
        self.empty_label.setText(message)
        self._results.setCurrentWidget(self.empty_label if message else self.table)

    def _empty_message(self, query: ResidentQuery) -> str:
        if self._model.error is not None:
            return (
                f"The list could not be read from the database ({self._model.error}). "
                "Press F5 to try again."
            )
        text = query.text.strip()
        filtered = query.status is not ResidentFilter.ALL or query.program_id is not None
        if text and filtered:
            return (
                f"No one matches '{_echo(text)}' with the status and program chosen. "
                "Try Everyone and All programs, or press Ctrl+N to register a new person."
            )
        if text:
            return f"No one matches '{_echo(text)}'. Press Ctrl+N to register a new person."
        if filtered:
            return "No one matches the status and program chosen."
        return "No one is registered yet. Press Ctrl+N to register the first person."
