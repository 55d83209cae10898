"""Moved to ``peerdesk.ui.common`` (widgets, form_state, form_dialog); names kept for old imports.

Import from the new modules; this shim goes once nothing imports it.
"""

from peerdesk.ui.common.form_dialog import (
    CONFLICT_MESSAGE,
    GONE_MESSAGE,
    UNEXPECTED_MESSAGE,
    Binding,
    FormDialog,
    Parser,
)
from peerdesk.ui.common.form_state import error_text
from peerdesk.ui.common.widgets import (
    Banner,
    DateEdit,
    ValueCombo,
    error_label,
    muted,
    override,
)
from peerdesk.ui.theme import ERROR as ERROR_COLOR
from peerdesk.ui.theme import MUTED as MUTED_COLOR

__all__ = [
    "CONFLICT_MESSAGE",
    "ERROR_COLOR",
    "GONE_MESSAGE",
    "MUTED_COLOR",
    "UNEXPECTED_MESSAGE",
    "Banner",
    "Binding",
    "DateEdit",
    "FormDialog",
    "Parser",
    "ValueCombo",
    "error_label",
    "error_text",
    "muted",
    "override",
]
