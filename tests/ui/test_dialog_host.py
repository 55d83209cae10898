"""The dialog host: one dialog at a time, opened with open(), deleted once finished."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from peerdesk.ui.common.dialog_host import DialogHost

# Raising a window is not something the offscreen platform does.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def test_one_dialog_at_a_time_and_deleted_after(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    host = DialogHost()
    results: list[int] = []
    first = QDialog(parent)
    assert host.show(first, results.append) is first
    assert first.isVisible()
    assert first.isModal()  # open() is window-modal; no nested event loop
    assert host.current is first

    second = QDialog(parent)
    assert host.show(second) is None  # the open one is raised instead
    qtbot.waitUntil(lambda: not isValid(second), timeout=2000)

    first.accept()
    qtbot.waitUntil(lambda: not isValid(first), timeout=2000)
    assert results == [QDialog.DialogCode.Accepted.value]
    assert [host.current] == [None]
    assert not parent.findChildren(QDialog)
