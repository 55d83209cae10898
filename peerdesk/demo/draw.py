"""Random draws the planners share: weighted choices, Poisson counts, names and contact data."""

from __future__ import annotations

import bisect
import itertools
import math
import random
from collections.abc import Sequence
from typing import Any

from peerdesk.demo import words
from peerdesk.domain.enums import Gender
from peerdesk.domain.validation import fold


class Weighted:
    """A fast weighted choice (cumulative weights searched with bisect)."""

    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        self._values = [v for v, _ in pairs]
        self._cum = list(itertools.accumulate(w for _, w in pairs))

    def pick(self, rng: random.Random) -> Any:
        return self._values[bisect.bisect_right(self._cum, rng.random() * self._cum[-1])]


def poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


class Names:
    """Diverse names and plausible, fictional contact data (555 numbers, example domains)."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def full_name(self, gender: Gender) -> tuple[str, str]:
        rng = self._rng
        match gender:
            case Gender.MALE:
                first = rng.choice(words.MALE_FIRST)
            case Gender.FEMALE:
                first = rng.choice(words.FEMALE_FIRST)
            case _:
                first = rng.choice(words.NEUTRAL_FIRST)
        return first, rng.choice(words.LAST)

    def phone(self) -> str:
        rng = self._rng
        area, line = rng.choice(words.AREA_CODES), rng.randint(0, 9999)
        return rng.choice(
            (f"({area}) 555-{line:04d}", f"{area}-555-{line:04d}", f"{area}.555.{line:04d}")
        )

    def email(self, first: str, last: str) -> str:
        def part(name: str) -> str:
            return "".join(
                c for c in fold(name).translate(words.ASCII) if c.isascii() and c.isalnum()
            )

        number = str(self._rng.randint(1, 99)) if self._rng.random() < 0.4 else ""
        return f"{part(first)}.{part(last)}{number}@{self._rng.choice(words.MAIL_DOMAINS)}"
