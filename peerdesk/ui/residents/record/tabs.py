"""The record's tab bar: narrow tabs, with counts ("Stays (2)") only when they all fit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTabWidget, QWidget
from typing_extensions import override

from peerdesk.ui import theme


class RecordTabs(QTabWidget):
    """Every tab title stays on screen beside the list on a 1024-pixel desk: the counts give
    way first (they are in the tool tips too), and no tab hides behind scroll arrows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        self.setElideMode(Qt.TextElideMode.ElideNone)
        # The current tab of a focused bar is underlined in the focus colour (its own is faint).
        self.tabBar().setStyleSheet(
            "QTabBar::tab { padding: 4px 7px; }"
            f" QTabBar::tab:selected:focus {{ border-bottom: 3px solid {theme.FOCUS_RING};"
            " padding-bottom: 1px; }"
        )
        self._counts: dict[QWidget, int] = {}

    def set_counts(self, counts: dict[QWidget, int]) -> None:
        """How many entries the tabs of these pages hold."""
        self._counts = counts
        self._retitle()

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._retitle()

    def _retitle(self) -> None:
        for with_counts in (True, False):
            for page, count in self._counts.items():
                i = self.indexOf(page)
                word = self.tabText(i).split(" (")[0]
                self.setTabText(i, f"{word} ({count})" if with_counts else word)
                self.setTabToolTip(i, f"{word}: {count}")
            if self.tabBar().sizeHint().width() <= self.width():
                return
