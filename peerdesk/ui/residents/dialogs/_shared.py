"""What the Residents dialogs share: the heading naming the person, a stay in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit

from peerdesk.domain.residents import ResidentDetail, StayInfo

Today = Callable[[], dt.date]


def person_heading(detail: ResidentDetail) -> str:
    return f"{detail.first_name} {detail.last_name}  ·  {detail.record_number}"


def stay_text(stay: StayInfo) -> str:
    if stay.discharge_date is None:
        return f"{stay.program_name}, since {stay.admission_date.isoformat()}"
    return (
        f"{stay.program_name}, {stay.admission_date.isoformat()} to "
        f"{stay.discharge_date.isoformat()}"
    )


def other_stays(
    detail: ResidentDetail, stay_id: int | None
) -> list[tuple[dt.date, dt.date | None]]:
    return [(s.admission_date, s.discharge_date) for s in detail.stays if s.id != stay_id]


def text_setter(edit: QLineEdit) -> Callable[[object], None]:
    return lambda value: edit.setText(str(value or ""))
