"""Register a new person or edit a person's personal data."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from peerdesk.domain.enums import (
    Gender,
)
from peerdesk.domain.errors import (
    FieldError,
)
from peerdesk.domain.residents import (
    PersonDraft,
    PersonMatch,
    ResidentDetail,
    validate_person,
)
from peerdesk.ui.common.form_dialog import FormDialog, Parser
from peerdesk.ui.common.widgets import override
from peerdesk.ui.residents.dialogs._shared import (
    Today,
    person_heading,
)

if TYPE_CHECKING:
    from peerdesk.services.residents import ResidentService


class PersonDialog(FormDialog[PersonDraft]):
    """Register a new person (``person_id=None``) or edit a person's personal data.

    A new registration whose name and date of birth (or phone) match someone already
    registered asks first, and offers to open that person's record instead.

    Signals:
        resident_saved(int): the person was saved; their id.
        saved(int): the same, as every form dialog says it.
        existing_chosen(int): the person is already registered; open this record instead.
    """

    resident_saved = Signal(int)
    existing_chosen = Signal(int)

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
    def _confirm(self, draft: PersonDraft) -> bool:
        if self._person_id is not None:
            return True
        matches = self._residents.find_matches(
            draft.first_name, draft.last_name, draft.date_of_birth, draft.phone
        )
        if not matches:
            return True
        answer = QMessageBox.question(
            self,
            "Already registered?",
            duplicate_question(matches),
            QMessageBox.StandardButton.Open
            | QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Open,
        )
        if answer == QMessageBox.StandardButton.Open:
            self.existing_chosen.emit(matches[0].id)
            self.close_keeping_draft()  # the person exists: nothing typed is worth keeping
            return False
        return answer == QMessageBox.StandardButton.Save

    @override
    def _submit(self, draft: PersonDraft) -> int:
        if self._person_id is None:
            self._person_id = self._residents.create_person(draft)
            return self._person_id
        self._residents.update_person(self._person_id, draft, self._version)
        return self._person_id


def duplicate_question(matches: list[PersonMatch]) -> str:
    """The question asked before registering someone who may already have a record."""
    lines = [
        f"{m.display_name}, {m.record_number}"
        + (f", born {m.date_of_birth.isoformat()}" if m.date_of_birth else "")
        + f" ({m.status.label.lower()})"
        for m in matches[:3]
    ]
    who = (
        "This person may already be registered:"
        if len(matches) == 1
        else (f"{len(matches)} people with this name may be this person:")
    )
    return (
        f"{who}\n" + "\n".join(lines) + "\n\nOpen: go to the existing record (nothing new is"
        " saved).\nSave: register a second, separate person anyway."
    )
