"""An area's list as a person uses it: title, count, search box, filters and the table.

Every keystroke in the search box re-runs the id query in the database (a few ms); a new
search scrolls to the top and selects the first match, so Enter opens what the person sees.
Esc in a non-empty search box clears it; Down moves into the table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from peerdesk.ui.common.paged_model import PagedTableModel, Q
from peerdesk.ui.common.record_table import RecordTableView

#: What the empty list may echo of the search text (it is the user's own screen, but a pasted
#: paragraph would push the message off it).
MAX_ECHO = 40


def echo(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_ECHO else text[: MAX_ECHO - 1] + "…"


@dataclass(frozen=True)
class ListFilter:
    """A drop-down that narrows the list; its first option shows everything."""

    key: str
    label: str  # with a mnemonic: "&Status"
    noun: str  # for messages: "status"
    options: Sequence[tuple[str, object]]
    min_chars: int = 0


@dataclass(frozen=True)
class ListTexts:
    """The words of one area's list."""

    title: str  # "Residents"
    one: str  # "person"
    many: str  # "people"
    nobody: str  # "No one"
    search_placeholder: str
    search_name: str  # accessible name of the search box
    table_name: str  # accessible name of the table
    new_label: str  # "New person…"
    new_tip: str  # "Register a new person (Ctrl+N)"
    new_hint: str  # "press Ctrl+N to register a new person"
    first_hint: str  # "No one is registered yet. Press Ctrl+N to register the first person."

    def count(self, n: int) -> str:
        return f"1 {self.one}" if n == 1 else f"{n:,} {self.many}"


#: Builds the next query from the current one, the search text and the filters' values.
QueryMaker = Callable[[Q, str, Mapping[str, object]], Q]


class RecordListPanel(QWidget, Generic[Q]):
    """Search box, filters, the count and the table, over one paged model.

    Signals:
        record_activated(int): Enter on a row (or in the search box), or a double-click.
        new_requested(): the "New …" button was pressed.
    """

    record_activated = Signal(int)
    new_requested = Signal()

    def __init__(
        self,
        model: PagedTableModel[Q, Any],
        texts: ListTexts,
        filters: Sequence[ListFilter],
        make_query: QueryMaker[Q],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._texts = texts
        self._filters = tuple(filters)
        self._make_query = make_query
        self.new_button = QPushButton(texts.new_label)
        self.search_box = QLineEdit()
        self.combos: dict[str, QComboBox] = {f.key: QComboBox() for f in self._filters}
        self.count_label = QLabel()
        self.table = RecordTableView(texts.table_name)
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
        title = QLabel(self._texts.title)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        self.new_button.setToolTip(self._texts.new_tip)
        self.new_button.clicked.connect(self.new_requested)
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
        self.search_box.setPlaceholderText(self._texts.search_placeholder)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(self._texts.search_name)
        self.search_box.setToolTip(
            "Down moves to the list; Enter opens the selected match; Esc clears"
        )
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self.search_box.returnPressed.connect(self._on_search_box_return_pressed)
        self.search_box.installEventFilter(self)
        return self.search_box

    def _build_filter_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for i, spec in enumerate(self._filters):
            combo = self.combos[spec.key]
            for text, value in spec.options:
                combo.addItem(text, value)
            if spec.min_chars:
                combo.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                combo.setMinimumContentsLength(spec.min_chars)
            combo.setAccessibleName(spec.label.replace("&", ""))
            combo.currentIndexChanged.connect(self._on_filters_changed)
            label = QLabel(spec.label)
            label.setBuddy(combo)
            if i:
                row.addSpacing(12)
            row.addWidget(label)
            row.addWidget(combo)
        row.addStretch(1)
        return row

    def _build_results(self) -> QStackedWidget:
        self.table.setModel(self._model)
        self.table.configure_columns()
        # Show the model's starting order first, so enabling sorting does not query again.
        first = next(
            (i for i, c in enumerate(self._model.columns) if c.sort == self._model.query.sort),
            0,
        )
        order = Qt.SortOrder.DescendingOrder if self._model.query.descending else None
        self.table.horizontalHeader().setSortIndicator(first, order or Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.record_activated.connect(self.record_activated)
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

    def set_filter_options(self, key: str, options: Sequence[tuple[str, object]]) -> None:
        """Replace a filter's options (the first shows everything), keeping the choice."""
        combo = self.combos[key]
        combo.blockSignals(True)
        try:
            chosen = combo.currentData()
            combo.clear()
            for text, value in options:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
        finally:
            combo.blockSignals(False)

    def filter_values(self) -> dict[str, object]:
        return {key: combo.currentData() for key, combo in self.combos.items()}

    def current_query(self) -> Q:
        return self._make_query(self._model.query, self.search_box.text(), self.filter_values())

    def is_filtered(self) -> bool:
        return any(combo.currentIndex() > 0 for combo in self.combos.values())

    def clear_filters(self) -> None:
        """Show everything again (one query, not one per widget)."""
        widgets: list[QWidget] = [self.search_box, *self.combos.values()]
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search_box.clear()
            for combo in self.combos.values():
                combo.setCurrentIndex(0)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._model.set_query(self.current_query())

    def refresh(self, record_id: int | None = None) -> None:
        """Run the query again; keep ``record_id`` (default: the selected record) selected."""
        keep = record_id if record_id is not None else self.table.selected_id()
        self._model.refresh()
        if keep is not None:
            self.select_record(keep)

    def select_record(self, record_id: int) -> bool:
        row = self._model.row_of(record_id)
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
        if self.table.selected_id() is None:
            self.table.select_row(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- slots --

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and not event.modifiers()
        ):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self._model.rowCount() > 0:
                if self.table.selected_id() is None:
                    self.table.select_row(0)
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if key == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                return True
        return super().eventFilter(watched, event)

    def _on_search_box_text_changed(self) -> None:
        if self._run_query():
            # A new search starts at its best match: the top row, selected and in view.
            self.table.scrollToTop()
            self.table.select_row(0, scroll=False)

    def _on_filters_changed(self) -> None:
        self._run_query()

    def _run_query(self) -> bool:
        query = self.current_query()
        if query == self._model.query:
            return False
        self._model.set_query(query)
        return True

    def _on_search_box_return_pressed(self) -> None:
        if self._model.rowCount() == 0:
            return
        if self.table.selected_id() is None:
            self.table.select_row(0)
        self.table.activate_current()

    def _on_model_model_reset(self) -> None:
        n = self._model.rowCount()
        self.count_label.setText(self._texts.count(n))
        message = self._empty_message() if n == 0 else ""
        self.empty_label.setText(message)
        self._results.setCurrentWidget(self.empty_label if message else self.table)

    def _empty_message(self) -> str:
        t = self._texts
        if self._model.error is not None:
            return (
                f"The list could not be read from the database ({self._model.error}). "
                "Press F5 to try again."
            )
        text = self.search_box.text().strip()
        filtered = self.is_filtered()
        nouns = " and ".join(f.noun for f in self._filters)
        if text and filtered:
            everything = " and ".join(str(f.options[0][0]) for f in self._filters)
            return (
                f"{t.nobody} matches '{echo(text)}' with the {nouns} chosen. "
                f"Try {everything}, or {t.new_hint}."
            )
        if text:
            return f"{t.nobody} matches '{echo(text)}'. {t.new_hint[0].upper()}{t.new_hint[1:]}."
        if filtered:
            return f"{t.nobody} matches the {nouns} chosen."
        return t.first_hint
