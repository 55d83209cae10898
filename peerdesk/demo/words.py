"""The demo's word lists: names, staff, topics, goals, note texts, the activity catalog.

Plain data, no randomness: the planners choose from these with the run's ``random.Random``,
so reordering or editing a list changes the data every seed gives.
"""

from __future__ import annotations

from dataclasses import dataclass

from peerdesk.domain.enums import (
    AlumnusRole,
    DischargeReason,
    NoteFormat,
    ScreeningDecision,
    SessionTypeCode,
    TrainingTopic,
    UserRole,
)


def _split(text: str, sep: str = " ") -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(sep))


# ---- people and contact data ------------------------------------------------------------------

MALE_FIRST = _split(
    "James Michael Robert David William Joseph Daniel Matthew Anthony Christopher Joshua Andrew "
    "Kevin Brian Tyler Ryan Jacob Brandon Justin Marcus Darnell Terrence Andre DeShawn Malik "
    "Jamal José Luis Carlos Miguel Jesús Alejandro Juan Diego Raúl Andrés Joaquín Tomás Minh "
    "Tuấn Huy Quang Wei Jun Hiroshi Kenji Ji-ho Min-jun Arjun Rahul Vikram Omar Ahmed Yusuf "
    "Tariq Chinedu Emeka Kwame Kofi Björn Søren Łukasz Piotr Mateusz François Jérôme Noé Liam "
    "Noah Ethan Connor Sean Patrick Dakota Cody Travis Dustin Shane Eli Isaiah"
)
FEMALE_FIRST = _split(
    "Mary Jennifer Jessica Ashley Sarah Emily Amanda Megan Rachel Lauren Nicole Stephanie "
    "Heather Brittany Kayla Hannah Zoë Chloé Renée Noémie Maëlle Aaliyah Imani Keisha Latoya "
    "Tanisha Ebony María Sofía Lucía Ana Guadalupe Ximena Valentina Mónica Inés Linh Thảo Hương "
    "Mai Ngọc Mei Xiu Yuki Aiko Ji-woo Seo-yeon Priya Ananya Deepa Fatima Aisha Layla Yasmin "
    "Ngozi Adaeze Amara Agnieszka Małgorzata Zofia Siobhán Aoife Saoirse Ingrid Astrid Chenoa "
    "Winona Leilani Malia Crystal Amber Tiffany Danielle Courtney Samantha"
)
NEUTRAL_FIRST = _split("Alex Jordan Sam Riley Avery Quinn Rowan Sky Jamie Casey Morgan River Ash")
LAST = _split(
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
AREA_CODES = _split("206 253 360 425 503 509 541 971")
MAIL_DOMAINS = _split("example.com example.org example.net mail.example.com")
#: Letters NFKD does not decompose, for readable ASCII e-mail addresses.
ASCII = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe"})

STAFF = _split(
    "Dana Whitfield, LCSW; Marcus Bell, LADC; Priya Raman, PsyD; Elena Vargas, LMFT; "
    "Tom Okafor, CADC; Rachel Stein, LPC; Luis Navarro, CADC; Grace Kim, LCSW; "
    "Hannah Brooks, LPC; Jerome Watts, LADC; Sofia Lindqvist, LMHC; Kevin Tran, CADC-II; "
    "Amara Diallo, LCSW; Noah Fischer, LPC",
    ";",
)
OFFICE_USERS = (
    ("frontdesk", "Maria Chen", UserRole.FRONT_DESK),
    ("admin", "Robin Hale", UserRole.ADMINISTRATOR),
)

# ---- group sessions ---------------------------------------------------------------------------

_ST = SessionTypeCode
TOPICS: dict[str, tuple[str, ...]] = {
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
NOTE_SECTIONS: dict[str, tuple[str, ...]] = {
    NoteFormat.DAP: ("data", "assessment", "plan"),
    NoteFormat.BIRP: ("behavior", "intervention", "response", "plan"),
    NoteFormat.GIRP: ("goals", "intervention", "response", "plan"),
    NoteFormat.FREE: ("text",),
}
GROUP_NOTE_TEXT = {
    "data": "Members discussed the topic and shared recent experiences.",
    "assessment": "Group was engaged; two members showed increased insight.",
    "plan": "Continue the theme next session; review coping plans.",
    "behavior": "Members arrived on time and took part in the check-in.",
    "intervention": "Facilitator used motivational interviewing and role play.",
    "response": "Members responded well and offered each other support.",
    "goals": "Practise one coping skill from the session this week.",
    "text": "Productive session; members supported each other.",
}
INDIVIDUAL_NOTE_TEXT = (
    "Participated actively and shared about coping strategies.",
    "Quiet today; engaged when invited and agreed to follow up.",
    "Described progress on the recovery goal; encouraged peers.",
    "Reported cravings this week; reviewed the relapse prevention plan.",
)
ADDENDA = (
    "Correction: the session started ten minutes late.",
    "Added: a member asked for an individual session; referred to the counselor.",
)
TEMPLATES = (
    ("Standard DAP note", NoteFormat.DAP),
    ("BIRP behavioural note", NoteFormat.BIRP),
    ("GIRP goal-oriented note", NoteFormat.GIRP),
    ("Free text", NoteFormat.FREE),
)

# ---- experiential activities ------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityKind:
    name: str
    location: str
    capacity: int
    duration: int
    one_off: bool = False


#: The seed-000 catalog (already in the database) and the demo facility's own activities.
#: Weekday activities start at 15:30, after the afternoon groups and ending before the
#: evening meeting; weekend ones at 12:30, so nobody is booked twice at once.
ACTIVITIES = (
    ActivityKind("Sand volleyball", "Beach court", 12, 90),
    ActivityKind("Cooking class", "Kitchen", 8, 120),
    ActivityKind("Woodworking", "Workshop", 6, 120),
    ActivityKind("Nature hike", "Trailhead", 12, 180),
    ActivityKind("Rock climbing", "Climbing gym", 8, 150),
    ActivityKind("Yoga", "Studio", 15, 75),
    ActivityKind("Art therapy", "Art room", 10, 90),
    ActivityKind("Gardening", "Garden", 10, 90),
    ActivityKind("Music jam", "Music room", 10, 90),
    ActivityKind("Fitness circuit", "Gym", 14, 60),
    ActivityKind("Kayaking", "Harbor boathouse", 10, 180),
    ActivityKind("Bowling outing", "Lucky Strike Lanes", 16, 150, one_off=True),
    ActivityKind("Beach day", "Alki Beach", 20, 240, one_off=True),
    ActivityKind("Museum visit", "City art museum", 16, 180, one_off=True),
    ActivityKind("Ropes course", "Adventure park", 12, 240, one_off=True),
)
CANCEL_REASONS = _split(
    "Weather; Staff shortage; Van unavailable; Facility maintenance; Too few sign-ups; "
    "Venue closed",
    ";",
)

# ---- stays: screening, goals, discharge, aftercare --------------------------------------------

#: Recovery goals and their step-by-step actions.
GOALS = tuple(
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
MEETINGS = _split(
    "AA three times a week; NA home group on Tuesdays and Saturdays; SMART Recovery online "
    "twice a week; Alumni peer group on Thursdays; Celebrate Recovery on Fridays; "
    "Women for Sobriety weekly",
    ";",
)
SOBER_LIVING = (
    *_split(
        "Oxford House; Sober living home (county list); Returning home with family support; "
        "Transitional housing program; Own apartment",
        ";",
    ),
    "",
)
OUTPATIENT = (
    *_split(
        "IOP three evenings a week for eight weeks; Weekly individual counseling; "
        "MAT clinic, monthly visits; Outpatient psychiatry follow-up",
        ";",
    ),
    "",
)
DISCHARGE_NOTES: dict[str, tuple[str, ...]] = {
    DischargeReason.COMPLETED: ("Completed the program", "Completed; aftercare plan in place", ""),
    DischargeReason.LEFT_AMA: ("Left against clinical advice", "Did not return from a pass", ""),
    DischargeReason.ADMINISTRATIVE: ("Rule violation after review", "Administrative discharge", ""),
    DischargeReason.TRANSFERRED: ("Transferred to a medical unit", "Transferred to a higher level"),
    DischargeReason.OTHER: ("Family emergency", "Insurance ended", ""),
}
OVERRIDE_REASON = "Placed in this program at the resident's request after clinical review"
SCREEN_SOURCES = (
    *_split(
        "Self-referred; Referred by a hospital; Referred by the court; Referred by family; "
        "Walk-in; Phone screening",
        ";",
    ),
    "",
    "",
)
DECISION_REASONS: dict[str, tuple[str, ...]] = {
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
NO_BED_REASON = "No bed within three weeks; referred to a partner program"
RATING_NOTES = ("Discussed at intake", "Follow up in the first week", "Needs support")
FOLLOWUP_REACHED = (
    "",
    "",
    *_split(
        "Attending meetings regularly; Working with a sponsor; Started a new job; "
        "Back in school; Struggling, referred to outpatient care",
        ";",
    ),
)
FOLLOWUP_MISSED = ("Left voicemail", "Number disconnected", "No answer; sent a text", "")

# ---- alumni -----------------------------------------------------------------------------------

TRAINING_TITLES = {
    TrainingTopic.COMMUNICATION: "Communication strategies for peer workers",
    TrainingTopic.CONFLICT_RESOLUTION: "Conflict resolution in groups",
    TrainingTopic.SELF_CARE: "Self-care and boundaries",
    TrainingTopic.FACILITATION: "Group facilitation skills",
    TrainingTopic.TRAUMA_INFORMED_CARE: "Trauma-informed care",
    TrainingTopic.OTHER: "Naloxone administration",
}
PROVIDERS = ("State peer certification board", "Facility training team", "Recovery Alliance")
#: Certifications (name, days valid) and the role that needs each.
CERTIFICATIONS = (
    ("Certified Peer Recovery Specialist", 730, AlumnusRole.PEER_SUPPORT),
    ("CPR and First Aid", 730, AlumnusRole.ACTIVITY_LEAD),
)
VOLUNTEER = _split(
    "Alumni dinner set-up; Recovery Month walk; Phone outreach to recent graduates; "
    "Garden work day; Speaker at family night; Holiday meal service",
    ";",
)
