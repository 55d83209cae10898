"""Benchmark of the Residents view on the large demo database (PRODUCT.md "Scale and speed").

Each figure is printed as a ratio to a floor measured in the same run on the same machine:

- first painted window        / a bare PySide6 window                      goal <= 1.5x
- residents list filled       / a bare window + ``import sqlalchemy.orm``  goal <= 2x
- filter per keystroke        / the same SQL run raw through sqlite3      goal <= 2x, < 16 ms
- column sort                 / the same ORDER BY run raw                  goal <= 1.5x
- opening a record            (absolute)                                   goal < 100 ms
- peak memory with the large database open and the list used              goal < 300 MB
- the longest GUI-thread stall in start-up, record opens, typing, scrolling  goal < 50 ms

Run on demand, never in the test suite::

    python bench/bench_residents.py --db sqlite:////tmp/large.db
    python bench/bench_residents.py --build /tmp/large.db   # make the large demo first
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.stall import stall_lines  # noqa: E402

# ---- child processes: each prints the wall-clock time.time() at which its milestone was reached


def _residents(window: Any) -> Any:
    """The Residents area's content (list and record) of an attached main window."""
    return window.page("residents").content


def _wait_for_paint(widget: object) -> None:
    """Show ``widget`` and return once its first paint is done.

    An event loop, not a processEvents() spin: each Python call of processEvents() leaks a
    reference to None in PySide 6.12, and a spin makes thousands of them.
    """
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    loop = QEventLoop()

    class Watcher(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, loop.quit)  # after this paint has finished
            return False

    watcher = Watcher()
    widget.installEventFilter(watcher)
    widget.show()
    loop.exec()
    widget.removeEventFilter(watcher)


def child_bare_window(with_orm: bool) -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1280, 800)
    window.setWindowTitle("bare")
    _wait_for_paint(window)
    if with_orm:
        import sqlalchemy.orm  # noqa: F401
    print(time.time(), flush=True)
    del app


def child_peerdesk_window(db_url: str | None) -> None:
    from PySide6.QtWidgets import QApplication

    import peerdesk.__main__  # noqa: F401  (the real entry point's imports)
    from peerdesk.gui import create_main_window, open_into
    from peerdesk.ui.launch import configure_application

    app = QApplication(sys.argv)
    configure_application(app)
    window = create_main_window()
    window.resize(1280, 800)
    _wait_for_paint(window)
    if db_url is None:
        print(time.time(), flush=True)
        return
    services = open_into(window, db_url)
    assert services is not None
    model = _residents(window).model
    assert model.rowCount() > 0
    table = _residents(window).table
    table.viewport().repaint()
    app.processEvents()
    print(time.time(), flush=True)
    services.db.dispose()


def child_memory(db_url: str) -> None:
    from PySide6.QtWidgets import QApplication

    from peerdesk.gui import create_main_window, open_into
    from peerdesk.ui.launch import configure_application

    app = QApplication(sys.argv)
    configure_application(app)
    window = create_main_window()
    _wait_for_paint(window)
    services = open_into(window, db_url)
    assert services is not None
    page = _residents(window)
    model = page.model
    table = page.table
    for row in range(0, model.rowCount(), max(model.rowCount() // 40, 1)):
        table.scrollTo(model.index(row, 0))
        app.processEvents()
    for text in ("m", "ma", "mar", ""):
        page.panel.search_box.setText(text)
        app.processEvents()
    for column in range(model.columnCount()):
        model.sort(column)
        app.processEvents()
    ids = services.residents.search_ids(model.query)[:20]
    for person_id in ids:
        page.open_person(person_id)
        app.processEvents()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(peak_kb / 1024, flush=True)
    services.db.dispose()


def _print_stalls(db_url: str) -> None:
    print("longest GUI-thread stall (a 5 ms timer's largest gap), real start-up path:")
    for line in stall_lines(_stall_figures(db_url)):
        print(line)


def _stall_figures(db_url: str) -> dict[str, float]:
    """The stall child's figures (ms), the worst of three runs per phase."""
    runs = [json.loads(_child_output(["stall", db_url]).splitlines()[-1]) for _ in range(3)]
    return {phase: max(run[phase] for run in runs) for phase in runs[0]}


def _child_output(args: list[str]) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    ).stdout


def _child_value(args: list[str]) -> float:
    """Run a child process; the last number it printed."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    ).stdout.split()
    return float(out[-1])


def _run_child(args: list[str]) -> float:
    """Seconds from spawning a child to the wall-clock time it printed at its milestone."""
    start = time.time()
    return _child_value(args) - start


def _paired(floor_args: list[str], ours_args: list[str], repeats: int = 7) -> tuple[float, float]:
    """Medians of (ours, floor), the two children run alternately so load hits both alike."""
    _run_child(floor_args)  # warm the file cache
    _run_child(ours_args)
    floors, ours = [], []
    for _ in range(repeats):
        floors.append(_run_child(floor_args))
        ours.append(_run_child(ours_args))
    return statistics.median(ours), statistics.median(floors)


# ---- in-process figures -----------------------------------------------------------------------


def _raw_sql(services: object, query: object) -> tuple[str, Callable[[], object]]:
    """The exact id query the list runs, compiled to SQL and run through the bare driver."""
    from sqlalchemy.dialects import sqlite

    from peerdesk.app import Services
    from peerdesk.domain.residents import ResidentQuery

    assert isinstance(services, Services)
    assert isinstance(query, ResidentQuery)
    stmt = services.residents.id_query(query)
    sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    database = services.db.engine.url.database
    assert database is not None
    conn = sqlite3.connect(database)
    return sql, lambda: conn.execute(sql).fetchall()


def _time(fn: Callable[[], object], repeats: int = 7) -> float:
    fn()
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def _filter_figure(services: Any, box: Any, sort: Any) -> tuple[float, float]:
    """Typing into the search box (textChanged → id query → model reset) vs the raw SQL."""
    from peerdesk.domain.residents import ResidentQuery

    typed = ["m", "ma", "mar", "mari", "maria", "5", "55", "555", "r-000", "r-0004"]
    ours, floors = [], []
    for prefix in typed:
        samples = []
        for _ in range(5):
            box.setText("")
            t0 = time.perf_counter()
            box.setText(prefix)
            samples.append(time.perf_counter() - t0)
        ours.append(statistics.median(samples))
        _, raw = _raw_sql(services, ResidentQuery(text=prefix, sort=sort))
        floors.append(_time(raw))
    box.setText("")
    return statistics.median(ours), statistics.median(floors)


def _sort_figure(services: Any, model: Any) -> tuple[float, float]:
    """Sorting every column both ways through the model vs the raw ORDER BY."""
    from PySide6.QtCore import Qt

    ours, floors = [], []
    columns = model.columnCount()
    for column in range(columns):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            samples = []
            for _ in range(5):
                model.sort((column + 1) % columns, order)  # untimed: so the next sort is real
                t0 = time.perf_counter()
                model.sort(column, order)
                samples.append(time.perf_counter() - t0)
            ours.append(statistics.median(samples))
            _, raw = _raw_sql(services, model.query)
            floors.append(_time(raw, repeats=5))
    return statistics.median(ours), statistics.median(floors)


def _open_figure(services: Any, page: Any, app: Any) -> float:
    """The slowest of opening the five records with the most history."""
    with services.db.engine.connect() as conn:
        busiest = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT person_id FROM attendance GROUP BY person_id ORDER BY count(*) DESC LIMIT 5"
            )
        ]
    from PySide6.QtCore import QEventLoop, QTimer

    opens = []
    view = page.record_view
    for person_id in busiest:
        # The record is read in a worker: the open ends when it is on screen (record_shown).
        shown = QEventLoop()
        view.record_shown.connect(shown.quit)
        QTimer.singleShot(10_000, shown.quit)  # a failed read must not hang the benchmark
        t0 = time.perf_counter()
        page.open_person(person_id)
        shown.exec()
        app.processEvents()
        opens.append(time.perf_counter() - t0)
        view.record_shown.disconnect(shown.quit)
    return max(opens)


def in_process_figures(db_url: str) -> dict[str, tuple[float, float]]:
    """(ours, floor) seconds for keystroke filtering, sorting and opening a record."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from peerdesk.gui import create_main_window, open_into
    from peerdesk.ui.launch import configure_application

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    configure_application(app)
    window = create_main_window()
    window.show()
    services = open_into(window, db_url)
    assert services is not None
    page = _residents(window)
    # Half a second of event loop, as when a person first looks at the list: the idle
    # warm-up (record view built, statements compiled) runs then, as it does for people.
    # (A real event loop: calling processEvents() in a tight loop for that long trips a
    # reference-count fault in PySide 6.12.)
    idle = QEventLoop()
    QTimer.singleShot(500, idle.quit)
    idle.exec()
    figures = {
        "filter per keystroke": _filter_figure(
            services, page.panel.search_box, page.model.query.sort
        ),
        "column sort": _sort_figure(services, page.model),
        "open a record": (_open_figure(services, page, app), 0.100),
    }
    services.db.dispose()
    window.close()
    return figures


# ---- main -------------------------------------------------------------------------------------


def _line(name: str, ours: float, floor: float, goal: float, unit: str = "ms") -> str:
    ratio = ours / floor if floor else float("inf")
    verdict = "ok" if ratio <= goal else "OVER GOAL"
    return (
        f"{name:<26} {ours * 1000:9.1f} {unit}   floor {floor * 1000:9.1f} {unit}   "
        f"ratio {ratio:5.2f}x (goal <= {goal}x)  {verdict}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLite URL of a large demo database")
    parser.add_argument("--build", type=Path, help="build the large demo into this file first")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        match kind:
            case "bare":
                child_bare_window(with_orm=False)
            case "bare_orm":
                child_bare_window(with_orm=True)
            case "peerdesk":
                child_peerdesk_window(None)
            case "peerdesk_list":
                child_peerdesk_window(rest[0])
            case "memory":
                child_memory(rest[0])
            case "stall":
                from bench.stall import child_stall

                child_stall(rest[0])
        return 0

    db_url = args.db
    if args.build:
        db_url = f"sqlite:///{args.build.resolve()}"
        if not args.build.exists():
            subprocess.run(
                [sys.executable, "-m", "peerdesk", "demo", "--size", "large", "--db", db_url],
                check=True,
            )
    if not db_url or not db_url.startswith("sqlite:///"):
        parser.error("give --db sqlite:///path/to/large.db or --build PATH")

    print(f"PeerDesk residents benchmark on {db_url} ({os.cpu_count()} cores)")
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        people = conn.execute("SELECT count(*) FROM persons").fetchone()[0]
        attendance = conn.execute("SELECT count(*) FROM attendance").fetchone()[0]
    print(f"database: {people:,} people, {attendance:,} attendance rows\n")

    ours, bare = _paired(["bare"], ["peerdesk"])
    print(_line("first painted window", ours, bare, 1.5))

    ours, bare_orm = _paired(["bare_orm"], ["peerdesk_list", db_url])
    print(_line("residents list filled", ours, bare_orm, 2.0))

    figures = in_process_figures(db_url)
    ours, floor = figures["filter per keystroke"]
    print(
        _line("filter per keystroke", ours, floor, 2.0)
        + ("  one frame: ok" if ours < 0.016 else "  OVER ONE FRAME (16 ms)")
    )
    ours, floor = figures["column sort"]
    print(_line("column sort", ours, floor, 1.5))
    ours, limit = figures["open a record"]
    verdict = "ok" if ours < limit else "OVER LIMIT"
    print(
        f"{'open a record (slowest)':<26} {ours * 1000:9.1f} ms   "
        f"limit {limit * 1000:.0f} ms  {verdict}"
    )
    print("  * the five records with the most history, after the start-up idle warm-up")

    _print_stalls(db_url)

    peak_mb = _child_value(["memory", db_url])
    verdict = "ok" if peak_mb < 300 else "OVER GOAL"
    print(f"{'peak memory':<26} {peak_mb:9.1f} MB   limit 300 MB  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
