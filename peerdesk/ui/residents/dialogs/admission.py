"""Admit or readmit a person to a program.

The rules staff may break on purpose (a men's or women's program, the bed limit) are shown as
soon as the program is chosen, not after Save. Breaking one needs a written reason, kept with the
stay, and a confirmation that names the rule (an administrator's approval once sign-in exists).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from peerdesk.domain.enums import Gender
from peerdesk.domain.errors import FieldError, OverrideRequiredError, ValidationError
from peerdesk.domain.residents import AdmissionDraft, CensusRow, validate_stay_dates
from peerdesk.ui import theme
from peerdesk.ui.common.form_dialog import FormDialog, Parser
from peerdesk.ui.common.widgets import override
from peerdesk.ui.residents.dialogs._shared import Today, other_stays, person_heading

if TYPE_CHECKING:
    from collections.abc import Sequence

    from peerdesk.domain.residents import ResidentDetail
    from peerdesk.services.programs import ProgramService
    from peerdesk.services.residents import ResidentService

#: How a rule message calls a person of each recorded gender.
_PERSON = {
    Gender.MALE: "a man",
    Gender.FEMALE: "a woman",
    Gender.NONBINARY: "a non-binary person",
    Gender.UNKNOWN: "a person whose gender is not recorded",
}


def beds_text(used: int, capacity: int) -> str:
    """``3 of 20 beds free``; a full or over-full program says so, never ``0 free``."""
    if used < capacity:
        return f"{capacity - used} of {capacity} beds free"
    if used == capacity:
        return f"{used}/{capacity} beds, full"
    return f"{used}/{capacity} beds, {used - capacity} over"


def rule_breaks(row: CensusRow, gender: Gender) -> list[str]:
    """The rules admitting a person of ``gender`` to ``row``'s program would break, in words."""
    program = row.program
    breaks = []
    if program.gender is not None and gender != program.gender:
        breaks.append(
            f"Admitting {_PERSON[gender]} to {program.name} breaks the rule that it is for "
            f"{program.gender.label.lower()} residents only."
        )
    if row.beds_used >= program.bed_capacity:
        after = beds_text(row.beds_used + 1, program.bed_capacity)
        breaks.append(
            f"{program.name} has {program.bed_capacity} beds and {row.beds_used} are taken: "
            f"admitting breaks the bed limit ({after})."
        )
    return breaks


class AdmissionDialog(FormDialog[AdmissionDraft]):
    """Admit or readmit a person to a program, showing its beds and the rules a choice breaks."""

    def __init__(
        self,
        residents: ResidentService,
        programs: ProgramService,
        person_id: int,
        parent: QWidget | None = None,
        *,
        today: Today = dt.date.today,
        detail: ResidentDetail | None = None,
        census: Sequence[CensusRow] | None = None,
    ) -> None:
        """``detail`` and ``census``, when given, were read beforehand (in a worker)."""
        if detail is None:
            detail = residents.get(person_id)
        title = "Readmit to a program" if detail.stays else "Admit to a program"
        super().__init__(title, parent, today=today)
        self._residents = residents
        self._person_id = person_id
        self._detail = detail
        rows = census if census is not None else programs.census()
        self._census = {row.program.id: row for row in rows}
        #: Rule messages per program the service refused although the census showed none.
        self._refused_for: dict[int, list[str]] = {}

        form = self.new_form()
        items = [
            (f"{row.program.name} — {beds_text(row.beds_used, row.program.bed_capacity)}", pid)
            for pid, row in self._census.items()
        ]
        self.program = self.add_combo(
            form, "program_id", "Program", items, hint="Beds from the census right now."
        )
        warning = QColor(theme.WARNING)
        for i, row in enumerate(self._census.values()):
            if row.beds_used >= row.program.bed_capacity:
                self.program.setItemData(i, warning, Qt.ItemDataRole.ForegroundRole)
        self.admission_date = self.add_date(form, "admission_date", "Admission date")

        self.override_box = QGroupBox("This admission breaks a rule", self)
        self.override_box.setStyleSheet(
            f"QGroupBox {{ color: {theme.WARNING}; font-weight: bold; }}"
        )
        box_layout = QVBoxLayout(self.override_box)
        self.override_message = QLabel(self.override_box)
        self.override_message.setWordWrap(True)
        self.override_message.setStyleSheet(f"color: {theme.WARNING}; font-weight: normal;")
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
        # The box's room is kept while it is hidden, so choosing a program never resizes.
        policy = self.override_box.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.override_box.setSizePolicy(policy)
        self.override_box.hide()
        self.program.currentIndexChanged.connect(self._on_program_changed)

        self.begin_load()
        self.set_heading(person_heading(detail))
        fitting = [pid for pid, row in self._census.items() if not rule_breaks(row, detail.gender)]
        if fitting:
            self.program.set_value(fitting[0])
        self.admission_date.set_date(today())
        self._on_program_changed()
        self.end_load()

    def rule_breaks(self) -> list[str]:
        """What the chosen program's rules say against this admission (empty when none)."""
        program_id = self.program.value()
        if program_id is None:
            return []
        if program_id in self._refused_for:
            return self._refused_for[program_id]
        row = self._census.get(program_id)
        return rule_breaks(row, self._detail.gender) if row is not None else []

    def _needs_override(self) -> bool:
        return bool(self.rule_breaks())

    def _on_program_changed(self) -> None:
        breaks = self.rule_breaks()
        self.override_box.setVisible(bool(breaks))
        self.override_message.setText("\n".join(breaks))
        self.override_box.setAccessibleDescription(" ".join(breaks))

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
    def _confirm(self, draft: AdmissionDraft) -> bool:
        breaks = self.rule_breaks()
        if not breaks:
            return True
        answer = QMessageBox.question(
            self,
            "Admit anyway?",
            "\n\n".join([*breaks, "Admit anyway?"]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @override
    def _on_refused(self, err: ValidationError) -> bool:
        if not isinstance(err, OverrideRequiredError):
            return False
        program_id = self.program.value()
        if program_id is None:
            return False
        # The census moved since the dialog opened (another admission): say so now.
        self._refused_for[program_id] = [e.message[:1].upper() + e.message[1:] for e in err.errors]
        self._on_program_changed()
        self.override_reason.setFocus()
        return True

    @override
    def _submit(self, draft: AdmissionDraft) -> int:
        return self._residents.admit(self._person_id, draft)
