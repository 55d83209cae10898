"""Admit or readmit a person to a program."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from peerdesk.domain.errors import (
    FieldError,
    OverrideRequiredError,
    ValidationError,
)
from peerdesk.domain.residents import (
    AdmissionDraft,
    validate_stay_dates,
)
from peerdesk.ui.common.form_dialog import FormDialog, Parser
from peerdesk.ui.common.widgets import override
from peerdesk.ui.residents.dialogs._shared import (
    Today,
    other_stays,
    person_heading,
)

if TYPE_CHECKING:
    from peerdesk.services.programs import ProgramService
    from peerdesk.services.residents import ResidentService


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
            draft.admission_date, None, other_stays(self._detail, None), self._today()
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
