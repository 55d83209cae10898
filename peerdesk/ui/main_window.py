"""The main window: navigation built from the declared areas, the menus and the status bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
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
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from peerdesk.config import APP_NAME
from peerdesk.ui.common.area import Area, AreaContext, AreaPage
from peerdesk.ui.messages import one_line_reason

if TYPE_CHECKING:
    from peerdesk.domain.changes import Changes
    from peerdesk.domain.residents import CensusRow
    from peerdesk.services.container import Services

DEFAULT_SIZE = QSize(1280, 800)

#: What a change must touch for the census in the status bar to be read again.
CENSUS_ENTITIES = ("person", "stay", "program")


def census_text(rows: list[CensusRow]) -> str:
    """``Men's program: 12/16 beds used, 4 free · Women's program: 17/16 beds, 1 over``"""
    parts = []
    for r in rows:
        used, capacity = r.beds_used, r.program.bed_capacity
        if used > capacity:
            parts.append(f"{r.program.name}: {used}/{capacity} beds, {used - capacity} over")
        else:
            parts.append(f"{r.program.name}: {used}/{capacity} beds used, {capacity - used} free")
    return "   ·   ".join(parts)


class MainWindow(QMainWindow):
    """Left navigation, one page per declared area, census and database in the status bar.

    Built without a database so it can paint at once; :meth:`attach` hands it the context.

    Signals:
        attached(): the services arrived and the first area's content is built.
    """

    attached = Signal()

    def __init__(
        self,
        areas: Sequence[Area],
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.resize(DEFAULT_SIZE)
        self._today = today
        self._context: AreaContext | None = None
        self.areas = tuple(areas)
        self.area_pages = [AreaPage(area) for area in self.areas]

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
        for i, (area, page) in enumerate(zip(self.areas, self.area_pages, strict=True), start=1):
            item = QListWidgetItem(f"  {area.nav}")
            item.setSizeHint(QSize(0, row_height))
            item.setToolTip(f"{area.nav} (Ctrl+{i})")
            self.nav.addItem(item)
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)

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
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedWidth(80)
        self.busy_bar.setAccessibleName("Working")
        self.busy_bar.hide()
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.statusBar().addPermanentWidget(self.census_label)
        self.statusBar().setSizeGripEnabled(True)

        self._build_menus()
        self.nav.setCurrentRow(0)

    def _build_menus(self) -> None:
        # Shortcuts are bound by install_shortcuts(): binding one builds PySide's whole Qt
        # namespace (about 40 ms), which the first paint must not wait for. Until the database
        # is open the event loop is busy anyway, so no key press is lost.
        self._shortcuts: list[tuple[QAction, QKeySequence | QKeySequence.StandardKey]] = []

        def action(text: str, key: QKeySequence | QKeySequence.StandardKey | None) -> QAction:
            made = QAction(text, self)
            if key is not None:
                self._shortcuts.append((made, key))
            return made

        self.file_menu = self.menuBar().addMenu("&File")
        self.new_action = action("&New…", QKeySequence.StandardKey.New)
        self.new_action.setEnabled(False)
        self.new_action.triggered.connect(self._on_new_action_triggered)
        self.file_menu.addAction(self.new_action)
        self.find_action = action("&Find", QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._on_find_action_triggered)
        self.file_menu.addAction(self.find_action)
        self._file_tail = self.file_menu.addSeparator()
        self.quit_action = action("&Quit", QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self._on_quit_action_triggered)
        self.file_menu.addAction(self.quit_action)

        go_menu = self.menuBar().addMenu("&Go")
        self.area_actions: list[QAction] = []
        for i, area in enumerate(self.areas):
            made = action(area.nav, QKeySequence(f"Ctrl+{i + 1}"))
            made.triggered.connect(lambda _checked=False, row=i: self.show_area(row))
            go_menu.addAction(made)
            self.area_actions.append(made)
        go_menu.addSeparator()
        self.refresh_action = action("&Refresh", QKeySequence("F5"))
        self.refresh_action.setEnabled(False)
        self.refresh_action.triggered.connect(self._on_refresh_action_triggered)
        go_menu.addAction(self.refresh_action)

    def add_file_action(self, made: QAction, key: QKeySequence | None = None) -> None:
        """Put ``made`` in the File menu before Quit (import, export, print)."""
        if key is not None:
            made.setShortcut(key)
        self.file_menu.insertAction(self._file_tail, made)

    def install_shortcuts(self) -> None:
        """Bind the menus' keyboard shortcuts (once the window has painted)."""
        for made, key in self._shortcuts:
            made.setShortcut(key)
        self._shortcuts.clear()

    # -- the database --

    @property
    def context(self) -> AreaContext | None:
        return self._context

    @property
    def services(self) -> Services | None:
        return self._context.services if self._context is not None else None

    def attach(self, context: AreaContext) -> None:
        """Take the open database's context, build the area in view and fill the status bar."""
        from peerdesk.config import describe_db_url

        self.install_shortcuts()
        self._context = context
        self.db_label.setText(f"Database: {describe_db_url(context.services.db.url)}")
        current = self.nav.currentRow()
        for i, page in enumerate(self.area_pages):
            page.attach(context, build_now=i == current)
        self._update_actions()
        context.bus.changed.connect(self._on_bus_changed)
        context.tasks.busy_changed.connect(self.busy_bar.setVisible)
        self.refresh_action.setEnabled(True)
        self.refresh_census()
        self.attached.emit()

    def attach_failed(self, reason: str) -> None:
        """The database could not be opened; say so in the window as well."""
        self.install_shortcuts()
        self.db_label.setText("No database open")
        for page in self.area_pages:
            page.show_failure(f"The database could not be opened.\n{reason}")

    def refresh_census(self) -> None:
        if self._context is None:
            return
        try:
            rows = self._context.services.programs.census()
        except Exception as exc:  # the status bar must never take the window down
            self.census_label.setText(f"Census unavailable: {one_line_reason(exc)}")
            return
        self.census_label.setText(census_text(rows))
        over = any(r.beds_used > r.program.bed_capacity for r in rows)
        if over:
            from peerdesk.ui import theme

            self.census_label.setStyleSheet(f"color: {theme.WARNING}; font-weight: bold;")
        else:
            self.census_label.setStyleSheet("")

    # -- navigation --

    def page(self, key: str) -> AreaPage:
        return next(p for p in self.area_pages if p.area.key == key)

    def show_area(self, row: int) -> None:
        self.nav.setCurrentRow(row)

    def current_area(self) -> str:
        item = self.nav.currentItem()
        return item.text().strip() if item else ""

    def current_page(self) -> AreaPage:
        return self.area_pages[max(self.nav.currentRow(), 0)]

    def _call_area(self, wants: str) -> None:
        """Call ``wants`` on the area in view if its content offers it, else on the first area
        that does (showing it): Ctrl+F on a coming area finds a resident."""
        for page in [self.current_page(), *self.area_pages]:
            if page.is_coming or (wants == "new_record" and not page.area.new_label):
                continue
            method = getattr(page.ensure_built(), wants, None)
            if callable(method):
                if page is not self.current_page():
                    self.show_area(self.area_pages.index(page))
                method()
                return

    def _update_actions(self) -> None:
        page = self.current_page()
        label = page.area.new_label or next(
            (p.area.new_label for p in self.area_pages if p.area.new_label), ""
        )
        self.new_action.setText(label or "&New…")
        self.new_action.setEnabled(self._context is not None and bool(label))

    # -- slots --

    def _on_nav_current_row_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        if 0 <= row < len(self.area_pages):
            self.area_pages[row].ensure_built()
        self._update_actions()

    def _on_new_action_triggered(self) -> None:
        self._call_area("new_record")

    def _on_find_action_triggered(self) -> None:
        self._call_area("focus_search")

    def _on_quit_action_triggered(self) -> None:
        # Quit means the application, even if another window is still open; a main window that
        # refuses to close (something unsaved) keeps it running.
        if self.close():
            QCoreApplication.exit(0)

    def _on_refresh_action_triggered(self) -> None:
        refresh = getattr(self.current_page().content, "refresh", None)
        if callable(refresh):
            refresh()
        self.refresh_census()

    def _on_bus_changed(self, changes: Changes) -> None:
        if changes.touches(*CENSUS_ENTITIES):
            self.refresh_census()
