"""The longest stall of the GUI thread while a person works (issue "nothing slow on the GUI
thread"): a timer ticks every 5 ms on the GUI thread; the largest gap between two ticks is the
longest time the window could not repaint or take a key. Goal: under 50 ms in each phase.

Phases, on the large demo database, through the real start-up path:

- start-up: from the first paint until the list is filled and the idle warm-up has run;
- opening the five records with the most history, one after another;
- typing a six-letter search, a key every 120 ms;
- scrolling the whole list a page at a time.

Run by ``bench/bench_residents.py`` in a child process (``--child stall URL``).
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from typing import Any

TICK_MS = 5
GOAL_MS = 50.0


class _Ticker:
    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self.ticks.append(time.perf_counter())

    def longest_gap_since(self, start: int) -> float:
        ticks = self.ticks[start:]
        return max((b - a for a, b in itertools.pairwise(ticks)), default=0.0)


def _wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait_until(condition: Callable[[], bool], timeout_ms: int = 60_000) -> None:
    waited = 0
    while not condition():
        if waited > timeout_ms:
            raise TimeoutError("the benchmark waited too long")
        _wait(10)
        waited += 10


def _busiest(services: Any) -> list[int]:
    with services.db.engine.connect() as conn:
        return [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT person_id FROM attendance GROUP BY person_id ORDER BY count(*) DESC LIMIT 5"
            )
        ]


def child_stall(db_url: str) -> None:
    """Print the longest gap of each phase, in ms, as one JSON object."""
    import sys

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from peerdesk.gui import create_main_window, open_in_background
    from peerdesk.ui.launch import configure_application

    app = QApplication(sys.argv)
    configure_application(app)
    window = create_main_window()
    window.resize(1280, 800)
    ticker = _Ticker()
    window.show()
    opened: list[Any] = []
    figures: dict[str, float] = {}

    start = len(ticker.ticks)
    open_in_background(window, db_url, opened.append)
    _wait_until(lambda: bool(opened))
    services = opened[0]
    assert services is not None, "the database did not open"
    residents: Any = window.page("residents").content
    _wait(1000)  # the idle warm-up runs 300 ms after the list shows
    figures["start-up"] = ticker.longest_gap_since(start)

    start = len(ticker.ticks)
    for person_id in _busiest(services):
        residents.open_person(person_id)
        _wait(400)
    figures["open five heaviest records"] = ticker.longest_gap_since(start)

    box = residents.panel.search_box
    box.setFocus()
    start = len(ticker.ticks)
    for letter in "garcia":
        QTest.keyClicks(box, letter)
        _wait(120)
    figures["type a six-letter search"] = ticker.longest_gap_since(start)
    QTest.keyClick(box, Qt.Key.Key_Escape)
    _wait(100)

    table = residents.panel.table
    bar = table.verticalScrollBar()
    start = len(ticker.ticks)
    while bar.value() < bar.maximum():
        bar.setValue(bar.value() + bar.pageStep())
        _wait(16)
    figures["scroll the whole list"] = ticker.longest_gap_since(start)

    print(json.dumps({k: round(v * 1000, 1) for k, v in figures.items()}), flush=True)
    services.db.dispose()
    window.close()
    del app


def stall_lines(figures: dict[str, float]) -> list[str]:
    lines = []
    for phase, ms in figures.items():
        verdict = "ok" if ms < GOAL_MS else "OVER GOAL"
        lines.append(f"{'  stall: ' + phase:<40} {ms:7.1f} ms   goal < {GOAL_MS:.0f} ms  {verdict}")
    return lines
