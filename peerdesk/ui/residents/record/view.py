"""One resident's record: who they are, where they stand, and every form that changes it.

The header answers the front desk's first questions at a glance (name, record number, status,
program, days sober) and offers the next action; one module per tab holds the rest. The record
is read in a worker (:class:`~peerdesk.ui.common.tasks.TaskRunner`) and shown on the GUI
thread; every change goes through a dialog of ``peerdesk.ui.residents.dialogs``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from peerdesk.domain.changes import Changes
from peerdesk.domain.errors import NotFoundError, PeerDeskError
from peerdesk.domain.residents import ResidentDetail, TimelineEntry
from peerdesk.ui import theme
from peerdesk.ui.common.form_dialog import UNEXPECTED_MESSAGE, FormDialog
from peerdesk.ui.common.tasks import TaskRunner
from peerdesk.ui.residents.record.aftercare import AftercareTab
from peerdesk.ui.residents.record.forms import RecordForms
from peerdesk.ui.residents.record.goals import GoalsTab
from peerdesk.ui.residents.record.header import RecordHeader
from peerdesk.ui.residents.record.next_step import Action, next_step
from peerdesk.ui.residents.record.overview import OverviewTab
from peerdesk.ui.residents.record.screenings import ScreeningsTab
from peerdesk.ui.residents.record.stays import StaysTab
from peerdesk.ui.residents.record.tabs import RecordTabs
from peerdesk.ui.residents.record.timeline import TimelineTab
from peerdesk.ui.residents.record.widgets import (
    FOCUS_CSS,
    FlowLayout,
    banner_label,
    button,
    muted,
    paint_focus_ring,
    repolish,
)

if TYPE_CHECKING:
    from peerdesk.services.programs import ProgramService
    from peerdesk.services.residents import ResidentService

log = logging.getLogger(__name__)

CHOOSE_TEXT = "Choose a person in the list to see their record."
GONE_TEXT = "This record no longer exists; someone may have removed it."
FAILED_TEXT = "The record could not be opened. Try again in a moment."


class ResidentRecordView(QWidget):
    """A person's record with its header, tabs and the dialogs that change it.

    Signals:
        resident_changed(int): something of the person was saved (personal data, a stay, a
            screening, a goal or step, an aftercare plan, the mentor).
        record_shown(int): the record of this person id was read and is on screen.
        closed(): the person pressed Esc (no dialog open) or Close.
    """

    resident_changed = Signal(int)
    record_shown = Signal(int)
    closed = Signal()

    def __init__(
        self,
        residents: ResidentService,
        programs: ProgramService,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._residents = residents
        self._programs = programs
        self._today = today
        self._tasks = tasks or TaskRunner(self)
        #: The person asked for (shown, or being read); ``_detail`` is what is on screen.
        self._person_id: int | None = None
        self._detail: ResidentDetail | None = None
        self._timeline_of: int | None = None
        self._stale_tabs: set[QWidget] = set()
        self._select_step_after_load: int | None = None
        self._forms = RecordForms(residents, programs, self, today=today, tasks=self._tasks)
        self._forms.saved.connect(self._on_forms_saved)
        self._forms.finished.connect(self._on_forms_finished)
        self._forms.reload_requested.connect(self.refresh)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(360, 360)
        self.setStyleSheet(theme.primary_button_css() + FOCUS_CSS)

        self.placeholder = muted(QLabel(CHOOSE_TEXT, self))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.record = QWidget(self)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(self.record)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

        box = QVBoxLayout(self.record)
        box.setContentsMargins(4, 4, 4, 4)
        box.setSpacing(6)
        self.header = RecordHeader(self.record)
        self.header.close_button.clicked.connect(self.closed.emit)
        self.close_button = self.header.close_button
        box.addWidget(self.header)
        box.addLayout(self._build_actions())
        self.next_step = banner_label(self.record, theme.INFO_TONE, "Next step")
        self.next_step.linkActivated.connect(self._on_next_step_link_activated)
        box.addWidget(self.next_step)
        box.addWidget(self._build_tabs(), 1)

    # ---- building -----------------------------------------------------------------------------

    def _build_actions(self) -> FlowLayout:
        parent = self.record
        self.edit_button = button("Edit personal data…", parent, self.edit_person)
        self.admit_button = button("Admit…", parent, self.admit)
        self.discharge_button = button("Discharge…", parent, self.discharge)
        self.screening_button = button("New screening…", parent, self.new_screening)
        self.goal_button = button("New goal…", parent, self.new_goal)
        #: The action row's button for each action a next step may highlight.
        self.action_buttons: dict[Action, QPushButton] = {
            Action.ADMIT: self.admit_button,
            Action.SCREENING: self.screening_button,
            Action.GOAL: self.goal_button,
        }
        row = FlowLayout(spacing=6)
        for b in (
            self.edit_button,
            self.admit_button,
            self.discharge_button,
            self.screening_button,
            self.goal_button,
        ):
            row.addWidget(b)
        return row

    def _build_tabs(self) -> RecordTabs:
        self.tabs = RecordTabs(self.record)
        self.overview = OverviewTab(self.tabs)
        self.overview.mentor_requested.connect(self.assign_mentor)
        self.screenings = ScreeningsTab(self._programs, self.tabs)
        self.stays = StaysTab(self.tabs)
        self.stays.discharge_requested.connect(self.discharge)
        self.stays.admit_requested.connect(self.admit)
        self.stays.aftercare_requested.connect(self.edit_aftercare)
        self.goals = GoalsTab(self.tabs)
        self.goals.new_goal_requested.connect(self.new_goal)
        self.goals.edit_goal_requested.connect(self.edit_goal)
        self.goals.step_done_changed.connect(self.set_step_done)
        self.aftercare = AftercareTab(self.tabs)
        self.aftercare.edit_requested.connect(self.edit_aftercare)
        self.timeline = TimelineTab(self.tabs)
        for page, title in (
            (self.overview, "Overview"),
            (self.screenings, "Screenings"),
            (self.stays, "Stays"),
            (self.goals, "Goals"),
            (self.aftercare, "Aftercare"),
            (self.timeline, "Timeline"),
        ):
            self.tabs.addTab(page, title)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        return self.tabs

    # ---- public -------------------------------------------------------------------------------

    def current_person_id(self) -> int | None:
        """The person whose record is shown (or being read to be shown)."""
        return self._person_id

    def current_dialog(self) -> FormDialog[Any] | None:
        """The form open over this record, if any."""
        return self._forms.dialog

    def drafts_of(self, person_id: int) -> list[str]:
        """The form keys with unsaved contents kept for ``person_id``."""
        return self._forms.drafts_of(person_id)

    def show_person(self, person_id: int) -> None:
        """Show ``person_id``'s record (read in a worker; ``record_shown`` says when it is on
        screen); an open form of another person keeps its draft."""
        if self._person_id != person_id:
            self._forms.close_keeping_draft(self._person_id)
            self._person_id = person_id
            if self._detail is None:
                self.placeholder.setText("Opening the record…")
        self._start_load(person_id)

    def clear(self) -> None:
        """Show no one (an open form keeps its draft for when the person is opened again)."""
        self._forms.close_keeping_draft(self._person_id)
        self._person_id = None
        self._detail = None
        self._timeline_of = None
        self._end_busy()
        self.placeholder.setText(CHOOSE_TEXT)
        self._stack.setCurrentIndex(0)

    def refresh(self) -> None:
        """Read the shown person again (after a save)."""
        if self._person_id is not None:
            self._start_load(self._person_id)

    def is_stale(self, changes: Changes) -> bool:
        """Whether ``changes`` (from the change bus) touch the record on screen."""
        d = self._detail
        if d is None:
            return False
        return (
            d.id in changes.ids("person")
            or bool(changes.ids("stay") & {s.id for s in d.stays})
            or bool(changes.ids("goal") & {g.id for g in d.goals})
            or bool(changes.ids("screening") & {s.id for s in d.screenings})
        )

    def on_changes(self, changes: Changes) -> None:
        """Read the record again when a write elsewhere touched it."""
        if self.is_stale(changes):
            self.refresh()

    # ---- reading ------------------------------------------------------------------------------

    def _start_load(self, person_id: int) -> None:
        switching = self._detail is not None and self._detail.id != person_id
        # A person seen with another's actions is worse than a grey moment: block them.
        self.header.show_busy_soon(self.record if switching else None)
        self._tasks.run(
            partial(self._load, person_id),
            partial(self._on_load_done, person_id),
            partial(self._on_load_failed, person_id),
            name="record",
            key=f"record:{id(self)}",
            owner=self,
        )

    def _load(self, person_id: int) -> ResidentDetail | None:
        """Read the record (in a worker: no widget is touched here). None: it is gone."""
        try:
            return self._residents.get(person_id)
        except NotFoundError:
            return None

    def _on_load_done(self, person_id: int, detail: ResidentDetail | None) -> None:
        if person_id != self._person_id:
            return  # another person was asked for meanwhile
        self._end_busy()
        if detail is None:
            self._show_message(GONE_TEXT)
            return
        self._apply(detail)
        self.record_shown.emit(person_id)

    def _on_load_failed(self, person_id: int, _reason: str) -> None:
        if person_id == self._person_id:
            self._end_busy()
            self._show_message(FAILED_TEXT)

    def _end_busy(self) -> None:
        self.header.end_busy()

    def _show_message(self, text: str) -> None:
        self._person_id = None
        self._detail = None
        self.placeholder.setText(text)
        self._stack.setCurrentIndex(0)

    def _apply(self, d: ResidentDetail) -> None:
        """Fill the widgets with ``d`` (on the GUI thread)."""
        switched = self._detail is None or self._detail.id != d.id
        self._detail = d
        self._timeline_of = None
        today = self._today()
        self.header.show_detail(d, today)
        in_care = d.open_stay is not None
        self.admit_button.setText("Readmit…" if d.stays else "Admit…")
        self.admit_button.setEnabled(not in_care)
        self.admit_button.setToolTip("Already in care: discharge first" if in_care else "")
        self.discharge_button.setEnabled(in_care)
        self.discharge_button.setToolTip("" if in_care else "Not in care")
        self.overview.fill(d, today)
        # Tabs other than the one in view fill when first shown: opening stays fast.
        self._stale_tabs = {self.screenings, self.stays, self.goals, self.aftercare}
        self._fill_next_step(d)
        self._stack.setCurrentIndex(1)
        self.tabs.set_counts(
            {self.screenings: len(d.screenings), self.stays: len(d.stays), self.goals: len(d.goals)}
        )
        if switched:
            self.tabs.setCurrentIndex(0)
        else:
            self._on_tabs_current_changed(self.tabs.currentIndex())
        if self._select_step_after_load is not None:
            self.goals.select_step(self._select_step_after_load)
            self._select_step_after_load = None

    def _fill_tab(self, page: QWidget) -> None:
        d = self._detail
        if d is None or page not in self._stale_tabs:
            return
        self._stale_tabs.discard(page)
        if page is self.screenings:
            self.screenings.fill(d)
        elif page is self.stays:
            self.stays.fill(d, self._today())
        elif page is self.goals:
            self.goals.fill(d, self._today())
        elif page is self.aftercare:
            self.aftercare.fill(d)

    def _load_timeline(self) -> None:
        d = self._detail
        if d is None or self._timeline_of == d.id:
            return
        self._timeline_of = d.id
        self._tasks.run(
            partial(self._residents.timeline, d.id),
            partial(self._on_timeline_done, d.id),
            partial(self._on_timeline_failed, d.id),
            name="timeline",
            key=f"timeline:{id(self)}",
            owner=self,
        )

    def _on_timeline_done(self, person_id: int, entries: list[TimelineEntry]) -> None:
        if self._detail is not None and self._detail.id == person_id:
            self.timeline.fill(entries)

    def _on_timeline_failed(self, person_id: int, _reason: str) -> None:
        if self._timeline_of == person_id:
            self._timeline_of = None
            self.timeline.show_error("The timeline could not be read just now.")

    def _on_tabs_current_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self.timeline:
            self._load_timeline()
        elif page is not None:
            self._fill_tab(page)

    # ---- next step ----------------------------------------------------------------------------

    def _fill_next_step(self, d: ResidentDetail) -> None:
        step = next_step(d, self.drafts_of(d.id))
        for action, b in self.action_buttons.items():
            b.setProperty("primary", action is step.primary)
            repolish(b)
        self.next_step.setText(step.text)
        self.next_step.setVisible(bool(step.text))

    def _on_next_step_link_activated(self, link: str) -> None:
        # Links: "admit", "goal", "screening", "aftercare:<stay>", "draft:<form key>".
        kind, _, ident = link.removeprefix("draft:").partition(":")
        if kind == "aftercare":
            self.tabs.setCurrentWidget(self.aftercare)
            self.edit_aftercare(int(ident))
        elif kind == "goal" and ident.isdigit():
            self.edit_goal(int(ident))
        else:
            opener: Callable[[], None] | None = {
                "person": self.edit_person,
                "admit": self.admit,
                "discharge": self.discharge,
                "screening": self.new_screening,
                "mentor": self.assign_mentor,
                "goal": self.new_goal,
            }.get(kind)
            if opener is not None:
                opener()

    # ---- actions ------------------------------------------------------------------------------

    def _shown(self) -> ResidentDetail | None:
        """The record on screen, if it is the one asked for (no action while another loads)."""
        d = self._detail
        return d if d is not None and d.id == self._person_id else None

    def edit_person(self) -> None:
        if d := self._shown():
            self._forms.edit_person(d.id)

    def admit(self) -> None:
        if (d := self._shown()) and d.open_stay is None:
            self._forms.admit(d.id)

    def discharge(self) -> None:
        if (d := self._shown()) and d.open_stay is not None:
            self._forms.discharge(d.id, d.open_stay.id)

    def new_screening(self) -> None:
        if d := self._shown():
            self._forms.new_screening(d.id)

    def new_goal(self) -> None:
        if d := self._shown():
            self._forms.goal(d.id, None)

    def edit_goal(self, goal_id: int | None = None) -> None:
        goal_id = goal_id or self.goals.selected_goal_id()
        if (d := self._shown()) and goal_id is not None:
            self._forms.goal(d.id, goal_id)

    def edit_aftercare(self, stay_id: int | None = None) -> None:
        stay_id = stay_id or self.stays.selected_stay_id()
        if (d := self._shown()) and stay_id is not None:
            self._forms.aftercare(d.id, stay_id)

    def assign_mentor(self) -> None:
        if d := self._shown():
            self._forms.mentor(d.id)

    def set_step_done(self, action_id: int, done: bool) -> None:
        """Mark a goal's step done today (or not done)."""
        d = self._shown()
        if d is None:
            return
        try:
            self._residents.set_action_done(action_id, self._today() if done else None)
        except PeerDeskError as err:
            QMessageBox.warning(self, "Not saved", str(err))
            self.refresh()
            return
        except Exception as exc:
            log.error("marking a step done failed: %s", type(exc).__name__)
            QMessageBox.warning(self, "Not saved", UNEXPECTED_MESSAGE)
            self.refresh()
            return
        self._select_step_after_load = action_id
        self.refresh()
        self.resident_changed.emit(d.id)

    def toggle_step_done(self) -> None:
        self.goals.toggle_step_done()

    def _on_forms_saved(self, person_id: int, key: str) -> None:
        if self._person_id == person_id:
            self.refresh()
            if key.startswith("discharge:"):
                self.tabs.setCurrentWidget(self.aftercare)
        self.resident_changed.emit(person_id)

    def _on_forms_finished(self) -> None:
        if self._detail is not None:
            self._fill_next_step(self._detail)

    # ---- focus and keys -----------------------------------------------------------------------

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():  # the record itself holds the keyboard (after opening): say so
            paint_focus_ring(self)

    @override
    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    @override
    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._forms.dialog is None:
            event.accept()
            self.closed.emit()
            return
        super().keyPressEvent(event)
