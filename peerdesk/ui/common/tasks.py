"""Slow work off the GUI thread: run a callable in a thread pool, deliver its result on the GUI
thread (Picard's ``run_task``, Anki's ``QueryOp``).

Services open a session per call, so they are safe to call from a worker; widgets are touched
only in the ``on_done``/``on_error`` callbacks, which always run on the GUI thread. A task with a
``key`` supersedes an unfinished one with the same key (the record a person opened last wins);
a task whose ``owner`` widget is gone delivers nothing.

Usage::

    self._tasks.run(lambda: residents.get(person_id), self._apply, key="record", owner=self)
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from typing_extensions import override

from peerdesk.ui.messages import one_line_reason

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(eq=False)
class Task(Generic[T]):
    """One piece of work; :meth:`cancel` drops its result when it arrives."""

    name: str
    work: Callable[[], T]
    on_done: Callable[[T], None]
    on_error: Callable[[str], None] | None
    key: str | None
    owner: QObject | None
    cancelled: bool = field(default=False)

    def cancel(self) -> None:
        self.cancelled = True


class _Job(QRunnable):
    def __init__(self, task: Task[Any], relay: _Relay) -> None:
        super().__init__()
        self._task = task
        self._relay = relay
        self.setAutoDelete(True)

    @override
    def run(self) -> None:
        try:
            result = self._task.work()
        except BaseException as exc:
            self._relay.arrived.emit((self._task, None, exc))
        else:
            self._relay.arrived.emit((self._task, result, None))


class _Relay(QObject):
    """Lives on the GUI thread; a worker's emit is queued to it.

    One object argument, a ``(task, result, error)`` tuple: PySide 6.12 miscounts references
    to ``True``/``False`` passed through queued signals (a crash at exit).
    """

    arrived = Signal(object)


class TaskRunner(QObject):
    """Runs tasks in a thread pool and delivers their results on the GUI thread.

    Signals:
        busy_changed(bool): the first task started or the last one ended.
        task_finished(str): a task with this name delivered (or was dropped); tests wait on it.
    """

    busy_changed = Signal(bool)
    task_finished = Signal(str)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.arrived.connect(self._on_relay_arrived)
        self._running: set[Task[Any]] = set()
        self._latest: dict[str, Task[Any]] = {}

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[str], None] | None = None,
        *,
        name: str = "task",
        key: str | None = None,
        owner: QObject | None = None,
    ) -> Task[T]:
        """Run ``work`` in a worker; then ``on_done(result)`` or ``on_error(one line)``.

        Without ``on_error`` a failure is only logged (by type: database errors carry values).
        """
        task = Task(name, work, on_done, on_error, key, owner)
        if key is not None:
            previous = self._latest.get(key)
            if previous is not None:
                previous.cancel()
            self._latest[key] = task
        was_busy = self.busy
        self._running.add(task)
        if not was_busy:
            self.busy_changed.emit(True)
        self._pool.start(_Job(task, self._relay))
        return task

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every worker is idle (shutdown and tests); results still arrive queued."""
        return self._pool.waitForDone(msecs)

    @Slot(object)
    def _on_relay_arrived(self, arrival: tuple[Task[Any], Any, BaseException | None]) -> None:
        task, value, error = arrival
        self._running.discard(task)
        if task.key is not None and self._latest.get(task.key) is task:
            del self._latest[task.key]
        try:
            if task.cancelled or (task.owner is not None and not shiboken6.isValid(task.owner)):
                return
            if error is None:
                task.on_done(value)
            else:
                self._report(task, error)
        finally:
            if not self.busy:
                self.busy_changed.emit(False)
            self.task_finished.emit(task.name)

    @staticmethod
    def _report(task: Task[Any], exc: BaseException) -> None:
        # The type and where, never the message: a database error's text holds the statement's
        # parameters, which may be a person's data (42 CFR Part 2).
        frames = traceback.extract_tb(exc.__traceback__)[-4:]
        where = " <- ".join(f"{f.name} ({f.filename}:{f.lineno})" for f in reversed(frames))
        log.error("%s failed with %s at %s", task.name, type(exc).__name__, where)
        if task.on_error is not None:
            from peerdesk.domain.errors import PeerDeskError

            task.on_error(str(exc) if isinstance(exc, PeerDeskError) else one_line_reason(exc))
