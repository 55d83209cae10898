"""The residents list: an instance of the shared paged table model with its columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from peerdesk.domain.enums import ResidentStatus
from peerdesk.domain.residents import ResidentQuery, ResidentRow, ResidentSort, days_sober
from peerdesk.ui import theme
from peerdesk.ui.common.paged_model import (
    DEFAULT_PAGE_SIZE,
    ID_ROLE,
    RIGHT,
    Column,
    PagedTableModel,
)

if TYPE_CHECKING:
    from peerdesk.services.residents import ResidentService

__all__ = ["ID_ROLE", "ResidentTableModel", "column_of", "resident_columns"]

#: Only people who were admitted have an admission date worth showing.
_ADMITTED = frozenset({ResidentStatus.IN_CARE, ResidentStatus.DISCHARGED})


def _admitted_text(row: ResidentRow) -> str:
    if row.admission_date is None or row.status not in _ADMITTED:
        return ""
    return row.admission_date.isoformat()


def _name_tooltip(row: ResidentRow) -> str | None:
    # The phone number is what the desk most often needs next after the name.
    return f"{row.first_name} {row.last_name} · {row.phone}" if row.phone else None


def _status_colour(row: ResidentRow) -> str | None:
    return theme.status_tone(row.status).foreground


def resident_columns(today: Callable[[], dt.date]) -> tuple[Column[ResidentRow], ...]:
    def sober(row: ResidentRow) -> str:
        days = days_sober(row.sobriety_date, today())
        return "" if days is None else f"{days:,}"

    return (
        Column("record", "Record", lambda r: r.record_number, ResidentSort.RECORD, width_chars=9),
        Column(
            "name",
            "Name",
            lambda r: r.display_name,
            ResidentSort.NAME,
            tooltip=_name_tooltip,
            width_chars=26,
            stretch=True,
        ),
        Column(
            "program",
            "Program",
            lambda r: r.program_name,
            ResidentSort.PROGRAM,
            width_chars=17,
            in_compact=False,
        ),
        Column(
            "status",
            "Status",
            lambda r: r.status.label,
            ResidentSort.STATUS,
            foreground=_status_colour,
            width_chars=11,
        ),
        Column(
            "admitted",
            "Admitted",
            _admitted_text,
            ResidentSort.ADMISSION,
            initial_order=Qt.SortOrder.DescendingOrder,
            in_compact=False,
        ),
        Column("days_sober", "Days sober", sober, ResidentSort.DAYS_SOBER, RIGHT, width_chars=11),
    )


_KEYS = tuple(c.key for c in resident_columns(dt.date.today))


def column_of(key: str) -> int:
    """The position of the residents column named ``key``."""
    return _KEYS.index(key)


class ResidentTableModel(PagedTableModel[ResidentQuery, ResidentRow]):
    """The residents matching a :class:`ResidentQuery`, in the database's order."""

    def __init__(
        self,
        residents: ResidentService,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> None:
        super().__init__(
            residents, resident_columns(today), ResidentQuery(), parent, page_size=page_size
        )
