"""Small widgets and helpers every tab of the record uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QIcon,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from typing_extensions import override

from peerdesk.ui import theme

NOT_RECORDED = "—"

#: A visible focus ring on lists, tables and buttons (the platform's own is a faint dotted
#: line, or none). Buttons are drawn by the style sheet in every state, with the same outer
#: size focused or not (1 px border + 4 px padding = 2 px ring + 3 px padding), so the ring
#: never clips a button's text.
FOCUS_CSS = (
    f"QAbstractItemView:focus {{ border: 2px solid {theme.FOCUS_RING}; }}"
    " QPushButton { background: palette(button); border: 1px solid palette(mid);"
    " border-radius: 3px; padding: 4px 10px; }"
    " QPushButton:hover { background: palette(light); }"
    " QPushButton:pressed { background: palette(midlight); }"
    f" QPushButton:disabled {{ color: {theme.MUTED}; border-color: palette(midlight); }}"
    f" QPushButton:focus {{ border: 2px solid {theme.FOCUS_RING}; padding: 3px 9px; }}"
)


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else NOT_RECORDED


def muted(label: QLabel) -> QLabel:
    """Grey print for hints and captions."""
    label.setStyleSheet(f"color: {theme.MUTED};")
    return label


def dot_icon(color: str) -> QIcon:
    """A small filled circle (beside a word, never instead of one)."""
    pix = QPixmap(12, 12)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(color))
    p.drawEllipse(1, 1, 10, 10)
    p.end()
    return QIcon(pix)


def paint_focus_ring(widget: QWidget) -> None:
    """Draw the focus ring around ``widget`` (from its ``paintEvent``)."""
    p = QPainter(widget)
    p.setPen(QPen(QColor(theme.FOCUS_RING), 2))
    p.drawRect(widget.rect().adjusted(1, 1, -1, -1))
    p.end()


def banner_label(parent: QWidget, tone: theme.Tone, accessible_name: str) -> QLabel:
    """A wrapping sentence on a tinted band, with links (the record's next step)."""
    label = QLabel(parent)
    label.setAccessibleName(accessible_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(200)
    label.setStyleSheet(
        f"QLabel {{ background: {tone.background}; color: {tone.foreground};"
        " border-radius: 4px; padding: 6px; }"
    )
    return label


def value_label(parent: QWidget, accessible_name: str = "") -> QLabel:
    """A read-only value in a form: selectable, wrapping, named for screen readers."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    # Wrapping labels otherwise ask for their whole text's width as their minimum.
    label.setMinimumWidth(80)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    if accessible_name:
        label.setAccessibleName(accessible_name)
    return label


def button(text: str, parent: QWidget, slot: Callable[[], None], tip: str = "") -> QPushButton:
    b = QPushButton(text, parent)
    b.setAutoDefault(False)
    if tip:
        b.setToolTip(tip)
    b.clicked.connect(slot)
    return b


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property (``primary``) changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class ElidedLabel(QLabel):
    """One line of plain text that shortens with "…" instead of widening the window.

    The whole text stays in the tool tip and the accessible name.
    """

    def __init__(self, parent: QWidget | None = None, minimum_chars: int = 8) -> None:
        super().__init__(parent)
        self._full = ""
        self._minimum_chars = minimum_chars
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    @override
    def minimumSizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        width = metrics.horizontalAdvance("x" * self._minimum_chars)
        return QSize(width, super().minimumSizeHint().height())

    @override
    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        return QSize(metrics.horizontalAdvance(self._full) + 4, super().sizeHint().height())

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        self._elide()
        super().paintEvent(event)

    def _elide(self) -> None:
        shown = QFontMetrics(self.font()).elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(self.width(), 1)
        )
        if shown != self.text():
            self.setText(shown)


class EmptyOr(QStackedWidget):
    """A tab's content, or a sentence saying why there is none and what to do."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = muted(QLabel(self))
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.message.setMinimumWidth(120)
        self.addWidget(self.message)
        self.addWidget(content)

    def show_content(self, has_content: bool, empty_text: str = "") -> None:
        if empty_text:
            self.message.setText(empty_text)
        self.setCurrentIndex(1 if has_content else 0)


def scrolling(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` in a frameless vertical scroll area (a tab that may be taller than the desk)."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area


class ReadOnlyTable(QTableWidget):
    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setHighlightSections(False)
        # Rows wrap to their columns' widths; a few rows, so re-measuring them is cheap.
        self.horizontalHeader().sectionResized.connect(self._on_header_section_resized)
        self.setMinimumWidth(200)

    def _on_header_section_resized(self, *_args: object) -> None:
        self.resizeRowsToContents()

    def set_row(self, row: int, values: list[str], key: int | None = None) -> None:
        for col, text in enumerate(values):
            item = QTableWidgetItem(text)
            if key is not None:
                item.setData(Qt.ItemDataRole.UserRole, key)
            self.setItem(row, col, item)

    def row_texts(self) -> list[list[str]]:
        """The table as a person reads it."""
        return [
            [(item.text() if (item := self.item(r, c)) else "") for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]


class FlowLayout(QLayout):
    """Widgets in a row that wraps onto the next line when the row is too narrow.

    A row of buttons then never sets the record's minimum width (Qt's flow layout example).
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    @override
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    @override
    def count(self) -> int:
        return len(self._items)

    @override
    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    @override
    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    @override
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    @override
    def hasHeightForWidth(self) -> bool:
        return True

    @override
    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    @override
    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    @override
    def sizeHint(self) -> QSize:
        return self.minimumSize()

    @override
    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x = area.x()
                y += line_height + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + m.bottom()
