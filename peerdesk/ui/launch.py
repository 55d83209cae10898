"""The application object and the one-line report of a database that cannot be opened.

Nothing here imports SQLAlchemy, Alembic or the services: it is on the start-up path
(PRODUCT.md "Scale and speed": the first window paints within 1.5x a bare PySide6 window).
The composition root (:mod:`peerdesk.gui`) builds the window and opens the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from peerdesk.config import APP_NAME
from peerdesk.paths import app_icon_path

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

#: Exit status when the database cannot be opened (PRODUCT.md: 2 on bad input).
EXIT_UNOPENABLE = 2
MIN_POINT_SIZE = 10.0


def configure_application(app: QApplication) -> None:
    """Names, icon, style and a readable font size for the whole application."""
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    # A file icon is drawn only when a size is asked for; nothing is rendered here.
    app.setWindowIcon(QIcon(str(app_icon_path())))
    # The platform's own style: Fusion on Linux already. Asking for app.style() here would make
    # PySide build every QStyle enum (~12 ms) before the first paint.
    font = app.font()
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)


def _describe(db_url: str) -> str:
    from peerdesk.config import describe_db_url

    try:
        return describe_db_url(db_url)
    except Exception:  # a URL that does not parse: the reason line says what is wrong
        return "the database given"


def report_unopenable(window: QWidget, db_url: str, reason: BaseException | str) -> QMessageBox:
    """Say in one line why the database could not be opened; leave with status 2 after OK."""
    from PySide6.QtWidgets import QMessageBox

    from peerdesk.ui.messages import one_line_reason

    line = reason if isinstance(reason, str) else one_line_reason(reason)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        APP_NAME,
        "PeerDesk could not open its database.",
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setInformativeText(f"{_describe(db_url)}\n{line}")
    box.finished.connect(lambda _result: QCoreApplication.exit(EXIT_UNOPENABLE))
    box.open()
    return box
