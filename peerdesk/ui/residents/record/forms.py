"""The one form open over a record at a time, and the unsaved drafts kept per person."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from peerdesk.domain.errors import NotFoundError, PeerDeskError
from peerdesk.ui.common.form_dialog import UNEXPECTED_MESSAGE, FormDialog
from peerdesk.ui.residents.dialogs import (
    AdmissionDialog,
    AftercareDialog,
    DischargeDialog,
    GoalDialog,
    MentorDialog,
    PersonDialog,
    ScreeningDialog,
)

if TYPE_CHECKING:
    from peerdesk.services.programs import ProgramService
    from peerdesk.services.residents import ResidentService
    from peerdesk.ui.common.tasks import Task, TaskRunner

T = TypeVar("T")

log = logging.getLogger(__name__)


class RecordForms(QObject):
    """Opens a record's forms one at a time and keeps what was typed when one had to close.

    A form is keyed ("person", "admit", "goal:7", "aftercare:3", ...); a form closed by opening
    another person keeps its contents as a draft under (person id, key) until it is saved or
    discarded.

    Signals:
        saved(int, str): the form ``key`` of person ``id`` was saved.
        finished(): the open form closed (saved, discarded or kept).
        reload_requested(): the record changed under a form that was about to open.
    """

    saved = Signal(int, str)
    finished = Signal()
    reload_requested = Signal()

    def __init__(
        self,
        residents: ResidentService,
        programs: ProgramService,
        parent: QWidget,
        *,
        today: Callable[[], dt.date],
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        #: The key of a form whose data is being read in a worker (one form at a time).
        self._pending: str | None = None
        self._pending_task: Task[Any] | None = None
        self._residents = residents
        self._programs = programs
        self._today = today
        self._parent = parent
        self.dialog: FormDialog[Any] | None = None
        self._drafts: dict[tuple[int, str], dict[str, object]] = {}

    def open(self, person_id: int, key: str, make: Callable[[], FormDialog[Any]]) -> None:
        """Open the form ``make`` builds, or raise the one already open."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        try:
            dialog = make()
        except NotFoundError:
            QMessageBox.information(
                self._parent,
                "Record changed",
                "This record was changed elsewhere; it has been reloaded.",
            )
            self.reload_requested.emit()
            return
        except Exception as exc:  # the type only: a database error's text may hold a name
            log.error(
                "opening the %s form failed: %s", key.split(":", maxsplit=1)[0], type(exc).__name__
            )
            QMessageBox.warning(self._parent, "Could not open the form", UNEXPECTED_MESSAGE)
            return
        dialog.draft_key = key
        kept = self._drafts.get((person_id, key))
        if kept:
            dialog.restore_draft(kept)
        dialog.saved.connect(lambda _id: self._on_dialog_saved(person_id, key))
        dialog.discarded.connect(lambda: self._drafts.pop((person_id, key), None))
        dialog.finished.connect(lambda _result: self._on_dialog_finished(dialog))
        self.dialog = dialog
        dialog.open()

    def open_fetched(
        self,
        person_id: int,
        key: str,
        fetch: Callable[[], T],
        make: Callable[[T], FormDialog[Any]],
    ) -> None:
        """Read the form's data with ``fetch`` in a worker, then open ``make(data)``.

        Nothing is read on the GUI thread; a second request while one is on its way is ignored.
        Without a task runner (a view made on its own in a test) it reads here.
        """
        if self.dialog is not None or self._tasks is None:
            self.open(person_id, key, lambda: make(fetch()))
            return
        if self._pending is not None:
            return

        def work() -> tuple[T | None, PeerDeskError | None]:
            try:
                return fetch(), None
            except PeerDeskError as exc:  # NotFoundError and friends: answered like open()'s
                return None, exc

        def arrived(result: tuple[T | None, PeerDeskError | None]) -> None:
            self._pending, self._pending_task = None, None
            data, error = result
            if error is not None:
                self.open(person_id, key, _raising(error))
            else:
                self.open(person_id, key, lambda: make(data))  # type: ignore[arg-type]

        def failed(_reason: str) -> None:
            self._pending, self._pending_task = None, None
            QMessageBox.warning(self._parent, "Could not open the form", UNEXPECTED_MESSAGE)

        self._pending = key
        self._pending_task = self._tasks.run(work, arrived, failed, name="form data", owner=self)

    @property
    def pending(self) -> str | None:
        """The form whose data is being read, if any."""
        return self._pending

    # ---- the forms of a record ---------------------------------------------------------------

    def edit_person(self, person_id: int) -> None:
        self.open(
            person_id,
            "person",
            lambda: PersonDialog(self._residents, self._parent, person_id, today=self._today),
        )

    def admit(self, person_id: int) -> None:
        self.open_fetched(
            person_id,
            "admit",
            lambda: (self._residents.get(person_id), self._programs.census()),
            lambda data: AdmissionDialog(
                self._residents,
                self._programs,
                person_id,
                self._parent,
                today=self._today,
                detail=data[0],
                census=data[1],
            ),
        )

    def discharge(self, person_id: int, stay_id: int) -> None:
        self.open(
            person_id,
            f"discharge:{stay_id}",
            lambda: DischargeDialog(
                self._residents, person_id, stay_id, self._parent, today=self._today
            ),
        )

    def new_screening(self, person_id: int) -> None:
        self.open(
            person_id,
            "screening",
            lambda: ScreeningDialog(
                self._residents, self._programs, person_id, self._parent, today=self._today
            ),
        )

    def goal(self, person_id: int, goal_id: int | None) -> None:
        """A new goal (``goal_id`` None) or an existing one."""
        self.open(
            person_id,
            f"goal:{goal_id or 'new'}",
            lambda: GoalDialog(
                self._residents, person_id, goal_id, self._parent, today=self._today
            ),
        )

    def aftercare(self, person_id: int, stay_id: int) -> None:
        self.open_fetched(
            person_id,
            f"aftercare:{stay_id}",
            lambda: (self._residents.get(person_id), self._residents.mentor_options(person_id)),
            lambda data: AftercareDialog(
                self._residents,
                person_id,
                stay_id,
                self._parent,
                today=self._today,
                prefetched=data,
            ),
        )

    def mentor(self, person_id: int) -> None:
        self.open_fetched(
            person_id,
            "mentor",
            lambda: (self._residents.get(person_id), self._residents.mentor_options(person_id)),
            lambda data: MentorDialog(
                self._residents,
                person_id,
                self._parent,
                today=self._today,
                detail=data[0],
                options=data[1],
            ),
        )

    # ---- drafts -------------------------------------------------------------------------------

    def close_keeping_draft(self, person_id: int | None) -> None:
        """Close the open form; what was typed is kept for ``person_id``. A form whose data is
        still being read never opens (the record moved on to someone else)."""
        if self._pending_task is not None:
            self._pending_task.cancel()
            self._pending_task = None
            self._pending = None
        dialog = self.dialog
        if dialog is None:
            return
        kept = dialog.close_keeping_draft()
        if kept and person_id is not None:
            self._drafts[(person_id, dialog.draft_key)] = kept

    def drafts_of(self, person_id: int) -> list[str]:
        """The form keys with unsaved contents kept for ``person_id``."""
        return [key for pid, key in self._drafts if pid == person_id]

    def _on_dialog_saved(self, person_id: int, key: str) -> None:
        self._drafts.pop((person_id, key), None)
        self.saved.emit(person_id, key)

    def _on_dialog_finished(self, dialog: FormDialog[Any]) -> None:
        if self.dialog is dialog:
            self.dialog = None
            self.finished.emit()
        dialog.deleteLater()


def _raising(error: PeerDeskError) -> Callable[[], FormDialog[Any]]:
    """A form maker that raises ``error``, so :meth:`RecordForms.open` answers it as usual."""

    def make() -> FormDialog[Any]:
        raise error

    return make
