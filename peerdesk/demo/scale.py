"""How big a demo facility is: ``small`` (about four months of 30 beds) or ``large``.

``large`` is ten years of a 100-bed facility (PRODUCT.md "Scale and speed"). The knobs that
shape each area's history (length of stay, share of alumni, group size...) live with that
area's planner; together they are tuned so ``large`` lands near the figures of PRODUCT.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from peerdesk.domain.enums import ProgramCode


@dataclass(frozen=True)
class Scale:
    days: int
    beds: Mapping[str, int]
    staff: int
    direct_alumni: int
    #: Weekly activity series per program (a place in the week for one quarter each).
    series_per_week: Mapping[str, int]


SCALES: dict[str, Scale] = {
    "small": Scale(
        days=120,
        beds={ProgramCode.MENS: 16, ProgramCode.WOMENS: 14},
        staff=6,
        direct_alumni=8,
        series_per_week={ProgramCode.MENS: 4, ProgramCode.WOMENS: 4},
    ),
    "large": Scale(
        days=3652,
        beds={ProgramCode.MENS: 60, ProgramCode.WOMENS: 40},
        staff=14,
        direct_alumni=200,
        series_per_week={ProgramCode.MENS: 12, ProgramCode.WOMENS: 8},
    ),
}
