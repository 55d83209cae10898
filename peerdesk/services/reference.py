"""Reference data every database starts with: programs, session types, the activity catalog."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from peerdesk.domain.enums import Gender, ProgramCode, SessionTypeCode, UserRole
from peerdesk.models import ActivityType, Program, SessionType, User

DEFAULT_BEDS = 20
SYSTEM_USERNAME = "system"

#: The experiential activities of seed 000; a facility adds its own.
ACTIVITY_CATALOG: tuple[tuple[str, str, int], ...] = (
    ("Sand volleyball", "Beach court", 12),
    ("Cooking class", "Kitchen", 8),
    ("Woodworking", "Workshop", 6),
    ("Nature hike", "Trailhead", 12),
    ("Rock climbing", "Climbing gym", 8),
)


def ensure_reference_data(s: Session) -> None:
    """Insert what is missing; never changes rows a facility has edited."""
    have_programs = set(s.scalars(select(Program.code)))
    for code, gender in ((ProgramCode.MENS, Gender.MALE), (ProgramCode.WOMENS, Gender.FEMALE)):
        if code.value not in have_programs:
            s.add(
                Program(code=code.value, name=code.label, gender=gender, bed_capacity=DEFAULT_BEDS)
            )
    have_types = set(s.scalars(select(SessionType.code)))
    for t in SessionTypeCode:
        if t.value not in have_types:
            s.add(SessionType(code=t.value, name=t.label))
    have_activities = set(s.scalars(select(ActivityType.name)))
    for name, location, capacity in ACTIVITY_CATALOG:
        if name not in have_activities:
            s.add(ActivityType(name=name, location=location, capacity=capacity))
    if s.scalar(select(User.id).where(User.username == SYSTEM_USERNAME)) is None:
        s.add(
            User(
                username=SYSTEM_USERNAME,
                display_name="Command line and imports",
                role=UserRole.ADMINISTRATOR,
            )
        )
