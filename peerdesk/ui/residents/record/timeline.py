"""The Timeline tab: everything that happened to the person, newest first."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from peerdesk.domain.residents import TimelineEntry
from peerdesk.ui import theme
from peerdesk.ui.residents.record.widgets import EmptyOr, dot_icon

#: The word for each kind of entry; the colour dot beside it only repeats it.
KIND_NAMES: dict[str, str] = {
    "screening": "Screening",
    "admission": "Admission",
    "discharge": "Discharge",
    "session": "Group session",
    "activity": "Activity",
    "followup": "Follow-up",
    "goal": "Goal",
}

#: Two columns of two lines (date over kind, what over detail): readable at any width.
COLUMNS = ["Date and kind", "What happened"]


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind.replace("_", " ").capitalize())


class TimelineTab(EmptyOr):
    """Read when first shown (the shell asks for the entries), not with every record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.tree = QTreeWidget()
        super().__init__(self.tree, parent)
        self._icons: dict[str, QIcon] = {}
        tree = self.tree
        tree.setAccessibleName("Timeline")
        tree.setHeaderLabels(COLUMNS)
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        tree.setUniformRowHeights(True)
        tree.setMinimumWidth(200)
        header = tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def _icon(self, kind: str) -> QIcon:
        if kind not in self._icons:
            self._icons[kind] = dot_icon(theme.TIMELINE_COLOURS.get(kind, theme.MUTED))
        return self._icons[kind]

    def fill(self, entries: list[TimelineEntry]) -> None:
        self.tree.clear()
        items = []
        for e in entries:
            what = f"{e.title}\n{e.detail}" if e.detail else f"{e.title}\n"
            item = QTreeWidgetItem([f"{e.date.isoformat()}\n{kind_name(e.kind)}", what])
            item.setIcon(0, self._icon(e.kind))
            item.setToolTip(1, what.strip())
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.show_content(bool(entries), "Nothing has happened yet.")

    def show_error(self, text: str) -> None:
        self.tree.clear()
        self.show_content(False, text)
