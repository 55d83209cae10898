"""A table over ordered ids from the database, rows fetched a page at a time.

Modelled on Anki's browser table (``qt/aqt/browser/table/model.py``): a search or a sort asks the
database only for the ordered ids; ``data()`` fetches the rows of the page around the row being
painted into a small LRU cache. Filtering and sorting never happen in Python (PRODUCT.md "Scale
and speed": a proxy model over 13,000 rows sorts in seconds, SQL in milliseconds).

Every area's list is an instance: a :class:`RowSource` (the service's ``search_ids`` and
``rows``), a query dataclass with ``sort`` and ``descending`` fields, and a tuple of declarative
:class:`Column` objects.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from typing_extensions import override

from peerdesk.ui.messages import one_line_reason

log = logging.getLogger(__name__)

#: The role that carries a row's database id (never shown).
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1

#: Rows of this many pages are kept in memory; older pages are read again when scrolled back to.
MAX_CACHED_PAGES = 20
DEFAULT_PAGE_SIZE = 200

#: What a row shows when it could not be read (deleted meanwhile, or the database failed).
MISSING = "—"

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

_ROOT = QModelIndex()
#: Roles whose answer needs the row itself (and so may fetch its page).
_ROW_ROLES = frozenset(
    {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole}
)


class HasId(Protocol):
    @property
    def id(self) -> int: ...


class SortableQuery(Protocol):
    """A frozen dataclass with at least these two fields."""

    @property
    def sort(self) -> Any: ...

    @property
    def descending(self) -> bool: ...


R = TypeVar("R", bound=HasId)
Q = TypeVar("Q", bound=SortableQuery)
R_co = TypeVar("R_co", bound=HasId, covariant=True)
Q_contra = TypeVar("Q_contra", contravariant=True)


class RowSource(Protocol[Q_contra, R_co]):
    """What a list needs of its service: ordered ids for a query, rows for ids."""

    def search_ids(self, query: Q_contra, /) -> list[int]: ...

    def rows(self, ids: Sequence[int], /) -> Sequence[R_co]: ...


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column of a list: what it shows, how it lines up and how the database sorts it."""

    key: str
    header: str
    text: Callable[[R], str]
    #: The value put into the query's ``sort`` field; ``None``: the column does not sort.
    sort: object | None = None
    alignment: Qt.AlignmentFlag = LEFT
    #: A colour (hex, from :mod:`peerdesk.ui.theme`) for the row's text in this column.
    foreground: Callable[[R], str | None] | None = None
    tooltip: Callable[[R], str | None] | None = None
    #: A starting width, in average character widths of the view's font.
    width_chars: int = 12
    #: The order of the first click on the header (newest admissions first, say).
    initial_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder
    #: Still shown when the list is narrow beside an open record (which shows the rest).
    in_compact: bool = True
    #: Takes the spare width of the view.
    stretch: bool = False


class PagedTableModel(QAbstractTableModel, Generic[Q, R]):
    """The records matching a query, in the database's order.

    Holds only the ordered ids; rows are read a page (``page_size`` ids) at a time into a
    bounded LRU cache. A row that cannot be read shows as a disabled row of dashes.
    """

    def __init__(
        self,
        source: RowSource[Q, R],
        columns: Sequence[Column[R]],
        query: Q,
        parent: QObject | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self.columns: tuple[Column[R], ...] = tuple(columns)
        self._page_size = page_size
        self._query = query
        self._ids: list[int] = []
        self._rows_of: dict[int, int] | None = None
        self._pages: OrderedDict[int, tuple[R | None, ...]] = OrderedDict()
        self._error: str | None = None
        self._colours: dict[str, QColor] = {}

    # -- the query --

    @property
    def query(self) -> Q:
        return self._query

    @property
    def error(self) -> str | None:
        """Why the last search failed (one line), or ``None``."""
        return self._error

    def column_of(self, key: str) -> int:
        """The position of the column named ``key``."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def set_query(self, query: Q) -> None:
        """Run ``query`` in the database and show its result (always re-runs it)."""
        self.beginResetModel()
        try:
            self._query = query
            self._pages.clear()
            self._rows_of = None
            try:
                self._ids = self._source.search_ids(query)
                self._error = None
            except Exception as exc:  # the database failed: an empty list that says why
                log.error("searching %s failed with %s", type(self).__name__, type(exc).__name__)
                self._ids = []
                self._error = one_line_reason(exc)
        finally:
            self.endResetModel()

    def refresh(self) -> None:
        """Run the current query again (after a change that may add, remove or move rows)."""
        self.set_query(self._query)

    def refresh_row(self, record_id: int) -> None:
        """Read ``record_id``'s row again the next time it is shown."""
        row = self.row_of(record_id)
        if row is None:
            return
        self._pages.pop(row // self._page_size, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def row_of(self, record_id: int) -> int | None:
        if self._rows_of is None:
            self._rows_of = {i: r for r, i in enumerate(self._ids)}
        return self._rows_of.get(record_id)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def ids(self) -> Sequence[int]:
        """Every id of the result, in order (read-only)."""
        return tuple(self._ids)

    def cached_page_count(self) -> int:
        """How many pages of rows are in memory (tests check that paging stays lazy)."""
        return len(self._pages)

    def cached_pages(self) -> list[int]:
        """The numbers of the pages in memory, least recently used first."""
        return list(self._pages)

    # -- Qt --

    @override
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    @override
    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            return column.initial_order
        return None

    @override
    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # Never fetch here: a row is disabled only once its page is known to lack it.
        page = self._pages.get(index.row() // self._page_size)
        if page is not None and page[index.row() % self._page_size] is None:
            return Qt.ItemFlag.ItemNeverHasChildren
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    @override
    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        if role in _ROW_ROLES:
            return self._row_data(self._row(index.row()), column, role)
        return None

    def _row_data(self, row: R | None, column: Column[R], role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return MISSING if row is None else column.text(row)
        if row is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            colour = column.foreground(row)
            return None if colour is None else self._colour(colour)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        return None

    def _colour(self, hex_colour: str) -> QColor:
        made = self._colours.get(hex_colour)
        if made is None:
            made = self._colours[hex_colour] = QColor(hex_colour)
        return made

    @override
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self.columns[column].sort is None:
            return
        query = replace(  # type: ignore[type-var]
            self._query,
            sort=self.columns[column].sort,
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        if query != self._query:
            self.set_query(query)

    # -- paging --

    def _row(self, row: int) -> R | None:
        number, offset = divmod(row, self._page_size)
        page = self._pages.get(number)
        if page is None:
            page = self._fetch_page(number)
        else:
            self._pages.move_to_end(number)
        return page[offset]

    def _fetch_page(self, number: int) -> tuple[R | None, ...]:
        start = number * self._page_size
        ids = self._ids[start : start + self._page_size]
        try:
            by_id = {r.id: r for r in self._source.rows(ids)}
        except Exception as exc:  # shown as disabled rows; the next refresh tries again
            log.error(
                "reading rows %d to %d failed with %s", start, start + len(ids), type(exc).__name__
            )
            by_id = {}
        page = tuple(by_id.get(i) for i in ids)
        self._pages[number] = page
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        return page
