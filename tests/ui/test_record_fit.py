"""The record beside the list on a 1024×700 desk: nothing pushed off screen, nothing clipped;
every field and control named for screen readers; overdue steps marked in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from peerdesk.app import Services
from peerdesk.domain.enums import DischargeReason, Gender
from peerdesk.domain.residents import (
    ActionDraft,
    AdmissionDraft,
    DischargeDraft,
    GoalDraft,
    PersonDraft,
)
from peerdesk.ui import theme
from peerdesk.ui.residents.record.view import ResidentRecordView
from peerdesk.ui.residents.workspace import ResidentsWorkspace
from tests.conftest import TODAY
from tests.ui.record_helpers import program_id, wait_for_reads

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

#: The main window's navigation beside the workspace.
NAV_WIDTH = 160


def _busy_person(services: Services) -> int:
    """A long name, an override admission with a long reason, a past stay, overdue steps."""
    r = services.residents
    pid = r.create_person(
        PersonDraft(
            "Maximiliano Alejandro",
            "Castellanos-Villanueva de la Fuente",
            gender=Gender.MALE,
            sobriety_date=dt.date(2026, 1, 1),
            email="maximiliano.castellanos.villanueva@example.org",
        )
    )
    womens, mens = program_id(services, "womens"), program_id(services, "mens")
    old = r.admit(pid, AdmissionDraft(mens, dt.date(2025, 3, 1)))
    r.discharge(
        old,
        DischargeDraft(
            dt.date(2025, 6, 1),
            DischargeReason.ADMINISTRATIVE,
            "Moved to the county's long-term residential program after a review with the team",
        ),
        None,
    )
    r.admit(
        pid,
        AdmissionDraft(
            womens,
            dt.date(2026, 3, 1),
            override_reason="Transgender woman; placement agreed with the clinical lead "
            "and the house manager after a meeting with the resident",
        ),
    )
    r.add_goal(
        pid,
        GoalDraft(
            "Rebuild a daily routine that supports recovery and a return to work",
            dt.date(2027, 1, 1),
            actions=(
                ActionDraft("Write down a weekly plan with the peer mentor", dt.date(2026, 5, 1)),
                ActionDraft("Attend the morning meeting every day", dt.date(2026, 12, 1)),
            ),
        ),
    )
    return pid


@pytest.fixture
def desk(qtbot: QtBot, services: Services) -> Iterator[tuple[QWidget, ResidentsWorkspace]]:
    """The residents workspace with a navigation-wide strip beside it, at 1024×700."""
    host = QWidget()
    qtbot.addWidget(host)
    nav = QWidget(host)
    nav.setFixedWidth(NAV_WIDTH)
    workspace = ResidentsWorkspace(services.residents, services.programs, today=lambda: TODAY)
    row = QHBoxLayout(host)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(nav)
    row.addWidget(workspace, 1)
    host.resize(1024, 700)
    host.show()
    qtbot.waitExposed(host)
    yield host, workspace
    wait_for_reads(host)


def _open(qtbot: QtBot, workspace: ResidentsWorkspace, person_id: int) -> ResidentRecordView:
    view = workspace.record_view
    with qtbot.waitSignal(view.record_shown, timeout=5000):
        workspace.open_person(person_id)
    return view


def _inside(widget: QWidget, host: QWidget) -> bool:
    rect = QRect(widget.mapTo(host, QPoint(0, 0)), widget.size())
    return host.rect().contains(rect)


def test_a_busy_record_fits_1024_by_700(
    qtbot: QtBot, services: Services, desk: tuple[QWidget, ResidentsWorkspace]
) -> None:
    host, workspace = desk
    view = _open(qtbot, workspace, _busy_person(services))
    qtbot.waitUntil(lambda: view.isVisible() and view.width() > 0, timeout=2000)

    assert workspace.minimumSizeHint().width() + NAV_WIDTH <= 1024
    assert view.minimumSizeHint().width() <= 1024 - NAV_WIDTH - workspace.panel.minimumWidth()
    assert (host.width(), host.height()) == (1024, 700)
    assert view.close_button.isVisible()
    assert _inside(view.close_button, host)
    # Every tab's title is on screen (no scroll arrows hiding Aftercare and Timeline).
    assert view.tabs.tabBar().sizeHint().width() <= view.tabs.width()
    # The header shortens the long name (whole in its tool tip), never the window.
    assert view.header.name_label.toolTip().startswith("Maximiliano Alejandro")
    assert _inside(view.header.program_label, host)
    assert "(by override)" in view.header.program_label.full_text()

    view.tabs.setCurrentWidget(view.stays)
    table = view.stays.table
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=2000)
    header = table.horizontalHeader()
    # Every column is in view: no header cut off, nothing to scroll sideways to.
    assert header.length() <= table.viewport().width()
    for col in range(table.columnCount()):
        text = table.horizontalHeaderItem(col).text()  # type: ignore[union-attr]
        assert header.sectionSize(col) >= header.fontMetrics().horizontalAdvance(text)
    notes = table.item(0, table.columnCount() - 1)
    assert notes is not None
    assert notes.text().startswith("Admitted by override: Transgender woman")
    assert table.rowHeight(0) >= table.visualItemRect(notes).height()

    for page in (view.overview, view.screenings, view.goals, view.aftercare, view.timeline):
        view.tabs.setCurrentWidget(page)
        assert (host.width(), host.height()) == (1024, 700)
        assert _inside(view.close_button, host)


def test_overdue_steps_say_so_in_words_and_colour(
    qtbot: QtBot, services: Services, desk: tuple[QWidget, ResidentsWorkspace]
) -> None:
    _host, workspace = desk
    view = _open(qtbot, workspace, _busy_person(services))
    view.tabs.setCurrentWidget(view.goals)
    goal = view.goals.tree.topLevelItem(0)
    assert goal is not None
    late, upcoming = goal.child(0), goal.child(1)
    assert late is not None
    assert upcoming is not None
    assert late.text(1) == "2026-05-01 overdue"  # TODAY is 2026-06-15
    assert late.foreground(1).color() == QColor(theme.ERROR)
    assert upcoming.text(1) == "2026-12-01"
    assert upcoming.foreground(1).color() != QColor(theme.ERROR)
    assert "1 overdue" in goal.toolTip(0)

    # Done, it is no longer overdue.
    with qtbot.waitSignal(view.record_shown, timeout=5000):
        late.setCheckState(0, Qt.CheckState.Checked)
    goal = view.goals.tree.topLevelItem(0)
    assert goal is not None
    assert goal.child(0).text(1) == f"done {TODAY.isoformat()}"  # type: ignore[union-attr]


def _assert_named(view: ResidentRecordView) -> None:
    for widget in view.findChildren(QWidget):
        if isinstance(widget, QHeaderView) or not widget.isVisibleTo(widget.window()):
            continue  # a header is part of its table; what is not shown needs no name
        if isinstance(widget, QAbstractItemView):
            assert widget.accessibleName(), type(widget).__name__
        elif isinstance(widget, QAbstractButton):
            assert widget.text() or widget.accessibleName(), widget.objectName()


def test_every_field_list_and_button_has_a_name(
    qtbot: QtBot, services: Services, desk: tuple[QWidget, ResidentsWorkspace]
) -> None:
    _host, workspace = desk
    view = _open(qtbot, workspace, _busy_person(services))
    for i in range(view.tabs.count()):
        view.tabs.setCurrentIndex(i)
        if view.tabs.currentWidget() is view.timeline:
            qtbot.waitUntil(lambda: view.timeline.tree.topLevelItemCount() > 0, timeout=5000)
        _assert_named(view)
    fields = [*view.overview.fields.values(), *view.screenings.fields.values()]
    assert all(isinstance(f, QLabel) and f.accessibleName() for f in fields)
    assert view.header.status_label.accessibleName() == "Status: In care"
    assert view.header.days_label.accessibleName() == "165 days sober"


def test_focus_shows_a_ring(
    qtbot: QtBot, services: Services, desk: tuple[QWidget, ResidentsWorkspace]
) -> None:
    host, workspace = desk
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow, timeout=2000)
    view = _open(qtbot, workspace, _busy_person(services))
    ring = QColor(theme.FOCUS_RING)
    # Opening a record gives it the keyboard; the record shows that with a ring of its own.
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    image = view.grab().toImage()
    assert image.pixelColor(1, image.height() // 2) == ring

    view.tabs.setCurrentWidget(view.stays)
    table = view.stays.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus, timeout=2000)
    image = table.grab().toImage()
    assert image.pixelColor(0, image.height() // 2) == ring
    assert image.pixelColor(image.width() // 2, image.height() - 1) == ring
