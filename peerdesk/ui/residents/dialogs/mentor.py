"""Choose a person's peer mentor."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QWidget,
)

from peerdesk.ui.common.form_dialog import FormDialog, Parser
from peerdesk.ui.common.widgets import override
from peerdesk.ui.residents.dialogs._shared import (
    Today,
    person_heading,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from peerdesk.domain.residents import MentorOption, ResidentDetail
    from peerdesk.services.residents import ResidentService


class MentorDialog(FormDialog[int | None]):
    """Choose the person's peer mentor among active mentors of their program."""

    def __init__(
        self,
        residents: ResidentService,
        person_id: int,
        parent: QWidget | None = None,
        *,
        today: Today = dt.date.today,
        detail: ResidentDetail | None = None,
        options: Sequence[MentorOption] | None = None,
    ) -> None:
        """``detail`` and ``options``, when given, were read beforehand (in a worker)."""
        super().__init__("Assign a peer mentor", parent, today=today)
        self._residents = residents
        self._person_id = person_id
        if detail is None:
            detail = residents.get(person_id)
        if options is None:
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
