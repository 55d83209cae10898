"""Open a dialog the one way every view does: ``open()``, ``finished`` wired, deleted after.

``exec()`` would start a nested event loop that tests cannot drive and that lets a second
click open a second dialog; ``open()`` returns at once and the answer comes by signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QDialog

__all__ = ["DialogHost"]

DialogT = TypeVar("DialogT", bound=QDialog)


class DialogHost:
    """Keeps at most one dialog open for a view and cleans it up when it closes.

    ``show(dialog, on_finished)`` opens ``dialog`` window-modal; when it closes,
    ``on_finished(result)`` runs (``QDialog.DialogCode`` as an int) and the dialog is deleted.
    While one is open, ``show`` raises it instead of opening a second.
    """

    def __init__(self) -> None:
        self._current: QDialog | None = None

    @property
    def current(self) -> QDialog | None:
        return self._current

    def show(
        self, dialog: DialogT, on_finished: Callable[[int], None] | None = None
    ) -> DialogT | None:
        """Open ``dialog``; None (and ``dialog`` deleted) when another one is already open."""
        if self._current is not None:
            dialog.deleteLater()
            self._current.raise_()
            self._current.activateWindow()
            return None
        self._current = dialog

        def finished(result: int) -> None:
            if self._current is dialog:
                self._current = None
            if on_finished is not None:
                on_finished(result)
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog
