"""Codes used in the database, the CSV formats and the JSON figures (PRODUCT.md, METRICS.md).

The enum *value* is the code written in CSV files; ``label`` is what people read.
"""

from __future__ import annotations

from enum import StrEnum


class LabeledEnum(StrEnum):
    """A string enum whose members carry a human label.

    Labels are looked up per enum class (``_LABELS``), so one code may read differently in two
    enums (``peer_support`` the role vs the session type); a member without one reads as its
    code, capitalised.
    """

    @property
    def label(self) -> str:
        own = _LABELS.get(type(self), {})
        return own.get(self.value, self.value.replace("_", " ").capitalize())

    @classmethod
    def codes(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def parse(cls, code: str) -> LabeledEnum:
        """Return the member for ``code``; raise ``ValueError`` naming the allowed codes.

        The value itself is not quoted: a misplaced name or phone number must not be echoed.
        """
        try:
            return cls(code.strip().lower())
        except ValueError:
            allowed = ", ".join(cls.codes())
            raise ValueError(f"is not one of: {allowed}") from None


class Gender(LabeledEnum):
    FEMALE = "female"
    MALE = "male"
    NONBINARY = "nonbinary"
    UNKNOWN = "unknown"


class ProgramCode(LabeledEnum):
    MENS = "mens"
    WOMENS = "womens"


class DischargeReason(LabeledEnum):
    COMPLETED = "completed"
    LEFT_AMA = "left_ama"
    ADMINISTRATIVE = "administrative"
    TRANSFERRED = "transferred"
    OTHER = "other"


class ResidentStatus(LabeledEnum):
    """Where a person stands, derived from screenings and stays (kept on the person for sorting)."""

    SCREENING = "screening"
    WAITLISTED = "waitlisted"
    IN_CARE = "in_care"
    DISCHARGED = "discharged"
    REFERRED = "referred"
    DECLINED = "declined"


class ScreeningCriterion(LabeledEnum):
    """The program's assessment criteria at intake (seed 003)."""

    DIAGNOSIS = "diagnosis"
    MOTIVATION = "motivation"
    GROUP_PARTICIPATION = "group_participation"
    RISK_HISTORY = "risk_history"
    USE_PATTERN = "use_pattern"
    SOBRIETY_CAPACITY = "sobriety_capacity"
    INSIGHT = "insight"
    STAGES_UNDERSTANDING = "stages_understanding"
    OVERALL_HEALTH = "overall_health"


class StageOfChange(LabeledEnum):
    PRECONTEMPLATION = "precontemplation"
    CONTEMPLATION = "contemplation"
    PREPARATION = "preparation"
    ACTION = "action"
    MAINTENANCE = "maintenance"


class ScreeningDecision(LabeledEnum):
    PENDING = "pending"
    ADMIT = "admit"
    WAITLIST = "waitlist"
    REFER = "refer"
    DECLINE = "decline"


class GoalStatus(LabeledEnum):
    OPEN = "open"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class AlumnusStatus(LabeledEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    INACTIVE = "inactive"


class AlumnusRole(LabeledEnum):
    MENTOR = "mentor"
    PEER_SUPPORT = "peer_support"
    CO_FACILITATOR = "co_facilitator"
    ACTIVITY_LEAD = "activity_lead"


class ContactPreference(LabeledEnum):
    PHONE = "phone"
    TEXT = "text"
    EMAIL = "email"
    NONE = "none"


class Competency(LabeledEnum):
    """The five core competencies of a peer worker (seed 000)."""

    RECOVERY_ORIENTED = "recovery_oriented"
    PEOPLE_ORIENTED = "people_oriented"
    RELATIONSHIP_ORIENTED = "relationship_oriented"
    VOLUNTARY = "voluntary"
    TRAUMA_INFORMED = "trauma_informed"


class TrainingTopic(LabeledEnum):
    """Training for group leadership (seed 003)."""

    COMMUNICATION = "communication"
    CONFLICT_RESOLUTION = "conflict_resolution"
    SELF_CARE = "self_care"
    FACILITATION = "facilitation"
    TRAUMA_INFORMED_CARE = "trauma_informed_care"
    OTHER = "other"


class YesNoUnknown(LabeledEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class ActivityStatus(LabeledEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


class SessionTypeCode(LabeledEnum):
    """Built-in session types; a facility may add its own rows to ``session_types``."""

    GROUP_THERAPY = "group_therapy"
    PEER_SUPPORT = "peer_support"
    TWELVE_STEP = "twelve_step"
    SMART_RECOVERY = "smart_recovery"
    LIFE_SKILLS = "life_skills"
    EXPERIENTIAL_DEBRIEF = "experiential_debrief"


class AttendanceStatus(LabeledEnum):
    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left_early"
    EXCUSED = "excused"
    ABSENT = "absent"


class ParticipationLevel(LabeledEnum):
    NONE = "none"
    MINIMAL = "minimal"
    MODERATE = "moderate"
    ACTIVE = "active"


class NoteFormat(LabeledEnum):
    DAP = "dap"
    BIRP = "birp"
    GIRP = "girp"
    FREE = "free"


class NoteStatus(LabeledEnum):
    DRAFT = "draft"
    SIGNED = "signed"


class UserRole(LabeledEnum):
    FRONT_DESK = "front_desk"
    GROUP_LEADER = "group_leader"
    ADMINISTRATOR = "administrator"


_LABELS: dict[type[LabeledEnum], dict[str, str]] = {
    ProgramCode: {"mens": "Men's program", "womens": "Women's program"},
    DischargeReason: {"left_ama": "Left against advice"},
    ResidentStatus: {"in_care": "In care"},
    Gender: {"nonbinary": "Non-binary"},
    ScreeningCriterion: {
        "diagnosis": "Diagnosis of SUD / mental-health disorder",
        "motivation": "Motivation for recovery",
        "group_participation": "Ability to take part in group activities",
        "risk_history": "History that could put others at risk",
        "use_pattern": "Substance-use pattern and level of dependence",
        "sobriety_capacity": "Ability to keep sobriety and make lifestyle changes",
        "insight": "Insight into recovery goals",
        "stages_understanding": "Understanding of the stages of change",
        "overall_health": "Overall health",
    },
    ScreeningDecision: {"refer": "Refer elsewhere"},
    AlumnusRole: {
        "peer_support": "Peer support worker",
        "co_facilitator": "Group co-facilitator",
        "activity_lead": "Activity lead",
    },
    ContactPreference: {"none": "Do not contact"},
    SessionTypeCode: {
        "peer_support": "Peer support",
        "twelve_step": "12-step meeting",
        "smart_recovery": "SMART Recovery",
        "experiential_debrief": "Experiential debrief",
    },
    AttendanceStatus: {"left_early": "Left early"},
    NoteFormat: {"dap": "DAP", "birp": "BIRP", "girp": "GIRP", "free": "Free text"},
    UserRole: {"front_desk": "Front desk"},
    TrainingTopic: {"trauma_informed_care": "Trauma-informed care"},
}
