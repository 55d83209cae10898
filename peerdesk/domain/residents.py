"""What the Residents view and the CSV files see: rows, details, drafts and their rules.

All dataclasses are frozen and plain: no ORM object ever reaches the UI.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from peerdesk.domain.enums import (
    DischargeReason,
    Gender,
    GoalStatus,
    ResidentStatus,
    ScreeningCriterion,
    ScreeningDecision,
    StageOfChange,
)
from peerdesk.domain.errors import FieldError
from peerdesk.domain.search import join_terms, name_terms, phone_terms, sort_key, words
from peerdesk.domain.validation import (
    check_email,
    check_not_future,
    check_phone,
    check_required,
    check_text,
    digits,
    fold,
)

RECORD_PREFIX = "R-"
#: Ids of the forms PeerDesk writes on export (R-00042, S-17); never a facility's own id.
_GENERATED_ID = re.compile(r"^\s*[RS]-?\d+\s*$", re.IGNORECASE)
_SHORT_RECORD = re.compile(r"^r(\d{1,6})$")
_RECORD_RE = re.compile(r"^\s*r-?0*(\d+)\s*$", re.IGNORECASE)


def format_record_number(record_no: int) -> str:
    return f"{RECORD_PREFIX}{record_no:05d}"


def parse_record_number(text: str) -> int | None:
    """``R-00042``, ``r42`` → 42; anything else → ``None``."""
    m = _RECORD_RE.match(text)
    return int(m.group(1)) if m else None


def days_sober(sobriety_date: dt.date | None, today: dt.date) -> int | None:
    if sobriety_date is None or sobriety_date > today:
        return None
    return (today - sobriety_date).days


def search_key(first_name: str, last_name: str, record_no: int, phone: str, email: str) -> str:
    """The terms a search matches (``domain.search``): name words, record number, phone, e-mail.

    The record number is there as typed (``r-00042``, ``00042``, ``42``); the phone as its digits
    and their last seven and four.
    """
    return join_terms(
        [
            *name_terms(first_name),
            *name_terms(last_name),
            format_record_number(record_no).lower(),
            f"{record_no:05d}",
            str(record_no),
            *phone_terms(phone),
            *words(email),
        ]
    )


def person_sort_name(first_name: str, last_name: str) -> str:
    """The key the list sorts names by: last name, then first name, accents ignored."""
    return sort_key(last_name, first_name)


def search_tokens(text: str) -> list[str]:
    """Split what was typed into folded tokens; a phone-like token keeps only its digits."""
    tokens: list[str] = []
    for raw in text.split():
        token = fold(raw)
        short = _SHORT_RECORD.match(token)
        if short:  # R42 → r-00042; "r-0004…" stays a substring while it is being typed
            tokens.append(format_record_number(int(short.group(1))).lower())
            continue
        if any(c.isdigit() for c in token) and not any(c.isalpha() for c in token):
            token = digits(token) or token
        tokens.append(token)
    return tokens


_RECORD_TYPED = re.compile(r"^r-\d*$")


def search_prefixes(text: str) -> list[str]:
    """What was typed, as the prefixes of terms a person must have (all of them).

    A token without letters or digits (``%``) gives no prefix: text that gives none at all
    matches nobody.
    """
    prefixes: list[str] = []
    for token in search_tokens(text):
        if _RECORD_TYPED.match(token):  # r-00042, r-0004 on the way there
            prefixes.append(token)
        else:
            prefixes.extend(words(token))
    return prefixes


# ---- list -------------------------------------------------------------------------------------


class ResidentFilter(StrEnum):
    ALL = "all"
    IN_CARE = "in_care"
    DISCHARGED = "discharged"
    WAITLISTED = "waitlisted"
    SCREENING = "screening"
    REFERRED = "referred"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return "Everyone" if self is ResidentFilter.ALL else ResidentStatus(self.value).label


class ResidentSort(StrEnum):
    RECORD = "record"
    NAME = "name"
    PROGRAM = "program"
    STATUS = "status"
    ADMISSION = "admission"
    DAYS_SOBER = "days_sober"


@dataclass(frozen=True)
class ResidentQuery:
    text: str = ""
    status: ResidentFilter = ResidentFilter.ALL
    program_id: int | None = None
    sort: ResidentSort = ResidentSort.NAME
    descending: bool = False


@dataclass(frozen=True)
class ResidentRow:
    id: int
    record_no: int
    first_name: str
    last_name: str
    phone: str
    status: ResidentStatus
    program_name: str
    admission_date: dt.date | None
    sobriety_date: dt.date | None

    @property
    def record_number(self) -> str:
        return format_record_number(self.record_no)

    @property
    def display_name(self) -> str:
        return f"{self.last_name}, {self.first_name}"


@dataclass(frozen=True)
class ProgramInfo:
    id: int
    code: str
    name: str
    gender: Gender | None
    bed_capacity: int


@dataclass(frozen=True)
class CensusRow:
    """Beds of one program today. ``beds_used`` may pass the capacity (admitted by override):
    then ``beds_free`` is 0 and ``beds_over`` says by how many ("17/16 beds, 1 over")."""

    program: ProgramInfo
    beds_used: int
    #: Open stays admitted despite the program's gender rule (with an override reason).
    gender_overrides: int = 0

    @property
    def beds_free(self) -> int:
        return max(self.program.bed_capacity - self.beds_used, 0)

    @property
    def beds_over(self) -> int:
        return max(self.beds_used - self.program.bed_capacity, 0)


# ---- record -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonMatch:
    """An existing person a new registration may duplicate (same name and birth date or phone)."""

    id: int
    record_number: str
    display_name: str
    date_of_birth: dt.date | None
    status: ResidentStatus


@dataclass(frozen=True)
class PersonDraft:
    first_name: str
    last_name: str
    date_of_birth: dt.date | None = None
    gender: Gender = Gender.UNKNOWN
    phone: str = ""
    email: str = ""
    sobriety_date: dt.date | None = None
    external_id: str | None = None


def validate_person(draft: PersonDraft, today: dt.date) -> list[FieldError]:
    errors = [
        check_required(draft.first_name, "first_name"),
        check_required(draft.last_name, "last_name"),
        check_phone(draft.phone),
        check_email(draft.email),
        check_not_future(draft.date_of_birth, "date_of_birth", today),
        check_not_future(draft.sobriety_date, "sobriety_date", today),
    ]
    if draft.external_id is not None:
        errors.append(check_text(draft.external_id, "id", max_len=40))
        if _GENERATED_ID.match(draft.external_id):
            errors.append(
                FieldError(
                    "id", "looks like a PeerDesk number (R-… or S-…); use the facility's own id"
                )
            )
    if draft.date_of_birth and draft.sobriety_date and draft.sobriety_date < draft.date_of_birth:
        errors.append(FieldError("sobriety_date", "is before the date of birth"))
    return [e for e in errors if e is not None]


@dataclass(frozen=True)
class StayInfo:
    id: int
    program_id: int
    program_name: str
    admission_date: dt.date
    discharge_date: dt.date | None
    discharge_reason: DischargeReason | None
    discharge_note: str
    override_reason: str
    version: int
    external_id: str | None = None

    @property
    def is_open(self) -> bool:
        return self.discharge_date is None


@dataclass(frozen=True)
class AdmissionDraft:
    program_id: int
    admission_date: dt.date
    override_reason: str = ""


@dataclass(frozen=True)
class DischargeDraft:
    discharge_date: dt.date
    reason: DischargeReason
    note: str = ""


def stays_overlap(
    a_start: dt.date, a_end: dt.date | None, b_start: dt.date, b_end: dt.date | None
) -> bool:
    """Half-open intervals [start, end): the discharge day is free for the next admission."""
    far = dt.date.max
    return a_start < (b_end or far) and b_start < (a_end or far)


def validate_stay_dates(
    admission_date: dt.date,
    discharge_date: dt.date | None,
    other_stays: list[tuple[dt.date, dt.date | None]],
    today: dt.date,
) -> list[FieldError]:
    """Dates of one stay against today and the person's other stays."""
    errors: list[FieldError] = []
    if admission_date > today:
        errors.append(FieldError("admission_date", "is in the future"))
    if discharge_date is not None:
        if discharge_date < admission_date:
            errors.append(FieldError("discharge_date", "is before the admission date"))
        if discharge_date > today:
            errors.append(FieldError("discharge_date", "is in the future"))
    for start, end in other_stays:
        if stays_overlap(admission_date, discharge_date, start, end):
            until = end.isoformat() if end else "now (still in care)"
            errors.append(
                FieldError(
                    "admission_date",
                    f"overlaps another stay ({start.isoformat()} to {until})",
                )
            )
            break
    return errors


@dataclass(frozen=True)
class RatingDraft:
    criterion: ScreeningCriterion
    rating: int
    note: str = ""


@dataclass(frozen=True)
class ScreeningDraft:
    screened_on: dt.date
    ratings: tuple[RatingDraft, ...]
    stage_of_change: StageOfChange | None
    decision: ScreeningDecision
    decision_reason: str = ""
    notes: str = ""
    program_id: int | None = None


def validate_screening(draft: ScreeningDraft, today: dt.date) -> list[FieldError]:
    errors: list[FieldError] = []
    if draft.screened_on > today:
        errors.append(FieldError("screened_on", "is in the future"))
    rated = {r.criterion for r in draft.ratings}
    for criterion in ScreeningCriterion:
        if criterion not in rated:
            errors.append(FieldError(criterion.value, "needs a rating from 1 to 5"))
    for r in draft.ratings:
        if not 1 <= r.rating <= 5:
            errors.append(FieldError(r.criterion.value, "rating must be from 1 to 5"))
    if draft.decision is not ScreeningDecision.PENDING:
        if not draft.decision_reason.strip():
            errors.append(FieldError("decision_reason", "is required for a decision"))
        if draft.stage_of_change is None:
            errors.append(FieldError("stage_of_change", "is required for a decision"))
    return errors


@dataclass(frozen=True)
class RatingInfo:
    criterion: ScreeningCriterion
    rating: int
    note: str


@dataclass(frozen=True)
class ScreeningInfo:
    id: int
    screened_on: dt.date
    program_id: int | None
    stage_of_change: StageOfChange | None
    decision: ScreeningDecision
    decision_reason: str
    notes: str
    ratings: tuple[RatingInfo, ...]
    version: int


@dataclass(frozen=True)
class ActionDraft:
    description: str
    target_date: dt.date | None = None
    done_on: dt.date | None = None


@dataclass(frozen=True)
class GoalDraft:
    title: str
    target_date: dt.date | None = None
    status: GoalStatus = GoalStatus.OPEN
    actions: tuple[ActionDraft, ...] = ()


def validate_goal(draft: GoalDraft) -> list[FieldError]:
    errors = [check_required(draft.title, "title", max_len=200)]
    for i, action in enumerate(draft.actions, start=1):
        errors.append(check_required(action.description, f"action {i}", max_len=200))
        if draft.target_date and action.target_date and action.target_date > draft.target_date:
            errors.append(FieldError(f"action {i}", "target date is after the goal's target date"))
    return [e for e in errors if e is not None]


@dataclass(frozen=True)
class ActionInfo:
    id: int
    description: str
    target_date: dt.date | None
    done_on: dt.date | None


@dataclass(frozen=True)
class GoalInfo:
    id: int
    title: str
    target_date: dt.date | None
    status: GoalStatus
    actions: tuple[ActionInfo, ...]
    version: int = 1


@dataclass(frozen=True)
class AftercareDraft:
    meetings: str = ""
    sober_living: str = ""
    outpatient: str = ""
    mentor_alumnus_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class AftercareInfo:
    stay_id: int
    meetings: str
    sober_living: str
    outpatient: str
    mentor_alumnus_id: int | None
    mentor_name: str
    notes: str
    version: int


@dataclass(frozen=True)
class MentorOption:
    """An alumnus who may mentor this person (same program, active, mentor role)."""

    alumnus_id: int
    name: str


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date
    kind: str  # screening, admission, discharge, session, activity, followup, goal
    title: str
    detail: str = ""


@dataclass(frozen=True)
class ResidentDetail:
    id: int
    record_no: int
    external_id: str | None
    first_name: str
    last_name: str
    date_of_birth: dt.date | None
    gender: Gender
    phone: str
    email: str
    sobriety_date: dt.date | None
    status: ResidentStatus
    version: int
    stays: tuple[StayInfo, ...] = ()
    screenings: tuple[ScreeningInfo, ...] = ()
    goals: tuple[GoalInfo, ...] = ()
    aftercare: tuple[AftercareInfo, ...] = ()
    mentor: MentorOption | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def record_number(self) -> str:
        return format_record_number(self.record_no)

    @property
    def open_stay(self) -> StayInfo | None:
        return next((s for s in self.stays if s.is_open), None)

    def to_draft(self) -> PersonDraft:
        return PersonDraft(
            first_name=self.first_name,
            last_name=self.last_name,
            date_of_birth=self.date_of_birth,
            gender=self.gender,
            phone=self.phone,
            email=self.email,
            sobriety_date=self.sobriety_date,
            external_id=self.external_id,
        )
