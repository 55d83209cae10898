"""The task runner and the change bus: work in a worker, results and changes on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.domain.changes import Changes
from peerdesk.domain.errors import ValidationError
from peerdesk.ui.common.change_bus import ChangeBus
from peerdesk.ui.common.tasks import TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    made = TaskRunner()
    yield made
    made.wait()


def _gui_thread() -> QThread:
    app = QApplication.instance()
    assert app is not None
    return app.thread()


def test_work_runs_in_a_worker_and_the_result_arrives_on_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    seen: dict[str, object] = {}

    def work() -> int:
        seen["work_thread"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["done_on_gui"] = QThread.currentThread() is _gui_thread()

    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        runner.run(work, done, name="answer")
    assert seen["value"] == 42
    assert seen["done_on_gui"] is True
    assert seen["work_thread"] != threading.get_ident()


def test_a_failure_arrives_as_one_line_and_a_validation_message_as_written(
    qtbot: QtBot, runner: TaskRunner, caplog: pytest.LogCaptureFixture
) -> None:
    errors: list[str] = []

    def broken() -> None:
        raise RuntimeError("first line with Ana Lopez\nsecond line")

    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        runner.run(broken, lambda _v: None, errors.append, name="broken")
    assert errors == ["first line with Ana Lopez"]
    assert "Ana" not in caplog.text, "the log names the type, never the message"
    assert "RuntimeError" in caplog.text

    def refused() -> None:
        raise ValidationError("date_of_birth", "is in the future")

    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        runner.run(refused, lambda _v: None, errors.append, name="refused")
    assert errors[-1] == "date_of_birth: is in the future"


def test_a_newer_task_with_the_same_key_wins(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    got: list[str] = []

    def slow() -> str:
        release.wait(5)
        return "old"

    runner.run(slow, got.append, key="record", name="old")
    with qtbot.waitSignals([runner.task_finished, runner.task_finished], timeout=5000):
        runner.run(lambda: "new", got.append, key="record", name="new")
        release.set()
    assert got == ["new"]


def test_nothing_is_delivered_to_a_widget_that_is_gone(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    got: list[int] = []
    owner = QWidget()

    def slow() -> int:
        release.wait(5)
        return 1

    runner.run(slow, got.append, owner=owner, name="orphan")
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=2000)
    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        release.set()
    assert got == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_busy_is_announced_when_work_starts_and_when_the_last_ends(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    states: list[bool] = []
    runner.busy_changed.connect(states.append)
    with qtbot.waitSignals([runner.task_finished, runner.task_finished], timeout=5000):
        runner.run(lambda: 1, lambda _v: None)
        runner.run(lambda: 2, lambda _v: None)
    assert states == [True, False]
    assert not runner.busy


def test_changes_published_from_a_worker_reach_listeners_on_the_gui_thread(
    qtbot: QtBot,
) -> None:
    bus = ChangeBus()
    received: list[tuple[Changes, bool]] = []
    bus.changed.connect(lambda c: received.append((c, QThread.currentThread() is _gui_thread())))
    worker = threading.Thread(target=bus.publish, args=(Changes.of("person", 7),))
    with qtbot.waitSignal(bus.changed, timeout=5000):
        worker.start()
    worker.join()
    assert received == [(Changes.of("person", 7), True)]


def test_nothing_is_announced_for_an_empty_change(qtbot: QtBot) -> None:
    bus = ChangeBus()
    with qtbot.assertNotEmitted(bus.changed, wait=50):
        bus.publish(Changes())
