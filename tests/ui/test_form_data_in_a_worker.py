"""The forms that read more than the record (beds, mentors) read it in a worker: the window
never waits on the database while such a form opens."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from peerdesk.app import Services
from peerdesk.ui.residents.dialogs import AdmissionDialog, AftercareDialog, MentorDialog
from peerdesk.ui.residents.record.view import ResidentRecordView
from tests.ui.conftest import People
from tests.ui.record_helpers import opened, show, wait_for_reads


def _spy(monkeypatch: pytest.MonkeyPatch, target: object, name: str) -> list[bool]:
    """Record, for each call of ``target.name``, whether it ran on the GUI thread."""
    on_gui: list[bool] = []
    real: Callable[..., Any] = getattr(target, name)
    gui = threading.main_thread()

    def spy(*args: Any, **kwargs: Any) -> Any:
        on_gui.append(threading.current_thread() is gui)
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, spy)
    return on_gui


@pytest.mark.parametrize(
    ("form", "kind", "service", "read"),
    [
        ("mentor", MentorDialog, "residents", "mentor_options"),
        ("admit", AdmissionDialog, "programs", "census"),
    ],
)
def test_a_form_reads_its_data_off_the_gui_thread(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
    people: People,
    view: ResidentRecordView,
    *,
    form: str,
    kind: type[Any],
    service: str,
    read: str,
) -> None:
    show(qtbot, view, people.jose)
    on_gui = _spy(monkeypatch, getattr(services, service), read)
    getattr(view._forms, form)(people.jose)
    dialog = opened(qtbot, view, kind)
    assert on_gui == [False], "read once, in a worker"
    dialog.reject()


def test_the_aftercare_form_reads_its_mentors_off_the_gui_thread(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
    people: People,
    view: ResidentRecordView,
) -> None:
    show(qtbot, view, people.zoe)  # discharged: her stay can have an aftercare plan
    stay_id = services.residents.get(people.zoe).stays[0].id
    on_gui = _spy(monkeypatch, services.residents, "mentor_options")
    view._forms.aftercare(people.zoe, stay_id)
    dialog = opened(qtbot, view, AftercareDialog)
    assert on_gui == [False]
    dialog.reject()


def test_a_second_request_while_the_data_is_on_its_way_opens_one_form(
    qtbot: QtBot, people: People, view: ResidentRecordView
) -> None:
    show(qtbot, view, people.jose)
    view._forms.mentor(people.jose)
    view._forms.mentor(people.jose)
    assert view._forms.pending == "mentor"
    dialog = opened(qtbot, view, MentorDialog)
    qtbot.wait(100)
    assert view.current_dialog() is dialog
    assert not view._forms.pending, "nothing more on its way"
    assert isinstance(dialog, MentorDialog)
    dialog.reject()


def test_a_form_still_reading_never_opens_once_the_record_shows_someone_else(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
    people: People,
    view: ResidentRecordView,
) -> None:
    show(qtbot, view, people.jose)
    release = threading.Event()
    real = services.residents.mentor_options

    def slow(person_id: int) -> Any:
        release.wait(5)
        return real(person_id)

    monkeypatch.setattr(services.residents, "mentor_options", slow)
    view._forms.mentor(people.jose)
    assert view._forms.pending == "mentor"
    show(qtbot, view, people.ana)  # the desk moved on before the mentors arrived
    release.set()
    wait_for_reads(view)
    qtbot.wait(100)
    assert view.current_dialog() is None, "no form for someone no longer on screen"
    assert not view._forms.pending
