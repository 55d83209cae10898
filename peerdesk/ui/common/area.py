"""An area of the application (Residents, Alumni, …) as the main window knows it.

The composition root declares every area once, in one list (:class:`Area`: navigation label,
shortcut, how to build its page); the main window builds its navigation from that list. An
area's page shows "Opening database…" until the services arrive, then builds its content from
an :class:`AreaContext` (services, the change bus, the task runner, today's date). An area whose
``build`` is ``None`` is an honest "coming in a later release" page.

The content widget may offer ``new_record()``, ``focus_search()`` and ``refresh()``: the window's
New (Ctrl+N), Find (Ctrl+F) and Refresh (F5) call them on the area in view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from peerdesk.services.container import Services
    from peerdesk.ui.common.change_bus import ChangeBus
    from peerdesk.ui.common.tasks import TaskRunner


@dataclass(frozen=True)
class AreaContext:
    """What an area's page is built from once the database is open."""

    services: Services
    bus: ChangeBus
    tasks: TaskRunner
    today: Callable[[], dt.date]


@dataclass(frozen=True)
class Area:
    """One entry of the navigation, declared in the composition root."""

    key: str
    nav: str
    #: Builds the page's content; ``None`` for an area a coming release brings.
    build: Callable[[AreaContext], QWidget] | None = None
    #: What the area holds (shown on a coming area's page).
    title: str = ""
    description: str = ""
    #: The File menu's "New" for this area ("New person…"); empty: the area creates nothing.
    new_label: str = ""


def _centred(widget: QWidget) -> QHBoxLayout:
    # Stretches on both sides centre it without reading Qt.AlignmentFlag: the first read of the
    # Qt namespace costs about 40 ms, which the first paint must not pay.
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    return row


class LoadingPanel(QWidget):
    """What a page shows until the database is open (or why it could not be)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel("Opening database…")
        font = QFont(self.label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.label.setFont(font)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: how long a migration takes is unknown
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(320)
        self.progress.setAccessibleName("Opening database")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(_centred(self.label))
        layout.addSpacing(8)
        layout.addLayout(_centred(self.progress))
        layout.addStretch(2)

    def show_failure(self, text: str) -> None:
        from PySide6.QtCore import Qt

        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the reason is not ours to trust
        self.label.setText(text)
        self.progress.hide()


class ComingAreaPage(QWidget):
    """An honest page for an area that is not in this release yet."""

    def __init__(self, area: Area, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(area.title or area.nav)
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
        self.text = f"{title.text()}\n{area.description}\n{when.text()}"


class AreaPage(QWidget):
    """One area's page: "Opening database…", then the content its :class:`Area` builds.

    The content is built when the page is first shown after the database opened (the first
    area at once), so areas nobody visits cost nothing at start-up.
    """

    def __init__(self, area: Area, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = area
        self._context: AreaContext | None = None
        self._content: QWidget | None = None
        self._stack = QStackedWidget()
        self._loading: LoadingPanel | None = None
        if area.build is None:
            self._stack.addWidget(ComingAreaPage(area))
        else:
            self._loading = LoadingPanel()
            self._stack.addWidget(self._loading)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(self._stack)

    @property
    def is_coming(self) -> bool:
        return self.area.build is None

    @property
    def is_attached(self) -> bool:
        return self._content is not None

    @property
    def loading_text(self) -> str:
        return self._loading.label.text() if self._loading is not None else ""

    @property
    def content(self) -> QWidget | None:
        """The area's widget once built (``None`` before the database opened)."""
        return self._content

    def coming_text(self) -> str:
        page = self._stack.widget(0)
        return page.text if isinstance(page, ComingAreaPage) else ""

    def attach(self, context: AreaContext, *, build_now: bool) -> None:
        """Keep the open database's context; build the content now or when first shown."""
        self._context = context
        if build_now:
            self.ensure_built()

    def ensure_built(self) -> QWidget | None:
        """Build the content if the database is open and it is not built yet."""
        if self._content is None and self._context is not None and self.area.build is not None:
            self._content = self.area.build(self._context)
            self._stack.addWidget(self._content)
            self._stack.setCurrentWidget(self._content)
        return self._content

    def show_failure(self, text: str) -> None:
        """The database could not be opened: say so where the content would be."""
        if self._loading is not None:
            self._loading.show_failure(text)
