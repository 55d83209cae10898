"""Every dialog of the Residents area, built on the window tests' people."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.app import Services
from peerdesk.ui.common.form_dialog import FormDialog
from peerdesk.ui.residents.dialogs import (
    AdmissionDialog,
    AftercareDialog,
    DischargeDialog,
    GoalDialog,
    MentorDialog,
    PersonDialog,
    ScreeningDialog,
)
from tests.conftest import TODAY
from tests.ui.conftest import People

Factory = Callable[[Services, People], FormDialog[Any]]


def _today() -> Any:
    return TODAY


def _ben_stay(services: Services, people: People) -> int:
    return services.residents.get(people.ben).stays[0].id


#: Name → how to build it (every dialog, and the person dialog in both of its modes).
DIALOGS: dict[str, Factory] = {
    "register": lambda s, p: PersonDialog(s.residents, today=_today),
    "edit person": lambda s, p: PersonDialog(s.residents, person_id=p.ana, today=_today),
    "admit": lambda s, p: AdmissionDialog(s.residents, s.programs, p.jose, today=_today),
    "discharge": lambda s, p: DischargeDialog(s.residents, p.ben, _ben_stay(s, p), today=_today),
    "screening": lambda s, p: ScreeningDialog(s.residents, s.programs, p.jose, today=_today),
    "new goal": lambda s, p: GoalDialog(s.residents, p.ana, today=_today),
    "aftercare": lambda s, p: AftercareDialog(
        s.residents, p.zoe, s.residents.get(p.zoe).stays[0].id, today=_today
    ),
    "mentor": lambda s, p: MentorDialog(s.residents, p.ben, today=_today),
}


def opened(qtbot: QtBot, dialog: FormDialog[Any]) -> FormDialog[Any]:
    """Open ``dialog`` as the application does and wait until it can take keys."""
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    QApplication.processEvents()
    return dialog


def focused() -> QWidget | None:
    return QApplication.focusWidget()
