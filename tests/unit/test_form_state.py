"""The state of a form without Qt: which errors show where, dirty tracking, refusals."""

from __future__ import annotations

import subprocess
import sys

from peerdesk.domain.errors import FieldError
from peerdesk.ui.common.form_state import FormState, error_text, humanise

REQUIRED = FieldError("first_name", "is required")
BAD_DATE = FieldError("date_of_birth", "is not a date: month 13 does not exist")


def person_form() -> FormState:
    state = FormState()
    state.add("first_name", "First name")
    state.add("date_of_birth", "Date of birth")
    state.add(("external_id", "id"), "Facility id")
    state.loaded({"first_name": "", "date_of_birth": "", "external_id": ""})
    return state


def test_untouched_errors_wait_and_the_summary_names_them() -> None:
    state = person_form()
    view = state.view([REQUIRED, BAD_DATE])
    assert view.messages == {"first_name": "", "date_of_birth": "", "external_id": ""}
    assert view.summary == ("Still needed before saving: First name. To correct: Date of birth.")
    assert not view.can_save


def test_an_edited_field_shows_its_error_as_a_sentence() -> None:
    state = person_form()
    state.edited("date_of_birth")
    view = state.view([REQUIRED, BAD_DATE])
    assert view.messages["date_of_birth"] == (
        "Date of birth is not a date: month 13 does not exist"
    )
    assert view.messages["first_name"] == ""
    # The summary names the field that is actually wrong, not another one.
    assert "Date of birth" in view.summary
    assert "Facility id" not in view.summary


def test_save_shows_every_error() -> None:
    state = person_form()
    state.show_all = True
    view = state.view([REQUIRED, BAD_DATE])
    assert view.messages["first_name"] == "First name is required"
    assert view.messages["date_of_birth"].startswith("Date of birth")


def test_a_refusal_sticks_to_its_field_until_that_field_is_edited() -> None:
    state = person_form()
    state.refused([FieldError("id", "is already used by another resident")])
    view = state.view([])
    assert view.messages["external_id"] == "Facility id is already used by another resident"
    assert not view.can_save
    state.edited("first_name")
    assert not state.view([]).can_save
    state.edited("external_id")
    view = state.view([])
    assert view.messages["external_id"] == ""
    assert view.can_save


def test_errors_no_field_claims_go_to_the_banner() -> None:
    state = person_form()
    view = state.view([FieldError("stay", "was already discharged on 2026-05-01")])
    assert view.banner == ["Stay was already discharged on 2026-05-01"]
    assert not view.can_save


def test_dirty_tracking_and_what_changed() -> None:
    state = person_form()
    values = {"first_name": "Ana", "date_of_birth": "", "external_id": ""}
    assert state.is_dirty(values)
    assert state.changes(values) == {"first_name": "Ana"}
    assert state.describe(state.changes(values)) == "First name: “Ana”"
    state.saved(values)
    assert not state.is_dirty(values)


def test_restored_values_count_as_edits_and_loading_does_not() -> None:
    state = person_form()

    def touched() -> set[str]:
        return {k for k, f in state.fields.items() if f.touched}

    state.restored({"first_name": "Ana", "date_of_birth": ""})
    assert touched() == {"first_name"}
    state.loading = True
    state.edited("date_of_birth")
    assert touched() == {"first_name"}
    state.loaded({"first_name": "Ana", "date_of_birth": "", "external_id": ""})
    assert touched() == set()
    assert state.loading is False


def test_removing_a_field_forgets_its_names() -> None:
    state = person_form()
    state.remove("external_id")
    assert state.key_of("id") is None
    assert state.label_of("id") == "Id"
    assert state.label_of("first_name") == "First name"


def test_many_missing_fields_are_summed_up() -> None:
    state = FormState()
    for i in range(5):
        state.add(f"f{i}", f"Field {i}")
    view = state.view([FieldError(f"f{i}", "is required") for i in range(5)])
    assert view.summary == "Still needed before saving: Field 0, Field 1, Field 2 and 2 more."


def test_error_text_and_humanise() -> None:
    assert error_text("First name", "is required") == "First name is required"
    assert error_text("Note", "contains a control character") == (
        "Note contains a control character"
    )
    assert error_text("Admission date", "the person is already in care") == (
        "The person is already in care"
    )
    assert humanise("program_id") == "Program"


def test_the_form_state_needs_no_qt() -> None:
    code = (
        "import sys, peerdesk.ui.common.form_state;"
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
