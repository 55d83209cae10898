"""The composition root of the application window: the areas, the window, the database.

Declares every area once (navigation label, how its page is built, its File menu "New"); the
main window builds its navigation from :data:`AREAS`. Opening (and migrating) the database runs
in a worker of the task runner, so the window paints at once and its busy bar moves.

Nothing heavy is imported at module level: the first paint must not wait for SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from peerdesk.config import Settings, load_settings
from peerdesk.ui.common.area import Area, AreaContext
from peerdesk.ui.common.dialog_host import DialogHost
from peerdesk.ui.launch import EXIT_UNOPENABLE, configure_application, report_unopenable
from peerdesk.ui.main_window import MainWindow

if TYPE_CHECKING:
    from peerdesk.domain.changes import Changes
    from peerdesk.services.container import Services
    from peerdesk.ui.common.change_bus import ChangeBus
    from peerdesk.ui.common.tasks import TaskRunner


def _residents(context: AreaContext) -> QWidget:
    from peerdesk.ui.residents.workspace import ResidentsWorkspace

    return ResidentsWorkspace.build(context)


AREAS: tuple[Area, ...] = (
    Area("residents", "Residents", _residents, new_label="&New person…"),
    Area(
        "alumni",
        "Alumni",
        title="Alumni roster",
        description=(
            "People who completed a stay, promoted from their resident record without re-typing, "
            "and peer workers recorded directly: contact data and preferences, sobriety date, "
            "roles (mentor, peer support worker, group co-facilitator, activity lead), the five "
            "core competencies, leadership training and certifications with warnings before they "
            "lapse, mentoring caseloads, contributions, and follow-ups at 30, 90, 180 and 365 "
            "days after discharge."
        ),
    ),
    Area(
        "activities",
        "Activities",
        title="Experiential activity schedule",
        description=(
            "The activity catalog (sand volleyball, cooking class, woodworking, nature hike, rock "
            "climbing and the facility's own), a week calendar of one-off and weekly occurrences "
            "per program with alumni leads, resident sign-ups up to capacity and attendance. "
            "Double bookings, leaders who are not eligible and full activities are caught before "
            "they are saved; the week prints as a PDF and exports as an iCalendar file."
        ),
    ),
    Area(
        "sessions",
        "Sessions",
        title="Group session notes",
        description=(
            "Group therapy, peer support, 12-step, SMART Recovery, life skills and experiential "
            "debrief sessions with their facilitator and peer co-facilitators; attendance from "
            "the program's census in one step; one shared note in DAP, BIRP, GIRP or free text "
            "plus a line per participant, autosaved as a draft and locked once signed."
        ),
    ),
    Area(
        "reports",
        "Reports",
        title="PDF summaries",
        description=(
            "The grant funder summary for any period (de-identified, small counts suppressed, "
            "with charts and a definitions page), resident summaries, signed session notes, the "
            "weekly activity schedule and the alumni roster: previewed here, printed or saved, "
            "with the same figures exported as CSV or JSON."
        ),
    ),
)


def create_main_window(today: Callable[[], dt.date] = dt.date.today) -> MainWindow:
    """The main window of every declared area, without a database yet."""
    return MainWindow(AREAS, today)


def make_context(
    services: Services,
    bus: ChangeBus | None = None,
    tasks: TaskRunner | None = None,
    today: Callable[[], dt.date] | None = None,
) -> AreaContext:
    """The context areas are built from (tests pass services built on their own database)."""
    from peerdesk.ui.common.change_bus import ChangeBus
    from peerdesk.ui.common.tasks import TaskRunner

    return AreaContext(
        services=services,
        bus=bus or ChangeBus(),
        tasks=tasks or TaskRunner(),
        today=today or services.today,
    )


def open_services(
    db_url: str,
    on_change: Callable[[Changes], None] | None = None,
    settings: Settings | None = None,
) -> Services:
    """Open (creating or upgrading) the database and build the services on it (any thread).

    A problem with the URL is named after where it came from (``--db``, ``PEERDESK_DB``).
    """
    from peerdesk.app import build_services, open_database, workstation_actor
    from peerdesk.domain.errors import ValidationError

    try:
        db = open_database(db_url)
    except ValidationError as exc:
        raise (settings.naming_the_source(exc) if settings else exc) from None
    return build_services(db, workstation_actor(db), on_change=on_change)


def open_into(window: MainWindow, db_url: str) -> Services | None:
    """Open the database on this thread and attach it (the benchmark's and scripts' way)."""
    from peerdesk.ui.common.change_bus import ChangeBus

    bus = ChangeBus(window)
    try:
        services = open_services(db_url, bus.publish)
    except Exception as exc:
        window.attach_failed(_reason(exc))
        report_unopenable(window, db_url, exc)
        return None
    context = make_context(services, bus=bus)
    window.attach(context)
    add_csv_actions(window, services, bus, context.tasks)
    return services


def _reason(exc: BaseException) -> str:
    from peerdesk.ui.messages import one_line_reason

    return one_line_reason(exc)


def add_csv_actions(
    window: MainWindow, services: Services, bus: ChangeBus, tasks: TaskRunner
) -> None:
    """File → Import CSV… (Ctrl+I) and Export CSV… (Ctrl+E) over the composition root's kinds."""
    from PySide6.QtGui import QAction, QKeySequence

    from peerdesk.app import csv_kinds
    from peerdesk.services.csvio.service import CsvService

    csv = CsvService(
        services.db.sessions, services.user, services.today, bus.publish, kinds=csv_kinds()
    )

    host = DialogHost()

    def open_dialog(exporting: bool) -> None:
        from peerdesk.ui.common.csv_transfer import CsvTransferDialog

        host.show(CsvTransferDialog(csv, tasks, exporting=exporting, parent=window))

    for text, key, exporting in (
        ("&Import CSV…", "Ctrl+I", False),
        ("&Export CSV…", "Ctrl+E", True),
    ):
        made = QAction(text, window)
        made.triggered.connect(lambda _checked=False, e=exporting: open_dialog(e))
        window.add_file_action(made, QKeySequence(key))


#: Modules the first attach needs, loaded in the worker that opens the database: imported on
#: the GUI thread they would stall it (20–40 ms) just as the list first shows.
PRELOADED = ("peerdesk.ui.residents.workspace", "peerdesk.services.csvio.service")


def _preload() -> None:
    import importlib

    for name in PRELOADED:
        importlib.import_module(name)


def open_in_background(
    window: MainWindow,
    db_url: str,
    done: Callable[[Services | None], None],
    settings: Settings | None = None,
) -> None:
    """Open the database in a worker; attach it (or report why not) on the GUI thread."""
    from peerdesk.ui.common.change_bus import ChangeBus
    from peerdesk.ui.common.tasks import TaskRunner

    bus = ChangeBus(window)
    tasks = TaskRunner(window)

    def opened(services: Services) -> None:
        window.attach(make_context(services, bus=bus, tasks=tasks))
        add_csv_actions(window, services, bus, tasks)
        done(services)

    def failed(reason: str) -> None:
        window.attach_failed(reason)
        report_unopenable(window, db_url, reason)
        done(None)

    def work() -> Services:
        services = open_services(db_url, bus.publish, settings)
        _preload()
        return services

    tasks.run(work, opened, failed, name="open database")


def run_gui(db_arg: str | None) -> int:
    """Run the application until its window closes; the exit status."""
    from peerdesk.domain.errors import ValidationError

    try:
        settings = load_settings(db_arg)
    except ValidationError as exc:  # --db "" or a data folder that cannot be made
        print(f"peerdesk: {exc}", file=sys.stderr)
        return EXIT_UNOPENABLE
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    configure_application(app)
    window = create_main_window()
    window.show()

    opened: list[Services] = []
    failed: list[bool] = []

    def done(services: Services | None) -> None:
        if services is None:
            failed.append(True)
        else:
            opened.append(services)

    open_in_background(window, settings.db_url, done, settings)
    try:
        status = app.exec()
    finally:
        window.close()
        for services in opened:
            services.db.dispose()
    return EXIT_UNOPENABLE if failed else status
