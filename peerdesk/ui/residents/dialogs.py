"""The forms of the Residents area: person, admission, discharge, screening, goal, aftercare.

Each is a ``FormDialog`` (``peerdesk.ui.forms``): opened with ``open()``, errors next to the
fields as the person types, Ctrl+S saves, Esc asks before throwing typing away, and ``saved``
carries the id of what was saved. Dialogs that load a record raise ``NotFoundError`` from their
constructor when it no longer exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.domain.enums import (
    DischargeReason,
    Gender,
    GoalStatus,
    ScreeningCriterion,
    ScreeningDecision,
    StageOfChange,
)
from peerdesk.domain.errors import (
    FieldError,
    NotFoundError,
    OverrideRequiredError,
    ValidationError,
)
from peerdesk.domain.residents import (
    ActionDraft,
    AdmissionDraft,
    AftercareDraft,
    AftercareInfo,
    DischargeDraft,
    GoalDraft,
    GoalInfo,
    PersonDraft,
    RatingDraft,
    ResidentDetail,
    ScreeningDraft,
    StayInfo,
    validate_goal,
    validate_person,
    validate_screening,
    validate_stay_dates,
)
from peerdesk.ui.forms import (
    Binding,
    DateEdit,
    FormDialog,
    Parser,
    ValueCombo,
    error_label,
    muted,
    override,
)

if TYPE_CHECKING:
    from peerdesk.services.programs import ProgramService
    from peerdesk.services.residents import ResidentService

Today = Callable[[], dt.date]


def person_heading(detail: ResidentDetail) -> str:
    return f"{detail.first_name} {detail.last_name}  ·  {detail.record_number}"


def stay_text(stay: StayInfo) -> str:
    if stay.discharge_date is None:
        return f"{stay.program_name}, since {stay.admission_date.isoformat()}"
    return (
        f"{stay.program_name}, {stay.admission_date.isoformat()} to "
        f"{stay.discharge_date.isoformat()}"
    )


def _other_stays(
    detail: ResidentDetail, stay_id: int | None
) -> list[tuple[dt.date, dt.date | None]]:
    return [(s.admission_date, s.discharge_date) for s in detail.stays if s.id != stay_id]


def _text_setter(edit: QLineEdit) -> Callable[[object], None]:
    return lambda value: edit.setText(str(value or ""))


# ---- person -----------------------------------------------------------------------------------


class PersonDialog(FormDialog[PersonDraft]):
    """Register a new person (``person_id=None``) or edit a person's personal data.

    Signals:
        resident_saved(int): the person was saved; their id.
        saved(int): the same, as every form dialog says it.
    """

    resident_saved = Signal(int)

    def __init__(
        self,
        residents: ResidentService,
        parent: QWidget | None = None,
        person_id: int | None = None,
        *,
        today: Today = dt.date.today,
    ) -> None:
        title = "Register a new person" if person_id is None else "Edit personal data"
        super().__init__(title, parent, today=today)
        self._residents = residents
        self._person_id = person_id
        self._version: int | None = None

        form = self.new_form("Name and birth")
        self.first_name = self.add_line(form, "first_name", "First name", max_length=100)
        self.last_name = self.add_line(form, "last_name", "Last name", max_length=100)
        self.date_of_birth = self.add_date(form, "date_of_birth", "Date of birth")
        self.gender = self.add_combo(
            form,
            "gender",
            "Gender",
            [("Not recorded", Gender.UNKNOWN)]
            + [(g.label, g) for g in Gender if g is not Gender.UNKNOWN],
            hint="Men's and women's programs are separate; admission checks this.",
        )
        form = self.new_form("Contact")
        self.phone = self.add_line(form, "phone", "Phone", max_length=40)
        self.email = self.add_line(
            form, "email", "E-mail", placeholder="name@example.org", max_length=200
        )
        form = self.new_form("Recovery and records")
        self.sobriety_date = self.add_date(
            form,
            "sobriety_date",
            "Sobriety date",
            hint="First day of continuous sobriety; days sober count from here.",
        )
        self.external_id = self.add_line(
            form,
            ("external_id", "id"),
            "Facility id",
            hint="Optional: your facility's own number for this person.",
            max_length=40,
        )
        self.saved.connect(self.resident_saved)
        if person_id is None:
            self.begin_load()
            self.gender.set_value(Gender.UNKNOWN)
            self.end_load()
        else:
            self._reload()

    def load(self, detail: ResidentDetail) -> None:
        self.begin_load()
        self._version = detail.version
        self.set_heading(person_heading(detail))
        self.first_name.setText(detail.first_name)
        self.last_name.setText(detail.last_name)
        self.date_of_birth.set_date(detail.date_of_birth)
        self.gender.set_value(detail.gender)
        self.phone.setText(detail.phone)
        self.email.setText(detail.email)
        self.sobriety_date.set_date(detail.sobriety_date)
        self.external_id.setText(detail.external_id or "")
        self.end_load()

    @override
    def _reload(self) -> None:
        if self._person_id is not None:
            self.load(self._residents.get(self._person_id))

    @override
    def _read(self, p: Parser) -> PersonDraft:
        return PersonDraft(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            date_of_birth=p.date(self.date_of_birth, "date_of_birth"),
            gender=self.gender.value() or Gender.UNKNOWN,
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            sobriety_date=p.date(self.sobriety_date, "sobriety_date"),
            external_id=self.external_id.text().strip() or None,
        )

    @override
    def _rules(self, draft: PersonDraft) -> list[FieldError]:
        return validate_person(draft, self._today())

    @override
    def _submit(self, draft: PersonDraft) -> int:
        if self._person_id is None:
            self._person_id = self._residents.create_person(draft)
            return self._person_id
        self._residents.update_person(self._person_id, draft, self._version)
        return self._person_id


# ---- admission --------------------------------------------------------------------------------


class AdmissionDialog(FormDialog[AdmissionDraft]):
    """Admit or readmit a person to a program, showing free beds; rule breaks need a reason."""

    def __init__(
        self,
        residents: ResidentService,
        programs: ProgramService,
        person_id: int,
        parent: QWidget | None = None,
        *,
        today: Today = dt.date.today,
    ) -> None:
        detail = residents.get(person_id)
        title = "Readmit to a program" if detail.stays else "Admit to a program"
        super().__init__(title, parent, today=today)
        self._residents = residents
        self._person_id = person_id
        self._detail = detail
        #: Rule messages per program the service refused without an override reason.
        self._override_for: dict[int, list[str]] = {}
        census = programs.census()

        form = self.new_form()
        items = [
            (
                f"{row.program.name} — {row.beds_free} of {row.program.bed_capacity} beds free",
                row.program.id,
            )
            for row in census
        ]
        self.program = self.add_combo(
            form, "program_id", "Program", items, hint="Free beds from the census right now."
        )
        self.admission_date = self.add_date(form, "admission_date", "Admission date")

        self.override_box = QGroupBox("This admission breaks a rule", self)
        self.override_box.setStyleSheet("QGroupBox { color: #8a5300; font-weight: bold; }")
        box_layout = QVBoxLayout(self.override_box)
        self.override_message = QLabel(self.override_box)
        self.override_message.setWordWrap(True)
        self.override_message.setStyleSheet("color: #8a5300; font-weight: normal;")
        box_layout.addWidget(self.override_message)
        override_form = QFormLayout()
        box_layout.addLayout(override_form)
        self.body.addWidget(self.override_box)
        self.override_reason = self.add_line(
            override_form,
            "override_reason",
            "Override reason",
            hint="Staff may admit anyway; say why. It is kept with the stay.",
            max_length=500,
        )
        self.override_box.hide()
        self.program.currentIndexChanged.connect(self._on_program_changed)

        self.begin_load()
        self.set_heading(person_heading(detail))
        fitting = [
            row.program.id
            for row in census
            if row.beds_free > 0 and row.program.gender in (None, detail.gender)
        ]
        if fitting:
            self.program.set_value(fitting[0])
        self.admission_date.set_date(today())
        self.end_load()

    def _needs_override(self) -> bool:
        return self.program.value() in self._override_for

    def _on_program_changed(self) -> None:
        program_id = self.program.value()
        messages = self._override_for.get(program_id) if program_id is not None else None
        self.override_box.setVisible(messages is not None)
        if messages:
            self.override_message.setText("\n".join(messages))

    @override
    def _read(self, p: Parser) -> AdmissionDraft:
        program_id = self.program.value()
        if program_id is None:
            p.errors.append(FieldError("program_id", "is required"))
        when = p.date(self.admission_date, "admission_date", required=True)
        return AdmissionDraft(
            program_id=program_id or 0,
            admission_date=when or self._today(),
            override_reason=self.override_reason.text() if self._needs_override() else "",
        )

    @override
    def _rules(self, draft: AdmissionDraft) -> list[FieldError]:
        errors = validate_stay_dates(
            draft.admission_date, None, _other_stays(self._detail, None), self._today()
        )
        if self._needs_override() and not draft.override_reason.strip():
            errors.append(FieldError("override_reason", "is required to admit anyway"))
        return errors

    @override
    def _on_refused(self, err: ValidationError) -> bool:
        if not isinstance(err, OverrideRequiredError):
            return False
        program_id = self.program.value()
        if program_id is None:
            return False
        self._override_for[program_id] = [e.message[:1].upper() + e.message[1:] for e in err.errors]
        self._on_program_changed()
        self.override_reason.setFocus()
        return True

    @override
    def _submit(self, draft: AdmissionDraft) -> int:
        return self._residents.admit(self._person_id, draft)


# ---- discharge --------------------------------------------------------------------------------


class DischargeDialog(FormDialog[DischargeDraft]):
    """Discharge a stay: date (not before admission), reason and a short note."""

    def __init__(
        self,
        residents: ResidentService,
        person_id: int,
        stay_id: int,
        parent: QWidget | None = None,
        *,
        today: Today = dt.date.today,
    ) -> None:
        super().__init__("Discharge", parent, today=today)
        self._residents = residents
        self._person_id = person_id
        self._stay_id = stay_id
        self._stay: StayInfo | None = None
        self._detail: ResidentDetail | None = None
        form = self.new_form()
        self.stay_label = QLabel(self)
        form.addRow("Stay:", self.stay_label)
        self.discharge_date = self.add_date(form, "discharge_date", "Discharge date")
        self.reason = self.add_combo(
            form,
            ("reason", "discharge_reason"),
            "Reason",
            [("Choose a reason…", None)] + [(r.label, r) for r in DischargeReason],
        )
        self.note = self.add_text(
            form,
            ("note", "discharge_note"),
            "Note",
            hint="Optional: a short factual note kept with the stay.",
        )
        self._reload()
        self.begin_load()
        self.discharge_date.set_date(today())
        self.end_load()

    def load(self, detail: ResidentDetail) -> None:
        stay = next((s for s in detail.stays if s.id == self._stay_id), None)
        if stay is None:
            raise NotFoundError(f"stay {self._stay_id} no longer exists")
        self.begin_load()
        self._detail = detail
        self._stay = stay
        self.set_heading(person_heading(detail))
        self.stay_label.setText(stay_text(stay))
        self.end_load()

    @override
    def _reload(self) -> None:
        self.load(self._residents.get(self._person_id))
        if self._stay is not None and not self._stay.is_open:
            self._server_errors = [
                FieldError(
                    "stay", f"was already discharged on {self._stay.discharge_date}; nothing to do"
                )
            ]
            self.revalidate()

    @override
    def _read(self, p: Parser) -> DischargeDraft:
        when = p.date(self.discharge_date, "discharge_date", required=True)
        reason = self.reason.value()
        if reason is None:
            p.errors.append(FieldError("reason", "is required"))
        return DischargeDraft(
            discharge_date=when or self._today(),
            reason=reason or DischargeReason.OTHER,
            note=self.note.toPlainText(),
        )

    @override
    def _rules(self, draft: DischargeDraft) -> list[FieldError]:
        if self._stay is None or self._detail is None:
            return []
        return validate_stay_dates(
            self._stay.admission_date,
            draft.discharge_date,
            _other_stays(self._detail, self._stay.id),
            self._today(),
        )

    @override
    def _submit(self, draft: DischargeDraft) -> int:
        version = self._stay.version if self._stay else None
        self._residents.discharge(self._stay_id, draft, version)
        return self._stay_id


# ---- screening --------------------------------------------------------------------------------


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
            "QFrame#ratingPicker { border: 1px solid transparent; border-radius: 4px; }"
            "QFrame#ratingPicker:focus { border: 1px solid palette(highlight); }"
            "QToolButton:checked { background: #1a4fa0; color: white; font-weight: bold;"
            " border: 1px solid #1a4fa0; border-radius: 3px; }"
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
        self.setMinimumSize(760, 640)
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
                set=_text_setter(note),
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
        return QSize(820, 760)

    @override
    def _hint(self, hidden: list[str]) -> str:
        labels = {c.label for c in ScreeningCriterion}
        unrated = sum(1 for h in hidden if h in labels)
        rest = [h for h in hidden if h not in labels]
        parts = (
            [f"rate {unrated} more {'criterion' if unrated == 1 else 'criteria'}"]
            if unrated
            else []
        )
        parts += rest
        return f"Still needed before saving: {', '.join(parts)}." if parts else ""

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


# ---- goal -------------------------------------------------------------------------------------


class StepRow(QWidget):
    """One step of a goal: description, target date, done, and move / remove buttons.

    Signals:
        changed(): something in the row was edited.
        move_requested(int): -1 up, +1 down.
        remove_requested(): the person wants the row gone.
    """

    changed = Signal()
    move_requested = Signal(int)
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.done_on: dt.date | None = None
        self.number = QLabel(self)
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance("00.") + 4)
        self.description = QLineEdit(self)
        self.description.setPlaceholderText("A small, concrete step")
        self.description.setMaxLength(200)
        self.target = DateEdit(self)
        self.target.line.setAccessibleName("Step target date")
        self.target.line.setToolTip("Target date of this step (YYYY-MM-DD)")
        self.done = QCheckBox("Done", self)
        style = self.style()
        self.up = QToolButton(self)
        self.up.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.up.setToolTip("Move this step up")
        self.up.setAccessibleName("Move step up")
        self.down = QToolButton(self)
        self.down.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.down.setToolTip("Move this step down")
        self.down.setAccessibleName("Move step down")
        self.remove = QToolButton(self)
        self.remove.setText("✕")
        self.remove.setToolTip("Remove this step")
        self.remove.setAccessibleName("Remove step")
        self.errors = error_label(self)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(6)
        line.addWidget(self.number)
        line.addWidget(self.description, 1)
        line.addWidget(self.target)
        line.addWidget(self.done)
        line.addWidget(self.up)
        line.addWidget(self.down)
        line.addWidget(self.remove)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(line)
        box.addWidget(self.errors)
        self.description.textChanged.connect(self.changed)
        self.target.text_changed.connect(self.changed)
        self.done.toggled.connect(self.changed)
        self.up.clicked.connect(lambda: self.move_requested.emit(-1))
        self.down.clicked.connect(lambda: self.move_requested.emit(1))
        self.remove.clicked.connect(self.remove_requested)

    def values(self) -> tuple[str, str, bool, dt.date | None]:
        return (
            self.description.text(),
            self.target.text(),
            self.done.isChecked(),
            self.done_on,
        )

    def set_values(self, values: object) -> None:
        if not isinstance(values, tuple) or len(values) != 4:
            return
        description, target, done, done_on = values
        self.description.setText(str(description))
        self.target.setText(str(target))
        self.done_on = done_on if isinstance(done_on, dt.date) else None
        self.done.setChecked(bool(done))

    def is_blank(self) -> bool:
        return not self.description.text().strip() and not self.target.text().strip()


class GoalDialog(FormDialog[GoalDraft]):
    """A recovery goal broken into steps with target dates (add, remove, reorder)."""

    def __init__(
        self,
        residents: ResidentService,
        person_id: int,
        goal_id: int | None = None,
        parent: QWidget | None = None,
        *,
        today: Today = dt.date.today,
    ) -> None:
        super().__init__(
            "New recovery goal" if goal_id is None else "Edit recovery goal",
            parent,
            today=today,
            scroll=True,
        )
        self.setMinimumSize(700, 480)
        self._residents = residents
        self._person_id = person_id
        self._goal_id = goal_id
        self._goal_version: int | None = None
        self._rows: list[StepRow] = []
        #: Position (1-based) of each row that went into the last draft; blank rows are skipped.
        self._draft_rows: list[int] = []

        form = self.new_form()
        self.title = self.add_line(
            form,
            "title",
            "Goal",
            placeholder="What the person wants to achieve, e.g. Find stable housing",
            max_length=200,
        )
        self.target_date = self.add_date(form, "target_date", "Target date")
        self.status = self.add_combo(form, "status", "Status", [(s.label, s) for s in GoalStatus])
        box = QGroupBox("Steps", self)
        steps_layout = QVBoxLayout(box)
        caption = muted(
            QLabel("Break the goal into small, concrete steps, each with a target date.", box)
        )
        steps_layout.addWidget(caption)
        self._steps_box = QVBoxLayout()
        self._steps_box.setSpacing(6)
        steps_layout.addLayout(self._steps_box)
        self.add_step_button = QPushButton("Add step", box)
        self.add_step_button.setAutoDefault(False)
        self.add_step_button.clicked.connect(self._on_add_step_clicked)
        add_line = QHBoxLayout()
        add_line.addWidget(self.add_step_button)
        add_line.addStretch(1)
        steps_layout.addLayout(add_line)
        self.body.addWidget(box)
        self.body.addStretch(1)

        detail = residents.get(person_id)
        self.set_heading(person_heading(detail))
        if goal_id is None:
            self.begin_load()
            self.status.set_value(GoalStatus.OPEN)
            self.add_step()
            self.end_load()
        else:
            goal = next((g for g in detail.goals if g.id == goal_id), None)
            if goal is None:
                raise NotFoundError(f"goal {goal_id} no longer exists")
            self.load(goal)

    @override
    def sizeHint(self) -> QSize:
        return QSize(760, 560)

    def load(self, goal: GoalInfo) -> None:
        self.begin_load()
        self._goal_version = goal.version
        self.title.setText(goal.title)
        self.target_date.set_date(goal.target_date)
        self.status.set_value(goal.status)
        while self._rows:
            self._remove_row(self._rows[-1])
        for action in goal.actions:
            row = self.add_step()
            row.set_values(
                (
                    action.description,
                    action.target_date.isoformat() if action.target_date else "",
                    action.done_on is not None,
                    action.done_on,
                )
            )
        if not goal.actions:
            self.add_step()
        self.end_load()

    # -- rows --

    @property
    def steps(self) -> list[StepRow]:
        return list(self._rows)

    def add_step(self) -> StepRow:
        row = StepRow(self)
        self._rows.append(row)
        self._steps_box.addWidget(row)
        row.changed.connect(lambda: self._on_step_changed(row))
        row.move_requested.connect(lambda delta: self._move_row(row, delta))
        row.remove_requested.connect(lambda: self._on_remove_requested(row))
        self._rebind_steps()
        return row

    def _on_add_step_clicked(self) -> None:
        row = self.add_step()
        row.description.setFocus()
        self.revalidate()

    def _on_step_changed(self, row: StepRow) -> None:
        if row in self._rows:
            self._on_field_changed(f"action {self._rows.index(row) + 1}")

    def _move_row(self, row: StepRow, delta: int) -> None:
        i = self._rows.index(row)
        j = i + delta
        if not 0 <= j < len(self._rows):
            return
        self._rows[i], self._rows[j] = self._rows[j], self._rows[i]
        for r in self._rows:
            self._steps_box.removeWidget(r)
        for r in self._rows:
            self._steps_box.addWidget(r)
        self._rebind_steps()
        self.revalidate()

    def _on_remove_requested(self, row: StepRow) -> None:
        self._remove_row(row)
        if not self._rows:
            self.add_step()
        self.revalidate()

    def _remove_row(self, row: StepRow) -> None:
        self._rows.remove(row)
        self._steps_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._rebind_steps()

    def _rebind_steps(self) -> None:
        touched = {
            b.widget: b.touched for k, b in self._bindings.items() if k.startswith("action ")
        }
        for key in [k for k in self._bindings if k.startswith("action ")]:
            self.unbind(key)
        for i, row in enumerate(self._rows, start=1):
            row.number.setText(f"{i}.")
            row.up.setEnabled(i > 1)
            row.down.setEnabled(i < len(self._rows))
            binding: Binding = self.bind(
                f"action {i}",
                f"Step {i}",
                row.description,
                get=row.values,
                set=row.set_values,
                changed=None,
                errors=row.errors,
                display=lambda v: str(v[0]) if isinstance(v, tuple) else str(v),
            )
            binding.touched = touched.get(row.description, False)

    @override
    def restore(self, values: dict[str, object]) -> None:
        wanted = sum(1 for k in values if k.startswith("action "))
        if wanted:
            loading = self._loading
            self._loading = True
            while len(self._rows) < wanted:
                self.add_step()
            while len(self._rows) > wanted:
                self._remove_row(self._rows[-1])
            self._loading = loading
        super().restore(values)

    # -- the form --

    @override
    def _read(self, p: Parser) -> GoalDraft:
        actions = []
        self._draft_rows = []
        for i, row in enumerate(self._rows, start=1):
            if row.is_blank():
                continue
            target = p.date(row.target, f"action {i}")
            done_on = (row.done_on or self._today()) if row.done.isChecked() else None
            actions.append(ActionDraft(row.description.text(), target, done_on))
            self._draft_rows.append(i)
        return GoalDraft(
            title=self.title.text(),
            target_date=p.date(self.target_date, "target_date"),
            status=self.status.value() or GoalStatus.OPEN,
            actions=tuple(actions),
        )

    @override
    def _translate(self, error: FieldError) -> FieldError:
        if error.field.startswith("action "):
            n = int(error.field.split()[1])
            if 1 <= n <= len(self._draft_rows):
                return FieldError(f"action {self._draft_rows[n - 1]}", error.message)
        return error

    @override
    def _rules(self, draft: GoalDraft) -> list[FieldError]:
        return validate_goal(draft)

    @override
    def _reload(self) -> None:
        goal = next(
            (g for g in self._residents.get(self._person_id).goals if g.id == self._goal_id), None
        )
        if goal is not None:
            self.load(goal)

    @override
    def _submit(self, draft: GoalDraft) -> int:
        if self._goal_id is None:
            self._goal_id = self._residents.add_goal(self._person_id, draft)
        else:
            self._residents.update_goal(self._goal_id, draft, self._goal_version)
        return self._goal_id


# ---- aftercare --------------------------------------------------------------------------------


class AftercareDialog(FormDialog[AftercareDraft]):
    """The aftercare plan of one stay: meetings, sober living, outpatient care, mentor, notes."""

    def __init__(
        self,
        residents: ResidentService,
        person_id: int,
        stay_id: int,
        parent: QWidget | None = None,
        *,
        today: Today = dt.date.today,
    ) -> None:
        super().__init__("Aftercare plan", parent, today=today)
        self._residents = residents
        self._person_id = person_id
        self._stay_id = stay_id
        self._version: int | None = None
        form = self.new_form()
        self.stay_label = QLabel(self)
        form.addRow("Stay:", self.stay_label)
        self.meetings = self.add_text(
            form,
            "meetings",
            "Meetings",
            lines=2,
            placeholder="e.g. AA, Tuesdays 7 pm, St. Mark's hall",
        )
        self.sober_living = self.add_line(
            form, "sober_living", "Sober living", placeholder="House, address or contact"
        )
        self.outpatient = self.add_line(
            form, "outpatient", "Outpatient care", placeholder="Clinic or counsellor, first visit"
        )
        no_items: list[tuple[str, int | None]] = []
        self.mentor: ValueCombo[int | None] = self.add_combo(
            form, ("mentor", "mentor_alumnus_id"), "Peer mentor", no_items
        )
        self.notes = self.add_text(form, "notes", "Notes", lines=3)
        self._reload()

    def load(self, detail: ResidentDetail, plan: AftercareInfo | None) -> None:
        stay = next((s for s in detail.stays if s.id == self._stay_id), None)
        if stay is None:
            raise NotFoundError(f"stay {self._stay_id} no longer exists")
        options = self._residents.mentor_options(self._person_id)
        items: list[tuple[str, int | None]] = [("No mentor", None)]
        items += [(m.name, m.alumnus_id) for m in options]
        if (
            plan
            and plan.mentor_alumnus_id
            and plan.mentor_alumnus_id not in {m.alumnus_id for m in options}
        ):
            items.append((f"{plan.mentor_name} (no longer available)", plan.mentor_alumnus_id))
        self.begin_load()
        self.set_heading(person_heading(detail))
        self.stay_label.setText(stay_text(stay))
        self.mentor.set_items(items)
        self._version = plan.version if plan else None
        self.meetings.setPlainText(plan.meetings if plan else "")
        self.sober_living.setText(plan.sober_living if plan else "")
        self.outpatient.setText(plan.outpatient if plan else "")
        self.mentor.set_value(plan.mentor_alumnus_id if plan else None)
        self.notes.setPlainText(plan.notes if plan else "")
        self.end_load()

    @override
    def _reload(self) -> None:
        detail = self._residents.get(self._person_id)
        plan = next((a for a in detail.aftercare if a.stay_id == self._stay_id), None)
        self.load(detail, plan)

    @override
    def _read(self, p: Parser) -> AftercareDraft:
        return AftercareDraft(
            meetings=self.meetings.toPlainText(),
            sober_living=self.sober_living.text(),
            outpatient=self.outpatient.text(),
            mentor_alumnus_id=self.mentor.value(),
            notes=self.notes.toPlainText(),
        )

    @override
    def _submit(self, draft: AftercareDraft) -> int:
        self._residents.save_aftercare(self._stay_id, draft, self._version)
        return self._stay_id


# ---- mentor -----------------------------------------------------------------------------------


class MentorDialog(FormDialog[int | None]):
    """Choose the person's peer mentor among active mentors of their program."""

    def __init__(
        self,
        residents: ResidentService,
        person_id: int,
        parent: QWidget | None = None,
        *,
        today: Today = dt.date.today,
    ) -> None:
        super().__init__("Assign a peer mentor", parent, today=today)
        self._residents = residents
        self._person_id = person_id
        detail = residents.get(person_id)
        options = residents.mentor_options(person_id)
        items: list[tuple[str, int | None]] = [("No mentor", None)]
        items += [(m.name, m.alumnus_id) for m in options]
        if detail.mentor and detail.mentor.alumnus_id not in {m.alumnus_id for m in options}:
            items.append((f"{detail.mentor.name} (no longer available)", detail.mentor.alumnus_id))
        form = self.new_form()
        hint = (
            "Active alumni with the mentor role, from this person's program."
            if options
            else "No active mentor of this person's program is on the alumni roster yet."
        )
        self.mentor = self.add_combo(form, ("mentor", "alumnus_id"), "Mentor", items, hint=hint)
        self.begin_load()
        self.set_heading(person_heading(detail))
        self.mentor.set_value(detail.mentor.alumnus_id if detail.mentor else None)
        self.end_load()

    @override
    def _read(self, p: Parser) -> int | None:
        return self.mentor.value()

    @override
    def _submit(self, draft: int | None) -> int:
        self._residents.assign_mentor(self._person_id, draft)
        return self._person_id
