"""The one place every write's :class:`~peerdesk.domain.changes.Changes` is announced.

Made once by the composition root; services get :meth:`ChangeBus.publish` as their
``on_change`` listener, so every committed write reaches every view, from whichever thread it
ran on. Each list, census and record view connects to :attr:`ChangeBus.changed` and decides for
itself whether what it shows is stale (Frescobaldi keeps its app-wide signals in one place).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from peerdesk.domain.changes import Changes


class ChangeBus(QObject):
    """Signals:
    changed(Changes): a write committed; always emitted on the GUI thread.
    """

    changed = Signal(object)
    _published = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Queued when published from a worker thread, direct on the GUI thread.
        self._published.connect(self._on_published)

    def publish(self, changes: Changes) -> None:
        """Announce ``changes``; safe to call from any thread."""
        if changes:
            self._published.emit(changes)

    @Slot(object)
    def _on_published(self, changes: Changes) -> None:
        self.changed.emit(changes)
