"""The Aftercare tab: the plan made for each stay (meetings, sober living, outpatient, mentor)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from peerdesk.domain.residents import AftercareInfo, ResidentDetail, StayInfo
from peerdesk.ui.residents.dialogs import stay_text
from peerdesk.ui.residents.record.overview import mentor_text
from peerdesk.ui.residents.record.widgets import (
    NOT_RECORDED,
    EmptyOr,
    button,
    muted,
    scrolling,
    value_label,
)


class AftercareTab(EmptyOr):
    """One group per stay, newest first, with its plan or a button to make one.

    Signals:
        edit_requested(int): the plan of this stay id is to be made or edited.
    """

    edit_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        self._content = QWidget()
        self.area = scrolling(self._content)
        super().__init__(self.area, parent)
        #: The "Make/Edit aftercare plan…" button of each stay id (tests press them).
        self.buttons: dict[int, QWidget] = {}

    def fill(self, d: ResidentDetail) -> None:
        content = QWidget()
        box = QVBoxLayout(content)
        plans = {a.stay_id: a for a in d.aftercare}
        self.buttons = {}
        for st in d.stays:
            box.addWidget(self._group(d, st, plans.get(st.id), content))
        box.addStretch(1)
        self.area.setWidget(content)  # the old content is deleted by the scroll area
        self._content = content
        self.show_content(
            bool(d.stays),
            "An aftercare plan is made for a stay, at the latest at discharge.\n"
            "This person has no stay yet.",
        )

    def _group(
        self, d: ResidentDetail, st: StayInfo, plan: AftercareInfo | None, parent: QWidget
    ) -> QGroupBox:
        title = stay_text(st)
        if st.discharge_reason:
            title += f" ({st.discharge_reason.label})"
        elif st.is_open:
            title += " — current stay"
        group = QGroupBox(parent)  # the stay as a wrapping label: a long title never clips
        group.setAccessibleName(title)
        form = QFormLayout(group)
        heading = QLabel(title, group)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        form.addRow(heading)
        if plan is None:
            hint = "No aftercare plan yet."
            if st.is_open:
                hint += " Plan it ahead of the discharge."
            note = muted(QLabel(hint, group))
            note.setWordWrap(True)
            form.addRow(note)
        else:
            for caption, value in (
                ("Meetings", plan.meetings),
                ("Sober living", plan.sober_living),
                ("Outpatient care", plan.outpatient),
                # One mentor per person: the plan shows the same fact as the Overview.
                ("Peer mentor", mentor_text(d)),
                ("Notes", plan.notes),
            ):
                label = value_label(group, caption)
                label.setText(value or NOT_RECORDED)
                form.addRow(f"{caption}:", label)
        b = button(
            "Edit aftercare plan…" if plan else "Make aftercare plan…",
            group,
            partial(self._on_plan_button_clicked, st.id),
        )
        b.setAccessibleName(f"{b.text()} {title}")
        b.setProperty("primary", plan is None and not st.is_open)
        self.buttons[st.id] = b
        line = QHBoxLayout()
        line.addWidget(b)
        line.addStretch(1)
        form.addRow(line)
        return group

    def _on_plan_button_clicked(self, stay_id: int, *_checked: object) -> None:
        self.edit_requested.emit(stay_id)
