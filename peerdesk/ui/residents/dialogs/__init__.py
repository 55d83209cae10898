"""The forms of the Residents area, one module per dialog.

Each is a ``FormDialog`` (``peerdesk.ui.common.form_dialog``): opened with ``open()``, the
cursor in its first field, errors next to the fields as the person types, Ctrl+S saves, Esc
asks before throwing typing away, and ``saved`` carries the id of what was saved. Dialogs that
load a record raise ``NotFoundError`` from their constructor when it no longer exists.
"""

from peerdesk.ui.residents.dialogs._shared import person_heading, stay_text
from peerdesk.ui.residents.dialogs.admission import AdmissionDialog
from peerdesk.ui.residents.dialogs.aftercare import AftercareDialog
from peerdesk.ui.residents.dialogs.discharge import DischargeDialog
from peerdesk.ui.residents.dialogs.goal import GoalDialog, StepRow
from peerdesk.ui.residents.dialogs.mentor import MentorDialog
from peerdesk.ui.residents.dialogs.person import PersonDialog
from peerdesk.ui.residents.dialogs.screening import RatingPicker, ScreeningDialog

__all__ = [
    "AdmissionDialog",
    "AftercareDialog",
    "DischargeDialog",
    "GoalDialog",
    "MentorDialog",
    "PersonDialog",
    "RatingPicker",
    "ScreeningDialog",
    "StepRow",
    "person_heading",
    "stay_text",
]
