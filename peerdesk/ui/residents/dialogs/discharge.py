"""Discharge a stay."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)

from peerdesk.domain.enums import (
    DischargeReason,
)
from peerdesk.domain.errors import (
    FieldError,
    NotFoundError,
)
from peerdesk.domain.residents import (
    DischargeDraft,
    ResidentDetail,
    StayInfo,
    validate_stay_dates,
)
from peerdesk.ui.common.form_dialog import FormDialog, Parser
from peerdesk.ui.common.widgets import override
from peerdesk.ui.residents.dialogs._shared import (
    Today,
    other_stays,
    person_heading,
    stay_text,
)

if TYPE_CHECKING:
    from peerdesk.services.residents import ResidentService


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
            self.state.server_errors = [
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
            other_stays(self._detail, self._stay.id),
            self._today(),
        )

    @override
    def _submit(self, draft: DischargeDraft) -> int:
        version = self._stay.version if self._stay else None
        self._residents.discharge(self._stay_id, draft, version)
        return self._stay_id
