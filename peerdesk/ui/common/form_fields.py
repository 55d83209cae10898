"""The fields of a form: how a dialog lays out labelled rows and binds them to its state.

``FormFields`` is the half of ``FormDialog`` that builds: ``new_form`` makes a block of rows,
``add_line``, ``add_date``, ``add_text`` and ``add_combo`` add a labelled field with its grey
hint and its red error line (a line kept free while there is no error, so nothing moves when
one shows), and ``bind`` registers a field that lays itself out. ``focus_chain`` reads the
order Tab should follow from the layouts, as the fields are drawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from peerdesk.domain.errors import FieldError
from peerdesk.domain.validation import FieldParseError
from peerdesk.ui.common.form_state import Field, FormState
from peerdesk.ui.common.widgets import DateEdit, ValueCombo, error_label, muted

__all__ = ["Binding", "FormFields", "Parser", "focus_chain", "reserve_line"]

T = TypeVar("T")


@dataclass(eq=False)
class Binding:
    """One field of a form on screen: its state, widget, error label and value access."""

    field: Field
    widget: QWidget
    error_label: QLabel
    get: Callable[[], object]
    set: Callable[[object], None]
    row: QWidget | None = None

    @property
    def key(self) -> str:
        return self.field.key

    @property
    def label(self) -> str:
        return self.field.label

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.field.aliases

    @property
    def touched(self) -> bool:
        return self.field.touched

    @touched.setter
    def touched(self, value: bool) -> None:
        self.field.touched = value

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        self.widget.setAccessibleDescription(text)


def reserve_line(label: QLabel) -> QLabel:
    """Keep a line of room for ``label`` while it is hidden, so showing it moves nothing."""
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    label.setMinimumHeight(label.fontMetrics().lineSpacing())
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


def focus_chain(layout: QLayout) -> list[QWidget]:
    """The widgets Tab should visit in ``layout``, in the order they are laid out."""
    out: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        child_layout = item.layout()
        widget = item.widget()
        if child_layout is not None:
            out += focus_chain(child_layout)
        elif widget is not None:
            out += _focus_chain_of(widget)
    return out


def _focus_chain_of(widget: QWidget) -> list[QWidget]:
    # A widget with a focus proxy (a date field) is a Tab stop of its own in Qt's chain: it is
    # the one to put in order, and Qt moves its children along with it.
    if widget.focusProxy() is not None or widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return [widget]
    if isinstance(widget, QScrollArea):
        inner = widget.widget()
        return _focus_chain_of(inner) if inner is not None else []
    layout = widget.layout()
    return focus_chain(layout) if layout is not None else []


class FormFields:
    """Builds a form's rows into ``body`` and binds each field to ``state`` (a mixin).

    The dialog that mixes it in provides ``state``, ``body``, ``_bindings``, ``heading`` and
    ``_on_field_changed``. Widgets are made without a parent: the layouts adopt them.
    """

    state: FormState
    body: QVBoxLayout
    heading: QLabel
    _bindings: dict[str, Binding]

    def _on_field_changed(self, key: str) -> None:
        raise NotImplementedError

    def set_heading(self, text: str) -> None:
        self.heading.setText(text)
        self.heading.setVisible(bool(text))

    def new_form(self, title: str = "") -> QFormLayout:
        """A labelled block of rows (a titled group box when ``title`` is given)."""
        box: QWidget = QGroupBox(title) if title else QWidget()
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(4)
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
        binding = Binding(self.state.add(key, label, display), widget, errors, get, set)
        self._bindings[binding.key] = binding
        widget.setAccessibleName(label)
        errors.setAccessibleName(f"{label}: problem")
        if changed is not None:
            changed.connect(lambda *_: self._on_field_changed(binding.key))
        return binding

    def unbind(self, key: str) -> None:
        self._bindings.pop(key, None)
        self.state.remove(key)

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
        cell = QWidget()
        cell.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        if hint:
            hint_label = muted(QLabel(hint, cell))
            hint_label.setWordWrap(True)
            box.addWidget(hint_label)
        errors = reserve_line(error_label(cell))
        box.addWidget(errors)
        caption = QLabel(f"{label}:")
        caption.setBuddy(widget)
        form.addRow(caption, cell)
        binding = self.bind(
            key, label, widget, get=get, set=set, changed=changed, errors=errors, display=display
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
        edit = QLineEdit()
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
        edit = DateEdit()
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
        edit = QPlainTextEdit()
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
        combo: ValueCombo[T] = ValueCombo()
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


def _shorten(value: object) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= 60 else text[:57] + "…"
