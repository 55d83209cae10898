"""The Residents area once the database is open: the list on the left, the record on the right."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QSplitter, QWidget

from peerdesk.domain.residents import ResidentQuery
from peerdesk.ui.common.dialog_host import DialogHost
from peerdesk.ui.common.record_table import RecordTableView
from peerdesk.ui.common.tasks import TaskRunner
from peerdesk.ui.residents.list_model import ResidentTableModel
from peerdesk.ui.residents.list_view import ResidentListPanel

log = logging.getLogger(__name__)


def _import_record_modules() -> None:
    """Load the record view's and the dialogs' modules (run in a worker: no widget is made)."""
    import importlib

    for name in ("peerdesk.ui.residents.record.view", "peerdesk.ui.residents.dialogs"):
        importlib.import_module(name)


#: Long enough that the list has painted and the person has not yet reacted.
WARM_UP_DELAY_MS = 300

if TYPE_CHECKING:
    from peerdesk.domain.changes import Changes
    from peerdesk.services.programs import ProgramService
    from peerdesk.services.residents import ResidentService
    from peerdesk.ui.common.area import AreaContext
    from peerdesk.ui.common.change_bus import ChangeBus
    from peerdesk.ui.residents.record.view import ResidentRecordView

#: What a change must touch for the list to run its query again.
LIST_ENTITIES = ("person", "stay", "screening")


class ResidentsWorkspace(QSplitter):
    """Search, filter and open residents; register a new person.

    The record is hidden until someone is opened; the list then narrows to the columns that
    tell people apart. The list runs its query again whenever the change bus says people,
    stays or screenings changed (from this record, a dialog, an import or another area).
    """

    def __init__(
        self,
        residents: ResidentService,
        programs: ProgramService,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
        *,
        tasks: TaskRunner | None = None,
        bus: ChangeBus | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._residents = residents
        self._today = today
        self._tasks = tasks if tasks is not None else TaskRunner(self)
        self._bus = bus
        self._dialogs = DialogHost()
        self.model = ResidentTableModel(residents, today, self)
        self.panel = ResidentListPanel(self.model)
        self.panel.set_programs(programs.programs())
        self.panel.record_activated.connect(self.open_person)
        self.panel.new_requested.connect(self.new_person)

        self._programs = programs
        self._record_view: ResidentRecordView | None = None

        self.setChildrenCollapsible(False)
        self.setHandleWidth(10)
        self.addWidget(self.panel)
        self.setStretchFactor(0, 1)

        self.model.set_query(ResidentQuery())
        QTimer.singleShot(WARM_UP_DELAY_MS, self, self._warm_up)  # not after self is gone

    @property
    def record_view(self) -> ResidentRecordView:
        """The record beside the list, built when first needed (it is hidden until then)."""
        if self._record_view is None:
            from peerdesk.ui.residents.record.view import ResidentRecordView

            view = ResidentRecordView(
                self._residents, self._programs, today=self._today, tasks=self._tasks
            )
            if self._bus is not None:
                # The record reads itself again when a write elsewhere touched it.
                self._bus.changed.connect(view.on_changes)
            view.closed.connect(self._on_record_view_closed)
            view.hide()
            self.addWidget(view)
            self.setStretchFactor(1, 1)
            self._record_view = view
        return self._record_view

    @classmethod
    def build(cls, context: AreaContext) -> ResidentsWorkspace:
        """The Residents area's content (the composition root declares this as its page)."""
        made = cls(
            context.services.residents,
            context.services.programs,
            context.today,
            tasks=context.tasks,
            bus=context.bus,
        )
        context.bus.changed.connect(made._on_bus_changed)
        made.panel.focus_search()
        return made

    # -- what the main window asks of an area --

    def focus_search(self) -> None:
        self.panel.focus_search()

    def new_record(self) -> None:
        self.new_person()

    def refresh(self, person_id: int | None = None) -> None:
        """Run the list's query again, keeping the selected person (or ``person_id``)."""
        self.panel.refresh(person_id)

    @property
    def table(self) -> RecordTableView:
        return self.panel.table

    def _on_bus_changed(self, changes: Changes) -> None:
        # Run the query again: a discharge may take the person out of an "In care" filter and a
        # new name moves them in the order. The selection follows the open record, else stays.
        if changes.touches(*LIST_ENTITIES):
            view = self._record_view
            shown = view.current_person_id() if view is not None and view.isVisible() else None
            self.panel.refresh(shown)

    def _warm_up(self) -> None:
        """Once the list is up and the desk is idle, get the record view ready.

        A worker loads the record view's modules and reads the first listed record (compiling
        a dozen statements); only then is the view itself built (widgets: GUI thread only), so
        the two never compete for the interpreter. Each would otherwise land on the first record
        a person opens. Nothing is shown or kept; a warm-up that fails costs nothing (a real
        open reports its own errors).
        """
        if not self.isVisible():
            return  # closed meanwhile (its database may be gone)
        first = self.model.id_at(0) if self.model.rowCount() else None

        def prepare() -> None:
            _import_record_modules()
            if first is not None:
                self._residents.get(first)

        self._tasks.run(prepare, self._on_warm_up_prepared, name="warm-up", owner=self)

    def _on_warm_up_prepared(self, _result: object) -> None:
        if self.isVisible():
            self.record_view  # noqa: B018 - built now, in idle time, not on the first open

    def open_person(self, person_id: int) -> None:
        """Show ``person_id``'s record beside the list and move the focus into it."""
        self.panel.select_record(person_id)
        self.record_view.show_person(person_id)
        if not self.record_view.isVisible():
            self.panel.table.set_compact(True)
            self.record_view.show()
            width = max(self.width(), 2)
            self.setSizes([width * 9 // 20, width * 11 // 20])
        self.record_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def new_person(self) -> None:
        """Open the registration dialog; the new person is then selected and opened."""
        from peerdesk.ui.residents.dialogs.person import PersonDialog

        dialog = PersonDialog(self._residents, parent=self, today=self._today)
        saved: list[int] = []

        def on_saved(person_id: int) -> None:
            self._show_registered(person_id)
            if dialog.isVisible():
                saved.append(person_id)  # opened once the dialog is gone, so focus lands there
            else:
                self.open_person(person_id)

        def on_finished(_result: int) -> None:
            if saved:
                self.open_person(saved[-1])

        dialog.resident_saved.connect(on_saved)
        dialog.existing_chosen.connect(saved.append)  # already registered: open that record
        self._dialogs.show(dialog, on_finished)

    def _show_registered(self, person_id: int) -> None:
        self.model.refresh()
        if self.model.row_of(person_id) is None:
            # Someone just registered must be findable at once, whatever the filters said.
            self.panel.clear_filters()
        self.panel.select_record(person_id)

    def _on_record_view_closed(self) -> None:
        self.record_view.clear()
        self.record_view.hide()
        self.panel.table.set_compact(False)
        self.panel.table.setFocus(Qt.FocusReason.OtherFocusReason)
