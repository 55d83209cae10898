"""Errors that services raise and every caller (UI, CLI) turns into a message for a person.

Messages name the field and the reason; they never carry a name, a record's content or a note.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of a form or a CSV row."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class PeerDeskError(Exception):
    """Base of every error a person is meant to read."""


class ValidationError(PeerDeskError):
    """Input was refused; ``errors`` names each field and why."""

    def __init__(self, errors: list[FieldError] | FieldError | str, message: str = "") -> None:
        if isinstance(errors, FieldError):
            errors = [errors]
        elif isinstance(errors, str):
            errors = [FieldError(errors, message)]
        self.errors: list[FieldError] = errors
        super().__init__("; ".join(str(e) for e in errors))

    @property
    def fields(self) -> set[str]:
        return {e.field for e in self.errors}


class OverrideRequiredError(ValidationError):
    """The action breaks a rule that staff may override with a written reason.

    ``rules`` holds the rule codes (e.g. ``program_full``, ``program_gender``).
    """

    def __init__(self, errors: list[FieldError], rules: list[str]) -> None:
        super().__init__(errors)
        self.rules = rules


class NotFoundError(PeerDeskError):
    """A record asked for does not exist (any more)."""


class ConflictError(PeerDeskError):
    """Another workstation changed the record since it was read; reload before saving."""
