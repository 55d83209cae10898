"""The bag of every service, built once by the composition root and passed to the UI and CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from peerdesk.db.database import Database
from peerdesk.services.base import CurrentUser
from peerdesk.services.programs import ProgramService
from peerdesk.services.residents import ResidentService


@dataclass
class Services:
    """Every service, built once and passed down to the UI and the CLI."""

    db: Database
    user: CurrentUser
    today: Callable[[], dt.date]
    residents: ResidentService
    programs: ProgramService
