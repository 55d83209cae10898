"""The widget kit every form uses: dates, value combos, banners, captions and the wheel guard.

Nothing here knows about records or services; colours come from ``peerdesk.ui.theme``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from peerdesk.domain.validation import DATE_FORMATS_HINT, FieldParseError, parse_typed_date
from peerdesk.ui import theme

if TYPE_CHECKING:
    from typing_extensions import override
else:

    def override(func: Any) -> Any:
        return func


__all__ = [
    "FOCUS_RING_CSS",
    "Banner",
    "DateEdit",
    "ValueCombo",
    "WheelGuard",
    "error_label",
    "guard_wheel",
    "muted",
    "override",
]

T = TypeVar("T")

#: A visible focus ring for the controls whose platform style draws none (Fusion, offscreen).
FOCUS_RING_CSS = (
    f"QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QAbstractSpinBox:focus"
    f" {{ border: 2px solid {theme.FOCUS_RING}; border-radius: 3px; }}"
    f" QToolButton:focus, QPushButton:focus, QCheckBox:focus"
    f" {{ outline: 2px solid {theme.FOCUS_RING}; border: 2px solid {theme.FOCUS_RING};"
    f" border-radius: 3px; }}"
)


def muted(label: QLabel) -> QLabel:
    """Grey, small print for hints and captions."""
    label.setStyleSheet(f"color: {theme.MUTED};")
    return label


def error_label(parent: QWidget | None = None) -> QLabel:
    """The red line under a field; hidden while there is nothing to say."""
    label = QLabel(parent)
    label.setStyleSheet(f"color: {theme.ERROR};")
    label.setWordWrap(True)
    label.hide()
    return label


class WheelGuard(QObject):
    """An event filter: a wheel over an unfocused combo or spin box scrolls the form instead.

    Without it, scrolling a long form silently changes whatever drop-down passes under the
    pointer (the screening form once set "Stage of change" to Maintenance that way).
    """

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() != QEvent.Type.Wheel
            or not isinstance(watched, QWidget)
            or watched.hasFocus()
        ):
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        viewport = area.viewport() if area is not None else None
        if viewport is not None:
            QApplication.sendEvent(viewport, event)  # the form scrolls
        else:
            event.ignore()
        return True


def guard_wheel(root: QWidget, guard: WheelGuard) -> None:
    """Put ``guard`` on every combo and spin box under ``root`` and let only a click focus them."""
    for widget in [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]:
        if widget.property("wheel_guarded"):
            continue
        widget.setProperty("wheel_guarded", True)
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(guard)


def _calendar_icon(color: QColor) -> QIcon:
    """A small calendar drawn in code, so the form needs no icon files."""
    pix = QPixmap(16, 16)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setPen(color)
    p.drawRect(1, 2, 13, 12)
    p.fillRect(1, 2, 14, 4, color)
    for row in range(2):
        for col in range(3):
            p.fillRect(3 + col * 4, 8 + row * 3, 2, 2, color)
    p.end()
    return QIcon(pix)


class DateEdit(QWidget):
    """A typed date (``11/18/1983``, ``11-18-1983`` or ``1983-11-18``), with a calendar.

    Signals:
        text_changed(str): the typed text changed (by typing or by the calendar).
    """

    text_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("MM/DD/YYYY")
        self.line.setToolTip(f"Type a date as {DATE_FORMATS_HINT}")
        self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("00/00/00000") + 28)
        self.line.textChanged.connect(self.text_changed)
        self.button = QToolButton(self)
        self.button.setIcon(_calendar_icon(self.palette().text().color()))
        self.button.setToolTip("Pick a date from a calendar")
        self.button.setAccessibleName("Pick a date from a calendar")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self._on_button_clicked)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addWidget(self.line)
        box.addWidget(self.button)
        box.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.line)

    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:
        self.line.setText(text)

    def set_date(self, value: dt.date | None) -> None:
        self.line.setText(value.isoformat() if value else "")

    def date(self, field_name: str, *, required: bool = False) -> dt.date | None:
        """The typed date; raises ``FieldParseError`` naming ``field_name``."""
        return parse_typed_date(self.line.text(), field_name, required=required)

    def _on_button_clicked(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setGridVisible(True)
        try:
            current = parse_typed_date(self.line.text(), "date")
        except FieldParseError:
            current = None
        if current is not None:
            calendar.setSelectedDate(QDate(current.year, current.month, current.day))

        def picked(day: QDate) -> None:
            self.line.setText(dt.date(day.year(), day.month(), day.day()).isoformat())
            menu.close()
            self.line.setFocus()

        calendar.clicked.connect(picked)
        calendar.activated.connect(picked)
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.button.mapToGlobal(QPoint(0, self.button.height())))
        calendar.setFocus()


class ValueCombo(QComboBox, Generic[T]):
    """A combo box whose items carry Python values (enums stay enums, ``None`` stays ``None``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[T] = []

    def set_items(self, items: Sequence[tuple[str, T]]) -> None:
        self.blockSignals(True)
        self.clear()
        self._values = []
        for label, value in items:
            self.addItem(label)
            self._values.append(value)
        self.blockSignals(False)
        self.setCurrentIndex(0 if items else -1)

    def value(self) -> T | None:
        i = self.currentIndex()
        return self._values[i] if 0 <= i < len(self._values) else None

    def values(self) -> list[T]:
        return list(self._values)

    def set_value(self, value: T | None) -> bool:
        """Select the item holding ``value``; return whether there is one."""
        for i, v in enumerate(self._values):
            if v == value:
                self.setCurrentIndex(i)
                return True
        return False

    def label_of(self, value: object) -> str:
        for i, v in enumerate(self._values):
            if v == value:
                return self.itemText(i)
        return ""


class Banner(QFrame):
    """A coloured strip at the top of a form: refused saves, conflicts, restored drafts."""

    TONES: ClassVar[dict[str, theme.Tone]] = {
        "error": theme.ERROR_TONE,
        "warning": theme.WARNING_TONE,
        "info": theme.INFO_TONE,
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        box.addWidget(self.label)
        box.addLayout(self._buttons)
        self.hide()

    def show_message(
        self,
        kind: str,
        text: str,
        actions: Sequence[tuple[str, Callable[[], None]]] = (),
    ) -> list[QPushButton]:
        tone = self.TONES[kind]
        self.setStyleSheet(
            f"QFrame#banner {{ background: {tone.background}; border: 1px solid"
            f" {tone.foreground}; border-radius: 4px; }}"
            f" QFrame#banner QLabel {{ color: {tone.foreground}; }}"
        )
        self.label.setText(text)
        self.setAccessibleName(text)
        while self._buttons.count() > 1:
            item = self._buttons.takeAt(1)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        buttons = []
        for caption, slot in actions:
            button = QPushButton(caption, self)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            self._buttons.addWidget(button)
            buttons.append(button)
        self.show()
        return buttons

    def clear(self) -> None:
        self.label.clear()
        self.hide()
