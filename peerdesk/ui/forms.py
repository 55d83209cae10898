"""What every form of PeerDesk shares: labelled fields with live errors, dates, Save and Esc.

A form dialog (Picard's options pages are the model) has three faces:

* ``load(dto)`` puts a record's values into the widgets,
* ``validate() -> list[FieldError]`` runs the pure rules of ``peerdesk.domain`` on what is typed,
* ``to_draft()`` returns the frozen draft a service takes.

Errors show in red right under their field as the person types; Save stays disabled while the
form is invalid; the service checks again and its ``ValidationError`` is mapped back onto the
fields. Ctrl+S saves, Esc cancels and asks first when something was typed. Nothing typed is lost:
a refused or failed save keeps the dialog open with every character in place, and a conflict
with another workstation reloads the record while keeping the typed values ready to re-apply.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QDate, QPoint, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from peerdesk.domain.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    PeerDeskError,
    ValidationError,
)
from peerdesk.domain.validation import FieldParseError, parse_date

if TYPE_CHECKING:
    from typing_extensions import override
else:

    def override(func: Any) -> Any:
        return func


__all__ = [
    "CONFLICT_MESSAGE",
    "Banner",
    "Binding",
    "DateEdit",
    "FormDialog",
    "Parser",
    "ValueCombo",
    "error_label",
    "error_text",
    "muted",
    "override",
]

log = logging.getLogger(__name__)

T = TypeVar("T")
D = TypeVar("D")

ERROR_COLOR = "#b3261e"
MUTED_COLOR = "#5f6368"

CONFLICT_MESSAGE = "Someone else changed this record; it has been reloaded."
UNEXPECTED_MESSAGE = (
    "Something went wrong and nothing was saved. What you typed is still here: try again, "
    "and if it keeps happening tell your administrator."
)
GONE_MESSAGE = "This record no longer exists; someone may have removed it. Nothing was saved."

#: First words of domain messages that read as the end of a sentence starting with the label.
_PREDICATES = frozenset(
    {"is", "was", "may", "needs", "must", "overlaps", "has", "rating", "target"}
)


def error_text(label: str, message: str) -> str:
    """Turn a domain message into a sentence: ``is required`` → ``First name is required``."""
    first = message.split(" ", 1)[0]
    if first in _PREDICATES:
        return f"{label} {message}"
    return message[:1].upper() + message[1:]


def muted(label: QLabel) -> QLabel:
    """Grey, small print for hints and captions."""
    label.setStyleSheet(f"color: {MUTED_COLOR};")
    return label


# ---- widgets ----------------------------------------------------------------------------------


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
    """A date typed as ``YYYY-MM-DD`` (fast for people who type), with a calendar for the rest.

    Signals:
        text_changed(str): the typed text changed (by typing or by the calendar).
    """

    text_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("YYYY-MM-DD")
        self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("0000-00-00") + 28)
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
        return parse_date(self.line.text(), field_name, required=required)

    def _on_button_clicked(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setGridVisible(True)
        try:
            current = parse_date(self.line.text(), "date")
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

    STYLES: ClassVar[dict[str, tuple[str, str]]] = {
        "error": ("#fdecea", "#b3261e"),
        "warning": ("#fff4e5", "#8a5300"),
        "info": ("#e8f0fe", "#1a4fa0"),
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
        background, color = self.STYLES[kind]
        self.setStyleSheet(
            f"QFrame#banner {{ background: {background}; border: 1px solid {color};"
            f" border-radius: 4px; }} QFrame#banner QLabel {{ color: {color}; }}"
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


# ---- fields -----------------------------------------------------------------------------------


@dataclass(eq=False)
class Binding:
    """One field of a form: its domain name(s), label, widget, error label and value access."""

    key: str
    aliases: tuple[str, ...]
    label: str
    widget: QWidget
    error_label: QLabel
    get: Callable[[], object]
    set: Callable[[object], None]
    display: Callable[[object], str] = str
    touched: bool = False
    row: QWidget | None = field(default=None)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        self.widget.setAccessibleDescription(text)


def error_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    label.setWordWrap(True)
    label.hide()
    return label


class Parser:
    """Collects the parse errors of one read of a form, so all of them show at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def date(self, edit: DateEdit, field_name: str, *, required: bool = False) -> dt.date | None:
        try:
            return edit.date(field_name, required=required)
        except FieldParseError as err:
            self.errors.append(err.error)
            return None


def _dedupe(errors: Sequence[FieldError]) -> list[FieldError]:
    seen: set[FieldError] = set()
    out = []
    for e in errors:
        if e not in seen:
            seen.add(e)
            out.append(e)
    return out


# ---- the dialog -------------------------------------------------------------------------------


class FormDialog(QDialog, Generic[D]):
    """Base of every editing dialog; subclasses build fields and say how to read and save.

    Subclasses implement ``_read`` (widgets → draft, recording parse errors), ``_rules`` (the
    domain's pure checks), ``_submit`` (call the service, return the saved id) and, for records
    two workstations may edit, ``_reload``.

    Signals:
        saved(int): the service accepted the form; the id of what was saved.
        discarded(): the person chose to throw away what they typed.
    """

    saved = Signal(int)
    discarded = Signal()

    def __init__(
        self,
        title: str,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        scroll: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self._today = today
        self._bindings: dict[str, Binding] = {}
        self._aliases: dict[str, str] = {}
        self._server_errors: list[FieldError] = []
        self._show_all = False
        self._loading = False
        self._clean: dict[str, object] = {}
        self._mine: dict[str, object] = {}
        #: A key under which an unsaved draft of this form is kept (set by whoever opens it).
        self.draft_key = ""

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.hide()
        self.banner = Banner(self)
        self.notice = Banner(self)
        self.hint = muted(QLabel(self))
        self.hint.setWordWrap(True)
        self.buttons, self.save_button, self.cancel_button = self._build_buttons()

        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        outer = QVBoxLayout(self)
        outer.addWidget(self.heading)
        outer.addWidget(self.notice)
        outer.addWidget(self.banner)
        if scroll:
            inner = QWidget()
            inner.setLayout(self.body)
            area = QScrollArea(self)
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidget(inner)
            outer.addWidget(area, 1)
        else:
            outer.addLayout(self.body, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.buttons)
        outer.addLayout(bottom)

    def _build_buttons(self) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert save is not None
        assert cancel is not None
        save.setDefault(True)
        save.setToolTip("Save (Ctrl+S)")
        cancel.setToolTip("Close without saving (Esc)")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.activated.connect(self.save)
        return buttons, save, cancel

    # -- building --

    def set_heading(self, text: str) -> None:
        self.heading.setText(text)
        self.heading.setVisible(bool(text))

    def new_form(self, title: str = "") -> QFormLayout:
        """A labelled block of rows (a titled group box when ``title`` is given)."""
        box: QWidget = QGroupBox(title, self) if title else QWidget(self)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if not title:
            form.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(box)
        return form

    def bind(
        self,
        key: str | Sequence[str],
        label: str,
        widget: QWidget,
        *,
        get: Callable[[], object],
        set: Callable[[object], None],
        changed: SignalInstance | None,
        errors: QLabel,
        display: Callable[[object], str] = str,
    ) -> Binding:
        """Register a field without laying it out (rows that build their own layout)."""
        keys = (key,) if isinstance(key, str) else tuple(key)
        binding = Binding(keys[0], keys, label, widget, errors, get, set, display)
        self._bindings[binding.key] = binding
        for k in keys:
            self._aliases[k] = binding.key
        widget.setAccessibleName(label)
        errors.setAccessibleName(f"{label}: problem")
        if changed is not None:
            changed.connect(lambda *_: self._on_field_changed(binding.key))
        return binding

    def unbind(self, key: str) -> None:
        binding = self._bindings.pop(key, None)
        if binding is not None:
            for k in binding.aliases:
                self._aliases.pop(k, None)

    def add_row(
        self,
        form: QFormLayout,
        key: str | Sequence[str],
        label: str,
        widget: QWidget,
        *,
        get: Callable[[], object],
        set: Callable[[object], None],
        changed: SignalInstance,
        hint: str = "",
        display: Callable[[object], str] = str,
    ) -> Binding:
        """A labelled row: the field, an optional grey hint and the red error line under it."""
        cell = QWidget(self)
        cell.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        if hint:
            hint_label = muted(QLabel(hint, cell))
            hint_label.setWordWrap(True)
            box.addWidget(hint_label)
        errors = error_label(cell)
        box.addWidget(errors)
        caption = QLabel(f"{label}:", self)
        caption.setBuddy(widget)
        form.addRow(caption, cell)
        binding = self.bind(
            key,
            label,
            widget,
            get=get,
            set=set,
            changed=changed,
            errors=errors,
            display=display,
        )
        binding.row = cell
        return binding

    def add_line(
        self,
        form: QFormLayout,
        key: str | Sequence[str],
        label: str,
        *,
        hint: str = "",
        placeholder: str = "",
        max_length: int = 0,
    ) -> QLineEdit:
        edit = QLineEdit(self)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        if max_length:
            edit.setMaxLength(max_length)
        self.add_row(
            form,
            key,
            label,
            edit,
            get=edit.text,
            set=lambda v: edit.setText(str(v or "")),
            changed=edit.textChanged,
            hint=hint,
        )
        return edit

    def add_date(
        self, form: QFormLayout, key: str | Sequence[str], label: str, *, hint: str = ""
    ) -> DateEdit:
        edit = DateEdit(self)
        binding = self.add_row(
            form,
            key,
            label,
            edit,
            get=edit.text,
            set=lambda v: edit.setText(str(v or "")),
            changed=edit.text_changed,
            hint=hint,
        )
        edit.line.setAccessibleName(binding.label)
        return edit

    def add_text(
        self,
        form: QFormLayout,
        key: str | Sequence[str],
        label: str,
        *,
        lines: int = 3,
        hint: str = "",
        placeholder: str = "",
    ) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        self.add_row(
            form,
            key,
            label,
            edit,
            get=edit.toPlainText,
            set=lambda v: edit.setPlainText(str(v or "")),
            changed=edit.textChanged,
            hint=hint,
            display=_shorten,
        )
        return edit

    def add_combo(
        self,
        form: QFormLayout,
        key: str | Sequence[str],
        label: str,
        items: Sequence[tuple[str, T]],
        *,
        hint: str = "",
    ) -> ValueCombo[T]:
        combo: ValueCombo[T] = ValueCombo(self)
        combo.set_items(items)
        self.add_row(
            form,
            key,
            label,
            combo,
            get=combo.value,
            set=combo.set_value,  # type: ignore[arg-type]
            changed=combo.currentIndexChanged,
            hint=hint,
            display=combo.label_of,
        )
        return combo

    # -- what subclasses provide --

    def _read(self, p: Parser) -> D:
        """Build the draft from the widgets, recording parse errors in ``p``."""
        raise NotImplementedError

    def _rules(self, draft: D) -> list[FieldError]:
        """The domain's pure rules for the draft."""
        return []

    def _submit(self, draft: D) -> int:
        """Hand the draft to the service; return the id of what was saved."""
        raise NotImplementedError

    def _reload(self) -> None:
        """Fetch the record again and ``load`` it (after a conflict)."""

    def _on_refused(self, err: ValidationError) -> bool:
        """A subclass may handle a refusal itself (e.g. an override); return True if so."""
        return False

    def _translate(self, error: FieldError) -> FieldError:
        """Map a service's field name onto this form's (e.g. positions of skipped rows)."""
        return error

    # -- the three faces --

    def validate(self) -> list[FieldError]:
        """What is wrong with what is typed now, by the domain's rules."""
        p = Parser()
        draft = self._read(p)
        return _dedupe([*p.errors, *(self._translate(e) for e in self._rules(draft))])

    def to_draft(self) -> D:
        """The draft for the service; raises ``ValidationError`` when the form is invalid."""
        p = Parser()
        draft = self._read(p)
        errors = _dedupe([*p.errors, *(self._translate(e) for e in self._rules(draft))])
        if errors:
            raise ValidationError(errors)
        return draft

    def begin_load(self) -> None:
        """Call before putting a record into the widgets; ``end_load`` after."""
        self._loading = True

    def end_load(self) -> None:
        self._loading = False
        self._server_errors = []
        self._show_all = False
        for b in self._bindings.values():
            b.touched = False
        self._clean = self.snapshot()
        self.revalidate()

    # -- state --

    def field_widget(self, key: str) -> QWidget:
        return self._bindings[self._aliases[key]].widget

    def error_label(self, key: str) -> QLabel:
        return self._bindings[self._aliases[key]].error_label

    def snapshot(self) -> dict[str, object]:
        """Every field's current value, to compare (dirty?) and to put back later."""
        return {key: b.get() for key, b in self._bindings.items()}

    def restore(self, values: dict[str, object]) -> None:
        """Put values back into the fields (a kept draft, or typing lost to a reload)."""
        self._loading = True
        try:
            for key, value in values.items():
                binding = self._bindings.get(key)
                if binding is not None:
                    binding.set(value)
        finally:
            self._loading = False
        for key in values:
            binding = self._bindings.get(key)
            if binding is not None and binding.get() != self._clean.get(key):
                binding.touched = True
        self.revalidate()

    def is_dirty(self) -> bool:
        return self.snapshot() != self._clean

    def restore_draft(self, values: dict[str, object]) -> None:
        """Put back a draft kept from an earlier, unsaved visit to this form."""
        clean = dict(self._clean)
        self.restore(values)
        self.notice.show_message(
            "info",
            "Your unsaved changes from before are back in the form. Save them, or discard them.",
            [("Discard them", lambda: self._discard_restored(clean))],
        )

    def _discard_restored(self, clean: dict[str, object]) -> None:
        self.restore(clean)
        for b in self._bindings.values():
            b.touched = False
        self.notice.clear()
        self.discarded.emit()
        self.revalidate()

    # -- live validation --

    def _on_field_changed(self, key: str) -> None:
        if self._loading:
            return
        binding = self._bindings.get(key)
        if binding is not None:
            binding.touched = True
            self._server_errors = [
                e
                for e in self._server_errors
                if e.field not in binding.aliases and e.field in self._aliases
            ]
        self.revalidate()

    def revalidate(self) -> list[FieldError]:
        """Show each field's first problem (once touched) and enable Save only when all is well."""
        errors = self.validate()
        per_field: dict[str, list[FieldError]] = {}
        form_level: list[FieldError] = []
        for e in [*self._server_errors, *errors]:
            key = self._aliases.get(e.field)
            if key is None:
                form_level.append(e)
            else:
                per_field.setdefault(key, []).append(e)
        hidden: list[str] = []
        for key, binding in self._bindings.items():
            found = per_field.get(key, [])
            visible = bool(found) and (
                binding.touched or self._show_all or found[0] in self._server_errors
            )
            binding.show_error(error_text(binding.label, found[0].message) if visible else "")
            if found and not visible:
                hidden.append(binding.label)
        if form_level:
            self.banner.show_message(
                "error",
                "\n".join(error_text(_humanise(e.field), e.message) for e in _dedupe(form_level)),
            )
        else:
            self.banner.clear()
        self.hint.setText(self._hint(hidden))
        self.save_button.setEnabled(not errors and not self._server_errors)
        return errors

    def _hint(self, hidden: list[str]) -> str:
        """The grey line by Save naming what still stops it (errors not shown yet)."""
        if not hidden:
            return ""
        shown = ", ".join(hidden[:3])
        more = f" and {len(hidden) - 3} more" if len(hidden) > 3 else ""
        return f"Still needed before saving: {shown}{more}."

    def _focus_first_error(self) -> None:
        for binding in self._bindings.values():
            if binding.error_label.isVisible() or binding.error_label.text():
                binding.widget.setFocus()
                return

    # -- saving --

    def save(self) -> None:
        """Validate, hand to the service and close; on any refusal keep everything typed."""
        if not self.isVisible():  # closed already (a key repeat, a second shortcut)
            return
        errors = self.validate()
        if errors or self._server_errors:
            self._show_all = True
            self.revalidate()
            self._focus_first_error()
            return
        self.save_button.setEnabled(False)
        saved_id = self._try_submit(self.to_draft())
        if saved_id is None:
            return
        self._clean = self.snapshot()
        self.saved.emit(saved_id)
        self.accept()

    def _try_submit(self, draft: D) -> int | None:
        """The saved id, or None after telling the person why not (the form stays as typed)."""
        try:
            return self._submit(draft)
        except ConflictError:
            self._on_conflict()
        except ValidationError as err:
            if not self._on_refused(err):
                self._server_errors = [self._translate(e) for e in err.errors]
                self._show_all = True
            self.revalidate()
            self._focus_first_error()
        except NotFoundError:
            QMessageBox.warning(self, "Not saved", GONE_MESSAGE)
            self.revalidate()
        except PeerDeskError as err:
            QMessageBox.warning(self, "Not saved", str(err))
            self.revalidate()
        except Exception as exc:
            # Log where it failed, not the message: a database error may quote what was typed.
            log.error(
                "saving %s failed with %s\n%s",
                type(self).__name__,
                type(exc).__name__,
                "".join(traceback.format_tb(exc.__traceback__)),
            )
            QMessageBox.warning(self, "Not saved", UNEXPECTED_MESSAGE)
            self.revalidate()
        return None

    def _on_conflict(self) -> None:
        mine = self.snapshot()
        before = dict(self._clean)
        changed = {k: v for k, v in mine.items() if before.get(k) != v}
        try:
            self._reload()
        except NotFoundError:
            QMessageBox.warning(self, "Not saved", GONE_MESSAGE)
            self.revalidate()
            return
        self._mine = changed
        QMessageBox.warning(
            self,
            "Changed on another workstation",
            f"{CONFLICT_MESSAGE}\n\nWhat you typed is kept: press “Re-apply my changes”, "
            "check the record and save again.",
        )
        listed = "; ".join(
            f"{self._bindings[k].label}: “{self._bindings[k].display(v)}”"
            for k, v in changed.items()
            if k in self._bindings
        )
        text = CONFLICT_MESSAGE
        if listed:
            text += f"\nWhat you typed: {listed}"
        self.notice.show_message("warning", text, [("Re-apply my changes", self.reapply_mine)])
        self.revalidate()

    def reapply_mine(self) -> None:
        """Put the values typed before a conflict back over the reloaded record."""
        self.restore(self._mine)
        self._mine = {}
        self.notice.clear()

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The Ctrl+S shortcut fires while the dialog is the active window; this catches the key
        # when it arrives otherwise (a window manager that did not activate the dialog).
        if event.matches(QKeySequence.StandardKey.Save):
            event.accept()
            self.save()
            return
        super().keyPressEvent(event)

    # -- closing --

    @override
    def reject(self) -> None:
        """Esc, Cancel or the window's close button: ask first if something was typed."""
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                "Discard changes?",
                "Discard what you typed in this form?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
            self.discarded.emit()
        super().reject()

    def close_keeping_draft(self) -> dict[str, object] | None:
        """Close without asking; return what was typed (``None`` when nothing was)."""
        kept = self.snapshot() if self.is_dirty() else None
        super().reject()
        return kept

    @override
    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), 520), hint.height())


def _shorten(value: object) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= 60 else text[:57] + "…"


def _humanise(field_name: str) -> str:
    return field_name.replace("_", " ").capitalize()
