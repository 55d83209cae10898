"""Text as the lists search and sort it: accents and case ignored, one rule for every area.

A record's searchable text is stored as *terms* (lower-case words of letters and digits, joined by
spaces) and what is typed becomes *prefixes*: a record matches when every prefix starts one of its
terms. SQLite's FTS5 and PostgreSQL's full-text index both answer that from an index
(``peerdesk.db.search``), so a keystroke costs what it finds, not what the table holds.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

#: Letters that Unicode does not decompose into a base letter and an accent.
_BASE_LETTERS = str.maketrans(
    {
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ł": "l",
        "ŀ": "l",
        "ø": "o",
        "œ": "oe",
        "æ": "ae",
        "þ": "th",
        "ŧ": "t",
        "ß": "ss",
    }
)


def normalise(text: str) -> str:
    """Case-folded, accents stripped: ``Đỗ`` → ``do``, ``Zoë`` → ``zoe``, ``Łukasz`` → ``lukasz``"""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_BASE_LETTERS)


def words(text: str) -> list[str]:
    """The normalised runs of letters and digits in ``text`` (``O'Brien-Díaz`` → o, brien, diaz)."""
    out: list[str] = []
    current: list[str] = []
    for c in normalise(text):
        if c.isalnum():
            current.append(c)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def name_terms(name: str) -> list[str]:
    """A name's words, plus the name written together when it has several (``obrien``)."""
    parts = words(name)
    return [*parts, "".join(parts)] if len(parts) > 1 else parts


def phone_terms(phone: str) -> list[str]:
    """The digits of a phone number, and its last seven and last four digits as typed at a desk."""
    number = "".join(c for c in phone if c.isdigit())
    if not number:
        return []
    return [number, *(number[-n:] for n in (7, 4) if len(number) > n)]


def join_terms(terms: Iterable[str]) -> str:
    """Terms as stored: unique, in order, separated by single spaces."""
    return " ".join(dict.fromkeys(t for t in terms if t))


def sort_key(*parts: str) -> str:
    """A key that sorts by ``parts`` in turn (last name, then first name) by the letters alone.

    Words inside a part are joined by ``-``, parts by a space: a space sorts before ``-`` and
    ``-`` before letters and digits, so ``Adams, Zoe`` comes before ``Adams-Bell, Al`` and
    ``Đỗ`` sorts with D. Compared byte by byte (the column uses the ``C`` collation).
    """
    return " ".join("-".join(words(p)) for p in parts)
