"""The state of a form, without Qt: which fields there are, what was typed, what is wrong.

``FormDialog`` keeps one ``FormState`` and asks it, after every keystroke, what to show: the
message under each field, the form-level banner, the summary line by Save and whether Save is
enabled. The rules of *when* an error shows live here so they can be tested without widgets:

* an error shows under a field once the person has touched it, or after they pressed Save,
  or when the service refused that very field;
* a refusal by the service sticks to its field until the field is edited again;
* errors of fields nobody touched yet are summed up by Save ("Still needed: Last name");
* a snapshot of every value is kept at load time: the form is dirty when the values differ.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from peerdesk.domain.errors import FieldError

__all__ = ["Field", "FormState", "FormView", "dedupe", "error_text", "humanise", "summary"]

#: First words of domain messages that read as the end of a sentence starting with the label.
_PREDICATES = frozenset(
    {"is", "was", "may", "needs", "must", "overlaps", "has", "rating", "target", "contains"}
)


def error_text(label: str, message: str) -> str:
    """Turn a domain message into a sentence: ``is required`` → ``First name is required``."""
    first = message.split(" ", 1)[0]
    if first in _PREDICATES:
        return f"{label} {message}"
    return message[:1].upper() + message[1:]


def humanise(field_name: str) -> str:
    """A label for a field name no form field claims: ``program_id`` → ``Program``."""
    name = field_name.removesuffix("_id")
    return name.replace("_", " ").capitalize()


def dedupe(errors: Iterable[FieldError]) -> list[FieldError]:
    """The errors in order, each once."""
    seen: set[FieldError] = set()
    out = []
    for e in errors:
        if e not in seen:
            seen.add(e)
            out.append(e)
    return out


@dataclass(eq=False)
class Field:
    """One field: the domain names it answers to, its label and whether it was edited."""

    key: str
    aliases: tuple[str, ...]
    label: str
    display: Callable[[object], str] = str
    touched: bool = False


@dataclass(frozen=True)
class FormView:
    """What the form shows for one set of errors."""

    #: The sentence under each field (``""`` for none), by field key.
    messages: dict[str, str]
    #: Sentences for errors no field claims, shown in the banner at the top.
    banner: list[str]
    #: Every field with a problem now and its first problem, shown under the field or not.
    blocking: list[tuple[Field, FieldError]]
    #: The line by Save: what still stops it, naming the fields.
    summary: str
    can_save: bool


@dataclass
class FormState:
    """Fields, dirty tracking, refusals and the choice of which errors show."""

    fields: dict[str, Field] = field(default_factory=dict)
    #: Every domain field name (aliases included) → the key of the field that shows it.
    aliases: dict[str, str] = field(default_factory=dict)
    #: Values at the last load or save; the form is dirty when the values differ.
    clean: dict[str, object] = field(default_factory=dict)
    #: Errors the service gave for the last save; each stays until its field is edited.
    server_errors: list[FieldError] = field(default_factory=list)
    #: After Save was pressed every error shows, touched or not.
    show_all: bool = False
    #: While a record is put into the widgets, their change signals are not edits.
    loading: bool = False

    # -- fields --

    def add(
        self, key: str | Sequence[str], label: str, display: Callable[[object], str] = str
    ) -> Field:
        keys = (key,) if isinstance(key, str) else tuple(key)
        f = Field(keys[0], keys, label, display)
        self.fields[f.key] = f
        for k in keys:
            self.aliases[k] = f.key
        return f

    def remove(self, key: str) -> None:
        f = self.fields.pop(key, None)
        if f is not None:
            for k in f.aliases:
                self.aliases.pop(k, None)

    def key_of(self, field_name: str) -> str | None:
        return self.aliases.get(field_name)

    def label_of(self, field_name: str) -> str:
        key = self.aliases.get(field_name)
        return self.fields[key].label if key is not None else humanise(field_name)

    # -- values --

    def loaded(self, values: Mapping[str, object]) -> None:
        """A record was put into the form: nothing is touched, nothing refused, all clean."""
        self.loading = False
        self.server_errors = []
        self.show_all = False
        for f in self.fields.values():
            f.touched = False
        self.clean = dict(values)

    def saved(self, values: Mapping[str, object]) -> None:
        self.clean = dict(values)

    def is_dirty(self, values: Mapping[str, object]) -> bool:
        return dict(values) != self.clean

    def changes(self, values: Mapping[str, object]) -> dict[str, object]:
        """The values that differ from the clean ones."""
        return {k: v for k, v in values.items() if self.clean.get(k) != v}

    def restored(self, values: Mapping[str, object]) -> None:
        """Values were put back (a kept draft, typing lost to a reload): they count as edits."""
        for key, value in values.items():
            f = self.fields.get(key)
            if f is not None and value != self.clean.get(key):
                f.touched = True

    def untouch_all(self) -> None:
        for f in self.fields.values():
            f.touched = False

    def describe(self, values: Mapping[str, object]) -> str:
        """``First name: “Ana”; Phone: “555”`` for the fields among ``values``."""
        return "; ".join(
            f"{self.fields[k].label}: “{self.fields[k].display(v)}”"
            for k, v in values.items()
            if k in self.fields
        )

    # -- edits and refusals --

    def edited(self, key: str) -> None:
        """The person changed a field: it is touched, and the service's word on it is old."""
        if self.loading:
            return
        f = self.fields.get(key)
        if f is None:
            return
        f.touched = True
        self.server_errors = [
            e for e in self.server_errors if e.field not in f.aliases and e.field in self.aliases
        ]

    def refused(self, errors: Sequence[FieldError]) -> None:
        """The service refused the save for these reasons; show all of them."""
        self.server_errors = list(errors)
        self.show_all = True

    # -- what to show --

    def view(self, errors: Sequence[FieldError]) -> FormView:
        """Which of ``errors`` (the rules' findings now) show where, and whether Save may run."""
        per_field: dict[str, list[FieldError]] = {}
        form_level: list[FieldError] = []
        for e in [*self.server_errors, *errors]:
            key = self.aliases.get(e.field)
            if key is None:
                form_level.append(e)
            else:
                per_field.setdefault(key, []).append(e)
        messages: dict[str, str] = {}
        blocking: list[tuple[Field, FieldError]] = []
        for key, f in self.fields.items():
            found = per_field.get(key, [])
            visible = bool(found) and (f.touched or self.show_all or found[0] in self.server_errors)
            messages[key] = error_text(f.label, found[0].message) if visible else ""
            if found:
                blocking.append((f, found[0]))
        banner = [error_text(humanise(e.field), e.message) for e in dedupe(form_level)]
        return FormView(
            messages=messages,
            banner=banner,
            blocking=blocking,
            summary=summary(blocking),
            can_save=not errors and not self.server_errors,
        )


def summary(blocking: Sequence[tuple[Field, FieldError]]) -> str:
    """The line by Save naming each field that stops it: empty ones, then wrong ones."""
    missing = [f.label for f, e in blocking if e.message == "is required"]
    wrong = [f.label for f, e in blocking if e.message != "is required"]
    parts = []
    if missing:
        parts.append(f"Still needed before saving: {_listed(missing)}.")
    if wrong:
        parts.append(f"To correct: {_listed(wrong)}.")
    return " ".join(parts)


def _listed(labels: Sequence[str]) -> str:
    shown = ", ".join(labels[:3])
    more = f" and {len(labels) - 3} more" if len(labels) > 3 else ""
    return shown + more
