"""SQLAlchemy ORM classes only, one module per area. Import this package to register them all."""

from peerdesk.models.activities import (
    ActivityLead,
    ActivityOccurrence,
    ActivitySeries,
    ActivityType,
    Participation,
)
from peerdesk.models.admin import AuditEvent, Setting, User
from peerdesk.models.alumni import (
    Alumnus,
    AlumnusRoleAssignment,
    Certification,
    CompetencyRecord,
    FollowUp,
    MentorAssignment,
    Training,
    VolunteerEntry,
)
from peerdesk.models.base import Base
from peerdesk.models.residents import (
    AftercarePlan,
    Goal,
    GoalAction,
    Person,
    Program,
    Screening,
    ScreeningRating,
    Stay,
)
from peerdesk.models.sessions import (
    Attendance,
    GroupSession,
    NoteAddendum,
    NoteTemplate,
    SessionCoFacilitator,
    SessionNote,
    SessionType,
)

__all__ = [
    "ActivityLead",
    "ActivityOccurrence",
    "ActivitySeries",
    "ActivityType",
    "AftercarePlan",
    "Alumnus",
    "AlumnusRoleAssignment",
    "Attendance",
    "AuditEvent",
    "Base",
    "Certification",
    "CompetencyRecord",
    "FollowUp",
    "Goal",
    "GoalAction",
    "GroupSession",
    "MentorAssignment",
    "NoteAddendum",
    "NoteTemplate",
    "Participation",
    "Person",
    "Program",
    "Screening",
    "ScreeningRating",
    "SessionCoFacilitator",
    "SessionNote",
    "SessionType",
    "Setting",
    "Stay",
    "Training",
    "User",
    "VolunteerEntry",
]
