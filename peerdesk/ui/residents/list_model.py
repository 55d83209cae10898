"""The residents list model: ordered ids from the database, rows fetched a page at a time.

Modelled on Anki's browser table (``qt/aqt/browser/table/model.py``): a search or a sort asks the
database only for the ordered ids; ``data()`` fetches the rows of the page around the row being
painted into a small LRU cache. Filtering and sorting never happen in Python (PRODUCT.md "Scale
and speed": a proxy model over 13,000 rows sorts in seconds, SQL in milliseconds).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from typing_extensions import override

from peerdesk.domain.enums import ResidentStatus
from peerdesk.domain.residents import ResidentQuery, ResidentRow, ResidentSort, days_sober
from peerdesk.ui.messages import one_line_reason

if TYPE_CHECKING:
    from peerdesk.services.residents import ResidentService

log = logging.getLogger(__name__)

#: The role that carries a row's database id (never shown).
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1

#: Rows pages kept in memory; older pages are fetched again when scrolled back to.
MAX_CACHED_PAGES = 20

#: What a row shows when it could not be read (deleted meanwhile, or the database failed).
MISSING = "—"

_ROOT = QModelIndex()
#: Roles whose answer needs the row itself (and so may fetch its page).
_ROW_ROLES = frozenset(
    {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole}
)
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

#: Status shown in a colour, quietly: the text only, dark enough to read on either row shade.
_STATUS_COLOURS: dict[ResidentStatus, QColor] = {
    ResidentStatus.IN_CARE: QColor("#1e7b3c"),
    ResidentStatus.WAITLISTED: QColor("#9a5b00"),
    ResidentStatus.SCREENING: QColor("#1f5fa8"),
    ResidentStatus.DISCHARGED: QColor("#5f6368"),
    ResidentStatus.REFERRED: QColor("#5f6368"),
    ResidentStatus.DECLINED: QColor("#5f6368"),
}


def _days_sober_text(row: ResidentRow, today: dt.date) -> str:
    days = days_sober(row.sobriety_date, today)
    return "" if days is None else f"{days:,}"


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


@dataclass(frozen=True)
class Column:
    """One column of the list: what it shows, how it lines up and how the database sorts it."""

    key: str
    header: str
    text: Callable[[ResidentRow, dt.date], str]
    sort: ResidentSort
    alignment: Qt.AlignmentFlag = _LEFT
    #: A starting width, in average character widths of the view's font.
    width_chars: int = 12
    #: The order of the first click on the header (newest admissions first, say).
    initial_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder
    #: Still shown when the list is narrow beside an open record (which shows the rest).
    in_compact: bool = True


COLUMNS: tuple[Column, ...] = (
    Column("record", "Record", lambda r, _t: r.record_number, ResidentSort.RECORD, width_chars=9),
    Column("name", "Name", lambda r, _t: r.display_name, ResidentSort.NAME, width_chars=26),
    Column(
        "program",
        "Program",
        lambda r, _t: r.program_name,
        ResidentSort.PROGRAM,
        width_chars=17,
        in_compact=False,
    ),
    Column("status", "Status", lambda r, _t: r.status.label, ResidentSort.STATUS, width_chars=11),
    Column(
        "admitted",
        "Admitted",
        lambda r, _t: _iso(r.admission_date),
        ResidentSort.ADMISSION,
        initial_order=Qt.SortOrder.DescendingOrder,
        in_compact=False,
    ),
    Column("days_sober", "Days sober", _days_sober_text, ResidentSort.DAYS_SOBER, _RIGHT, 11),
)


def column_of(key: str) -> int:
    """The position of the column named ``key``."""
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


class ResidentTableModel(QAbstractTableModel):
    """The residents matching a :class:`ResidentQuery`, in the database's order.

    Holds only the ordered ids; rows are read a page (``page_size`` ids) at a time into a
    bounded LRU cache. A row that cannot be read shows as a disabled row of dashes.
    """

    def __init__(
        self,
        residents: ResidentService,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
        *,
        page_size: int | None = None,
    ) -> None:
        super().__init__(parent)
        if page_size is None:
            from peerdesk.services.residents import PAGE_SIZE

            page_size = PAGE_SIZE
        self._residents = residents
        self._today = today
        self._page_size = page_size
        self._query = ResidentQuery()
        self._ids: list[int] = []
        self._pages: OrderedDict[int, tuple[ResidentRow | None, ...]] = OrderedDict()
        self._error: str | None = None

    # -- the query --

    @property
    def query(self) -> ResidentQuery:
        return self._query

    @property
    def error(self) -> str | None:
        """Why the last search failed (one line), or ``None``."""
        return self._error

    def set_query(self, query: ResidentQuery) -> None:
        """Run ``query`` in the database and show its result (always re-runs it)."""
        self.beginResetModel()
        try:
            self._query = query
            self._pages.clear()
            try:
                self._ids = self._residents.search_ids(query)
                self._error = None
            except Exception as exc:  # the database failed: an empty list that says why
                log.exception("searching residents failed")
                self._ids = []
                self._error = one_line_reason(exc)
        finally:
            self.endResetModel()

    def refresh(self) -> None:
        """Run the current query again (after a change that may add, remove or move rows)."""
        self.set_query(self._query)

    def refresh_row(self, person_id: int) -> None:
        """Read ``person_id``'s row again the next time it is shown."""
        row = self.row_of(person_id)
        if row is None:
            return
        self._pages.pop(row // self._page_size, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def row_of(self, person_id: int) -> int | None:
        try:
            return self._ids.index(person_id)
        except ValueError:
            return None

    def id_at(self, row: int) -> int:
        return self._ids[row]

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
        return 0 if parent.isValid() else len(COLUMNS)

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return COLUMNS[section].alignment
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            return COLUMNS[section].initial_order
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
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        if role in _ROW_ROLES:
            return self._row_data(self._row(index.row()), column, role)
        return None

    def _row_data(self, row: ResidentRow | None, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return MISSING if row is None else column.text(row, self._today())
        if row is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column.key == "status":
            return _STATUS_COLOURS.get(row.status)
        if role == Qt.ItemDataRole.ToolTipRole and column.key == "name" and row.phone:
            # The phone number is what the desk most often needs next after the name.
            return f"{row.first_name} {row.last_name} · {row.phone}"
        return None

    @override
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        query = replace(
            self._query,
            sort=COLUMNS[column].sort,
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        if query != self._query:
            self.set_query(query)

    # -- paging --

    def _row(self, row: int) -> ResidentRow | None:
        number, offset = divmod(row, self._page_size)
        page = self._pages.get(number)
        if page is None:
            page = self._fetch_page(number)
        else:
            self._pages.move_to_end(number)
        return page[offset]

    def _fetch_page(self, number: int) -> tuple[ResidentRow | None, ...]:
        start = number * self._page_size
        ids = self._ids[start : start + self._page_size]
        try:
            by_id = {r.id: r for r in self._residents.rows(ids)}
        except Exception:  # shown as disabled rows; the next refresh tries again
            log.exception("reading residents %d to %d failed", start, start + len(ids))
            by_id = {}
        page = tuple(by_id.get(i) for i in ids)
        self._pages[number] = page
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        return page
