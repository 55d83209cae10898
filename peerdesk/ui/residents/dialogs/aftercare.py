"""The aftercare plan of one stay."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)

from peerdesk.domain.errors import (
    NotFoundError,
)
from peerdesk.domain.residents import (
    AftercareDraft,
    AftercareInfo,
    ResidentDetail,
)
from peerdesk.ui.common.form_dialog import FormDialog, Parser
from peerdesk.ui.common.widgets import ValueCombo, override
from peerdesk.ui.residents.dialogs._shared import (
    Today,
    person_heading,
    stay_text,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from peerdesk.domain.residents import MentorOption
    from peerdesk.services.residents import ResidentService


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
        prefetched: tuple[ResidentDetail, Sequence[MentorOption]] | None = None,
    ) -> None:
        """``prefetched``: the record and the mentor options, read beforehand (in a worker)."""
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
        if prefetched is None:
            self._reload()
        else:
            detail, options = prefetched
            plan = next((a for a in detail.aftercare if a.stay_id == self._stay_id), None)
            self.load(detail, plan, options)

    def load(
        self,
        detail: ResidentDetail,
        plan: AftercareInfo | None,
        options: Sequence[MentorOption] | None = None,
    ) -> None:
        stay = next((s for s in detail.stays if s.id == self._stay_id), None)
        if stay is None:
            raise NotFoundError(f"stay {self._stay_id} no longer exists")
        if options is None:
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
