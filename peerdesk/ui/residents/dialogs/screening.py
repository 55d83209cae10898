"""The intake screening and its 1–5 rating picker."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from peerdesk.domain.enums import (
    ScreeningCriterion,
    ScreeningDecision,
    StageOfChange,
)
from peerdesk.domain.errors import (
    FieldError,
)
from peerdesk.domain.residents import (
    RatingDraft,
    ScreeningDraft,
    validate_screening,
)
from peerdesk.ui import theme
from peerdesk.ui.common.form_dialog import FormDialog, Parser
from peerdesk.ui.common.form_state import FormView, summary
from peerdesk.ui.common.widgets import error_label, muted, override
from peerdesk.ui.residents.dialogs._shared import (
    Today,
    person_heading,
    text_setter,
)

if TYPE_CHECKING:
    from peerdesk.services.programs import ProgramService
    from peerdesk.services.residents import ResidentService


class RatingPicker(QFrame):
    """Five buttons 1–5; none pressed means *not rated*, which the form shows.

    Keys: 1–5 rate, 0 / Backspace / Delete clear, Left / Right step.

    Signals:
        rating_changed(int): the rating (0 when cleared).
    """

    rating_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingPicker")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(
            "QFrame#ratingPicker { border: 2px solid transparent; border-radius: 4px; }"
            f"QFrame#ratingPicker:focus {{ border: 2px solid {theme.FOCUS_RING}; }}"
            f"QToolButton:checked {{ background: {theme.PRIMARY}; color: {theme.ON_PRIMARY};"
            f" font-weight: bold; border: 1px solid {theme.PRIMARY_DARK}; border-radius: 3px; }}"
        )
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        box = QHBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.setSpacing(2)
        self.buttons: list[QToolButton] = []
        for n in range(1, 6):
            button = QToolButton(self)
            button.setText(str(n))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFixedSize(QSize(28, 26))
            button.setAccessibleName(f"Rate {n}")
            self._group.addButton(button, n)
            box.addWidget(button)
            self.buttons.append(button)
        self.state = muted(QLabel("not rated", self))
        self.state.setMinimumWidth(self.state.fontMetrics().horizontalAdvance("not rated") + 6)
        box.addWidget(self.state)
        self._group.idToggled.connect(self._on_toggled)

    def value(self) -> int:
        checked = self._group.checkedId()
        return checked if checked > 0 else 0

    def set_value(self, value: object) -> None:
        rating = value if isinstance(value, int) and 1 <= value <= 5 else 0
        if rating:
            self.buttons[rating - 1].setChecked(True)
        else:
            self._group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self._group.setExclusive(True)
            self._update_state()
            self.rating_changed.emit(0)

    def button(self, rating: int) -> QToolButton:
        return self.buttons[rating - 1]

    def _on_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._update_state()
            self.rating_changed.emit(self.value())

    def _update_state(self) -> None:
        self.state.setText("" if self.value() else "not rated")

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.set_value(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.set_value(0)
        elif key == Qt.Key.Key_Right:
            self.set_value(min(self.value() + 1, 5))
        elif key == Qt.Key.Key_Left and self.value() > 1:
            self.set_value(self.value() - 1)
        else:
            super().keyPressEvent(event)


class ScreeningDialog(FormDialog[ScreeningDraft]):
    """The intake screening: nine criteria rated 1–5 with notes, stage of change and decision."""

    def __init__(
        self,
        residents: ResidentService,
        programs: ProgramService,
        person_id: int,
        parent: QWidget | None = None,
        *,
        today: Today = dt.date.today,
    ) -> None:
        super().__init__("New screening", parent, today=today, scroll=True)
        self.setMinimumSize(720, 480)
        self._residents = residents
        self._person_id = person_id
        detail = residents.get(person_id)
        program_list = programs.programs()

        form = self.new_form()
        self.screened_on = self.add_date(form, "screened_on", "Screening date")
        self.program = self.add_combo(
            form,
            "program_id",
            "Intended program",
            [("Not decided yet", None)] + [(p.name, p.id) for p in program_list],
        )

        box = QGroupBox("Assessment criteria", self)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        scale = muted(
            QLabel(
                "Rate each criterion from 1 (serious concern) to 5 (no concern); "
                "add a note where it helps.",
                box,
            )
        )
        scale.setWordWrap(True)
        grid.addWidget(scale, 0, 0, 1, 3)
        self.ratings: dict[ScreeningCriterion, RatingPicker] = {}
        self.rating_notes: dict[ScreeningCriterion, QLineEdit] = {}
        for i, criterion in enumerate(ScreeningCriterion):
            row = 1 + i * 2
            caption = QLabel(criterion.label, box)
            caption.setWordWrap(True)
            caption.setMinimumWidth(230)
            picker = RatingPicker(box)
            caption.setBuddy(picker)
            note = QLineEdit(box)
            note.setPlaceholderText("Note")
            grid.addWidget(caption, row, 0)
            grid.addWidget(picker, row, 1)
            grid.addWidget(note, row, 2)
            errors = error_label(box)
            grid.addWidget(errors, row + 1, 0, 1, 3)
            self.bind(
                criterion.value,
                criterion.label,
                picker,
                get=picker.value,
                set=picker.set_value,
                changed=picker.rating_changed,
                errors=errors,
            )
            self.bind(
                f"{criterion.value}_note",
                f"Note on {criterion.label[:1].lower()}{criterion.label[1:]}",
                note,
                get=note.text,
                set=text_setter(note),
                changed=note.textChanged,
                errors=error_label(box),
            )
            self.ratings[criterion] = picker
            self.rating_notes[criterion] = note
        grid.setColumnStretch(2, 1)
        self.body.addWidget(box)

        form = self.new_form("Decision")
        self.stage_of_change = self.add_combo(
            form,
            "stage_of_change",
            "Stage of change",
            [("Not assessed", None)] + [(s.label, s) for s in StageOfChange],
        )
        self.decision = self.add_combo(
            form,
            "decision",
            "Decision",
            [("Pending — decide later", ScreeningDecision.PENDING)]
            + [(d.label, d) for d in ScreeningDecision if d is not ScreeningDecision.PENDING],
        )
        self.decision_reason = self.add_text(
            form,
            "decision_reason",
            "Reason for the decision",
            lines=2,
            hint="Required once a decision is made.",
        )
        self.notes = self.add_text(form, "notes", "Notes", lines=3)

        self.begin_load()
        self.set_heading(person_heading(detail))
        self.screened_on.set_date(today())
        fitting = [p.id for p in program_list if p.gender == detail.gender]
        if len(fitting) == 1:
            self.program.set_value(fitting[0])
        self.end_load()

    @override
    def sizeHint(self) -> QSize:
        return QSize(820, 640)

    @override
    def _hint(self, view: FormView) -> str:
        labels = {c.label for c in ScreeningCriterion}
        unrated = sum(1 for f, _ in view.blocking if f.label in labels)
        rest = summary([(f, e) for f, e in view.blocking if f.label not in labels])
        if not unrated:
            return rest
        rate = f"rate {unrated} more {'criterion' if unrated == 1 else 'criteria'}"
        if rest.startswith("Still needed before saving: "):
            return rest.replace(
                "Still needed before saving: ", f"Still needed before saving: {rate}, "
            )
        return f"Still needed before saving: {rate}. {rest}".strip()

    @override
    def _read(self, p: Parser) -> ScreeningDraft:
        when = p.date(self.screened_on, "screened_on", required=True)
        ratings = tuple(
            RatingDraft(c, picker.value(), self.rating_notes[c].text())
            for c, picker in self.ratings.items()
            if picker.value()
        )
        return ScreeningDraft(
            screened_on=when or self._today(),
            ratings=ratings,
            stage_of_change=self.stage_of_change.value(),
            decision=self.decision.value() or ScreeningDecision.PENDING,
            decision_reason=self.decision_reason.toPlainText(),
            notes=self.notes.toPlainText(),
            program_id=self.program.value(),
        )

    @override
    def _rules(self, draft: ScreeningDraft) -> list[FieldError]:
        return validate_screening(draft, self._today())

    @override
    def _submit(self, draft: ScreeningDraft) -> int:
        return self._residents.add_screening(self._person_id, draft)
