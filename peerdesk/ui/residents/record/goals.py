"""The Goals tab: recovery goals, their steps, what is done and what is overdue."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.domain.enums import GoalStatus
from peerdesk.domain.residents import ActionInfo, GoalInfo, ResidentDetail
from peerdesk.ui import theme
from peerdesk.ui.residents.record.widgets import NOT_RECORDED, EmptyOr, button

OVERDUE = "overdue"


def is_overdue(target: dt.date | None, done_on: dt.date | None, today: dt.date) -> bool:
    """A target date that passed with the thing not done."""
    return target is not None and done_on is None and target < today


def step_overdue(goal: GoalInfo, action: ActionInfo, today: dt.date) -> bool:
    """Steps of achieved or dropped goals are never overdue."""
    return goal.status is GoalStatus.OPEN and is_overdue(action.target_date, action.done_on, today)


def goal_status_text(goal: GoalInfo) -> str:
    """ "Open · 1 of 3 done": the goal's status and its steps (overdue ones say so themselves)."""
    text = goal.status.label
    if goal.actions:
        done = sum(1 for a in goal.actions if a.done_on)
        text += f" · {done} of {len(goal.actions)} done"
    return text


def target_text(target: dt.date | None, late: bool) -> str:
    """A target date, followed by the word "overdue" when it passed (never colour alone)."""
    if target is None:
        return ""
    return f"{target.isoformat()} {OVERDUE}" if late else target.isoformat()


class GoalsTab(QWidget):
    """Signals:
    new_goal_requested(): "New goal…".
    edit_goal_requested(int): this goal id is to be edited (button or double click).
    step_done_changed(int, bool): a step id was ticked (True) or unticked.
    """

    new_goal_requested = Signal()
    edit_goal_requested = Signal(int)
    step_done_changed = Signal(int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._goals: tuple[GoalInfo, ...] = ()
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Goals and steps")
        # Two columns, so the goals keep the width on a narrow desk; a goal's status is the
        # second line of its title, a done step shows when it was done instead of its target.
        self.tree.setHeaderLabels(["Goal and steps", "Target date / done"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setMinimumWidth(200)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemChanged.connect(self._on_tree_item_changed)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda _item, _col: self._on_edit_clicked())
        self.page = EmptyOr(self.tree, self)
        self.new_button = button("New goal…", self, self.new_goal_requested.emit)
        self.edit_button = button("Edit goal…", self, self._on_edit_clicked)
        self.step_done_button = button("Mark step done", self, self.toggle_step_done)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.step_done_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(self.page, 1)
        box.addLayout(buttons)

    def _shape(self) -> list[tuple[int, list[int]]]:
        """The goal and step ids the tree shows now, in order."""
        shape = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            steps = []
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None:
                    steps.append(int(child.data(0, Qt.ItemDataRole.UserRole)))
            shape.append((int(top.data(0, Qt.ItemDataRole.UserRole)), steps))
        return shape

    def fill(self, d: ResidentDetail, today: dt.date) -> None:
        """Show the goals; the same goals and steps are updated in place (a ticked step keeps
        its row, its selection and the scroll position, and no item is deleted under Qt)."""
        self._goals = d.goals
        tree = self.tree
        tree.blockSignals(True)
        if self._shape() != [(g.id, [a.id for a in g.actions]) for g in d.goals]:
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
        for i, goal in enumerate(d.goals):
            top = tree.topLevelItem(i)
            if top is not None:
                self._fill_goal(top, goal, today)
        tree.blockSignals(False)
        first = tree.topLevelItem(0)
        if tree.currentItem() is None and first is not None:
            tree.setCurrentItem(first)
        self.page.show_content(
            bool(d.goals),
            "No recovery goal yet.\nUse “New goal…” to set one with the resident, broken into "
            "small steps with target dates.",
        )
        self._update_buttons()

    def _fill_goal(self, top: QTreeWidgetItem, goal: GoalInfo, today: dt.date) -> None:
        normal = self.tree.palette().text()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        goal_late = goal.status is GoalStatus.OPEN and is_overdue(goal.target_date, None, today)
        status = goal_status_text(goal)
        late_steps = sum(1 for a in goal.actions if step_overdue(goal, a, today))
        top.setText(0, f"{goal.title}\n{status}")
        tip = f"{goal.title}\n{status}"
        top.setToolTip(0, f"{tip} · {late_steps} {OVERDUE}" if late_steps else tip)
        top.setText(1, target_text(goal.target_date, goal_late) or NOT_RECORDED)
        top.setForeground(1, QColor(theme.ERROR) if goal_late else normal)
        top.setFont(0, bold)
        top.setForeground(0, normal if goal.status is GoalStatus.OPEN else QColor(theme.MUTED))
        for j, action in enumerate(goal.actions):
            step = top.child(j)
            if step is None:
                continue
            late = step_overdue(goal, action, today)
            step.setText(0, action.description)
            step.setToolTip(0, action.description)
            if action.done_on:
                step.setText(1, f"done {action.done_on.isoformat()}")
            else:
                step.setText(1, target_text(action.target_date, late))
            target = action.target_date.isoformat() if action.target_date else "none"
            step.setToolTip(1, f"Target date: {target}")
            step.setForeground(1, QColor(theme.ERROR) if late else normal)
            done = Qt.CheckState.Checked if action.done_on else Qt.CheckState.Unchecked
            step.setCheckState(0, done)

    def selected_goal_id(self) -> int | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        top = item.parent() or item
        goal_id = top.data(0, Qt.ItemDataRole.UserRole)
        return next((g.id for g in self._goals if g.id == goal_id), None)

    def select_step(self, action_id: int) -> None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None and child.data(0, Qt.ItemDataRole.UserRole) == action_id:
                    self.tree.setCurrentItem(child)
                    return

    def toggle_step_done(self) -> None:
        item = self.tree.currentItem()
        if item is None or item.parent() is None:
            return
        done = item.checkState(0) != Qt.CheckState.Checked
        self.step_done_changed.emit(int(item.data(0, Qt.ItemDataRole.UserRole)), done)

    def _on_edit_clicked(self) -> None:
        goal_id = self.selected_goal_id()
        if goal_id is not None:
            self.edit_goal_requested.emit(goal_id)

    def _on_tree_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0 or item.parent() is None:
            return
        action_id = int(item.data(0, Qt.ItemDataRole.UserRole))
        self.step_done_changed.emit(action_id, item.checkState(0) == Qt.CheckState.Checked)

    def _update_buttons(self) -> None:
        item = self.tree.currentItem()
        self.edit_button.setEnabled(self.selected_goal_id() is not None)
        is_step = item is not None and item.parent() is not None
        self.step_done_button.setEnabled(is_step)
        if is_step and item is not None and item.checkState(0) == Qt.CheckState.Checked:
            self.step_done_button.setText("Mark step not done")
        else:
            self.step_done_button.setText("Mark step done")
