"""What to do next with a record: one sentence with a link, and the one button to highlight.

Both come from the same :class:`NextStep`, so the hint and the highlighted button always agree.
The step derives from the person's status and open stay only (plus unsaved forms); no Qt here,
so the rule is tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from peerdesk.domain.enums import ResidentStatus, ScreeningDecision
from peerdesk.domain.residents import ResidentDetail


class Action(StrEnum):
    """Things the record's action row can do (each is a button and a hint link)."""

    SCREENING = "screening"
    ADMIT = "admit"
    GOAL = "goal"
    AFTERCARE = "aftercare"
    DRAFT = "draft"


#: What each kind of kept draft is called when the record mentions it.
DRAFT_NAMES = {
    "person": "personal data",
    "admit": "the admission",
    "discharge": "the discharge",
    "screening": "the new screening",
    "goal": "a goal",
    "aftercare": "an aftercare plan",
    "mentor": "the mentor",
}


@dataclass(frozen=True)
class NextStep:
    """A hint (rich text with one link) and the action it offers.

    ``primary`` is the button to highlight: the action's own button, or ``None`` when the hint
    offers nothing (or an unsaved form, which has no button of its own).
    """

    text: str = ""
    action: Action | None = None
    link: str = ""

    @property
    def primary(self) -> Action | None:
        return None if self.action is Action.DRAFT else self.action


NOTHING = NextStep()
GOALS = NextStep(
    "In care. Next: set recovery goals with the resident. <a href='goal'>New goal…</a>",
    Action.GOAL,
    "goal",
)
SCREEN = NextStep(
    "Next: the intake screening. <a href='screening'>New screening…</a>",
    Action.SCREENING,
    "screening",
)


def next_step(d: ResidentDetail, kept_drafts: list[str]) -> NextStep:
    """The next thing to do for ``d``; an unsaved form comes first."""
    if kept_drafts:
        key = kept_drafts[0]
        name = DRAFT_NAMES.get(key.split(":")[0], "a form")
        link = f"draft:{key}"
        return NextStep(
            f"You have unsaved changes to {name}. <a href='{link}'>Continue editing</a>",
            Action.DRAFT,
            link,
        )
    return status_step(d)


def status_step(d: ResidentDetail) -> NextStep:
    """The step that follows from the status and the open stay."""
    if d.open_stay is not None:
        # In care, whatever the status column says: the open stay is the fact.
        return NOTHING if d.goals else GOALS
    last_screening = d.screenings[0] if d.screenings else None
    match d.status:
        case ResidentStatus.SCREENING if last_screening is None:
            return SCREEN
        case ResidentStatus.SCREENING if (
            last_screening is not None and last_screening.decision is ScreeningDecision.ADMIT
        ):
            return NextStep(
                "Screened: admit. Next: <a href='admit'>admit to a program…</a>",
                Action.ADMIT,
                "admit",
            )
        case ResidentStatus.WAITLISTED:
            since = f" since {last_screening.screened_on.isoformat()}" if last_screening else ""
            return NextStep(
                f"Waitlisted{since}. <a href='admit'>Admit…</a> when a bed is free.",
                Action.ADMIT,
                "admit",
            )
        case ResidentStatus.DISCHARGED:
            return _aftercare_step(d)
    return NOTHING


def _aftercare_step(d: ResidentDetail) -> NextStep:
    last = d.stays[0] if d.stays else None
    if last is None or last.id in {a.stay_id for a in d.aftercare}:
        return NOTHING
    day = last.discharge_date.isoformat() if last.discharge_date else ""
    link = f"aftercare:{last.id}"
    return NextStep(
        f"Discharged on {day}. Next: <a href='{link}'>make the aftercare plan…</a>",
        Action.AFTERCARE,
        link,
    )
