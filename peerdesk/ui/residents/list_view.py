"""The residents list: the shared list panel with the residents' words and filters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QWidget

from peerdesk.domain.residents import ProgramInfo, ResidentFilter, ResidentQuery
from peerdesk.ui.common.list_panel import ListFilter, ListTexts, RecordListPanel
from peerdesk.ui.residents.list_model import ResidentTableModel

SEARCH_PLACEHOLDER = "Search name, record number or phone (Ctrl+F)"

TEXTS = ListTexts(
    title="Residents",
    one="person",
    many="people",
    nobody="No one",
    search_placeholder=SEARCH_PLACEHOLDER,
    search_name="Search residents",
    table_name="Residents",
    new_label="New person…",
    new_tip="Register a new person (Ctrl+N)",
    new_hint="press Ctrl+N to register a new person",
    first_hint="No one is registered yet. Press Ctrl+N to register the first person.",
)

ALL_PROGRAMS = "All programs"


def _query(current: ResidentQuery, text: str, values: Mapping[str, object]) -> ResidentQuery:
    status, program = values.get("status"), values.get("program")
    return replace(
        current,
        text=text,
        status=ResidentFilter(status) if isinstance(status, str) else ResidentFilter.ALL,
        program_id=program if isinstance(program, int) else None,
    )


class ResidentListPanel(RecordListPanel[ResidentQuery]):
    """Search box, status and program filters, the count and the residents table."""

    def __init__(self, model: ResidentTableModel, parent: QWidget | None = None) -> None:
        filters = (
            ListFilter("status", "&Status", "status", [(f.label, f.value) for f in ResidentFilter]),
            ListFilter("program", "&Program", "program", [(ALL_PROGRAMS, None)], min_chars=12),
        )
        super().__init__(model, TEXTS, filters, _query, parent)

    @property
    def status_combo(self) -> QComboBox:
        return self.combos["status"]

    @property
    def program_combo(self) -> QComboBox:
        return self.combos["program"]

    def set_programs(self, programs: list[ProgramInfo]) -> None:
        self.set_filter_options(
            "program", [(ALL_PROGRAMS, None), *((p.name, p.id) for p in programs)]
        )
