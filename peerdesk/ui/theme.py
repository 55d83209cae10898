"""The one palette of PeerDesk: every colour a widget, a list or a style sheet uses.

Colours are hex strings (no Qt import: this module is on the start-up path); callers wrap them
in ``QColor`` where Qt wants one. Colour never carries meaning alone: every status and every
timeline kind also has a word (WCAG 1.4.1).
"""

from __future__ import annotations

from dataclasses import dataclass

from peerdesk.domain.enums import ResidentStatus


@dataclass(frozen=True)
class Tone:
    """A background with a foreground that reads on it (contrast at least 4.5:1)."""

    background: str
    foreground: str


#: Text colours on the window background.
TEXT = "#202124"
MUTED = "#5f6368"
ERROR = "#b3261e"
WARNING = "#8a5300"
SUCCESS = "#1e6b34"
INFO = "#1a4fa0"

#: The primary action (the one button a person should press next) and its pressed shade.
PRIMARY = "#1a4fa0"
PRIMARY_DARK = "#14407f"
ON_PRIMARY = "#ffffff"

#: Message banners and badges.
ERROR_TONE = Tone("#fdecea", ERROR)
WARNING_TONE = Tone("#fff4e5", WARNING)
INFO_TONE = Tone("#e8f0fe", INFO)
SUCCESS_TONE = Tone("#e6f4ea", SUCCESS)
NEUTRAL_TONE = Tone("#eceff1", "#3c4043")

#: A resident's status: the badge in the record and the text colour in lists.
STATUS_TONES: dict[ResidentStatus, Tone] = {
    ResidentStatus.IN_CARE: SUCCESS_TONE,
    ResidentStatus.WAITLISTED: WARNING_TONE,
    ResidentStatus.SCREENING: INFO_TONE,
    ResidentStatus.DISCHARGED: NEUTRAL_TONE,
    ResidentStatus.REFERRED: Tone("#f3e8fd", "#6a1b9a"),
    ResidentStatus.DECLINED: Tone("#fdecea", ERROR),
}


def status_tone(status: ResidentStatus) -> Tone:
    return STATUS_TONES.get(status, NEUTRAL_TONE)


#: The kinds of timeline entry: a colour for the dot beside the word that names the kind.
TIMELINE_COLOURS: dict[str, str] = {
    "screening": "#6a1b9a",
    "admission": "#1e8e3e",
    "discharge": "#e37400",
    "session": "#1a73e8",
    "activity": "#129eaf",
    "followup": "#b06000",
    "goal": "#c2185b",
}

#: A visible focus ring for widgets whose platform style draws none (lists, tables, tool buttons).
FOCUS_RING = "#1a73e8"


def primary_button_css(selector: str = 'QPushButton[primary="true"]') -> str:
    """The style sheet of the primary action button."""
    return (
        f"{selector} {{ background: {PRIMARY}; color: {ON_PRIMARY}; font-weight: bold;"
        f" border: 1px solid {PRIMARY_DARK}; border-radius: 3px; padding: 4px 12px; }}"
        f" {selector}:hover {{ background: {PRIMARY_DARK}; }}"
        f" {selector}:focus {{ border: 2px solid {FOCUS_RING}; }}"
    )
