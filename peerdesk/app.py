"""The composition root: the only module that sees every layer.

It opens the database (upgrading the schema), builds the services and, for the GUI, hands them
to the main window. ``Database`` lives in :mod:`peerdesk.db.database` and ``Services`` in
:mod:`peerdesk.services.container`; they are re-exported here for existing callers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from peerdesk.db import database
from peerdesk.db.database import Database
from peerdesk.services.alumni.followups import followup_timeline
from peerdesk.services.base import Actor, ChangeListener, CurrentUser
from peerdesk.services.container import Services
from peerdesk.services.csvio.kind import CsvKinds
from peerdesk.services.csvio.residents import ResidentsCsv
from peerdesk.services.csvio.stays import StaysCsv
from peerdesk.services.programs import ProgramService
from peerdesk.services.reference import ensure_reference_data
from peerdesk.services.residents import RESIDENT_TIMELINE, ResidentService
from peerdesk.services.schedule.timeline import activity_timeline
from peerdesk.services.sessions.timeline import attendance_timeline
from peerdesk.services.users import ensure_user

__all__ = [
    "Database",
    "Services",
    "build_services",
    "open_current",
    "open_database",
    "workstation_actor",
]


def open_database(url: str) -> Database:
    """Open the database at ``url``, creating or upgrading its schema and its reference data
    (``peerdesk init``, ``demo``, ``import`` and the application)."""
    return database.open_database(url, prepare=ensure_reference_data)


def open_current(url: str) -> Database:
    """Open the database at ``url`` as it is: its schema must be this PeerDesk's (every
    command that only reads)."""
    return database.open_current(url)


def workstation_actor(db: Database) -> Actor:
    """Until sign-in arrives, the application acts as a user named after the OS login, so the
    audit log tells workstation changes from command-line ones (which act as ``system``)."""
    import getpass

    try:
        login = getpass.getuser()
    except (OSError, KeyError):
        login = "workstation"
    return ensure_user(db.sessions, f"desk:{login}"[:60])


#: What each area adds to a person's timeline (a new area adds its contributor here).
TIMELINE = (*RESIDENT_TIMELINE, attendance_timeline, activity_timeline, followup_timeline)


def build_services(
    db: Database,
    actor: Actor | None = None,
    today: Callable[[], dt.date] = dt.date.today,
    on_change: ChangeListener | None = None,
) -> Services:
    """Every service on ``db``, acting as ``actor`` (the ``system`` user by default).

    ``on_change`` hears what each committed write changed (the GUI's change bus).
    """
    user = CurrentUser(actor or ensure_user(db.sessions))
    return Services(
        db=db,
        user=user,
        today=today,
        residents=ResidentService(db.sessions, user, today, on_change=on_change, timeline=TIMELINE),
        programs=ProgramService(db.sessions, user, today, on_change=on_change),
    )


def csv_kinds() -> CsvKinds:
    """The CSV formats offered, in the order a set of files imports (residents before stays).

    A new kind is its module in ``peerdesk/services/csvio/`` and one entry here.
    """
    return CsvKinds((ResidentsCsv(), StaysCsv()))
