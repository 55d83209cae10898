"""One resident's record: who they are, where they stand, and every form that changes it.

The header answers the front desk's first questions at a glance (name, record number, status,
program, days sober) and offers the next action; the tabs hold the rest. Everything comes from
``ResidentService`` as plain dataclasses; every change goes through a dialog of
``peerdesk.ui.residents.dialogs``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.domain.enums import GoalStatus, ResidentStatus, ScreeningDecision
from peerdesk.domain.errors import NotFoundError, PeerDeskError
from peerdesk.domain.residents import (
    GoalInfo,
    ResidentDetail,
    ScreeningInfo,
    StayInfo,
    TimelineEntry,
    days_sober,
)
from peerdesk.ui.forms import MUTED_COLOR, UNEXPECTED_MESSAGE, FormDialog, muted, override
from peerdesk.ui.residents.dialogs import (
    AdmissionDialog,
    AftercareDialog,
    DischargeDialog,
    GoalDialog,
    MentorDialog,
    PersonDialog,
    ScreeningDialog,
    stay_text,
)

if TYPE_CHECKING:
    from peerdesk.services.programs import ProgramService
    from peerdesk.services.residents import ResidentService

log = logging.getLogger(__name__)

#: Background and text colour of the status badge.
STATUS_COLORS: dict[ResidentStatus, tuple[str, str]] = {
    ResidentStatus.IN_CARE: ("#e6f4ea", "#1e6b34"),
    ResidentStatus.WAITLISTED: ("#fff4e5", "#8a5300"),
    ResidentStatus.SCREENING: ("#e8f0fe", "#1a4fa0"),
    ResidentStatus.DISCHARGED: ("#eceff1", "#3c4043"),
    ResidentStatus.REFERRED: ("#f3e8fd", "#6a1b9a"),
    ResidentStatus.DECLINED: ("#fdecea", "#b3261e"),
}

#: Colour and name of each kind of timeline entry.
TIMELINE_KINDS: dict[str, tuple[str, str]] = {
    "screening": ("#6a1b9a", "Screening"),
    "admission": ("#1e8e3e", "Admission"),
    "discharge": ("#e37400", "Discharge"),
    "session": ("#1a73e8", "Group session"),
    "activity": ("#129eaf", "Activity"),
    "followup": ("#b06000", "Follow-up"),
    "goal": ("#c2185b", "Goal"),
}

#: What each kind of kept draft is called when the record mentions it.
DRAFT_NAMES = {
    "person": "personal data",
    "admit": "the admission",
    "discharge": "the discharge",
    "screening": "the new screening",
    "goal": "a goal",
    "aftercare": "an aftercare plan",
    "mentor": "the mentor",
}

NOT_RECORDED = "—"


def _dot_icon(color: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(color))
    p.drawEllipse(1, 1, 10, 10)
    p.end()
    return QIcon(pix)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else NOT_RECORDED


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _rating_text(rating: int) -> str:
    return f"{'●' * rating}{'○' * (5 - rating)}  {rating}"


def _value_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def _button(text: str, parent: QWidget, slot: Callable[[], None], tip: str = "") -> QPushButton:
    button = QPushButton(text, parent)
    button.setAutoDefault(False)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


class _EmptyOr(QStackedWidget):
    """A tab's content, or a sentence saying why there is none and what to do."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = muted(QLabel(self))
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.addWidget(self.message)
        self.addWidget(content)

    def show_content(self, has_content: bool, empty_text: str = "") -> None:
        if empty_text:
            self.message.setText(empty_text)
        self.setCurrentIndex(1 if has_content else 0)


class _ReadOnlyTable(QTableWidget):
    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setHighlightSections(False)

    def set_row(self, row: int, values: list[str], key: int | None = None) -> None:
        for col, text in enumerate(values):
            item = QTableWidgetItem(text)
            if key is not None:
                item.setData(Qt.ItemDataRole.UserRole, key)
            self.setItem(row, col, item)


class ResidentRecordView(QWidget):
    """A person's record with its header, tabs and the dialogs that change it.

    Signals:
        resident_changed(int): something of the person was saved (personal data, a stay, a
            screening, a goal or step, an aftercare plan, the mentor).
        closed(): the person pressed Esc (no dialog open) or Close.
    """

    resident_changed = Signal(int)
    closed = Signal()

    def __init__(
        self,
        residents: ResidentService,
        programs: ProgramService,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._residents = residents
        self._programs = programs
        self._today = today
        self._detail: ResidentDetail | None = None
        self._dialog: FormDialog[Any] | None = None
        #: Unsaved form contents kept when a form had to close (person id, form key) → values.
        self._drafts: dict[tuple[int, str], dict[str, object]] = {}
        self._program_names: dict[int, str] | None = None
        self._timeline_of: int | None = None
        self._stale_tabs: set[int] = set()
        self._icons: dict[str, QIcon] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(
            'QPushButton[primary="true"] { background: #1a4fa0; color: white;'
            " font-weight: bold; border: 1px solid #14407f; border-radius: 3px;"
            " padding: 4px 12px; }"
            'QPushButton[primary="true"]:hover { background: #14407f; }'
        )

        self.placeholder = muted(QLabel("Choose a person in the list to see their record.", self))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        record = QWidget(self)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(record)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

        box = QVBoxLayout(record)
        box.setContentsMargins(4, 4, 4, 4)
        box.setSpacing(8)
        box.addWidget(self._build_header(record))
        box.addLayout(self._build_actions(record))
        self.next_step = QLabel(record)
        self.next_step.setWordWrap(True)
        self.next_step.setTextFormat(Qt.TextFormat.RichText)
        self.next_step.setStyleSheet(
            "QLabel { background: #e8f0fe; color: #1a3a6b; border-radius: 4px; padding: 6px; }"
        )
        self.next_step.linkActivated.connect(self._on_next_step_link_activated)
        box.addWidget(self.next_step)
        self.tabs = QTabWidget(record)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_overview(), "Overview")
        self.tabs.addTab(self._build_screenings(), "Screenings")
        self.tabs.addTab(self._build_stays(), "Stays")
        self.tabs.addTab(self._build_goals(), "Goals")
        self.tabs.addTab(self._build_aftercare(), "Aftercare")
        self.tabs.addTab(self._build_timeline(), "Timeline")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        box.addWidget(self.tabs, 1)

    # ---- building -----------------------------------------------------------------------------

    def _build_header(self, parent: QWidget) -> QWidget:
        header = QFrame(parent)
        header.setObjectName("recordHeader")
        header.setStyleSheet("QFrame#recordHeader { border-bottom: 1px solid palette(mid); }")
        self.name_label = QLabel(header)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.record_label = QLabel(header)
        self.record_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(header)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.program_label = muted(QLabel(header))
        self.program_label.setWordWrap(True)
        line = QHBoxLayout()
        line.setSpacing(10)
        line.addWidget(self.record_label)
        line.addWidget(self.status_label)
        line.addWidget(self.program_label, 1)
        left = QVBoxLayout()
        left.setSpacing(4)
        left.addWidget(self.name_label)
        left.addLayout(line)

        self.days_label = QLabel(header)
        self.days_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        big = QFont(self.days_label.font())
        big.setPointSizeF(big.pointSizeF() * 2.4)
        big.setBold(True)
        self.days_label.setFont(big)
        self.days_label.setStyleSheet("color: #1e6b34;")
        self.days_caption = muted(QLabel(header))
        self.days_caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.setSpacing(0)
        right.addWidget(self.days_label)
        right.addWidget(self.days_caption)

        self.close_button = _button("Close", header, self.closed.emit, "Close this record (Esc)")
        row = QHBoxLayout(header)
        row.setContentsMargins(4, 4, 4, 10)
        row.addLayout(left, 1)
        row.addSpacing(16)
        row.addLayout(right)
        row.addSpacing(8)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        return header

    def _build_actions(self, parent: QWidget) -> QHBoxLayout:
        self.edit_button = _button("Edit personal data…", parent, self.edit_person)
        self.admit_button = _button("Admit…", parent, self.admit)
        self.discharge_button = _button("Discharge…", parent, self.discharge)
        self.screening_button = _button("New screening…", parent, self.new_screening)
        self.goal_button = _button("New goal…", parent, self.new_goal)
        row = QHBoxLayout()
        row.setSpacing(6)
        for b in (
            self.edit_button,
            self.admit_button,
            self.discharge_button,
            self.screening_button,
            self.goal_button,
        ):
            row.addWidget(b)
        row.addStretch(1)
        return row

    def _build_overview(self) -> QWidget:
        page = QWidget(self)
        personal = QGroupBox("Personal data", page)
        form = QFormLayout(personal)
        self.overview: dict[str, QLabel] = {}
        for key, caption in (
            ("date_of_birth", "Date of birth"),
            ("gender", "Gender"),
            ("phone", "Phone"),
            ("email", "E-mail"),
            ("external_id", "Facility id"),
        ):
            self.overview[key] = _value_label(personal)
            form.addRow(f"{caption}:", self.overview[key])
        recovery = QGroupBox("Recovery", page)
        form = QFormLayout(recovery)
        for key, caption in (
            ("sobriety_date", "Sobriety date"),
            ("days_sober", "Days sober"),
            ("stay", "Current stay"),
            ("screening", "Last screening"),
        ):
            self.overview[key] = _value_label(recovery)
            form.addRow(f"{caption}:", self.overview[key])
        self.overview["mentor"] = _value_label(recovery)
        self.mentor_button = _button("Assign mentor…", recovery, self.assign_mentor)
        form.addRow("Peer mentor:", self.overview["mentor"])
        mentor_line = QHBoxLayout()
        mentor_line.addWidget(self.mentor_button)
        mentor_line.addStretch(1)
        form.addRow("", mentor_line)
        grid = QGridLayout(page)
        grid.addWidget(personal, 0, 0)
        grid.addWidget(recovery, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        return page

    def _build_screenings(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.screening_list = QListWidget(splitter)
        self.screening_list.setAccessibleName("Screenings")
        self.screening_list.currentRowChanged.connect(self._on_screening_list_current_row_changed)
        detail = QWidget(splitter)
        box = QVBoxLayout(detail)
        box.setContentsMargins(0, 6, 0, 0)
        form = QFormLayout()
        self.screening_fields: dict[str, QLabel] = {}
        for key, caption in (
            ("screened_on", "Date"),
            ("program", "Intended program"),
            ("stage", "Stage of change"),
            ("decision", "Decision"),
            ("reason", "Reason"),
            ("notes", "Notes"),
        ):
            self.screening_fields[key] = _value_label(detail)
            form.addRow(f"{caption}:", self.screening_fields[key])
        box.addLayout(form)
        self.rating_table = _ReadOnlyTable(["Criterion", "Rating (1–5)", "Note"], detail)
        self.rating_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.rating_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rating_table.setColumnWidth(0, 260)
        box.addWidget(self.rating_table, 1)
        splitter.addWidget(self.screening_list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setChildrenCollapsible(False)
        self.screenings_page = _EmptyOr(splitter, self)
        return self.screenings_page

    def _build_stays(self) -> QWidget:
        page = QWidget(self)
        self.stay_table = _ReadOnlyTable(
            ["Program", "Admitted", "Discharged", "Days", "Reason", "Note", "Override reason"],
            page,
        )
        self.stay_table.setAccessibleName("Stays")
        header = self.stay_table.horizontalHeader()
        for col in range(5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.stay_table.itemSelectionChanged.connect(self._update_stay_buttons)
        self.stay_table.itemDoubleClicked.connect(lambda _item: self.edit_aftercare())
        self.stay_discharge_button = _button("Discharge…", page, self.discharge)
        self.stay_admit_button = _button("Readmit…", page, self.admit)
        self.stay_aftercare_button = _button(
            "Aftercare plan…", page, self.edit_aftercare, "The aftercare plan of the chosen stay"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.stay_discharge_button)
        buttons.addWidget(self.stay_admit_button)
        buttons.addWidget(self.stay_aftercare_button)
        buttons.addStretch(1)
        self.stays_page = _EmptyOr(self.stay_table, page)
        box = QVBoxLayout(page)
        box.addWidget(self.stays_page, 1)
        box.addLayout(buttons)
        return page

    def _build_goals(self) -> QWidget:
        page = QWidget(self)
        self.goal_tree = QTreeWidget(page)
        self.goal_tree.setAccessibleName("Goals and steps")
        self.goal_tree.setHeaderLabels(["Goal and steps", "Target date", "Done"])
        self.goal_tree.setAlternatingRowColors(True)
        header = self.goal_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.goal_tree.itemChanged.connect(self._on_goal_tree_item_changed)
        self.goal_tree.itemSelectionChanged.connect(self._update_goal_buttons)
        self.goal_tree.itemDoubleClicked.connect(lambda _item, _col: self.edit_goal())
        self.goals_page = _EmptyOr(self.goal_tree, page)
        self.goal_new_button = _button("New goal…", page, self.new_goal)
        self.goal_edit_button = _button("Edit goal…", page, self.edit_goal)
        self.step_done_button = _button("Mark step done", page, self.toggle_step_done)
        buttons = QHBoxLayout()
        buttons.addWidget(self.goal_new_button)
        buttons.addWidget(self.goal_edit_button)
        buttons.addWidget(self.step_done_button)
        buttons.addStretch(1)
        box = QVBoxLayout(page)
        box.addWidget(self.goals_page, 1)
        box.addLayout(buttons)
        return page

    def _build_aftercare(self) -> QWidget:
        self.aftercare_area = QScrollArea(self)
        self.aftercare_area.setWidgetResizable(True)
        self.aftercare_area.setFrameShape(QFrame.Shape.NoFrame)
        self.aftercare_page = _EmptyOr(self.aftercare_area, self)
        return self.aftercare_page

    def _build_timeline(self) -> QWidget:
        self.timeline = QTreeWidget(self)
        self.timeline.setAccessibleName("Timeline")
        self.timeline.setHeaderLabels(["Date", "What", "Detail"])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setUniformRowHeights(True)
        header = self.timeline.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.timeline_page = _EmptyOr(self.timeline, self)
        return self.timeline_page

    # ---- public -------------------------------------------------------------------------------

    def current_person_id(self) -> int | None:
        return self._detail.id if self._detail else None

    def current_dialog(self) -> FormDialog[Any] | None:
        """The form open over this record, if any."""
        return self._dialog

    def show_person(self, person_id: int) -> None:
        """Show ``person_id``'s record; an open form of another person keeps its draft."""
        same = self.current_person_id() == person_id
        if not same:
            self._close_dialog_keeping_draft()
        try:
            detail = self._residents.get(person_id)
        except NotFoundError:
            self._show_message("This record no longer exists; someone may have removed it.")
            return
        except Exception:
            log.error("opening a record failed", exc_info=False)
            self._show_message("The record could not be opened. Try again in a moment.")
            return
        self._detail = detail
        self._timeline_of = None
        self._fill(detail)
        self._stack.setCurrentIndex(1)
        if not same:
            self.tabs.setCurrentIndex(0)
        elif self.tabs.currentWidget() is self.timeline_page:
            self._load_timeline()

    def clear(self) -> None:
        """Show no one (an open form keeps its draft for when the person is opened again)."""
        self._close_dialog_keeping_draft()
        self._detail = None
        self._timeline_of = None
        self.placeholder.setText("Choose a person in the list to see their record.")
        self._stack.setCurrentIndex(0)

    def refresh(self) -> None:
        """Read the shown person again (after a save)."""
        if self._detail is not None:
            self.show_person(self._detail.id)

    # ---- actions ------------------------------------------------------------------------------

    def edit_person(self) -> None:
        pid = self.current_person_id()
        if pid is not None:
            self._open_dialog(
                "person", lambda: PersonDialog(self._residents, self, pid, today=self._today)
            )

    def admit(self) -> None:
        detail = self._detail
        if detail is None or detail.open_stay is not None:
            return
        self._open_dialog(
            "admit",
            lambda: AdmissionDialog(
                self._residents, self._programs, detail.id, self, today=self._today
            ),
        )

    def discharge(self) -> None:
        detail = self._detail
        stay = detail.open_stay if detail else None
        if detail is None or stay is None:
            return
        self._open_dialog(
            f"discharge:{stay.id}",
            lambda: DischargeDialog(self._residents, detail.id, stay.id, self, today=self._today),
        )

    def new_screening(self) -> None:
        pid = self.current_person_id()
        if pid is not None:
            self._open_dialog(
                "screening",
                lambda: ScreeningDialog(
                    self._residents, self._programs, pid, self, today=self._today
                ),
            )

    def new_goal(self) -> None:
        pid = self.current_person_id()
        if pid is not None:
            self._open_dialog(
                "goal:new",
                lambda: GoalDialog(self._residents, pid, None, self, today=self._today),
            )

    def edit_goal(self, goal_id: int | None = None) -> None:
        pid = self.current_person_id()
        goal_id = goal_id or self._selected_goal_id()
        if pid is None or goal_id is None:
            return
        self._open_dialog(
            f"goal:{goal_id}",
            lambda: GoalDialog(self._residents, pid, goal_id, self, today=self._today),
        )

    def edit_aftercare(self, stay_id: int | None = None) -> None:
        pid = self.current_person_id()
        stay_id = stay_id or self._selected_stay_id()
        if pid is None or stay_id is None:
            return
        self._open_dialog(
            f"aftercare:{stay_id}",
            lambda: AftercareDialog(self._residents, pid, stay_id, self, today=self._today),
        )

    def assign_mentor(self) -> None:
        pid = self.current_person_id()
        if pid is not None:
            self._open_dialog(
                "mentor", lambda: MentorDialog(self._residents, pid, self, today=self._today)
            )

    def set_step_done(self, action_id: int, done: bool) -> None:
        """Mark a goal's step done today (or not done)."""
        pid = self.current_person_id()
        if pid is None:
            return
        try:
            self._residents.set_action_done(action_id, self._today() if done else None)
        except PeerDeskError as err:
            QMessageBox.warning(self, "Not saved", str(err))
            self.refresh()
            return
        except Exception:
            log.error("marking a step done failed", exc_info=False)
            QMessageBox.warning(self, "Not saved", UNEXPECTED_MESSAGE)
            self.refresh()
            return
        self.refresh()
        self._select_step(action_id)
        self.resident_changed.emit(pid)

    def toggle_step_done(self) -> None:
        item = self.goal_tree.currentItem()
        if item is None or item.parent() is None:
            return
        action_id = item.data(0, Qt.ItemDataRole.UserRole)
        done = item.checkState(0) != Qt.CheckState.Checked
        self.set_step_done(int(action_id), done)

    # ---- dialogs ------------------------------------------------------------------------------

    def _open_dialog(self, key: str, make: Callable[[], FormDialog[Any]]) -> None:
        if self._dialog is not None:
            self._dialog.raise_()
            self._dialog.activateWindow()
            return
        pid = self.current_person_id()
        if pid is None:
            return
        try:
            dialog = make()
        except NotFoundError:
            QMessageBox.information(
                self, "Record changed", "This record was changed elsewhere; it has been reloaded."
            )
            self.refresh()
            return
        except Exception:
            log.error("opening the %s form failed", key, exc_info=False)
            QMessageBox.warning(self, "Could not open the form", UNEXPECTED_MESSAGE)
            return
        dialog.draft_key = key
        kept = self._drafts.get((pid, key))
        if kept:
            dialog.restore_draft(kept)
        dialog.saved.connect(lambda _id: self._on_dialog_saved(pid, key))
        dialog.discarded.connect(lambda: self._drafts.pop((pid, key), None))
        dialog.finished.connect(lambda _result: self._on_dialog_finished(dialog))
        self._dialog = dialog
        dialog.open()

    def _on_dialog_saved(self, person_id: int, key: str) -> None:
        self._drafts.pop((person_id, key), None)
        if self.current_person_id() == person_id:
            self.refresh()
            if key.startswith("discharge:"):
                self.tabs.setCurrentWidget(self.aftercare_page)
        self.resident_changed.emit(person_id)

    def _on_dialog_finished(self, dialog: FormDialog[Any]) -> None:
        if self._dialog is dialog:
            self._dialog = None
            if self._detail is not None:
                self._fill_next_step(self._detail)
        dialog.deleteLater()

    def _close_dialog_keeping_draft(self) -> None:
        dialog = self._dialog
        pid = self.current_person_id()
        if dialog is None:
            return
        kept = dialog.close_keeping_draft()
        if kept and pid is not None:
            self._drafts[(pid, dialog.draft_key)] = kept

    def drafts_of(self, person_id: int) -> list[str]:
        """The form keys with unsaved contents kept for ``person_id``."""
        return [key for pid, key in self._drafts if pid == person_id]

    # ---- filling ------------------------------------------------------------------------------

    def _show_message(self, text: str) -> None:
        self._detail = None
        self.placeholder.setText(text)
        self._stack.setCurrentIndex(0)

    def _fill(self, d: ResidentDetail) -> None:
        today = self._today()
        open_stay = d.open_stay
        self.name_label.setText(f"{d.first_name} {d.last_name}")
        self.record_label.setText(d.record_number)
        background, color = STATUS_COLORS.get(d.status, ("#eceff1", "#3c4043"))
        self.status_label.setText(d.status.label)
        self.status_label.setStyleSheet(
            f"QLabel {{ background: {background}; color: {color}; border-radius: 9px;"
            " padding: 2px 10px; font-weight: bold; }"
        )
        self.status_label.setAccessibleName(f"Status: {d.status.label}")
        if open_stay is not None:
            self.program_label.setText(
                f"{open_stay.program_name}, admitted {open_stay.admission_date.isoformat()}"
            )
        elif d.stays:
            last = d.stays[0]
            self.program_label.setText(
                f"Last stay: {last.program_name}, until {_date(last.discharge_date)}"
            )
        else:
            self.program_label.setText("No stay yet")
        sober = days_sober(d.sobriety_date, today)
        self.days_label.setVisible(sober is not None)
        if sober is None:
            self.days_caption.setText("No sobriety date recorded")
        else:
            self.days_label.setText(f"{sober:,}")
            self.days_caption.setText(f"days sober, since {d.sobriety_date}")
        self.days_label.setAccessibleName(
            f"{sober} days sober" if sober is not None else "No sobriety date"
        )

        in_care = open_stay is not None
        self.admit_button.setText("Readmit…" if d.stays else "Admit…")
        self.admit_button.setEnabled(not in_care)
        self.admit_button.setToolTip("" if not in_care else "Already in care: discharge first")
        self.discharge_button.setEnabled(in_care)
        self.discharge_button.setToolTip("" if in_care else "Not in care")

        self._fill_overview(d, today)
        # Tabs other than the one in view fill when first shown: opening stays fast.
        self._stale_tabs = {1, 2, 3, 4}
        self._fill_tab(self.tabs.currentIndex())
        self.tabs.setTabText(1, f"Screenings ({len(d.screenings)})")
        self.tabs.setTabText(2, f"Stays ({len(d.stays)})")
        self.tabs.setTabText(3, f"Goals ({len(d.goals)})")
        self._fill_next_step(d)

    def _fill_overview(self, d: ResidentDetail, today: dt.date) -> None:
        o = self.overview
        if d.date_of_birth:
            o["date_of_birth"].setText(
                f"{d.date_of_birth.isoformat()} (age {_age(d.date_of_birth, today)})"
            )
        else:
            o["date_of_birth"].setText(NOT_RECORDED)
        o["gender"].setText(d.gender.label if d.gender.value != "unknown" else "Not recorded")
        o["phone"].setText(d.phone or NOT_RECORDED)
        o["email"].setText(d.email or NOT_RECORDED)
        o["external_id"].setText(d.external_id or NOT_RECORDED)
        o["sobriety_date"].setText(_date(d.sobriety_date))
        sober = days_sober(d.sobriety_date, today)
        o["days_sober"].setText(f"{sober:,}" if sober is not None else NOT_RECORDED)
        o["stay"].setText(stay_text(d.open_stay) if d.open_stay else "Not in care")
        if d.screenings:
            last = d.screenings[0]
            o["screening"].setText(f"{last.screened_on.isoformat()}: {last.decision.label}")
        else:
            o["screening"].setText("None yet")
        o["mentor"].setText(d.mentor.name if d.mentor else "No mentor assigned")
        self.mentor_button.setText("Change mentor…" if d.mentor else "Assign mentor…")

    def _program_name(self, program_id: int | None) -> str:
        if program_id is None:
            return "Not decided"
        if self._program_names is None:
            try:
                self._program_names = {p.id: p.name for p in self._programs.programs()}
            except Exception:
                log.error("reading programs failed", exc_info=False)
                return ""
        return self._program_names.get(program_id, "")

    def _fill_screenings(self, d: ResidentDetail) -> None:
        self.screening_list.blockSignals(True)
        self.screening_list.clear()
        for sc in d.screenings:
            text = f"{sc.screened_on.isoformat()}   {sc.decision.label}"
            if sc.stage_of_change:
                text += f"  ·  {sc.stage_of_change.label}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, sc.id)
            self.screening_list.addItem(item)
        self.screening_list.blockSignals(False)
        self.screenings_page.show_content(
            bool(d.screenings),
            "No screening yet.\nUse “New screening…” to record the intake screening.",
        )
        if d.screenings:
            self.screening_list.setCurrentRow(0)
            self._show_screening(d.screenings[0])

    def _on_screening_list_current_row_changed(self, row: int) -> None:
        if self._detail is not None and 0 <= row < len(self._detail.screenings):
            self._show_screening(self._detail.screenings[row])

    def _show_screening(self, sc: ScreeningInfo) -> None:
        f = self.screening_fields
        f["screened_on"].setText(sc.screened_on.isoformat())
        f["program"].setText(self._program_name(sc.program_id))
        f["stage"].setText(sc.stage_of_change.label if sc.stage_of_change else "Not assessed")
        f["decision"].setText(sc.decision.label)
        f["reason"].setText(sc.decision_reason or NOT_RECORDED)
        f["notes"].setText(sc.notes or NOT_RECORDED)
        self.rating_table.setRowCount(len(sc.ratings))
        for row, r in enumerate(sc.ratings):
            self.rating_table.set_row(row, [r.criterion.label, _rating_text(r.rating), r.note])
            rating_item = self.rating_table.item(row, 1)
            if rating_item is not None:
                rating_item.setToolTip(f"{r.rating} of 5")
        self.rating_table.resizeRowsToContents()

    def _fill_stays(self, d: ResidentDetail, today: dt.date) -> None:
        table = self.stay_table
        selected = self._selected_stay_id()
        table.setRowCount(len(d.stays))
        for row, st in enumerate(d.stays):
            days = ((st.discharge_date or today) - st.admission_date).days
            table.set_row(
                row,
                [
                    st.program_name,
                    st.admission_date.isoformat(),
                    st.discharge_date.isoformat() if st.discharge_date else "in care",
                    str(days),
                    st.discharge_reason.label if st.discharge_reason else "",
                    st.discharge_note,
                    st.override_reason,
                ],
                key=st.id,
            )
        table.resizeRowsToContents()
        self.stays_page.show_content(
            bool(d.stays), "No stay yet.\nUse “Admit…” once the person is admitted."
        )
        row = next((i for i, st in enumerate(d.stays) if st.id == selected), 0)
        if d.stays:
            table.selectRow(row)
        self.stay_admit_button.setText("Readmit…" if d.stays else "Admit…")
        self._update_stay_buttons()

    def _selected_stay(self) -> StayInfo | None:
        if self._detail is None:
            return None
        rows = self.stay_table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self._detail.stays[row] if row < len(self._detail.stays) else None

    def _selected_stay_id(self) -> int | None:
        stay = self._selected_stay()
        return stay.id if stay else None

    def _update_stay_buttons(self) -> None:
        stay = self._selected_stay()
        in_care = self._detail is not None and self._detail.open_stay is not None
        self.stay_discharge_button.setEnabled(stay is not None and stay.is_open)
        self.stay_admit_button.setEnabled(self._detail is not None and not in_care)
        self.stay_aftercare_button.setEnabled(stay is not None)

    def _goal_shape(self) -> list[tuple[int, list[int]]]:
        """The goal and step ids the tree shows now, in order."""
        shape = []
        for i in range(self.goal_tree.topLevelItemCount()):
            top = self.goal_tree.topLevelItem(i)
            if top is None:
                continue
            steps = []
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None:
                    steps.append(int(child.data(0, Qt.ItemDataRole.UserRole)))
            shape.append((int(top.data(0, Qt.ItemDataRole.UserRole)), steps))
        return shape

    def _fill_goals(self, d: ResidentDetail) -> None:
        """Show the goals; the same goals and steps are updated in place (a ticked step keeps
        its row, its selection and the scroll position, and no item is deleted under Qt)."""
        tree = self.goal_tree
        tree.blockSignals(True)
        if self._goal_shape() != [(g.id, [a.id for a in g.actions]) for g in d.goals]:
            tree.clear()
            for goal in d.goals:
                item = QTreeWidgetItem()
                item.setData(0, Qt.ItemDataRole.UserRole, goal.id)
                tree.addTopLevelItem(item)
                for action in goal.actions:
                    child = QTreeWidgetItem()
                    child.setData(0, Qt.ItemDataRole.UserRole, action.id)
                    child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    child.setToolTip(0, "Tick when the step is done (today's date is kept)")
                    item.addChild(child)
                item.setExpanded(True)
        bold = QFont(tree.font())
        bold.setBold(True)
        for i, goal in enumerate(d.goals):
            top = tree.topLevelItem(i)
            if top is None:
                continue
            done = sum(1 for a in goal.actions if a.done_on)
            status = goal.status.label
            if goal.actions:
                status += f" · {done} of {len(goal.actions)} steps done"
            for col, text in enumerate((goal.title, _date(goal.target_date), status)):
                top.setText(col, text)
            top.setFont(0, bold)
            if goal.status is not GoalStatus.OPEN:
                top.setForeground(0, QColor(MUTED_COLOR))
            for j, action in enumerate(goal.actions):
                step = top.child(j)
                if step is None:
                    continue
                step.setText(0, action.description)
                step.setText(1, _date(action.target_date))
                step.setText(2, action.done_on.isoformat() if action.done_on else "")
                step.setCheckState(
                    0, Qt.CheckState.Checked if action.done_on else Qt.CheckState.Unchecked
                )
        tree.blockSignals(False)
        first = tree.topLevelItem(0)
        if tree.currentItem() is None and first is not None:
            tree.setCurrentItem(first)
        self.goals_page.show_content(
            bool(d.goals),
            "No recovery goal yet.\nUse “New goal…” to set one with the resident, broken into "
            "small steps with target dates.",
        )
        self._update_goal_buttons()

    def _selected_goal(self) -> GoalInfo | None:
        item = self.goal_tree.currentItem()
        if item is None or self._detail is None:
            return None
        top = item.parent() or item
        goal_id = top.data(0, Qt.ItemDataRole.UserRole)
        return next((g for g in self._detail.goals if g.id == goal_id), None)

    def _selected_goal_id(self) -> int | None:
        goal = self._selected_goal()
        return goal.id if goal else None

    def _update_goal_buttons(self) -> None:
        item = self.goal_tree.currentItem()
        self.goal_edit_button.setEnabled(self._selected_goal() is not None)
        is_step = item is not None and item.parent() is not None
        self.step_done_button.setEnabled(is_step)
        if is_step and item is not None and item.checkState(0) == Qt.CheckState.Checked:
            self.step_done_button.setText("Mark step not done")
        else:
            self.step_done_button.setText("Mark step done")

    def _select_step(self, action_id: int) -> None:
        for i in range(self.goal_tree.topLevelItemCount()):
            top = self.goal_tree.topLevelItem(i)
            if top is None:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None and child.data(0, Qt.ItemDataRole.UserRole) == action_id:
                    self.goal_tree.setCurrentItem(child)
                    return

    def _on_goal_tree_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0 or item.parent() is None:
            return
        action_id = int(item.data(0, Qt.ItemDataRole.UserRole))
        self.set_step_done(action_id, item.checkState(0) == Qt.CheckState.Checked)

    def _fill_aftercare(self, d: ResidentDetail) -> None:
        content = QWidget()
        box = QVBoxLayout(content)
        plans = {a.stay_id: a for a in d.aftercare}
        for st in d.stays:
            plan = plans.get(st.id)
            title = stay_text(st)
            if st.discharge_reason:
                title += f" ({st.discharge_reason.label})"
            elif st.is_open:
                title += " — current stay; plan ahead of discharge"
            group = QGroupBox(title, content)
            form = QFormLayout(group)
            if plan is None:
                form.addRow(muted(QLabel("No aftercare plan yet.", group)))
            else:
                for caption, value in (
                    ("Meetings", plan.meetings),
                    ("Sober living", plan.sober_living),
                    ("Outpatient care", plan.outpatient),
                    ("Peer mentor", plan.mentor_name),
                    ("Notes", plan.notes),
                ):
                    label = _value_label(group)
                    label.setText(value or NOT_RECORDED)
                    form.addRow(f"{caption}:", label)
            button = _button(
                "Edit aftercare plan…" if plan else "Make aftercare plan…",
                group,
                partial(self.edit_aftercare, st.id),
            )
            button.setProperty("primary", plan is None and not st.is_open)
            line = QHBoxLayout()
            line.addWidget(button)
            line.addStretch(1)
            form.addRow(line)
            box.addWidget(group)
        box.addStretch(1)
        self.aftercare_area.setWidget(content)
        self.aftercare_page.show_content(
            bool(d.stays),
            "An aftercare plan is made for a stay, at the latest at discharge.\n"
            "This person has no stay yet.",
        )

    def _load_timeline(self) -> None:
        d = self._detail
        if d is None or self._timeline_of == d.id:
            return
        try:
            entries = self._residents.timeline(d.id)
        except Exception:
            log.error("reading the timeline failed", exc_info=False)
            self.timeline_page.show_content(False, "The timeline could not be read just now.")
            return
        self._timeline_of = d.id
        self._fill_timeline(entries)

    def _icon(self, kind: str) -> QIcon:
        if kind not in self._icons:
            color = TIMELINE_KINDS.get(kind, ("#5f6368", ""))[0]
            self._icons[kind] = _dot_icon(color)
        return self._icons[kind]

    def _fill_timeline(self, entries: list[TimelineEntry]) -> None:
        tree = self.timeline
        tree.clear()
        items = []
        for e in entries:
            item = QTreeWidgetItem([e.date.isoformat(), e.title, e.detail])
            item.setIcon(1, self._icon(e.kind))
            item.setToolTip(1, TIMELINE_KINDS.get(e.kind, ("", e.kind))[1])
            items.append(item)
        tree.addTopLevelItems(items)
        self.timeline_page.show_content(bool(entries), "Nothing has happened yet.")

    def _fill_tab(self, index: int) -> None:
        d = self._detail
        if d is None or index not in self._stale_tabs:
            return
        self._stale_tabs.discard(index)
        match index:
            case 1:
                self._fill_screenings(d)
            case 2:
                self._fill_stays(d, self._today())
            case 3:
                self._fill_goals(d)
            case 4:
                self._fill_aftercare(d)

    def _on_tabs_current_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.timeline_page:
            self._load_timeline()
        else:
            self._fill_tab(index)

    # ---- next step ----------------------------------------------------------------------------

    def _fill_next_step(self, d: ResidentDetail) -> None:
        text, primary = self._next_step(d)
        for name, button in (
            ("screening", self.screening_button),
            ("admit", self.admit_button),
            ("goal", self.goal_button),
        ):
            button.setProperty("primary", name == primary)
            button.style().unpolish(button)
            button.style().polish(button)
        self.next_step.setText(text)
        self.next_step.setVisible(bool(text))

    def _next_step(self, d: ResidentDetail) -> tuple[str, str]:
        """A sentence with the next thing to do (a link), and which button to highlight."""
        kept = self.drafts_of(d.id)
        if kept:
            key = kept[0]
            name = DRAFT_NAMES.get(key.split(":")[0], "a form")
            return (
                f"You have unsaved changes to {name}. <a href='draft:{key}'>Continue editing</a>",
                "",
            )
        return self._status_step(d)

    @staticmethod
    def _status_step(d: ResidentDetail) -> tuple[str, str]:
        last_screening = d.screenings[0] if d.screenings else None
        match d.status:
            case ResidentStatus.IN_CARE if not d.goals:
                return (
                    "In care. Next: set recovery goals with the resident. "
                    "<a href='goal'>New goal…</a>",
                    "goal",
                )
            case ResidentStatus.SCREENING if last_screening is None:
                return (
                    "Next: the intake screening. <a href='screening'>New screening…</a>",
                    "screening",
                )
            case ResidentStatus.SCREENING if (
                last_screening is not None and last_screening.decision is ScreeningDecision.ADMIT
            ):
                return (
                    "Screened: admit. Next: <a href='admit'>admit to a program…</a>",
                    "admit",
                )
            case ResidentStatus.WAITLISTED:
                since = last_screening.screened_on.isoformat() if last_screening else ""
                return (
                    f"Waitlisted since {since}. <a href='admit'>Admit…</a> when a bed is free.",
                    "admit",
                )
            case ResidentStatus.DISCHARGED:
                last = d.stays[0] if d.stays else None
                planned = {a.stay_id for a in d.aftercare}
                if last is not None and last.id not in planned:
                    return (
                        f"Discharged on {_date(last.discharge_date)}. Next: "
                        f"<a href='aftercare:{last.id}'>make the aftercare plan…</a>",
                        "",
                    )
        return "", ""

    def _on_next_step_link_activated(self, link: str) -> None:
        if link.startswith("draft:"):
            key = link.removeprefix("draft:")
            kind, _, ident = key.partition(":")
            actions: dict[str, Callable[[], None]] = {
                "person": self.edit_person,
                "admit": self.admit,
                "discharge": self.discharge,
                "screening": self.new_screening,
                "mentor": self.assign_mentor,
            }
            if kind == "goal":
                if ident == "new":
                    self.new_goal()
                else:
                    self.edit_goal(int(ident))
            elif kind == "aftercare":
                self.edit_aftercare(int(ident))
            elif kind in actions:
                actions[kind]()
            return
        if link.startswith("aftercare:"):
            self.tabs.setCurrentWidget(self.aftercare_page)
            self.edit_aftercare(int(link.removeprefix("aftercare:")))
            return
        {"goal": self.new_goal, "screening": self.new_screening, "admit": self.admit}.get(
            link, lambda: None
        )()

    # ---- keys ---------------------------------------------------------------------------------

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._dialog is None:
            event.accept()
            self.closed.emit()
            return
        super().keyPressEvent(event)
