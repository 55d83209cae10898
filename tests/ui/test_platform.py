"""The Qt binding itself: PySide6 6.12.0 lost a reference to ``True`` on every Python
``emit()`` (and to ``None`` on every ``processEvents()``), so a long day at the desk ended in
"Fatal Python error: bool_dealloc". pyproject.toml excludes that release; this keeps it out."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    fired = Signal(object)


def test_emitting_a_signal_keeps_the_reference_counts_of_true_and_none(qtbot: QtBot) -> None:
    emitter = _Emitter()
    got: list[object] = []
    emitter.fired.connect(got.append)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for i in range(1000):
        emitter.fired.emit(i)
        QCoreApplication.processEvents()
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert len(got) == 1000
    # Other objects may take references meanwhile; a loss of one per call shows as -1000.
    assert after[0] - before[0] > -50
    assert after[1] - before[1] > -50
