"""Where the files of ``resources/`` are: the application icon and the PDF fonts.

The repository keeps them in its top-level ``resources/`` folder; the wheel carries that folder
as the data package ``peerdesk.resources`` and an editable install maps the same name onto the
folder itself (both through setup.py's ``package_dir``), so the import system finds them either
way. A source checkout that was never installed falls back to the folder beside the package.

Only the standard library is imported here: the window icon is looked up on the start-up path.
"""

from __future__ import annotations

from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Final

#: The data package that holds ``resources/`` once installed.
RESOURCES_PACKAGE: Final = "peerdesk.resources"

#: DejaVu Sans in four styles: it prints every name ("Đỗ", "Nguyễn", "Müller"), all of
#: Vietnamese included. Set names in these.
FONT_REGULAR: Final = "DejaVuSans.ttf"
FONT_BOLD: Final = "DejaVuSans-Bold.ttf"
FONT_OBLIQUE: Final = "DejaVuSans-Oblique.ttf"
FONT_BOLD_OBLIQUE: Final = "DejaVuSans-BoldOblique.ttf"
NAME_FONTS: Final = (FONT_REGULAR, FONT_BOLD, FONT_OBLIQUE, FONT_BOLD_OBLIQUE)
#: DejaVu Sans Mono, for identifiers and figures only: it lacks half of the Vietnamese letters
#: ("ỗ", "ễ"), so a name set in it would print with holes.
FONT_MONO: Final = "DejaVuSansMono.ttf"
FONTS: Final = (*NAME_FONTS, FONT_MONO)

APP_ICON: Final = "peerdesk.svg"

_CHECKOUT_RESOURCES: Final = Path(__file__).resolve().parent.parent / "resources"


@cache
def resources_root() -> Path:
    """The folder holding ``fonts/`` and ``icons/``, installed or in a source checkout."""
    # The import system's own answer for the data package, without running it. This is what
    # importlib.resources.files() asks too, minus its ~3 ms of imports on the start-up path.
    spec = find_spec(RESOURCES_PACKAGE)
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:  # a checkout run without installing: the top-level folder
        return _CHECKOUT_RESOURCES
    return Path(next(iter(locations)))


def resource_path(*parts: str) -> Path:
    """The path of ``resources/<parts...>``; whether it exists is the caller's question."""
    return resources_root().joinpath(*parts)


def font_path(name: str) -> Path:
    """The path of a font file in ``resources/fonts/``, e.g. ``font_path(FONT_REGULAR)``."""
    return resource_path("fonts", name)


def app_icon_path() -> Path:
    """The application icon (SVG) that every window shows."""
    return resource_path("icons", APP_ICON)
