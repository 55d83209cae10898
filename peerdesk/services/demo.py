"""Realistic synthetic data for demonstrations and benchmarks (``peerdesk demo``).

``large`` is ten years of a 100-bed facility ending today (PRODUCT.md "Scale and speed");
``small`` is about four months of a 30-bed one. Everything follows from one
``random.Random(seed)``: a seed gives the same data on every run and backend for the same day.

People, stays and alumni (a few thousand small objects) are planned in memory first by a
day-by-day simulation of arrivals, a waiting list, admissions and discharges, so the invariants
hold by construction: nobody has overlapping stays, no program is ever over its beds, men are
in the men's program and women in the women's (a few non-binary residents with a written
override). The rows are then written with Core bulk inserts in foreign-key order, the big
tables (attendance, participation) streamed in chunks, all in one transaction: an interrupted
run leaves the database as it was.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import math
import random
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text, update
from sqlalchemy.orm import Session

from peerdesk.app import Database
from peerdesk.domain.enums import (
    ActivityStatus,
    AlumnusRole,
    AlumnusStatus,
    AttendanceStatus,
    Competency,
    ContactPreference,
    DischargeReason,
    Gender,
    GoalStatus,
    NoteFormat,
    NoteStatus,
    ParticipationLevel,
    ProgramCode,
    ScreeningCriterion,
    ScreeningDecision,
    SessionTypeCode,
    StageOfChange,
    TrainingTopic,
    UserRole,
    YesNoUnknown,
)
from peerdesk.domain.errors import ValidationError
from peerdesk.domain.residents import search_key
from peerdesk.domain.validation import fold
from peerdesk.models import Base
from peerdesk.services.reference import SYSTEM_USERNAME
from peerdesk.services.residents import refresh_person_summary

Row = dict[str, Any]
Progress = Callable[[str, int, int], None]

#: Rows per INSERT round trip: big enough to be fast, small enough to keep memory flat.
CHUNK_ROWS = 5000
FOLLOWUP_INTERVALS = (30, 90, 180, 365)


# ---- public -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSummary:
    """How many rows the demo wrote per table, in the order they were written (no names)."""

    counts: tuple[tuple[str, int], ...]

    def count(self, table: str) -> int:
        return dict(self.counts).get(table, 0)

    def __str__(self) -> str:
        return "\n".join(f"{table:<24}{n:>10,}" for table, n in self.counts)


def generate(
    db: Database,
    size: str,
    seed: int,
    progress: Progress,
    *,
    today: dt.date | None = None,
) -> DemoSummary:
    """Fill an empty database with synthetic data of ``size``.

    Args:
        db: the open database (schema current, reference data present).
        size: "small" (about 120 days of 30 beds) or "large" (ten years of 100 beds).
        seed: the same seed (and ``today``) gives the same data.
        progress: called as ``progress(step, done, total)`` while each step fills its tables;
            the last call of every step has ``done == total``.
        today: the last day of the history; the real today by default.

    Raises:
        ValidationError: ``size`` is unknown or the database already has residents; nothing
            is written then.
    """
    scale = SCALES.get(size)
    if scale is None:
        raise ValidationError("--size", "must be small or large")
    end = today or dt.date.today()
    with db.engine.connect() as conn:
        if conn.scalar(select(func.count()).select_from(_t("persons"))):
            raise ValidationError(
                "--size", "the database already has residents; use an empty database for demo data"
            )
        writer = _Writer(conn, progress)
        run = _Run(conn, writer, _Ids(conn), random.Random(seed), scale, end)
        _generate(run)
        conn.commit()
    return DemoSummary(tuple(writer.counts.items()))


# ---- scale ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scale:
    days: int
    beds: Mapping[str, int]
    staff: int
    direct_alumni: int
    #: Weekly activity series per program (a place in the week for one quarter each).
    series_per_week: Mapping[str, int]


SCALES: dict[str, _Scale] = {
    "small": _Scale(
        days=120,
        beds={ProgramCode.MENS: 16, ProgramCode.WOMENS: 14},
        staff=6,
        direct_alumni=8,
        series_per_week={ProgramCode.MENS: 4, ProgramCode.WOMENS: 4},
    ),
    "large": _Scale(
        days=3652,
        beds={ProgramCode.MENS: 60, ProgramCode.WOMENS: 40},
        staff=14,
        direct_alumni=200,
        series_per_week={ProgramCode.MENS: 12, ProgramCode.WOMENS: 8},
    ),
}

# The simulation's knobs, tuned so ``large`` lands near the figures of PRODUCT.md.
MEAN_LOS_DAYS = 50
ARRIVAL_PRESSURE = 1.01  # arrivals per freed bed: a short waiting list most of the time
INITIAL_OCCUPANCY = 0.9
MAX_INTAKE_PER_DAY = 4
MAX_WAIT_DAYS = 21
MIN_READMIT_GAP_DAYS = 14
READMIT_SHARE = 0.18
SCREEN_OUT_SHARE = 0.045
OTHER_GENDER_SHARE = 0.012
ALUMNUS_SHARE = 0.57
MENTOR_SHARE = 0.45
GROUP_MAX = 16
NOTE_DAYS = 14
FUTURE_ACTIVITY_DAYS = 14
ONE_OFF_SHARE = 0.35
QUARTER_DAYS = 91


# ---- data tables ------------------------------------------------------------------------------


def _split(text: str, sep: str = " ") -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(sep))


_MALE_FIRST = _split(
    "James Michael Robert David William Joseph Daniel Matthew Anthony Christopher Joshua Andrew "
    "Kevin Brian Tyler Ryan Jacob Brandon Justin Marcus Darnell Terrence Andre DeShawn Malik "
    "Jamal José Luis Carlos Miguel Jesús Alejandro Juan Diego Raúl Andrés Joaquín Tomás Minh "
    "Tuấn Huy Quang Wei Jun Hiroshi Kenji Ji-ho Min-jun Arjun Rahul Vikram Omar Ahmed Yusuf "
    "Tariq Chinedu Emeka Kwame Kofi Björn Søren Łukasz Piotr Mateusz François Jérôme Noé Liam "
    "Noah Ethan Connor Sean Patrick Dakota Cody Travis Dustin Shane Eli Isaiah"
)
_FEMALE_FIRST = _split(
    "Mary Jennifer Jessica Ashley Sarah Emily Amanda Megan Rachel Lauren Nicole Stephanie "
    "Heather Brittany Kayla Hannah Zoë Chloé Renée Noémie Maëlle Aaliyah Imani Keisha Latoya "
    "Tanisha Ebony María Sofía Lucía Ana Guadalupe Ximena Valentina Mónica Inés Linh Thảo Hương "
    "Mai Ngọc Mei Xiu Yuki Aiko Ji-woo Seo-yeon Priya Ananya Deepa Fatima Aisha Layla Yasmin "
    "Ngozi Adaeze Amara Agnieszka Małgorzata Zofia Siobhán Aoife Saoirse Ingrid Astrid Chenoa "
    "Winona Leilani Malia Crystal Amber Tiffany Danielle Courtney Samantha"
)
_NEUTRAL_FIRST = _split("Alex Jordan Sam Riley Avery Quinn Rowan Sky Jamie Casey Morgan River Ash")
_LAST = _split(
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin "
    "Jackson Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott "
    "Hill Green Adams Baker Nelson Mitchell Campbell Roberts Carter Phillips Evans Turner "
    "Parker Collins Edwards Stewart Morris Murphy Cook Rogers O'Brien O'Connor McCarthy "
    "Sullivan Kelly García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez "
    "Torres Flores Rivera Gómez Díaz Cruz Morales Ortiz Gutiérrez Chávez Ramos Ruiz Álvarez "
    "Mendoza Castillo Jiménez Vásquez Romero Herrera Medina Aguilar Peña Muñoz Núñez Ríos "
    "García-López Nguyễn Nguyễn Nguyễn Trần Trần Lê Phạm Hoàng Huỳnh Võ Đặng Bùi Đỗ Kim Lee "
    "Park Choi Chen Wang Li Zhang Liu Huang Wong Tanaka Sato Suzuki Yamamoto Patel Shah Singh "
    "Kumar Gupta Reddy Khan Ahmed Hassan Haddad Nasser Okafor Okonkwo Adeyemi Mensah Boateng "
    "Diallo Kowalski Nowak Wiśniewski Wójcik Müller Schmidt Schneider Fischer Weiß Jensen "
    "Hansen Johansson Lindqvist Rossi Russo Bianchi Romano Dubois Lefèvre Moreau Fontaine "
    "Begay Yazzie Tsosie Hoffman Cohen Levy Friedman Ivanov Petrov Popescu Novák Dvořák "
    "Santos Oliveira Silva Costa Pereira Gonçalves Mahoney Smith-Jones Washington Jefferson"
)
_AREA_CODES = _split("206 253 360 425 503 509 541 971")
_MAIL_DOMAINS = _split("example.com example.org example.net mail.example.com")
#: Letters NFKD does not decompose, for readable ASCII e-mail addresses.
_ASCII = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe"})

_STAFF = _split(
    "Dana Whitfield, LCSW; Marcus Bell, LADC; Priya Raman, PsyD; Elena Vargas, LMFT; "
    "Tom Okafor, CADC; Rachel Stein, LPC; Luis Navarro, CADC; Grace Kim, LCSW; "
    "Hannah Brooks, LPC; Jerome Watts, LADC; Sofia Lindqvist, LMHC; Kevin Tran, CADC-II; "
    "Amara Diallo, LCSW; Noah Fischer, LPC",
    ";",
)
_OFFICE_USERS = (
    ("frontdesk", "Maria Chen", UserRole.FRONT_DESK),
    ("admin", "Robin Hale", UserRole.ADMINISTRATOR),
)

_ST = SessionTypeCode
_TOPICS: dict[str, tuple[str, ...]] = {
    _ST.GROUP_THERAPY: _split(
        "Triggers and cravings; Shame and guilt; Grief and loss; Anger and resentment; "
        "Family roles in addiction; Healthy boundaries; Relapse warning signs; "
        "Coping with stress; Trust and honesty; Self-esteem; Thinking traps; "
        "Loneliness and connection; Emotional regulation; Living with uncertainty",
        ";",
    ),
    _ST.PEER_SUPPORT: _split(
        "Sharing recovery stories; What helped me in early recovery; Building a support "
        "network; Staying sober on weekends; Life after treatment; Dealing with setbacks; "
        "Hope and purpose; Making amends; Asking for help; Holidays and family gatherings",
        ";",
    ),
    _ST.TWELVE_STEP: _split(
        "Step 1: honesty; Step 2: hope; Step 3: faith; Step 4: courage; Step 5: integrity; "
        "Step 6: willingness; Step 7: humility; Step 8: love; Step 9: justice; "
        "Step 10: perseverance; Step 11: spiritual awareness; Step 12: service; "
        "Big Book study; Speaker meeting; Gratitude meeting",
        ";",
    ),
    _ST.SMART_RECOVERY: _split(
        "Building and keeping motivation; Coping with urges; Managing thoughts, feelings and "
        "behaviours; Living a balanced life; Cost-benefit analysis; The ABC tool; "
        "DISARM: naming the urge; Hierarchy of values",
        ";",
    ),
    _ST.LIFE_SKILLS: _split(
        "Budgeting basics; Job interview practice; Writing a résumé; Meal planning on a "
        "budget; Time management; Conflict at work; Healthy sleep habits; Finding sober "
        "housing; Benefits and public transit; Parenting in recovery; Assertive communication",
        ";",
    ),
    _ST.EXPERIENTIAL_DEBRIEF: _split(
        "Debrief: teamwork on the volleyball court; Debrief: trust on the climbing wall; "
        "Debrief: patience in the workshop; Debrief: mindfulness on the trail; "
        "Debrief: cooking together; Debrief: what the garden teaches",
        ";",
    ),
}


@dataclass(frozen=True)
class _Slot:
    """A time of day when every program runs groups, split when the census is large."""

    start: dt.time
    duration: int
    types: tuple[tuple[str, float], ...]
    share: tuple[float, float]  # part of the census attending, low and high


_DAYTIME = (0.35, 0.55)
_EVENING = (0.5, 0.8)
_WEEKDAY_SLOTS = (
    _Slot(dt.time(8, 30), 60, ((_ST.GROUP_THERAPY, 1),), _DAYTIME),
    _Slot(dt.time(10, 0), 90, ((_ST.GROUP_THERAPY, 0.6), (_ST.LIFE_SKILLS, 0.4)), _DAYTIME),
    _Slot(
        dt.time(13, 0),
        60,
        ((_ST.PEER_SUPPORT, 0.5), (_ST.LIFE_SKILLS, 0.3), (_ST.SMART_RECOVERY, 0.2)),
        _DAYTIME,
    ),
    _Slot(
        dt.time(14, 15),
        60,
        ((_ST.EXPERIENTIAL_DEBRIEF, 0.3), (_ST.GROUP_THERAPY, 0.4), (_ST.SMART_RECOVERY, 0.3)),
        _DAYTIME,
    ),
    _Slot(
        dt.time(19, 0),
        60,
        ((_ST.TWELVE_STEP, 0.65), (_ST.SMART_RECOVERY, 0.2), (_ST.PEER_SUPPORT, 0.15)),
        _EVENING,
    ),
)
_WEEKEND_SLOTS = (
    _Slot(dt.time(10, 0), 90, ((_ST.PEER_SUPPORT, 0.5), (_ST.GROUP_THERAPY, 0.5)), _DAYTIME),
    _Slot(dt.time(19, 0), 60, ((_ST.TWELVE_STEP, 0.8), (_ST.PEER_SUPPORT, 0.2)), _EVENING),
)
#: Chance that a session has a peer co-facilitator, by type (others: ``_COFAC_OTHER``).
_COFAC_SHARE: dict[str, float] = {
    _ST.PEER_SUPPORT: 0.9,
    _ST.TWELVE_STEP: 0.3,
    _ST.EXPERIENTIAL_DEBRIEF: 0.3,
}
_COFAC_OTHER = 0.12
_ATTENDANCE = (
    (AttendanceStatus.PRESENT, 0.80),
    (AttendanceStatus.LATE, 0.06),
    (AttendanceStatus.LEFT_EARLY, 0.04),
    (AttendanceStatus.EXCUSED, 0.05),
    (AttendanceStatus.ABSENT, 0.05),
)
_PARTICIPATION = (
    (ParticipationLevel.ACTIVE, 0.35),
    (ParticipationLevel.MODERATE, 0.40),
    (ParticipationLevel.MINIMAL, 0.20),
    (ParticipationLevel.NONE, 0.05),
)


@dataclass(frozen=True)
class _ActivityKind:
    name: str
    location: str
    capacity: int
    duration: int
    one_off: bool = False


#: The seed-000 catalog (already in the database) and the demo facility's own activities.
#: Weekday activities start at 15:30, after the afternoon groups and ending before the
#: evening meeting; weekend ones at 12:30, so nobody is booked twice at once.
_ACTIVITIES = (
    _ActivityKind("Sand volleyball", "Beach court", 12, 90),
    _ActivityKind("Cooking class", "Kitchen", 8, 120),
    _ActivityKind("Woodworking", "Workshop", 6, 120),
    _ActivityKind("Nature hike", "Trailhead", 12, 180),
    _ActivityKind("Rock climbing", "Climbing gym", 8, 150),
    _ActivityKind("Yoga", "Studio", 15, 75),
    _ActivityKind("Art therapy", "Art room", 10, 90),
    _ActivityKind("Gardening", "Garden", 10, 90),
    _ActivityKind("Music jam", "Music room", 10, 90),
    _ActivityKind("Fitness circuit", "Gym", 14, 60),
    _ActivityKind("Kayaking", "Harbor boathouse", 10, 180),
    _ActivityKind("Bowling outing", "Lucky Strike Lanes", 16, 150, one_off=True),
    _ActivityKind("Beach day", "Alki Beach", 20, 240, one_off=True),
    _ActivityKind("Museum visit", "City art museum", 16, 180, one_off=True),
    _ActivityKind("Ropes course", "Adventure park", 12, 240, one_off=True),
)
_WEEKDAY_ACTIVITY_START = dt.time(15, 30)
_WEEKEND_ACTIVITY_START = dt.time(12, 30)
_CANCEL_REASONS = _split(
    "Weather; Staff shortage; Van unavailable; Facility maintenance; Too few sign-ups; "
    "Venue closed",
    ";",
)

#: Recovery goals and their step-by-step actions.
_GOALS = tuple(
    (title, _split(steps, ";"))
    for title, steps in (
        (
            "Build a sober support network",
            "Attend three meetings a week; Find a sponsor; Exchange numbers with two peers; "
            "Join an alumni event",
        ),
        (
            "Secure stable housing",
            "Gather ID and income documents; Apply to two sober living homes; "
            "Tour sober living options; Sign a house agreement",
        ),
        (
            "Return to work or school",
            "Update résumé; Complete a practice interview; Apply to three jobs; Enroll in a class",
        ),
        (
            "Manage cravings",
            "List personal triggers; Practise urge surfing daily; Write a relapse prevention "
            "plan; Review the plan with a counselor",
        ),
        (
            "Repair family relationships",
            "Write a letter to a family member; Attend a family session; Plan a visit",
        ),
        (
            "Improve physical health",
            "Schedule a medical check-up; Walk 30 minutes a day; Keep a sleep log; See the dentist",
        ),
        (
            "Manage money",
            "Make a monthly budget; Open a bank account; Call creditors about a payment plan",
        ),
        (
            "Meet legal obligations",
            "Meet the probation officer; Attend the court date; Complete community service",
        ),
    )
)
_MEETINGS = _split(
    "AA three times a week; NA home group on Tuesdays and Saturdays; SMART Recovery online "
    "twice a week; Alumni peer group on Thursdays; Celebrate Recovery on Fridays; "
    "Women for Sobriety weekly",
    ";",
)
_SOBER_LIVING = (
    *_split(
        "Oxford House; Sober living home (county list); Returning home with family support; "
        "Transitional housing program; Own apartment",
        ";",
    ),
    "",
)
_OUTPATIENT = (
    *_split(
        "IOP three evenings a week for eight weeks; Weekly individual counseling; "
        "MAT clinic, monthly visits; Outpatient psychiatry follow-up",
        ";",
    ),
    "",
)
_DISCHARGE_NOTES: dict[str, tuple[str, ...]] = {
    DischargeReason.COMPLETED: ("Completed the program", "Completed; aftercare plan in place", ""),
    DischargeReason.LEFT_AMA: ("Left against clinical advice", "Did not return from a pass", ""),
    DischargeReason.ADMINISTRATIVE: ("Rule violation after review", "Administrative discharge", ""),
    DischargeReason.TRANSFERRED: ("Transferred to a medical unit", "Transferred to a higher level"),
    DischargeReason.OTHER: ("Family emergency", "Insurance ended", ""),
}
_OVERRIDE_REASON = "Placed in this program at the resident's request after clinical review"
_SCREEN_SOURCES = (
    *_split(
        "Self-referred; Referred by a hospital; Referred by the court; Referred by family; "
        "Walk-in; Phone screening",
        ";",
    ),
    "",
    "",
)
_DECISION_REASONS: dict[str, tuple[str, ...]] = {
    ScreeningDecision.ADMIT: (
        "Meets admission criteria; bed available",
        "Meets criteria; motivated and ready for group work",
    ),
    ScreeningDecision.WAITLIST: ("Meets criteria; waiting for a bed",),
    ScreeningDecision.REFER: (
        "Needs medical detox first",
        "Needs a higher level of psychiatric care",
        "Outpatient care is a better fit",
    ),
    ScreeningDecision.DECLINE: (
        "Not ready to commit to group participation",
        "Applicant withdrew",
        "Risk to other residents at this time",
    ),
}
_NO_BED_REASON = "No bed within three weeks; referred to a partner program"
_RATING_NOTES = ("Discussed at intake", "Follow up in the first week", "Needs support")
_LEADERSHIP_TOPICS = (
    TrainingTopic.COMMUNICATION,
    TrainingTopic.CONFLICT_RESOLUTION,
    TrainingTopic.SELF_CARE,
    TrainingTopic.FACILITATION,
    TrainingTopic.TRAUMA_INFORMED_CARE,
)
_TRAINING_TITLES = {
    TrainingTopic.COMMUNICATION: "Communication strategies for peer workers",
    TrainingTopic.CONFLICT_RESOLUTION: "Conflict resolution in groups",
    TrainingTopic.SELF_CARE: "Self-care and boundaries",
    TrainingTopic.FACILITATION: "Group facilitation skills",
    TrainingTopic.TRAUMA_INFORMED_CARE: "Trauma-informed care",
    TrainingTopic.OTHER: "Naloxone administration",
}
_PROVIDERS = ("State peer certification board", "Facility training team", "Recovery Alliance")
#: Certifications (name, days valid) and the role that needs each.
_CERTIFICATIONS = (
    ("Certified Peer Recovery Specialist", 730, AlumnusRole.PEER_SUPPORT),
    ("CPR and First Aid", 730, AlumnusRole.ACTIVITY_LEAD),
)
_VOLUNTEER = _split(
    "Alumni dinner set-up; Recovery Month walk; Phone outreach to recent graduates; "
    "Garden work day; Speaker at family night; Holiday meal service",
    ";",
)
_FOLLOWUP_REACHED = (
    "",
    "",
    *_split(
        "Attending meetings regularly; Working with a sponsor; Started a new job; "
        "Back in school; Struggling, referred to outpatient care",
        ";",
    ),
)
_FOLLOWUP_MISSED = ("Left voicemail", "Number disconnected", "No answer; sent a text", "")
_NOTE_SECTIONS: dict[str, tuple[str, ...]] = {
    NoteFormat.DAP: ("data", "assessment", "plan"),
    NoteFormat.BIRP: ("behavior", "intervention", "response", "plan"),
    NoteFormat.GIRP: ("goals", "intervention", "response", "plan"),
    NoteFormat.FREE: ("text",),
}
_GROUP_NOTE_TEXT = {
    "data": "Members discussed the topic and shared recent experiences.",
    "assessment": "Group was engaged; two members showed increased insight.",
    "plan": "Continue the theme next session; review coping plans.",
    "behavior": "Members arrived on time and took part in the check-in.",
    "intervention": "Facilitator used motivational interviewing and role play.",
    "response": "Members responded well and offered each other support.",
    "goals": "Practise one coping skill from the session this week.",
    "text": "Productive session; members supported each other.",
}
_INDIVIDUAL_NOTE_TEXT = (
    "Participated actively and shared about coping strategies.",
    "Quiet today; engaged when invited and agreed to follow up.",
    "Described progress on the recovery goal; encouraged peers.",
    "Reported cravings this week; reviewed the relapse prevention plan.",
)
_ADDENDA = (
    "Correction: the session started ten minutes late.",
    "Added: a member asked for an individual session; referred to the counselor.",
)
_TEMPLATES = (
    ("Standard DAP note", NoteFormat.DAP),
    ("BIRP behavioural note", NoteFormat.BIRP),
    ("GIRP goal-oriented note", NoteFormat.GIRP),
    ("Free text", NoteFormat.FREE),
)


# ---- small helpers ----------------------------------------------------------------------------


def _t(name: str) -> Table:
    return Base.metadata.tables[name]


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), dt.UTC)


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


class _Weighted:
    """A fast weighted choice (cumulative weights searched with bisect)."""

    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        self._values = [v for v, _ in pairs]
        self._cum = list(itertools.accumulate(w for _, w in pairs))

    def pick(self, rng: random.Random) -> Any:
        return self._values[bisect.bisect_right(self._cum, rng.random() * self._cum[-1])]


_ATTENDANCE_PICK = _Weighted(_ATTENDANCE)
_PARTICIPATION_PICK = _Weighted(_PARTICIPATION)
_SLOT_TYPES = {slot: _Weighted(slot.types) for slot in (*_WEEKDAY_SLOTS, *_WEEKEND_SLOTS)}
_OUTCOME_PICK = _Weighted(
    (
        (DischargeReason.COMPLETED, 0.58),
        (DischargeReason.LEFT_AMA, 0.20),
        (DischargeReason.ADMINISTRATIVE, 0.09),
        (DischargeReason.TRANSFERRED, 0.07),
        (DischargeReason.OTHER, 0.06),
    )
)


def _draw_outcome(rng: random.Random) -> tuple[DischargeReason, int]:
    """How a stay will end and after how many days (about ``MEAN_LOS_DAYS`` on average)."""
    reason: DischargeReason = _OUTCOME_PICK.pick(rng)
    match reason:
        case DischargeReason.COMPLETED:
            los = rng.choice((30, 60, 60, 90, 90, 90, rng.randint(40, 100))) + rng.randint(-3, 3)
        case DischargeReason.LEFT_AMA:
            los = 1 + min(int(rng.expovariate(1 / 14)), 60)
        case DischargeReason.ADMINISTRATIVE:
            los = rng.randint(5, 60)
        case DischargeReason.TRANSFERRED:
            los = rng.randint(2, 45)
        case _:
            los = rng.randint(3, 80)
    return reason, los


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


class _Names:
    """Diverse names and plausible, fictional contact data (555 numbers, example domains)."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def full_name(self, gender: Gender) -> tuple[str, str]:
        rng = self._rng
        match gender:
            case Gender.MALE:
                first = rng.choice(_MALE_FIRST)
            case Gender.FEMALE:
                first = rng.choice(_FEMALE_FIRST)
            case _:
                first = rng.choice(_NEUTRAL_FIRST)
        return first, rng.choice(_LAST)

    def phone(self) -> str:
        rng = self._rng
        area, line = rng.choice(_AREA_CODES), rng.randint(0, 9999)
        return rng.choice(
            (f"({area}) 555-{line:04d}", f"{area}-555-{line:04d}", f"{area}.555.{line:04d}")
        )

    def email(self, first: str, last: str) -> str:
        def part(name: str) -> str:
            return "".join(c for c in fold(name).translate(_ASCII) if c.isascii() and c.isalnum())

        number = str(self._rng.randint(1, 99)) if self._rng.random() < 0.4 else ""
        return f"{part(first)}.{part(last)}{number}@{self._rng.choice(_MAIL_DOMAINS)}"


# ---- the plan: people, stays, alumni in memory ------------------------------------------------


@dataclass(frozen=True)
class _Program:
    id: int
    code: str
    gender: Gender
    beds: int


@dataclass(eq=False)
class _Person:
    seq: int
    gender: Gender
    first_name: str
    last_name: str
    date_of_birth: dt.date
    phone: str
    email: str
    registered: dt.date
    sobriety_date: dt.date | None = None
    stays: list[_Stay] = field(default_factory=list)
    busy: bool = False  # on the waiting list or in care: cannot arrive again
    id: int = 0


@dataclass(eq=False)
class _Stay:
    seq: int
    person: _Person
    program: _Program
    admitted: dt.date
    planned_end: dt.date
    planned_reason: DischargeReason
    override_reason: str
    discharged: dt.date | None = None  # set when the planned end is not after today
    reason: DischargeReason | None = None
    id: int = 0


@dataclass(eq=False)
class _Screening:
    person: _Person
    day: dt.date
    program: _Program
    decision: ScreeningDecision
    reason: str = ""
    id: int = 0


@dataclass(eq=False)
class _Alumnus:
    person: _Person | None
    program: _Program | None  # None: a peer worker for both programs
    first_name: str
    last_name: str
    phone: str
    email: str
    sobriety_date: dt.date | None
    joined: dt.date
    status: AlumnusStatus
    until: dt.date | None  # first day no longer active (paused or inactive)
    roles: list[AlumnusRole]
    trainings: list[tuple[TrainingTopic, dt.date, Decimal]] = field(default_factory=list)
    lead_from: dt.date | None = None  # eligible to lead: sober a year, trainings done
    id: int = 0

    def active_on(self, day: dt.date) -> bool:
        return self.joined <= day and (self.until is None or day < self.until)

    def can_lead(self, day: dt.date) -> bool:
        return self.lead_from is not None and self.lead_from <= day and self.active_on(day)

    def serves(self, program: _Program) -> bool:
        return self.program is None or self.program.code == program.code


@dataclass(eq=False)
class _Staff:
    name: str
    first_day: dt.date
    last_day: dt.date | None
    user_id: int | None = None

    def employed_on(self, day: dt.date) -> bool:
        return self.first_day <= day and (self.last_day is None or day <= self.last_day)


class _Ids:
    """Ids the demo assigns itself, so rows can refer to each other before they are written."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._next: dict[str, int] = {}

    def next(self, table: str) -> int:
        if table not in self._next:
            self._next[table] = (self._conn.scalar(select(func.max(_t(table).c.id))) or 0) + 1
        value = self._next[table]
        self._next[table] = value + 1
        return value


class _Writer:
    """Buffers rows per table and inserts them in chunks, parents before children."""

    def __init__(self, conn: Connection, progress: Progress) -> None:
        self._conn = conn
        self._progress = progress
        self._buffers: dict[Table, list[Row]] = {}
        self.counts: dict[str, int] = {}

    def add(self, table: str, row: Row) -> None:
        buffer = self._buffers.setdefault(_t(table), [])
        buffer.append(row)
        if len(buffer) >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        # Buffers are in the order each table was first used, which is foreign-key order.
        for table, rows in self._buffers.items():
            if rows:
                self._conn.execute(insert(table), rows)
                self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)
                rows.clear()

    def each(self, step: str, items: Sequence[Any], make: Callable[[Any], None]) -> None:
        """Call ``make`` per item (it adds rows), reporting progress as ``step``."""
        every = max(1, len(items) // 50)
        for i, item in enumerate(items, start=1):
            make(item)
            if i % every == 0 and i < len(items):
                self.report(step, i, len(items))
        self.flush()
        self.report(step, len(items), len(items))

    def step(self, step: str, make: Callable[[], None]) -> None:
        """Call ``make`` (it adds rows) as one progress step."""
        make()
        self.flush()
        self.report(step, 1, 1)

    def report(self, step: str, done: int, total: int) -> None:
        self._progress(step, done, total)


@dataclass
class _Run:
    """What every step of one demo run shares."""

    conn: Connection
    w: _Writer
    ids: _Ids
    rng: random.Random
    scale: _Scale
    today: dt.date
    programs: list[_Program] = field(default_factory=list)
    staff: list[_Staff] = field(default_factory=list)
    office_user_ids: list[int] = field(default_factory=list)
    system_user_id: int | None = None
    activity_ids: dict[str, int] = field(default_factory=dict)

    @property
    def start(self) -> dt.date:
        return self.today - _days(self.scale.days - 1)

    def recent_user(self, day: dt.date) -> int | None:
        """A user for records of the last two years (the accounts are no older)."""
        if day < self.today - _days(730) or not self.office_user_ids:
            return None
        return self.rng.choice(self.office_user_ids)


def _generate(run: _Run) -> None:
    run.programs = _load_programs(run)
    _write_reference(run)
    stays = _StayPlanner(run)
    stays.run()
    alumni = _AlumniPlanner(run, stays.persons).plan()
    _ResidentWriter(run).write(stays)
    _AlumniWriter(run).write(alumni)
    _CareWriter(run, alumni).write(stays.stays)
    _SessionWriter(run, alumni).write(stays.stays)
    _ActivityWriter(run, alumni).write(stays.stays)
    _finish(run)


# ---- stays: a day-by-day simulation -----------------------------------------------------------


class _StayPlanner:
    """Arrivals, screening, a waiting list per program, admissions up to the beds, discharges."""

    def __init__(self, run: _Run) -> None:
        self._rng = run.rng
        self._names = _Names(run.rng)
        self._programs = run.programs
        self._start = run.start
        self._today = run.today
        self.persons: list[_Person] = []
        self.stays: list[_Stay] = []
        self.screenings: list[_Screening] = []
        self._census = {p.code: 0 for p in self._programs}
        self._queues: dict[str, deque[_Screening]] = {p.code: deque() for p in self._programs}
        self._leaving: dict[dt.date, list[_Stay]] = defaultdict(list)
        self._returning: dict[str, list[_Person]] = {p.code: [] for p in self._programs}

    def run(self) -> None:
        for program in self._programs:
            for _ in range(round(program.beds * INITIAL_OCCUPANCY)):
                self._initial_stay(program)
        day = self._start
        while day <= self._today:
            for stay in self._leaving.pop(day, []):
                self._discharge(stay)
            for program in self._programs:
                self._day(program, day)
            day += _days(1)
        self._finish()

    def _new_person(self, gender: Gender, day: dt.date) -> _Person:
        rng = self._rng
        first, last = self._names.full_name(gender)
        age_days = int(int(rng.triangular(18, 58, 31)) * 365.25) + rng.randint(0, 360)
        person = _Person(
            seq=len(self.persons),
            gender=gender,
            first_name=first,
            last_name=last,
            date_of_birth=day - _days(age_days),
            phone=self._names.phone() if rng.random() < 0.92 else "",
            email=self._names.email(first, last) if rng.random() < 0.7 else "",
            registered=day,
        )
        self.persons.append(person)
        return person

    def _gender_for(self, program: _Program) -> Gender:
        return Gender.NONBINARY if self._rng.random() < OTHER_GENDER_SHARE else program.gender

    def _initial_stay(self, program: _Program) -> None:
        """Someone already in care when the history starts (admitted before it)."""
        rng = self._rng
        reason, los = _draw_outcome(rng)
        admitted = self._start - _days(rng.randint(1, los))
        person = self._new_person(self._gender_for(program), admitted - _days(rng.randint(0, 7)))
        self.screenings.append(
            _Screening(person, person.registered, program, ScreeningDecision.ADMIT)
        )
        self._admit(person, program, admitted, (reason, los))

    def _day(self, program: _Program, day: dt.date) -> None:
        rng = self._rng
        for _ in range(_poisson(rng, program.beds * ARRIVAL_PRESSURE / MEAN_LOS_DAYS)):
            self._arrive(program, day)
        queue = self._queues[program.code]
        while queue and (day - queue[0].day).days > MAX_WAIT_DAYS:
            dropped = queue.popleft()
            dropped.decision, dropped.reason = ScreeningDecision.REFER, _NO_BED_REASON
            dropped.person.busy = False
        if day.weekday() == 6:  # no admissions on Sundays
            return
        free = program.beds - self._census[program.code]
        for _ in range(min(free, MAX_INTAKE_PER_DAY, len(queue))):
            self._admit(queue.popleft().person, program, day, _draw_outcome(rng))

    def _arrive(self, program: _Program, day: dt.date) -> None:
        rng = self._rng
        person = self._returning_person(program, day) if rng.random() < READMIT_SHARE else None
        if person is None:
            person = self._new_person(self._gender_for(program), day)
        screening = _Screening(person, day, program, ScreeningDecision.ADMIT)
        self.screenings.append(screening)
        if rng.random() < SCREEN_OUT_SHARE:
            screening.decision = rng.choice((ScreeningDecision.REFER, ScreeningDecision.DECLINE))
            if not person.stays and rng.random() < 0.2:
                person.gender = Gender.UNKNOWN  # not asked in a short phone screening
            return
        person.busy = True
        self._queues[program.code].append(screening)

    def _returning_person(self, program: _Program, day: dt.date) -> _Person | None:
        """A former resident of the program who is not in care and left a while ago."""
        pool = self._returning[program.code]
        latest = day - _days(MIN_READMIT_GAP_DAYS)
        for _ in range(4):
            if not pool:
                return None
            person = self._rng.choice(pool)
            if not person.busy and person.stays[-1].planned_end <= latest:
                return person
        return None

    def _admit(
        self,
        person: _Person,
        program: _Program,
        day: dt.date,
        outcome: tuple[DischargeReason, int],
    ) -> None:
        rng = self._rng
        reason, los = outcome
        override = "" if person.gender == program.gender else _OVERRIDE_REASON
        stay = _Stay(len(self.stays), person, program, day, day + _days(los), reason, override)
        person.stays.append(stay)
        person.busy = True
        if rng.random() < 0.9:
            person.sobriety_date = day - _days(rng.randint(1, 21))  # after detox
        self.stays.append(stay)
        self._leaving[stay.planned_end].append(stay)
        self._census[program.code] += 1

    def _discharge(self, stay: _Stay) -> None:
        self._census[stay.program.code] -= 1
        person = stay.person
        person.busy = False
        if len(person.stays) == 1:  # once in the pool, so every former resident is as likely
            self._returning[stay.program.code].append(person)

    def _finish(self) -> None:
        rng = self._rng
        for queue in self._queues.values():
            for screening in queue:
                screening.decision = ScreeningDecision.WAITLIST
        for program in self._programs:  # screened in the last days, decision still open
            for _ in range(max(1, program.beds // 20)):
                day = self._today - _days(rng.randint(0, 3))
                person = self._new_person(program.gender, day)
                self.screenings.append(_Screening(person, day, program, ScreeningDecision.PENDING))
        for stay in self.stays:
            if stay.planned_end <= self._today:
                stay.discharged, stay.reason = stay.planned_end, stay.planned_reason
        for screening in self.screenings:
            if not screening.reason and screening.decision is not ScreeningDecision.PENDING:
                screening.reason = rng.choice(_DECISION_REASONS[screening.decision])
        for person in self.persons:
            if person.sobriety_date is None and not person.stays and rng.random() < 0.5:
                person.sobriety_date = person.registered - _days(rng.randint(0, 60))
        self.persons.sort(key=lambda p: (p.registered, p.seq))
        self.stays.sort(key=lambda s: (s.admitted, s.seq))
        self.screenings.sort(key=lambda s: (s.day, s.person.seq))


# ---- alumni -----------------------------------------------------------------------------------


class _AlumniPlanner:
    """Alumni from completed stays (names copied) and peer workers recorded directly."""

    def __init__(self, run: _Run, persons: Sequence[_Person]) -> None:
        self._rng = run.rng
        self._names = _Names(run.rng)
        self._persons = persons
        self._scale = run.scale
        self._start = run.start
        self._today = run.today

    def plan(self) -> list[_Alumnus]:
        alumni = [*self._direct(), *self._from_stays()]
        alumni.sort(key=lambda a: (a.joined, a.last_name, a.first_name))
        for a in alumni:
            self._add_trainings(a)
        return alumni

    def _from_stays(self) -> Iterator[_Alumnus]:
        rng = self._rng
        for person in self._persons:
            last = person.stays[-1] if person.stays else None
            if last is None or last.discharged is None:
                continue
            if last.reason is not DischargeReason.COMPLETED:
                continue
            joined = last.discharged + _days(rng.randint(0, 120))
            if joined > self._today or rng.random() >= ALUMNUS_SHARE:
                continue
            roles = [
                role
                for role, share in (
                    (AlumnusRole.MENTOR, 0.35),
                    (AlumnusRole.PEER_SUPPORT, 0.15),
                    (AlumnusRole.CO_FACILITATOR, 0.22),
                    (AlumnusRole.ACTIVITY_LEAD, 0.25),
                )
                if rng.random() < share
            ]
            name = (person.first_name, person.last_name)
            yield self._alumnus(person, last.program, name, joined, roles)

    def _direct(self) -> Iterator[_Alumnus]:
        rng = self._rng
        for _ in range(self._scale.direct_alumni):
            name = self._names.full_name(rng.choice((Gender.MALE, Gender.FEMALE)))
            joined = self._start - _days(rng.randint(30, 5 * 365))
            if rng.random() < 0.5:
                joined = self._start + _days(rng.randint(0, max(0, self._scale.days - 60)))
            roles = [AlumnusRole.PEER_SUPPORT]
            for role, share in (
                (AlumnusRole.CO_FACILITATOR, 0.85),
                (AlumnusRole.ACTIVITY_LEAD, 0.6),
                (AlumnusRole.MENTOR, 0.5),
            ):
                if rng.random() < share:
                    roles.append(role)
            yield self._alumnus(None, None, name, joined, roles)

    def _alumnus(
        self,
        person: _Person | None,
        program: _Program | None,
        name: tuple[str, str],
        joined: dt.date,
        roles: list[AlumnusRole],
    ) -> _Alumnus:
        rng = self._rng
        first, last = name
        if person is not None:
            phone, email, sober = person.phone, person.email, person.sobriety_date
        else:
            phone, email = self._names.phone(), self._names.email(first, last)
            sober = joined - _days(rng.randint(365, 3650))
        status, until = self._status(joined)
        return _Alumnus(
            person, program, first, last, phone, email, sober, joined, status, until, roles
        )

    def _status(self, joined: dt.date) -> tuple[AlumnusStatus, dt.date | None]:
        """Longer-standing alumni are more often inactive; a few are paused."""
        rng = self._rng
        tenure = (self._today - joined).days
        r = rng.random()
        if tenure > 400 and r < min(0.6, 0.08 * tenure / 365):
            return AlumnusStatus.INACTIVE, joined + _days(rng.randint(180, tenure - 30))
        if tenure > 60 and r > 0.88:
            return AlumnusStatus.PAUSED, self._today - _days(rng.randint(7, min(tenure - 30, 240)))
        return AlumnusStatus.ACTIVE, None

    def _add_trainings(self, a: _Alumnus) -> None:
        """Leaders complete all five leadership trainings and may lead once sober a year."""
        rng = self._rng
        if not a.roles:
            return
        leads = bool({AlumnusRole.CO_FACILITATOR, AlumnusRole.ACTIVITY_LEAD} & set(a.roles))
        topics = [t for t in _LEADERSHIP_TOPICS if leads or rng.random() < 0.5]
        if rng.random() < 0.25:
            topics.append(TrainingTopic.OTHER)
        for topic in topics:
            done = a.joined + _days(rng.randint(7, 120))
            if done <= self._today:
                a.trainings.append((topic, done, Decimal(rng.choice((2, 4, 6, 8, 12)))))
        done_dates = [d for topic, d, _ in a.trainings if topic in _LEADERSHIP_TOPICS]
        if not leads or len(done_dates) < len(_LEADERSHIP_TOPICS):
            return
        ready = max(done_dates)
        if a.sobriety_date is not None:
            ready = max(ready, a.sobriety_date + _days(365))
        if ready <= self._today and (a.until is None or ready < a.until):
            a.lead_from = ready


# ---- reference data: programs, users, activity catalog, note templates ------------------------


def _load_programs(run: _Run) -> list[_Program]:
    programs = _t("programs")
    found = {
        code: (pid, gender)
        for pid, code, gender in run.conn.execute(
            select(programs.c.id, programs.c.code, programs.c.gender)
        )
    }
    result = []
    for code, beds in run.scale.beds.items():
        if code not in found:
            raise ValidationError("--size", f"the program '{code}' is missing")
        pid, gender = found[code]
        default = Gender.MALE if code == ProgramCode.MENS else Gender.FEMALE
        result.append(_Program(pid, code, Gender(gender or default), beds))
    return result


def _write_reference(run: _Run) -> None:
    programs = _t("programs")
    for p in run.programs:
        run.conn.execute(update(programs).where(programs.c.id == p.id).values(bed_capacity=p.beds))
    _plan_staff(run)
    run.w.step("users", lambda: _add_users(run))
    run.w.step("activity catalog", lambda: _add_activity_types(run))
    if not run.conn.scalar(select(func.count()).select_from(_t("note_templates"))):
        run.w.each("note templates", _TEMPLATES, lambda t: _add_template(run, *t))


def _plan_staff(run: _Run) -> None:
    """Staff who facilitated groups over the years: half from the start, others joining later."""
    rng, start = run.rng, run.start
    half = run.scale.staff // 2
    for i, name in enumerate(_STAFF[: run.scale.staff]):
        first_day = start - _days(365)
        if i >= half:
            first_day = start + _days(rng.randint(0, run.scale.days * 3 // 4))
        last_day = None
        if rng.random() < 0.3:
            last_day = first_day + _days(rng.randint(365, 365 * 6))
        if last_day is not None and last_day >= run.today:
            last_day = None
        run.staff.append(_Staff(name, first_day, last_day))


def _add_users(run: _Run) -> None:
    """Accounts for the staff still employed and for the office (no passwords yet)."""
    users = _t("users")
    taken = {name: uid for uid, name in run.conn.execute(select(users.c.id, users.c.username))}
    run.system_user_id = taken.get(SYSTEM_USERNAME)

    def account(username: str, display: str, role: UserRole, since: dt.date) -> int | None:
        if username in taken:
            return None
        uid = taken[username] = run.ids.next("users")
        run.w.add(
            "users",
            {
                "id": uid,
                "username": username,
                "display_name": display,
                "role": role,
                "password_hash": None,
                "is_active": True,
                "created_at": _at(since),
            },
        )
        return uid

    for staff in run.staff:
        if staff.last_day is None:
            display = staff.name.split(",")[0]
            first, last = display.split(" ", 1)
            username = fold(first[0] + last).replace(" ", "")
            staff.user_id = account(username, display, UserRole.GROUP_LEADER, staff.first_day)
    for username, display, role in _OFFICE_USERS:
        uid = account(username, display, role, run.start)
        if uid is not None:
            run.office_user_ids.append(uid)


def _add_activity_types(run: _Run) -> None:
    types = _t("activity_types")
    run.activity_ids = {
        name: tid for tid, name in run.conn.execute(select(types.c.id, types.c.name))
    }
    for kind in _ACTIVITIES:
        if kind.name in run.activity_ids:
            continue
        tid = run.activity_ids[kind.name] = run.ids.next("activity_types")
        run.w.add(
            "activity_types",
            {
                "id": tid,
                "name": kind.name,
                "location": kind.location,
                "capacity": kind.capacity,
                "notes": "Outing: bring water and a jacket" if kind.one_off else "",
                "is_active": True,
            },
        )


def _add_template(run: _Run, name: str, fmt: NoteFormat) -> None:
    run.w.add(
        "note_templates",
        {
            "id": run.ids.next("note_templates"),
            "name": name,
            "format": fmt,
            "body": json.dumps(dict.fromkeys(_NOTE_SECTIONS[fmt], "")),
        },
    )


# ---- residents: persons, screenings, stays, goals ---------------------------------------------


class _ResidentWriter:
    def __init__(self, run: _Run) -> None:
        self._run = run
        self._rng = run.rng
        self._w = run.w

    def write(self, plan: _StayPlanner) -> None:
        run = self._run
        persons = _t("persons")
        record_no = (run.conn.scalar(select(func.max(persons.c.record_no))) or 0) + 1
        for p in plan.persons:
            p.id = run.ids.next("persons")
        for sc in plan.screenings:
            sc.id = run.ids.next("screenings")
        for st in plan.stays:
            st.id = run.ids.next("stays")
        numbered = list(zip(plan.persons, itertools.count(record_no), strict=False))
        self._w.each("residents", numbered, lambda pair: self._add_person(*pair))
        self._w.each("screenings", plan.screenings, self._add_screening)
        self._w.each("stays", plan.stays, self._add_stay)
        self._w.each("goals", plan.stays, self._add_goals)

    def _add_person(self, p: _Person, record_no: int) -> None:
        self._w.add(
            "persons",
            {
                "id": p.id,
                "record_no": record_no,
                "first_name": p.first_name,
                "last_name": p.last_name,
                "date_of_birth": p.date_of_birth,
                "gender": p.gender,
                "phone": p.phone,
                "email": p.email,
                "sobriety_date": p.sobriety_date,
                "search_key": search_key(p.first_name, p.last_name, record_no, p.phone, p.email),
                "created_at": _at(p.registered),
            },
        )

    def _add_screening(self, sc: _Screening) -> None:
        rng = self._rng
        hopeful = sc.decision in (ScreeningDecision.ADMIT, ScreeningDecision.WAITLIST)
        stage: StageOfChange | None = None
        if hopeful:
            stage = rng.choice(
                (
                    StageOfChange.CONTEMPLATION,
                    StageOfChange.PREPARATION,
                    StageOfChange.PREPARATION,
                    StageOfChange.ACTION,
                    StageOfChange.ACTION,
                    StageOfChange.MAINTENANCE,
                )
            )
        elif sc.decision is not ScreeningDecision.PENDING:
            stage = rng.choice((StageOfChange.PRECONTEMPLATION, StageOfChange.CONTEMPLATION))
        self._w.add(
            "screenings",
            {
                "id": sc.id,
                "person_id": sc.person.id,
                "screened_on": sc.day,
                "program_id": sc.program.id,
                "stage_of_change": stage,
                "decision": sc.decision,
                "decision_reason": sc.reason,
                "notes": rng.choice(_SCREEN_SOURCES),
                "screener_user_id": self._run.recent_user(sc.day),
                "created_at": _at(sc.day, 10),
            },
        )
        scale = (2, 3, 3, 4, 4, 4, 5, 5) if hopeful or stage is None else (1, 2, 2, 3, 3, 4)
        for criterion in ScreeningCriterion:
            rating = rng.choice(scale)
            self._w.add(
                "screening_ratings",
                {
                    "screening_id": sc.id,
                    "criterion": criterion,
                    "rating": rating,
                    "note": rng.choice(_RATING_NOTES) if rating <= 2 else "",
                },
            )

    def _add_stay(self, st: _Stay) -> None:
        self._w.add(
            "stays",
            {
                "id": st.id,
                "person_id": st.person.id,
                "program_id": st.program.id,
                "admission_date": st.admitted,
                "discharge_date": st.discharged,
                "discharge_reason": st.reason,
                "discharge_note": self._rng.choice(_DISCHARGE_NOTES[st.reason])
                if st.reason
                else "",
                "override_reason": st.override_reason,
                "created_at": _at(st.admitted, 11),
            },
        )

    def _add_goals(self, st: _Stay) -> None:
        rng = self._rng
        end = st.discharged or self._run.today
        for title, steps in rng.sample(_GOALS, rng.randint(1, 3)):
            if st.discharged is None:
                status = GoalStatus.OPEN
            elif st.reason is DischargeReason.COMPLETED:
                status = rng.choice((GoalStatus.ACHIEVED, GoalStatus.ACHIEVED, GoalStatus.OPEN))
            else:
                status = rng.choice((GoalStatus.DROPPED, GoalStatus.OPEN))
            created = min(st.admitted + _days(rng.randint(1, 5)), end)
            goal_id = self._run.ids.next("goals")
            self._w.add(
                "goals",
                {
                    "id": goal_id,
                    "person_id": st.person.id,
                    "stay_id": st.id,
                    "title": title,
                    "target_date": st.admitted + _days(rng.choice((30, 45, 60, 90))),
                    "status": status,
                    "created_at": _at(created, 14),
                },
            )
            for position, description in enumerate(steps[: rng.randint(2, 4)], start=1):
                target = st.admitted + _days(7 * position + rng.randint(0, 6))
                done = target + _days(rng.randint(-5, 3))
                finished = status is GoalStatus.ACHIEVED or rng.random() < 0.5
                self._w.add(
                    "goal_actions",
                    {
                        "id": self._run.ids.next("goal_actions"),
                        "goal_id": goal_id,
                        "position": position,
                        "description": description,
                        "target_date": target,
                        "done_on": done if finished and created <= done <= end else None,
                    },
                )


# ---- alumni roster ----------------------------------------------------------------------------


class _AlumniWriter:
    def __init__(self, run: _Run) -> None:
        self._run = run
        self._rng = run.rng
        self._w = run.w

    def write(self, alumni: list[_Alumnus]) -> None:
        for a in alumni:
            a.id = self._run.ids.next("alumni")
        self._w.each("alumni", alumni, self._add_alumnus)
        self._w.each("alumni roles and training", alumni, self._add_details)

    def _add_alumnus(self, a: _Alumnus) -> None:
        rng = self._rng
        if a.email and rng.random() < 0.25:
            pref = ContactPreference.EMAIL
        elif a.phone:
            pref = rng.choice((ContactPreference.PHONE, ContactPreference.TEXT))
        else:
            pref = ContactPreference.NONE
        self._w.add(
            "alumni",
            {
                "id": a.id,
                "person_id": a.person.id if a.person else None,
                "first_name": a.first_name,
                "last_name": a.last_name,
                "phone": a.phone,
                "email": a.email,
                "contact_preference": pref,
                "sobriety_date": a.sobriety_date,
                "status": a.status,
                "joined_on": a.joined,
                "created_at": _at(a.joined, 15),
            },
        )

    def _add_details(self, a: _Alumnus) -> None:
        rng, w, today = self._rng, self._w, self._run.today
        for role in a.roles:
            w.add("alumnus_roles", {"alumnus_id": a.id, "role": role})
        if not a.roles:
            return
        for competency in Competency:
            assessed = a.joined + _days(rng.randint(30, 240))
            if assessed <= today and rng.random() < 0.85:
                w.add(
                    "alumnus_competencies",
                    {"alumnus_id": a.id, "competency": competency, "assessed_on": assessed},
                )
        for topic, done, hours in a.trainings:
            w.add(
                "trainings",
                {
                    "id": self._run.ids.next("trainings"),
                    "alumnus_id": a.id,
                    "topic": topic,
                    "title": _TRAINING_TITLES[topic],
                    "completed_on": done,
                    "hours": hours,
                    "provider": rng.choice(_PROVIDERS),
                },
            )
        self._add_certifications(a)
        self._add_volunteering(a)

    def _add_certifications(self, a: _Alumnus) -> None:
        """Renewed about every two years while active, so some lapse and some expire soon."""
        rng = self._rng
        last_day = min(a.until or self._run.today, self._run.today)
        for name, valid_days, role in _CERTIFICATIONS:
            if role not in a.roles:
                continue
            issued = a.joined + _days(rng.randint(60, 400))
            while issued <= last_day:
                self._w.add(
                    "certifications",
                    {
                        "id": self._run.ids.next("certifications"),
                        "alumnus_id": a.id,
                        "name": name,
                        "issued_on": issued,
                        "expires_on": issued + _days(valid_days),
                    },
                )
                issued += _days(valid_days + rng.randint(-20, 45))

    def _add_volunteering(self, a: _Alumnus) -> None:
        rng = self._rng
        begin = max(a.joined, self._run.start)
        span = (min(a.until or self._run.today, self._run.today) - begin).days
        if span <= 0:
            return
        for _ in range(min(24, span // 90 + rng.randint(0, 2))):
            self._w.add(
                "volunteer_entries",
                {
                    "id": self._run.ids.next("volunteer_entries"),
                    "alumnus_id": a.id,
                    "worked_on": begin + _days(rng.randint(0, span)),
                    "hours": Decimal(rng.choice(("1.5", "2.0", "3.0", "4.0", "6.0"))),
                    "description": rng.choice(_VOLUNTEER),
                },
            )


# ---- mentoring, aftercare and follow-ups ------------------------------------------------------


class _CareWriter:
    def __init__(self, run: _Run, alumni: Sequence[_Alumnus]) -> None:
        self._run = run
        self._rng = run.rng
        self._w = run.w
        self._mentors = {
            p.code: [a for a in alumni if AlumnusRole.MENTOR in a.roles and a.serves(p)]
            for p in run.programs
        }
        self._mentor_of_stay: dict[int, _Alumnus] = {}

    def write(self, stays: Sequence[_Stay]) -> None:
        self._w.each("mentoring", stays, self._add_mentoring)
        completed = [s for s in stays if s.reason is DischargeReason.COMPLETED]
        self._w.each("aftercare plans", completed, self._add_aftercare)
        discharged = [s for s in stays if s.discharged is not None]
        self._w.each("follow-ups", discharged, self._add_followups)

    def _pick_mentor(self, program: _Program, day: dt.date) -> _Alumnus | None:
        """An active mentor of the program who has been an alumnus for three months."""
        pool = [
            a
            for a in self._mentors[program.code]
            if a.active_on(day) and a.joined + _days(90) <= day
        ]
        return self._rng.choice(pool) if pool else None

    def _add_mentoring(self, st: _Stay) -> None:
        rng, today = self._rng, self._run.today
        if rng.random() >= MENTOR_SHARE:
            return
        started = st.admitted + _days(rng.randint(2, 10))
        if started >= (st.discharged or today + _days(1)):
            return
        mentor = self._pick_mentor(st.program, started)
        if mentor is None:
            return
        # Mentoring goes on after discharge, until the mentor stops or the person returns.
        ended = st.discharged + _days(rng.randint(30, 180)) if st.discharged else None
        later = [s.admitted for s in st.person.stays if s.admitted > st.admitted]
        for limit in (mentor.until, later[0] if later else None):
            if limit is not None and (ended is None or ended > limit):
                ended = max(limit, started)
        self._mentor_of_stay[st.seq] = mentor
        self._w.add(
            "mentor_assignments",
            {
                "id": self._run.ids.next("mentor_assignments"),
                "mentor_alumnus_id": mentor.id,
                "person_id": st.person.id,
                "started_on": started,
                "ended_on": ended if ended is not None and ended <= today else None,
            },
        )

    def _add_aftercare(self, st: _Stay) -> None:
        rng = self._rng
        assert st.discharged is not None
        mentor = self._mentor_of_stay.get(st.seq)
        if mentor is None and rng.random() < 0.3:
            mentor = self._pick_mentor(st.program, st.discharged)
        self._w.add(
            "aftercare_plans",
            {
                "id": self._run.ids.next("aftercare_plans"),
                "stay_id": st.id,
                "meetings": rng.choice(_MEETINGS),
                "sober_living": rng.choice(_SOBER_LIVING),
                "outpatient": rng.choice(_OUTPATIENT),
                "mentor_alumnus_id": mentor.id if mentor else None,
                "notes": "",
                "updated_at": _at(st.discharged, 12),
            },
        )

    def _add_followups(self, st: _Stay) -> None:
        """Follow-ups already due; most attempted within days, the newest often still open."""
        rng, today = self._rng, self._run.today
        assert st.discharged is not None
        completed = st.reason is DischargeReason.COMPLETED
        for interval in FOLLOWUP_INTERVALS:
            due = st.discharged + _days(interval)
            if due > today:
                break
            contact: dt.date | None = None
            if rng.random() < (0.4 if (today - due).days < 14 else 0.93):
                contact = min(due + _days(rng.randint(-5, 10)), today)
            reached = None if contact is None else rng.random() < (0.78 if completed else 0.5)
            row: Row = {
                "id": self._run.ids.next("followups"),
                "stay_id": st.id,
                "interval_days": interval,
                "contact_date": contact,
                "reached": reached,
                "abstinent": YesNoUnknown.UNKNOWN,
                "housing_stable": YesNoUnknown.UNKNOWN,
                "work_or_school": YesNoUnknown.UNKNOWN,
                "note": rng.choice(_FOLLOWUP_MISSED) if contact is not None else "",
            }
            if reached:
                row["abstinent"] = self._yes_no(0.72 if completed else 0.45)
                row["housing_stable"] = self._yes_no(0.8 if completed else 0.55)
                row["work_or_school"] = self._yes_no(0.6 if completed else 0.4)
                row["note"] = rng.choice(_FOLLOWUP_REACHED)
            self._w.add("followups", row)

    def _yes_no(self, yes: float) -> YesNoUnknown:
        r = self._rng.random()
        if r < yes:
            return YesNoUnknown.YES
        return YesNoUnknown.UNKNOWN if r > 0.95 else YesNoUnknown.NO


# ---- who is in care on which day --------------------------------------------------------------


def _census_days(
    stays: Iterable[_Stay], first: dt.date, last: dt.date
) -> Iterator[tuple[dt.date, dict[str, list[int]]]]:
    """For each day from ``first`` to ``last``: the ids of the persons in care, per program.

    In care on day x: admitted on or before x and not yet discharged (the discharge day is not
    a care day), as in METRICS.md. Days after today see today's census.
    """
    census: dict[str, dict[int, None]] = defaultdict(dict)
    arriving: dict[dt.date, list[_Stay]] = defaultdict(list)
    leaving: dict[dt.date, list[_Stay]] = defaultdict(list)
    for st in stays:
        if st.discharged is not None and st.discharged <= first:
            continue
        if st.admitted <= first:
            census[st.program.code][st.person.id] = None
        else:
            arriving[st.admitted].append(st)
        if st.discharged is not None:
            leaving[st.discharged].append(st)
    day = first
    while day <= last:
        for st in leaving.pop(day, []):
            del census[st.program.code][st.person.id]
        for st in arriving.pop(day, []):
            census[st.program.code][st.person.id] = None
        yield day, defaultdict(list, {code: list(ids) for code, ids in census.items()})
        day += _days(1)


# ---- group sessions, co-facilitators, attendance, notes ---------------------------------------


class _SessionWriter:
    """Every day's groups; attendance up to yesterday; notes for the last two weeks."""

    def __init__(self, run: _Run, alumni: Sequence[_Alumnus]) -> None:
        self._run = run
        self._rng = run.rng
        self._w = run.w
        self._cofacs = [a for a in alumni if AlumnusRole.CO_FACILITATOR in a.roles and a.lead_from]
        self._note_author = run.office_user_ids[-1] if run.office_user_ids else None

    def write(self, stays: Sequence[_Stay]) -> None:
        run = self._run
        total = run.scale.days
        for i, (day, census) in enumerate(_census_days(stays, run.start, run.today), start=1):
            pools = {
                p.code: [a for a in self._cofacs if a.serves(p) and a.can_lead(day)]
                for p in run.programs
            }
            for slot in _WEEKDAY_SLOTS if day.weekday() < 5 else _WEEKEND_SLOTS:
                self._slot(day, slot, census, pools)
            if i % 30 == 0:
                self._w.report("group sessions", i, total)
        self._w.flush()
        self._w.report("group sessions", total, total)

    def _slot(
        self,
        day: dt.date,
        slot: _Slot,
        census: Mapping[str, list[int]],
        pools: Mapping[str, list[_Alumnus]],
    ) -> None:
        """The groups of every program at one time: a resident, leader or peer in one only."""
        rng = self._rng
        busy_staff: set[int] = set()
        busy_alumni: set[int] = set()
        for program in self._run.programs:
            residents = census[program.code]
            attending = round(len(residents) * rng.uniform(*slot.share))
            if attending == 0:
                continue
            groups = math.ceil(attending / GROUP_MAX)
            chosen = rng.sample(residents, attending)
            for g in range(groups):
                type_code: str = _SLOT_TYPES[slot].pick(rng)
                staff = self._pick_staff(day, busy_staff)
                session_id = self._run.ids.next("group_sessions")
                self._w.add(
                    "group_sessions",
                    {
                        "id": session_id,
                        "type_code": type_code,
                        "program_id": program.id,
                        "date": day,
                        "start_time": slot.start,
                        "duration_min": slot.duration,
                        "topic": rng.choice(_TOPICS[type_code]),
                        "facilitator_user_id": staff.user_id,
                        "facilitator_name": staff.name,
                        "created_at": _at(day, 7),
                    },
                )
                self._add_cofacilitators(session_id, type_code, pools[program.code], busy_alumni)
                if day < self._run.today:
                    present = self._add_attendance(session_id, chosen[g::groups])
                    if (self._run.today - day).days <= NOTE_DAYS:
                        self._add_notes(session_id, day, slot, staff, present)

    def _pick_staff(self, day: dt.date, busy: set[int]) -> _Staff:
        staff = self._run.staff
        free = [i for i in range(len(staff)) if i not in busy]
        employed = [i for i in free if staff[i].employed_on(day)]
        choice = self._rng.choice(employed or free or list(range(len(staff))))
        busy.add(choice)
        return staff[choice]

    def _add_cofacilitators(
        self, session_id: int, type_code: str, pool: list[_Alumnus], busy: set[int]
    ) -> None:
        rng = self._rng
        if rng.random() >= _COFAC_SHARE.get(type_code, _COFAC_OTHER):
            return
        free = [a for a in pool if a.id not in busy]
        for a in rng.sample(free, min(len(free), 2 if rng.random() < 0.15 else 1)):
            busy.add(a.id)
            self._w.add("session_cofacilitators", {"session_id": session_id, "alumnus_id": a.id})

    def _add_attendance(self, session_id: int, members: list[int]) -> list[int]:
        rng = self._rng
        present: list[int] = []
        for person_id in members:
            status = _ATTENDANCE_PICK.pick(rng)
            level = None
            if status not in (AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT):
                level = _PARTICIPATION_PICK.pick(rng)
                present.append(person_id)
            self._w.add(
                "attendance",
                {
                    "session_id": session_id,
                    "person_id": person_id,
                    "status": status,
                    "participation": level,
                },
            )
        return present

    def _add_notes(
        self, session_id: int, day: dt.date, slot: _Slot, staff: _Staff, present: list[int]
    ) -> None:
        """A group note and a few individual ones; signed unless from the last two days."""
        rng = self._rng
        fmt: NoteFormat = rng.choice(tuple(NoteFormat))
        author = staff.user_id or self._note_author
        signed = author is not None and (self._run.today - day).days > 2 and rng.random() < 0.95
        started = dt.datetime.combine(day, slot.start, dt.UTC)
        for person_id in [None, *present[: rng.randint(0, 3)]]:
            body = {k: _GROUP_NOTE_TEXT[k] for k in _NOTE_SECTIONS[fmt]}
            if person_id is not None:
                body = {k: rng.choice(_INDIVIDUAL_NOTE_TEXT) for k in _NOTE_SECTIONS[fmt]}
            written = started + dt.timedelta(minutes=slot.duration + rng.randint(20, 240))
            note_id = self._run.ids.next("session_notes")
            self._w.add(
                "session_notes",
                {
                    "id": note_id,
                    "session_id": session_id,
                    "person_id": person_id,
                    "format": fmt,
                    "body": json.dumps(body),
                    "status": NoteStatus.SIGNED if signed else NoteStatus.DRAFT,
                    "author_user_id": author,
                    "signed_by_user_id": author if signed else None,
                    "signed_at": written if signed else None,
                    "updated_at": written,
                },
            )
            if signed and author is not None and rng.random() < 0.05:
                self._w.add(
                    "note_addenda",
                    {
                        "id": self._run.ids.next("note_addenda"),
                        "note_id": note_id,
                        "body": rng.choice(_ADDENDA),
                        "author_user_id": author,
                        "signed_at": written + _days(1),
                    },
                )


# ---- experiential activities ------------------------------------------------------------------


@dataclass
class _ActivityDay:
    """One day's bookings, so nobody is booked twice at the same time."""

    day: dt.date
    census: Mapping[str, list[int]]
    leads: list[_Alumnus]
    busy_leads: set[int] = field(default_factory=set)
    taken: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))


#: A weekly timetable: weekday -> (series id, program, activity).
_Timetable = dict[int, list[tuple[int, _Program, _ActivityKind]]]


class _ActivityWriter:
    """Quarterly weekly timetables, Sunday outings, leads and sign-ups; two weeks ahead."""

    def __init__(self, run: _Run, alumni: Sequence[_Alumnus]) -> None:
        self._run = run
        self._rng = run.rng
        self._w = run.w
        self._leads = [a for a in alumni if AlumnusRole.ACTIVITY_LEAD in a.roles and a.lead_from]

    def write(self, stays: Sequence[_Stay]) -> None:
        run = self._run
        last = run.today + _days(FUTURE_ACTIVITY_DAYS)
        total = (last - run.start).days + 1
        week: _Timetable = {}
        for i, (day, census) in enumerate(_census_days(stays, run.start, last)):
            if i % QUARTER_DAYS == 0:
                week = self._plan_quarter(day, last)
            leads = [a for a in self._leads if a.can_lead(min(day, run.today))]
            today = _ActivityDay(day, census, leads)
            if day.weekday() == 6:
                self._outings(today)
            for series_id, program, kind in week.get(day.weekday(), []):
                self._occurrence(today, series_id, program, kind)
            if i % 30 == 0:
                self._w.report("activities", i, total)
        self._w.flush()
        self._w.report("activities", total, total)

    def _plan_quarter(self, begin: dt.date, last: dt.date) -> _Timetable:
        """Thirteen weeks of Monday-Saturday series; a place holds one group at a time."""
        rng = self._rng
        end = begin + _days(QUARTER_DAYS - 1)
        kinds = [k for k in _ACTIVITIES if not k.one_off]
        week: _Timetable = defaultdict(list)
        for program in self._run.programs:
            weekdays = list(range(6))
            rng.shuffle(weekdays)
            for n in range(self._run.scale.series_per_week[program.code]):
                weekday = weekdays[n % len(weekdays)]
                used = {k.name for _, _, k in week[weekday]}
                kind = rng.choice([k for k in kinds if k.name not in used])
                first = begin + _days((weekday - begin.weekday()) % 7)
                series_id = self._run.ids.next("activity_series")
                self._w.add(
                    "activity_series",
                    {
                        "id": series_id,
                        "activity_type_id": self._run.activity_ids[kind.name],
                        "program_id": program.id,
                        "weekday": weekday,
                        "start_time": _activity_start(weekday),
                        "duration_min": kind.duration,
                        "starts_on": first,
                        # The current timetable runs on; earlier ones ended with their quarter.
                        "ends_on": None
                        if end >= last
                        else first + _days(7 * ((end - first).days // 7)),
                    },
                )
                week[weekday].append((series_id, program, kind))
        return week

    def _outings(self, today: _ActivityDay) -> None:
        """One-off Sunday outings for some programs, each to a different place."""
        rng = self._rng
        kinds = [k for k in _ACTIVITIES if k.one_off]
        rng.shuffle(kinds)
        for program, kind in zip(self._run.programs, kinds, strict=False):
            if rng.random() < ONE_OFF_SHARE:
                self._occurrence(today, None, program, kind)

    def _occurrence(
        self, today: _ActivityDay, series_id: int | None, program: _Program, kind: _ActivityKind
    ) -> None:
        """One occurrence with its leads and sign-ups (residents in care, up to capacity)."""
        rng, day, past = self._rng, today.day, today.day < self._run.today
        status = ActivityStatus.HELD if past else ActivityStatus.SCHEDULED
        reason = ""
        if rng.random() < (0.06 if past else 0.02):
            status, reason = ActivityStatus.CANCELLED, rng.choice(_CANCEL_REASONS)
        occurrence_id = self._run.ids.next("activity_occurrences")
        self._w.add(
            "activity_occurrences",
            {
                "id": occurrence_id,
                "activity_type_id": self._run.activity_ids[kind.name],
                "series_id": series_id,
                "program_id": program.id,
                "date": day,
                "start_time": _activity_start(day.weekday()),
                "duration_min": kind.duration,
                "location": kind.location,
                "capacity": kind.capacity,
                "status": status,
                "status_reason": reason,
                "staff_user_id": self._run.recent_user(day),
                "created_at": _at(min(day, self._run.today) - _days(7), 8),
            },
        )
        free = [a for a in today.leads if a.serves(program) and a.id not in today.busy_leads]
        if free and rng.random() < 0.7:
            for a in rng.sample(free, min(len(free), 2 if rng.random() < 0.12 else 1)):
                today.busy_leads.add(a.id)
                self._w.add("activity_leads", {"occurrence_id": occurrence_id, "alumnus_id": a.id})
        taken = today.taken[program.code]
        available = [p for p in today.census[program.code] if p not in taken]
        wanted = round(min(kind.capacity, len(available)) * rng.uniform(0.85, 1.0))
        if not past:
            wanted //= 2  # sign-ups still coming in
        for person_id in rng.sample(available, wanted):
            taken.add(person_id)
            attended = rng.random() < 0.88 if status is ActivityStatus.HELD else None
            self._w.add(
                "participations",
                {"occurrence_id": occurrence_id, "person_id": person_id, "attended": attended},
            )


def _activity_start(weekday: int) -> dt.time:
    return _WEEKDAY_ACTIVITY_START if weekday < 5 else _WEEKEND_ACTIVITY_START


# ---- derived columns, audit, sequences --------------------------------------------------------


def _finish(run: _Run) -> None:
    run.w.report("resident summaries", 0, 1)
    with Session(bind=run.conn) as s:
        refresh_person_summary(s)
    run.w.add(
        "audit_events",
        {
            "id": run.ids.next("audit_events"),
            "at": dt.datetime.now(dt.UTC),
            "user_id": run.system_user_id,
            "action": "demo",
            "entity": "database",
            "entity_id": None,
            "fields": "",
        },
    )
    run.w.flush()
    if run.conn.dialect.name == "postgresql":
        _reset_sequences(run.conn)
    run.w.report("resident summaries", 1, 1)


def _reset_sequences(conn: Connection) -> None:
    """Explicit ids leave PostgreSQL's sequences behind; move each past its table's max id."""
    for name, table in Base.metadata.tables.items():
        if "id" in table.c and table.c.id.primary_key:
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) "
                    f"FROM {name} HAVING max(id) IS NOT NULL"
                )
            )
