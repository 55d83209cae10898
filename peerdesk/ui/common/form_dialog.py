"""The dialog every form of PeerDesk is: labelled fields with live errors, Ctrl+S and Esc.

A form dialog (Picard's options pages are the model) has three faces:

* ``load(dto)`` puts a record's values into the widgets,
* ``validate() -> list[FieldError]`` runs the pure rules of ``peerdesk.domain`` on what is typed,
* ``to_draft()`` returns the frozen draft a service takes.

Errors show in red right under their field as the person types (``FormState`` decides which);
Save stays disabled while the form is invalid; the service checks again and its
``ValidationError`` is mapped back onto the fields. Ctrl+S saves, Esc cancels and asks first
when something was typed; Enter never saves (it would save a form whose first field was just
typed in). The dialog opens with the cursor in its first field, Tab follows the fields as drawn,
the wheel never changes a drop-down that has no focus, and an error appearing does not make the
dialog jump (every field keeps a line for its message). Nothing typed is lost: a refused or
failed save keeps the dialog open with every character in place, and a conflict with another
workstation reloads the record while keeping the typed values ready to re-apply.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from peerdesk.domain.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    PeerDeskError,
    ValidationError,
)
from peerdesk.ui.common.form_fields import Binding, FormFields, Parser, focus_chain
from peerdesk.ui.common.form_state import FormState, FormView, dedupe
from peerdesk.ui.common.widgets import (
    FOCUS_RING_CSS,
    Banner,
    WheelGuard,
    guard_wheel,
    muted,
    override,
)

__all__ = [
    "CONFLICT_MESSAGE",
    "GONE_MESSAGE",
    "UNEXPECTED_MESSAGE",
    "Binding",
    "FormDialog",
    "Parser",
    "focus_chain",
]

log = logging.getLogger(__name__)

T = TypeVar("T")
D = TypeVar("D")

CONFLICT_MESSAGE = "Someone else changed this record; it has been reloaded."
UNEXPECTED_MESSAGE = (
    "Something went wrong and nothing was saved. What you typed is still here: try again, "
    "and if it keeps happening tell your administrator."
)
GONE_MESSAGE = "This record no longer exists; someone may have removed it. Nothing was saved."


class FormDialog(QDialog, FormFields, Generic[D]):
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
        self.setMinimumWidth(620)
        self.setStyleSheet(FOCUS_RING_CSS)
        self._today = today
        self.state = FormState()
        self._bindings: dict[str, Binding] = {}
        self._mine: dict[str, object] = {}
        self._wheel_guard = WheelGuard(self)
        self._shown_once = False
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
        # Two lines, fixed: the summary appearing or growing never resizes the dialog.
        self.hint.setFixedHeight(self.hint.fontMetrics().lineSpacing() * 2 + 2)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.hint.setAccessibleName("What still stops saving")
        self.buttons, self.save_button, self.cancel_button = self._build_buttons()

        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        self.scroll_area: QScrollArea | None = None
        self._outer = QVBoxLayout(self)
        self._outer.addWidget(self.heading)
        self._outer.addWidget(self.notice)
        self._outer.addWidget(self.banner)
        if scroll:
            inner = QWidget()
            inner.setLayout(self.body)
            area = QScrollArea(self)
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            # Not a Tab stop of its own: an invisible stop swallows what is typed next.
            area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            area.setWidget(inner)
            self.scroll_area = area
            self._outer.addWidget(area, 1)
        else:
            self._outer.addLayout(self.body, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.buttons)
        self._outer.addLayout(bottom)

    def _build_buttons(self) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert save is not None
        assert cancel is not None
        save.setToolTip("Save (Ctrl+S)")
        cancel.setToolTip("Close without saving (Esc)")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.activated.connect(self.save)
        return buttons, save, cancel

    # -- building --

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

    def _confirm(self, draft: D) -> bool:
        """A last question before saving (e.g. a rule broken on purpose); False keeps editing."""
        return True

    # -- the three faces --

    def validate(self) -> list[FieldError]:
        """What is wrong with what is typed now, by the domain's rules."""
        p = Parser()
        draft = self._read(p)
        return dedupe([*p.errors, *(self._translate(e) for e in self._rules(draft))])

    def to_draft(self) -> D:
        """The draft for the service; raises ``ValidationError`` when the form is invalid."""
        p = Parser()
        draft = self._read(p)
        errors = dedupe([*p.errors, *(self._translate(e) for e in self._rules(draft))])
        if errors:
            raise ValidationError(errors)
        return draft

    def begin_load(self) -> None:
        """Call before putting a record into the widgets; ``end_load`` after."""
        self.state.loading = True

    def end_load(self) -> None:
        self.state.loaded(self.snapshot())
        self.revalidate()

    # -- state --

    @property
    def bindings(self) -> list[Binding]:
        return list(self._bindings.values())

    def binding(self, key: str) -> Binding:
        found = self.state.key_of(key)
        if found is None:
            raise KeyError(key)
        return self._bindings[found]

    def field_widget(self, key: str) -> QWidget:
        return self.binding(key).widget

    def error_label(self, key: str) -> QLabel:
        return self.binding(key).error_label

    def snapshot(self) -> dict[str, object]:
        """Every field's current value, to compare (dirty?) and to put back later."""
        return {key: b.get() for key, b in self._bindings.items()}

    def restore(self, values: dict[str, object]) -> None:
        """Put values back into the fields (a kept draft, or typing lost to a reload)."""
        loading = self.state.loading
        self.state.loading = True
        try:
            for key, value in values.items():
                binding = self._bindings.get(key)
                if binding is not None:
                    binding.set(value)
        finally:
            self.state.loading = loading
        self.state.restored(self.snapshot())
        self.revalidate()

    def is_dirty(self) -> bool:
        return self.state.is_dirty(self.snapshot())

    def restore_draft(self, values: dict[str, object]) -> None:
        """Put back a draft kept from an earlier, unsaved visit to this form."""
        clean = dict(self.state.clean)
        self.restore(values)
        self.notice.show_message(
            "info",
            "Your unsaved changes from before are back in the form. Save them, or discard them.",
            [("Discard them", lambda: self._discard_restored(clean))],
        )
        self.update_tab_order()

    def _discard_restored(self, clean: dict[str, object]) -> None:
        self.restore(clean)
        self.state.untouch_all()
        self.notice.clear()
        self.discarded.emit()
        self.revalidate()

    # -- keyboard --

    def first_field(self) -> QWidget | None:
        """The widget the cursor starts in: the first enabled field as drawn."""
        for widget in focus_chain(self._outer):
            if widget.isEnabled() and not isinstance(widget, QAbstractButton):
                return widget
        return None

    def update_tab_order(self) -> None:
        """Make Tab follow the fields as they are laid out (call after adding rows)."""
        chain = focus_chain(self._outer)
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        guard_wheel(self, self._wheel_guard)

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # Enter must not save a form whose first field was just focused: no button is the
            # default, not even by getting the focus (QDialog makes pushbuttons auto-default).
            for button in self.findChildren(QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
            # Room to spare goes below the last field, not between the groups.
            self.body.addStretch(1)
            self.update_tab_order()
            first = self.first_field()
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- live validation --

    def _on_field_changed(self, key: str) -> None:
        if self.state.loading:
            return
        self.state.edited(key)
        self.revalidate()

    def revalidate(self) -> list[FieldError]:
        """Show each field's first problem (once touched) and enable Save only when all is well."""
        errors = self.validate()
        view = self.state.view(errors)
        for key, binding in self._bindings.items():
            binding.show_error(view.messages.get(key, ""))
        if view.banner:
            self.banner.show_message("error", "\n".join(view.banner))
        else:
            self.banner.clear()
        hint = self._hint(view)
        self.hint.setText(hint)
        self.hint.setToolTip(hint)
        self.save_button.setEnabled(view.can_save)
        return errors

    def _hint(self, view: FormView) -> str:
        """The grey line by Save naming what still stops it."""
        return view.summary

    def _focus_first_error(self) -> None:
        for binding in self._bindings.values():
            if binding.error_label.text():
                binding.widget.setFocus()
                return

    # -- saving --

    def save(self) -> None:
        """Validate, hand to the service and close; on any refusal keep everything typed."""
        if not self.isVisible():  # closed already (a key repeat, a second shortcut)
            return
        errors = self.validate()
        if errors or self.state.server_errors:
            self.state.show_all = True
            self.revalidate()
            self._focus_first_error()
            return
        draft = self.to_draft()
        if not self._confirm(draft):
            return
        self.save_button.setEnabled(False)
        saved_id = self._try_submit(draft)
        if saved_id is None:
            return
        self.state.saved(self.snapshot())
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
                self.state.refused([self._translate(e) for e in err.errors])
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
        changed = self.state.changes(self.snapshot())
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
        listed = self.state.describe(changed)
        text = CONFLICT_MESSAGE
        if listed:
            text += f"\nWhat you typed: {listed}"
        self.notice.show_message("warning", text, [("Re-apply my changes", self.reapply_mine)])
        self.update_tab_order()
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
        return QSize(max(hint.width(), 640), hint.height())
