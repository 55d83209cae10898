"""A recovery goal and its rows of steps."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.domain.enums import (
    GoalStatus,
)
from peerdesk.domain.errors import (
    FieldError,
    NotFoundError,
)
from peerdesk.domain.residents import (
    ActionDraft,
    GoalDraft,
    GoalInfo,
    validate_goal,
)
from peerdesk.ui.common.form_dialog import Binding, FormDialog, Parser
from peerdesk.ui.common.widgets import DateEdit, error_label, muted, override
from peerdesk.ui.residents.dialogs._shared import (
    Today,
    person_heading,
)

if TYPE_CHECKING:
    from peerdesk.services.residents import ResidentService


class StepRow(QWidget):
    """One step of a goal: description, target date, done, and move / remove buttons.

    Signals:
        changed(): something in the row was edited.
        move_requested(int): -1 up, +1 down.
        remove_requested(): the person wants the row gone.
    """

    changed = Signal()
    move_requested = Signal(int)
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.done_on: dt.date | None = None
        self.number = QLabel(self)
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance("00.") + 4)
        self.description = QLineEdit(self)
        self.description.setPlaceholderText("A small, concrete step")
        self.description.setMaxLength(200)
        self.target = DateEdit(self)
        self.target.line.setAccessibleName("Step target date")
        self.target.line.setToolTip("Target date of this step (YYYY-MM-DD)")
        self.done = QCheckBox("Done", self)
        style = self.style()
        self.up = QToolButton(self)
        self.up.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.up.setToolTip("Move this step up")
        self.up.setAccessibleName("Move step up")
        self.down = QToolButton(self)
        self.down.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.down.setToolTip("Move this step down")
        self.down.setAccessibleName("Move step down")
        self.remove = QToolButton(self)
        self.remove.setText("✕")
        self.remove.setToolTip("Remove this step")
        self.remove.setAccessibleName("Remove step")
        self.errors = error_label(self)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(6)
        line.addWidget(self.number)
        line.addWidget(self.description, 1)
        line.addWidget(self.target)
        line.addWidget(self.done)
        line.addWidget(self.up)
        line.addWidget(self.down)
        line.addWidget(self.remove)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(line)
        box.addWidget(self.errors)
        self.description.textChanged.connect(self.changed)
        self.target.text_changed.connect(self.changed)
        self.done.toggled.connect(self.changed)
        self.up.clicked.connect(lambda: self.move_requested.emit(-1))
        self.down.clicked.connect(lambda: self.move_requested.emit(1))
        self.remove.clicked.connect(self.remove_requested)

    def values(self) -> tuple[str, str, bool, dt.date | None]:
        return (
            self.description.text(),
            self.target.text(),
            self.done.isChecked(),
            self.done_on,
        )

    def set_values(self, values: object) -> None:
        if not isinstance(values, tuple) or len(values) != 4:
            return
        description, target, done, done_on = values
        self.description.setText(str(description))
        self.target.setText(str(target))
        self.done_on = done_on if isinstance(done_on, dt.date) else None
        self.done.setChecked(bool(done))

    def is_blank(self) -> bool:
        return not self.description.text().strip() and not self.target.text().strip()


class GoalDialog(FormDialog[GoalDraft]):
    """A recovery goal broken into steps with target dates (add, remove, reorder)."""

    def __init__(
        self,
        residents: ResidentService,
        person_id: int,
        goal_id: int | None = None,
        parent: QWidget | None = None,
        *,
        today: Today = dt.date.today,
    ) -> None:
        super().__init__(
            "New recovery goal" if goal_id is None else "Edit recovery goal",
            parent,
            today=today,
            scroll=True,
        )
        self.setMinimumSize(700, 480)
        self._residents = residents
        self._person_id = person_id
        self._goal_id = goal_id
        self._goal_version: int | None = None
        self._rows: list[StepRow] = []
        #: Position (1-based) of each row that went into the last draft; blank rows are skipped.
        self._draft_rows: list[int] = []

        form = self.new_form()
        self.title = self.add_line(
            form,
            "title",
            "Goal",
            placeholder="What the person wants to achieve, e.g. Find stable housing",
            max_length=200,
        )
        self.target_date = self.add_date(form, "target_date", "Target date")
        self.status = self.add_combo(form, "status", "Status", [(s.label, s) for s in GoalStatus])
        box = QGroupBox("Steps", self)
        steps_layout = QVBoxLayout(box)
        caption = muted(
            QLabel("Break the goal into small, concrete steps, each with a target date.", box)
        )
        steps_layout.addWidget(caption)
        self._steps_box = QVBoxLayout()
        self._steps_box.setSpacing(6)
        steps_layout.addLayout(self._steps_box)
        self.add_step_button = QPushButton("Add step", box)
        self.add_step_button.setAutoDefault(False)
        self.add_step_button.clicked.connect(self._on_add_step_clicked)
        add_line = QHBoxLayout()
        add_line.addWidget(self.add_step_button)
        add_line.addStretch(1)
        steps_layout.addLayout(add_line)
        self.body.addWidget(box)
        self.body.addStretch(1)

        detail = residents.get(person_id)
        self.set_heading(person_heading(detail))
        if goal_id is None:
            self.begin_load()
            self.status.set_value(GoalStatus.OPEN)
            self.add_step()
            self.end_load()
        else:
            goal = next((g for g in detail.goals if g.id == goal_id), None)
            if goal is None:
                raise NotFoundError(f"goal {goal_id} no longer exists")
            self.load(goal)

    @override
    def sizeHint(self) -> QSize:
        return QSize(760, 560)

    def load(self, goal: GoalInfo) -> None:
        self.begin_load()
        self._goal_version = goal.version
        self.title.setText(goal.title)
        self.target_date.set_date(goal.target_date)
        self.status.set_value(goal.status)
        while self._rows:
            self._remove_row(self._rows[-1])
        for action in goal.actions:
            row = self.add_step()
            row.set_values(
                (
                    action.description,
                    action.target_date.isoformat() if action.target_date else "",
                    action.done_on is not None,
                    action.done_on,
                )
            )
        if not goal.actions:
            self.add_step()
        self.end_load()

    # -- rows --

    @property
    def steps(self) -> list[StepRow]:
        return list(self._rows)

    def add_step(self) -> StepRow:
        row = StepRow(self)
        self._rows.append(row)
        self._steps_box.addWidget(row)
        row.show()  # now, not when the layout gets round to it: Tab and focus need it shown
        row.changed.connect(lambda: self._on_step_changed(row))
        row.move_requested.connect(lambda delta: self._move_row(row, delta))
        row.remove_requested.connect(lambda: self._on_remove_requested(row))
        self._rebind_steps()
        return row

    def _on_add_step_clicked(self) -> None:
        row = self.add_step()
        row.description.setFocus()
        self.revalidate()

    def _on_step_changed(self, row: StepRow) -> None:
        if row in self._rows:
            self._on_field_changed(f"action {self._rows.index(row) + 1}")

    def _move_row(self, row: StepRow, delta: int) -> None:
        i = self._rows.index(row)
        j = i + delta
        if not 0 <= j < len(self._rows):
            return
        self._rows[i], self._rows[j] = self._rows[j], self._rows[i]
        for r in self._rows:
            self._steps_box.removeWidget(r)
        for r in self._rows:
            self._steps_box.addWidget(r)
        self._rebind_steps()
        self.revalidate()

    def _on_remove_requested(self, row: StepRow) -> None:
        self._remove_row(row)
        if not self._rows:
            self.add_step()
        self.revalidate()

    def _remove_row(self, row: StepRow) -> None:
        self._rows.remove(row)
        self._steps_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._rebind_steps()

    def _rebind_steps(self) -> None:
        touched = {
            b.widget: b.touched for k, b in self._bindings.items() if k.startswith("action ")
        }
        for key in [k for k in self._bindings if k.startswith("action ")]:
            self.unbind(key)
        for i, row in enumerate(self._rows, start=1):
            row.number.setText(f"{i}.")
            row.up.setEnabled(i > 1)
            row.down.setEnabled(i < len(self._rows))
            binding: Binding = self.bind(
                f"action {i}",
                f"Step {i}",
                row.description,
                get=row.values,
                set=row.set_values,
                changed=None,
                errors=row.errors,
                display=lambda v: str(v[0]) if isinstance(v, tuple) else str(v),
            )
            binding.touched = touched.get(row.description, False)
            row.target.line.setAccessibleName(f"Step {i} target date")
            row.done.setAccessibleName(f"Step {i} done")
            row.up.setAccessibleName(f"Move step {i} up")
            row.down.setAccessibleName(f"Move step {i} down")
            row.remove.setAccessibleName(f"Remove step {i}")
        if self.isVisible():
            self.update_tab_order()

    @override
    def restore(self, values: dict[str, object]) -> None:
        wanted = sum(1 for k in values if k.startswith("action "))
        if wanted:
            loading = self.state.loading
            self.state.loading = True
            while len(self._rows) < wanted:
                self.add_step()
            while len(self._rows) > wanted:
                self._remove_row(self._rows[-1])
            self.state.loading = loading
        super().restore(values)

    # -- the form --

    @override
    def _read(self, p: Parser) -> GoalDraft:
        actions = []
        self._draft_rows = []
        for i, row in enumerate(self._rows, start=1):
            if row.is_blank():
                continue
            target = p.date(row.target, f"action {i}")
            done_on = (row.done_on or self._today()) if row.done.isChecked() else None
            actions.append(ActionDraft(row.description.text(), target, done_on))
            self._draft_rows.append(i)
        return GoalDraft(
            title=self.title.text(),
            target_date=p.date(self.target_date, "target_date"),
            status=self.status.value() or GoalStatus.OPEN,
            actions=tuple(actions),
        )

    @override
    def _translate(self, error: FieldError) -> FieldError:
        if error.field.startswith("action "):
            n = int(error.field.split()[1])
            if 1 <= n <= len(self._draft_rows):
                return FieldError(f"action {self._draft_rows[n - 1]}", error.message)
        return error

    @override
    def _rules(self, draft: GoalDraft) -> list[FieldError]:
        return validate_goal(draft)

    @override
    def _reload(self) -> None:
        goal = next(
            (g for g in self._residents.get(self._person_id).goals if g.id == self._goal_id), None
        )
        if goal is not None:
            self.load(goal)

    @override
    def _submit(self, draft: GoalDraft) -> int:
        if self._goal_id is None:
            self._goal_id = self._residents.add_goal(self._person_id, draft)
        else:
            self._residents.update_goal(self._goal_id, draft, self._goal_version)
        return self._goal_id
