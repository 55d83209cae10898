"""Start the GUI: paint the window first, then open the database and fill it.

Nothing here imports SQLAlchemy, Alembic or the services at start-up (PRODUCT.md "Scale and
speed": the first window paints within 1.5x a bare PySide6 window); they load once it shows.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from peerdesk.config import APP_NAME, resolve_db_url
from peerdesk.ui.main_window import MainWindow
from peerdesk.ui.messages import one_line_reason

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from peerdesk.app import Services

#: Exit status when the database cannot be opened (PRODUCT.md: 2 on bad input).
EXIT_UNOPENABLE = 2
MIN_POINT_SIZE = 10.0


def configure_application(app: QApplication) -> None:
    """Names, style and a readable font size for the whole application."""
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    # The platform's own style: Fusion on Linux already. Asking for app.style() here would make
    # PySide build every QStyle enum (~12 ms) before the first paint.
    font = app.font()
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)


def create_main_window(today: Callable[[], dt.date] = dt.date.today) -> MainWindow:
    """The main window without a database; call ``attach(services)`` to fill it."""
    return MainWindow(today)


def open_services(db_url: str) -> Services:
    """Open (creating or upgrading) the database and build the services on it."""
    from peerdesk.app import build_services, open_database, workstation_actor

    db = open_database(db_url)
    return build_services(db, workstation_actor(db))


def _describe(db_url: str) -> str:
    from peerdesk.config import describe_db_url

    try:
        return describe_db_url(db_url)
    except Exception:  # a URL that does not parse: the reason line says what is wrong
        return "the database given"


def report_unopenable(window: QWidget, db_url: str, exc: BaseException) -> QMessageBox:
    """Say in one line why the database could not be opened; leave with status 2 after OK."""
    from PySide6.QtWidgets import QMessageBox

    reason = one_line_reason(exc)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        APP_NAME,
        "PeerDesk could not open its database.",
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setInformativeText(f"{_describe(db_url)}\n{reason}")
    box.finished.connect(lambda _result: QCoreApplication.exit(EXIT_UNOPENABLE))
    box.open()
    return box


def open_into(window: MainWindow, db_url: str) -> Services | None:
    """Open the database and attach it to ``window``; on failure report it and return None."""
    try:
        services = open_services(db_url)
    except Exception as exc:
        window.attach_failed(one_line_reason(exc))
        report_unopenable(window, db_url, exc)
        return None
    window.attach(services)
    return services


def run_gui(db_arg: str | None) -> int:
    """Run the application until its window closes; the exit status."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    configure_application(app)
    window = create_main_window()
    window.show()
    app.processEvents()  # let the window paint before the database work blocks the loop

    opened: list[Services] = []
    failed: list[bool] = []

    def open_database() -> None:
        services = open_into(window, resolve_db_url(db_arg))
        if services is None:
            failed.append(True)
        else:
            opened.append(services)

    QTimer.singleShot(0, open_database)
    try:
        status = app.exec()
    finally:
        window.close()
        for services in opened:
            services.db.dispose()
    return EXIT_UNOPENABLE if failed else status
