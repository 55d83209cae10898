"""The composition root: the only module that sees every layer.

It opens the database (upgrading the schema), builds the services and, for the GUI, hands them
to the main window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from peerdesk.db.engine import make_engine, make_sessionmaker
from peerdesk.db.migrate import upgrade
from peerdesk.services.alumni.followups import followup_timeline
from peerdesk.services.base import Actor, ChangeListener, CurrentUser
from peerdesk.services.csvio.kind import CsvKinds
from peerdesk.services.csvio.residents import ResidentsCsv
from peerdesk.services.csvio.stays import StaysCsv
from peerdesk.services.programs import ProgramService
from peerdesk.services.reference import ensure_reference_data
from peerdesk.services.residents import RESIDENT_TIMELINE, ResidentService
from peerdesk.services.schedule.timeline import activity_timeline
from peerdesk.services.sessions.timeline import attendance_timeline
from peerdesk.services.users import ensure_user


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str) -> Database:
    """Open (creating or upgrading as needed) the database at ``url``."""
    engine = make_engine(url)
    upgrade(engine)
    sessions = make_sessionmaker(engine)
    with sessions.begin() as s:
        ensure_reference_data(s)
    return Database(url, engine, sessions)


@dataclass
class Services:
    """Every service, built once and passed down to the UI and the CLI."""

    db: Database
    user: CurrentUser
    today: Callable[[], dt.date]
    residents: ResidentService
    programs: ProgramService


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
    user = CurrentUser(actor or ensure_user(db.sessions))
    return Services(
        db=db,
        user=user,
        today=today,
        residents=ResidentService(db.sessions, user, today, on_change, timeline=TIMELINE),
        programs=ProgramService(db.sessions, user, today, on_change),
    )


def csv_kinds() -> CsvKinds:
    """The CSV formats offered, in the order a set of files imports (residents before stays).

    A new kind is its module in ``peerdesk/services/csvio/`` and one entry here.
    """
    return CsvKinds((ResidentsCsv(), StaysCsv()))
