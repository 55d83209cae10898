"""Every Residents dialog by keyboard and mouse: first field, Enter, Tab, wheel, names, size."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from peerdesk.app import Services
from peerdesk.domain.enums import StageOfChange
from peerdesk.ui import theme
from peerdesk.ui.common.form_dialog import FormDialog
from peerdesk.ui.residents.dialogs import GoalDialog, RatingPicker, ScreeningDialog
from tests.ui.conftest import People
from tests.ui.dialog_cases import DIALOGS, focused, opened

NAMES = list(DIALOGS)


@pytest.fixture(autouse=True)
def no_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A message box would block; record it and answer Cancel."""
    shown: list[str] = []

    def box(_parent: QWidget, _title: str, text: str, *_a: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Cancel

    for name in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, box)
    return shown


def make(qtbot: QtBot, services: Services, people: People, name: str) -> FormDialog[Any]:
    return opened(qtbot, DIALOGS[name](services, people))


def field_widgets(d: FormDialog[Any]) -> list[QWidget]:
    """The widget of every field the person can reach now (enabled, not hidden)."""
    return [b.widget for b in d.bindings if b.widget.isVisibleTo(d) and b.widget.isEnabled()]


# ---- the first field --------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_the_cursor_starts_in_the_first_field(
    qtbot: QtBot, services: Services, people: People, name: str
) -> None:
    d = make(qtbot, services, people, name)
    first = d.bindings[0].widget
    assert focused() is (first.focusProxy() or first)
    assert not isinstance(focused(), QAbstractButton)


def test_typing_after_ctrl_n_lands_in_the_first_name(
    qtbot: QtBot, services: Services, people: People
) -> None:
    d = make(qtbot, services, people, "register")
    widget = focused()
    assert widget is not None
    QTest.keyClicks(widget, "Ana")
    assert d.first_name.text() == "Ana"  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["edit person", "admit", "mentor", "discharge", "register"])
def test_enter_in_a_field_never_saves(
    qtbot: QtBot, services: Services, people: People, name: str
) -> None:
    d = make(qtbot, services, people, name)
    before = services.residents.get(people.jose), services.residents.get(people.ana)
    saved: list[int] = []
    d.saved.connect(saved.append)
    widget = focused()
    assert widget is not None
    QTest.keyClick(widget, Qt.Key.Key_Return)
    QTest.keyClick(widget, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert d.isVisible()
    assert saved == []
    assert (services.residents.get(people.jose), services.residents.get(people.ana)) == before
    assert not any(
        b.isDefault() for b in d.findChildren(QAbstractButton) if hasattr(b, "isDefault")
    )


# ---- Tab order --------------------------------------------------------------------------------


def _rect(widget: QWidget, d: QWidget) -> QRect:
    return QRect(widget.mapTo(d, QPoint(0, 0)), widget.size())


def _reads_before(a: QRect, b: QRect) -> bool:
    """Whether ``a`` comes before ``b`` in reading order (rows top to bottom, left to right)."""
    same_row = a.top() < b.bottom() and b.top() < a.bottom()
    return a.left() < b.left() if same_row else a.top() < b.top()


def tab_walk(d: QWidget) -> list[QWidget]:
    """Press Tab from the focused widget until the focus comes back; the widgets visited."""
    start = focused()
    assert start is not None
    seen = [start]
    for _ in range(200):
        current = focused()
        assert current is not None
        QTest.keyClick(current, Qt.Key.Key_Tab)
        if focused() is start:
            return seen
        widget = focused()
        assert widget is not None
        assert widget.window() is d, "Tab left the dialog"
        seen.append(widget)
    raise AssertionError("Tab never came back to the first field")


@pytest.mark.parametrize("name", NAMES)
def test_tab_follows_the_fields_as_drawn(
    qtbot: QtBot, services: Services, people: People, name: str
) -> None:
    d = make(qtbot, services, people, name)
    if d.scroll_area is not None:  # tall enough to draw the whole form, as on a big screen
        d.resize(d.width(), d.height() + d.scroll_area.verticalScrollBar().maximum() + 20)
        QApplication.processEvents()
        assert d.scroll_area.verticalScrollBar().maximum() == 0
    # Where each widget is drawn, taken before Tab scrolls anything.
    where = {w: _rect(w, d) for w in d.findChildren(QWidget)}
    walk = tab_walk(d)

    fields = [w.focusProxy() or w for w in field_widgets(d)]
    assert [w for w in walk if w in fields] == fields  # every field, in the order it is bound
    stops = [w for w in walk if isinstance(w, QAbstractScrollArea) and w not in fields]
    assert stops == [], "an invisible Tab stop"
    for before, after in itertools.pairwise(walk):
        assert _reads_before(where[before], where[after]), (
            f"Tab goes from {before.accessibleName() or before.objectName()!r} back up to"
            f" {after.accessibleName() or after.objectName()!r}"
        )


def test_goal_steps_come_before_add_step(qtbot: QtBot, services: Services, people: People) -> None:
    d = make(qtbot, services, people, "new goal")
    assert isinstance(d, GoalDialog)
    QTest.mouseClick(d.add_step_button, Qt.MouseButton.LeftButton)
    assert focused() is d.steps[1].description  # the new step, ready to type in
    d.title.setFocus()
    walk = tab_walk(d)
    add = walk.index(d.add_step_button)
    for step in d.steps:
        assert walk.index(step.description) < walk.index(step.target.line) < add
    assert walk.index(d.steps[0].remove) < walk.index(d.steps[1].description)
    # Typing after Tab from the goal's title lands in a field, not in an invisible stop.
    d.title.setFocus()
    QTest.keyClick(d.title, Qt.Key.Key_Tab)
    target = focused()
    assert target is not None
    QTest.keyClicks(target, "2026-09-01")
    assert d.target_date.text() == "2026-09-01"


# ---- the mouse wheel --------------------------------------------------------------------------


def wheel(widget: QWidget, steps: int = -3) -> None:
    """Turn the wheel over the middle of ``widget`` (negative: towards the person, down)."""
    pos = QPointF(widget.rect().center())
    event = QWheelEvent(
        pos,
        QPointF(widget.mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_form_and_leaves_drop_downs_alone(
    qtbot: QtBot, services: Services, people: People
) -> None:
    d = make(qtbot, services, people, "screening")
    assert isinstance(d, ScreeningDialog)
    assert d.scroll_area is not None
    bar = d.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0  # the form is taller than the dialog
    combo = d.stage_of_change
    assert not combo.hasFocus()
    assert combo.value() is None

    wheel(combo)
    assert combo.value() is None  # was Maintenance, silently
    assert bar.value() > 0  # the form scrolled instead

    # A drop-down the person is working in does take the wheel.
    combo.setFocus()
    wheel(combo, steps=-1)
    assert combo.value() is StageOfChange.PRECONTEMPLATION


@pytest.mark.parametrize("name", NAMES)
def test_every_drop_down_and_spin_box_ignores_the_wheel_until_focused(
    qtbot: QtBot, services: Services, people: People, name: str
) -> None:
    d = make(qtbot, services, people, name)
    d.cancel_button.setFocus()
    widgets: list[QComboBox | QAbstractSpinBox] = [
        *d.findChildren(QComboBox),
        *d.findChildren(QAbstractSpinBox),
    ]
    for widget in widgets:
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus
        before = widget.currentIndex() if isinstance(widget, QComboBox) else widget.text()
        wheel(widget, -1)
        wheel(widget, 1)
        wheel(widget, -1)
        after = widget.currentIndex() if isinstance(widget, QComboBox) else widget.text()
        assert after == before, widget.accessibleName()


# ---- accessibility ----------------------------------------------------------------------------


def _needs_a_name(widget: QWidget) -> bool:
    if isinstance(widget, QAbstractButton):
        return not widget.text().strip() or isinstance(widget, QToolButton)
    if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QAbstractSpinBox):
        return False
    return isinstance(widget, QLineEdit | QPlainTextEdit | QComboBox | RatingPicker)


@pytest.mark.parametrize("name", NAMES)
def test_every_field_and_icon_button_has_an_accessible_name(
    qtbot: QtBot, services: Services, people: People, name: str
) -> None:
    d = make(qtbot, services, people, name)
    if isinstance(d, GoalDialog):
        QTest.mouseClick(d.add_step_button, Qt.MouseButton.LeftButton)
    unnamed = [
        type(w).__name__
        for w in d.findChildren(QWidget)
        if _needs_a_name(w) and not isinstance(w.parent(), QScrollArea) and not w.accessibleName()
    ]
    assert unnamed == []
    if isinstance(d, GoalDialog):
        names = [s.target.line.accessibleName() for s in d.steps]
        assert names == ["Step 1 target date", "Step 2 target date"]


def _shows(widget: QWidget, colour: str) -> bool:
    image = widget.grab().toImage()
    want = QColor(colour).rgb()
    return any(
        image.pixel(x, y) == want for x in range(image.width()) for y in range(image.height())
    )


def test_focus_is_drawn_with_the_focus_ring(
    qtbot: QtBot, services: Services, people: People
) -> None:
    d = make(qtbot, services, people, "new goal")
    assert isinstance(d, GoalDialog)
    step = d.steps[0]
    QTest.keyClicks(step.description, "Call my sister")
    for widget in (step.description, step.done, step.remove, d.title, d.status):
        widget.setFocus()
        assert _shows(widget, theme.FOCUS_RING), widget.accessibleName()
    d.cancel_button.setFocus()
    assert not _shows(step.remove, theme.FOCUS_RING)


# ---- size -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_every_dialog_fits_1024_by_700_and_nothing_is_clipped(
    qtbot: QtBot, services: Services, people: People, name: str
) -> None:
    d = make(qtbot, services, people, name)
    natural = d.sizeHint().expandedTo(d.minimumSizeHint()).expandedTo(d.minimumSize())
    assert natural.width() <= 1024
    assert natural.height() <= 700 - 40  # the window's title bar
    d.resize(natural)
    QApplication.processEvents()
    inside = d.rect()
    for w in d.findChildren(QWidget):
        if not w.isVisibleTo(d) or w.parent() is None or isinstance(w.parent(), QScrollArea):
            continue
        if d.scroll_area is not None and d.scroll_area.isAncestorOf(w):
            continue  # the scroll area shows the rest of its form by scrolling
        assert inside.contains(_rect(w, d)), w.accessibleName() or type(w).__name__
        hint = w.minimumSizeHint()
        assert w.width() >= hint.width(), w.accessibleName() or type(w).__name__


# ---- no jumping -------------------------------------------------------------------------------


def test_an_error_appearing_does_not_change_the_dialogs_height(
    qtbot: QtBot, services: Services, people: People
) -> None:
    d = make(qtbot, services, people, "register")
    height = d.height()
    QTest.keyClicks(d.date_of_birth.line, "13/45/1990")  # type: ignore[attr-defined]
    assert d.error_label("date_of_birth").text() == (
        "Date of birth is not a date: month 13 does not exist"
    )
    # The line by Save names the field that is wrong, and the ones still empty.
    assert d.hint.text() == (
        "Still needed before saving: First name, Last name. To correct: Date of birth."
    )
    assert d.height() == height
    QTest.keyClick(d, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # every error shows
    assert d.error_label("first_name").isVisible()
    QApplication.processEvents()
    assert d.height() == height
    assert d.hint.height() == d.hint.minimumHeight() or d.hint.isVisible()


def test_choosing_a_program_that_breaks_a_rule_does_not_change_the_height(
    qtbot: QtBot, services: Services, people: People
) -> None:
    d = make(qtbot, services, people, "admit")
    height = d.height()
    womens = next(p.id for p in services.programs.programs() if p.code == "womens")
    d.program.set_value(womens)  # type: ignore[attr-defined]
    QApplication.processEvents()
    assert d.override_box.isVisible()  # type: ignore[attr-defined]
    assert d.height() == height
