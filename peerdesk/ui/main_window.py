"""The main window: navigation between the areas, the menus and the status bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.config import APP_NAME
from peerdesk.ui.messages import one_line_reason
from peerdesk.ui.residents.page import ResidentsPage

if TYPE_CHECKING:
    from peerdesk.app import Services
    from peerdesk.domain.residents import CensusRow

DEFAULT_SIZE = QSize(1280, 800)


@dataclass(frozen=True)
class ComingArea:
    """An area of PRODUCT.md that a coming release brings."""

    nav: str
    title: str
    description: str


COMING_AREAS: tuple[ComingArea, ...] = (
    ComingArea(
        "Alumni",
        "Alumni roster",
        "People who completed a stay, promoted from their resident record without re-typing, "
        "and peer workers recorded directly: contact data and preferences, sobriety date, roles "
        "(mentor, peer support worker, group co-facilitator, activity lead), the five core "
        "competencies, leadership training and certifications with warnings before they lapse, "
        "mentoring caseloads, contributions, and follow-ups at 30, 90, 180 and 365 days after "
        "discharge.",
    ),
    ComingArea(
        "Activities",
        "Experiential activity schedule",
        "The activity catalog (sand volleyball, cooking class, woodworking, nature hike, rock "
        "climbing and the facility's own), a week calendar of one-off and weekly occurrences per "
        "program with alumni leads, resident sign-ups up to capacity and attendance. Double "
        "bookings, leaders who are not eligible and full activities are caught before they are "
        "saved; the week prints as a PDF and exports as an iCalendar file.",
    ),
    ComingArea(
        "Sessions",
        "Group session notes",
        "Group therapy, peer support, 12-step, SMART Recovery, life skills and experiential "
        "debrief sessions with their facilitator and peer co-facilitators; attendance from the "
        "program's census in one step; one shared note in DAP, BIRP, GIRP or free text plus a "
        "line per participant, autosaved as a draft and locked once signed.",
    ),
    ComingArea(
        "Reports",
        "PDF summaries",
        "The grant funder summary for any period (de-identified, small counts suppressed, with "
        "charts and a definitions page), resident summaries, signed session notes, the weekly "
        "activity schedule and the alumni roster: previewed here, printed or saved, with the "
        "same figures exported as CSV or JSON.",
    ),
)


def census_text(rows: list[CensusRow]) -> str:
    """``Men's program: 12/16 beds used, 4 free · Women's program: …``"""
    return "   ·   ".join(
        f"{r.program.name}: {r.beds_used}/{r.program.bed_capacity} beds used, {r.beds_free} free"
        for r in rows
    )


class ComingAreaPage(QWidget):
    """An honest page for an area that is not in this release yet."""

    def __init__(self, area: ComingArea, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(area.title)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        body = QLabel(area.description)
        body.setWordWrap(True)
        body.setMaximumWidth(body.fontMetrics().averageCharWidth() * 90)
        when = QLabel("This area arrives in a coming release.")
        when_font = QFont(when.font())
        when_font.setItalic(True)
        when.setFont(when_font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(body)
        layout.addWidget(when)
        layout.addStretch(1)
        self.text = f"{area.title}\n{area.description}\n{when.text()}"


class MainWindow(QMainWindow):
    """Left navigation, one page per area, census and database in the status bar.

    Built without a database so it can paint at once; :meth:`attach` hands it the services.

    Signals:
        attached(): the services arrived and the residents list is filled.
    """

    attached = Signal()

    def __init__(
        self, today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.resize(DEFAULT_SIZE)
        self._services: Services | None = None

        self.residents_page = ResidentsPage(today)
        self.residents_page.resident_changed.connect(self._on_residents_page_resident_changed)
        self.coming_pages = [ComingAreaPage(area) for area in COMING_AREAS]

        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setAccessibleName("Areas")
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        self.nav.setSpacing(2)
        nav_font = QFont(self.nav.font())
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.1)
        self.nav.setFont(nav_font)
        self.nav.setFixedWidth(self.nav.fontMetrics().averageCharWidth() * 16 + 24)
        row_height = self.nav.fontMetrics().height() + 16
        names = ["Residents", *(a.nav for a in COMING_AREAS)]
        for i, (name, page) in enumerate(
            zip(names, [self.residents_page, *self.coming_pages], strict=True), start=1
        ):
            item = QListWidgetItem(f"  {name}")
            item.setSizeHint(QSize(0, row_height))
            item.setToolTip(f"{name} (Ctrl+{i})")
            self.nav.addItem(item)
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)

        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(separator)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.db_label = QLabel("Opening database…")
        self.census_label = QLabel()
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.census_label)
        self.statusBar().setSizeGripEnabled(True)

        self._build_menus(names)
        self.nav.setCurrentRow(0)

    def _build_menus(self, names: list[str]) -> None:
        # Shortcuts are bound by install_shortcuts(): binding one builds PySide's whole Qt
        # namespace (about 40 ms), which the first paint must not wait for. Until the database
        # is open the event loop is busy anyway, so no key press is lost.
        self._shortcuts: list[tuple[QAction, QKeySequence | QKeySequence.StandardKey]] = []

        def action(text: str, key: QKeySequence | QKeySequence.StandardKey) -> QAction:
            made = QAction(text, self)
            self._shortcuts.append((made, key))
            return made

        file_menu = self.menuBar().addMenu("&File")
        self.new_person_action = action("&New person…", QKeySequence.StandardKey.New)
        self.new_person_action.setEnabled(False)
        self.new_person_action.triggered.connect(self._on_new_person_action_triggered)
        file_menu.addAction(self.new_person_action)
        self.find_action = action("&Find", QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._on_find_action_triggered)
        file_menu.addAction(self.find_action)
        file_menu.addSeparator()
        self.quit_action = action("&Quit", QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self._on_quit_action_triggered)
        file_menu.addAction(self.quit_action)

        go_menu = self.menuBar().addMenu("&Go")
        self.area_actions: list[QAction] = []
        for i, name in enumerate(names):
            area = action(name, QKeySequence(f"Ctrl+{i + 1}"))
            area.triggered.connect(lambda _checked=False, row=i: self.show_area(row))
            go_menu.addAction(area)
            self.area_actions.append(area)
        go_menu.addSeparator()
        self.refresh_action = action("&Refresh list", QKeySequence("F5"))
        self.refresh_action.setEnabled(False)
        self.refresh_action.triggered.connect(self._on_refresh_action_triggered)
        go_menu.addAction(self.refresh_action)

    def install_shortcuts(self) -> None:
        """Bind the menus' keyboard shortcuts (once the window has painted)."""
        for made, key in self._shortcuts:
            made.setShortcut(key)
        self._shortcuts.clear()

    # -- services --

    @property
    def services(self) -> Services | None:
        return self._services

    def attach(self, services: Services) -> None:
        """Take the open database's services and fill the residents list."""
        from peerdesk.config import describe_db_url

        self.install_shortcuts()
        self._services = services
        self.db_label.setText(f"Database: {describe_db_url(services.db.url)}")
        self.residents_page.attach(services.residents, services.programs)
        self.new_person_action.setEnabled(True)
        self.refresh_action.setEnabled(True)
        self.refresh_census()
        self.attached.emit()

    def attach_failed(self, reason: str) -> None:
        """The database could not be opened; say so in the window as well."""
        self.install_shortcuts()
        self.db_label.setText("No database open")
        self.residents_page.show_failure(f"The database could not be opened.\n{reason}")

    def refresh_census(self) -> None:
        if self._services is None:
            return
        try:
            rows = self._services.programs.census()
        except Exception as exc:  # the status bar must never take the window down
            self.census_label.setText(f"Census unavailable: {one_line_reason(exc)}")
            return
        self.census_label.setText(census_text(rows))

    # -- navigation --

    def show_area(self, row: int) -> None:
        self.nav.setCurrentRow(row)

    def current_area(self) -> str:
        item = self.nav.currentItem()
        return item.text().strip() if item else ""

    # -- slots --

    def _on_new_person_action_triggered(self) -> None:
        self.show_area(0)
        self.residents_page.new_person()

    def _on_find_action_triggered(self) -> None:
        self.show_area(0)
        self.residents_page.focus_search()

    def _on_quit_action_triggered(self) -> None:
        # Quit means the application, even if another window is still open; a main window that
        # refuses to close (something unsaved) keeps it running.
        if self.close():
            QCoreApplication.exit(0)

    def _on_refresh_action_triggered(self) -> None:
        self.residents_page.refresh()
        self.refresh_census()

    def _on_residents_page_resident_changed(self, _person_id: int) -> None:
        self.refresh_census()
