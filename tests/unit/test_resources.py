"""The files of resources/: fonts that print every name, the application icon, and finding them."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from peerdesk import paths
from peerdesk.paths import (
    FONT_MONO,
    FONTS,
    NAME_FONTS,
    app_icon_path,
    font_path,
    resource_path,
    resources_root,
)

ROOT = Path(__file__).resolve().parents[2]
#: Names the PDF reports must print: a stroke, stacked accents, an umlaut.
NAMES = "Đỗ Nguyễn Müller"
#: The first bytes of a TrueType font file (version 1.0 of the sfnt format).
TRUETYPE_MAGIC = b"\x00\x01\x00\x00"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def fresh_root() -> Iterator[None]:
    """Forget the cached folder before and after, so a patched lookup does not leak."""
    resources_root.cache_clear()
    yield
    resources_root.cache_clear()


def test_the_installed_package_finds_the_top_level_folder() -> None:
    # The test environment is an editable install: peerdesk.resources maps onto resources/.
    assert resources_root() == ROOT / "resources"
    assert resource_path("README.md").is_file()


def test_a_checkout_that_was_never_installed_uses_the_folder_beside_the_package(
    fresh_root: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "find_spec", lambda _name: None)
    assert resources_root() == ROOT / "resources"
    assert app_icon_path().is_file()


def _glyphs(path: Path) -> dict[int, int]:
    """The font's character map, read the way the PDF builders will register it."""
    font = TTFont(path.stem, str(path))
    glyphs: dict[int, int] = font.face.charToGlyph
    return glyphs


@pytest.mark.parametrize("name", FONTS)
def test_every_font_is_a_truetype_file(name: str) -> None:
    path = font_path(name)
    assert path.is_file()
    assert path.read_bytes()[:4] == TRUETYPE_MAGIC


@pytest.mark.parametrize("name", NAME_FONTS)
def test_the_name_fonts_print_every_letter_of_the_names(name: str) -> None:
    glyphs = _glyphs(font_path(name))
    assert not {c for c in NAMES if ord(c) not in glyphs}
    vietnamese = range(0x1EA0, 0x1EFA)  # Latin Extended Additional: Ạ ... ỹ
    assert not [c for c in vietnamese if c not in glyphs]


def test_the_mono_font_prints_figures_and_latin_letters() -> None:
    glyphs = _glyphs(font_path(FONT_MONO))
    latin = [*range(0x20, 0x7F), *range(0xA0, 0x180)]  # ASCII, Latin-1, Latin Extended-A
    assert not [c for c in latin if c not in glyphs]


def test_the_fonts_travel_with_their_licence() -> None:
    text = font_path("LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera" in text
    assert "Permission is hereby granted" in text


def test_the_application_icon_is_an_svg_drawn_in_the_primary_colour() -> None:
    path = app_icon_path()
    assert path.suffix == ".svg"
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 64 64"
    fills = {el.get("fill") for el in root.iter(f"{SVG}circle")}
    assert "#1a4fa0" in fills


def test_the_icons_folder_holds_only_the_application_icon() -> None:
    assert sorted(p.name for p in resource_path("icons").iterdir()) == ["peerdesk.svg"]


def test_finding_the_icon_imports_nothing_heavy() -> None:
    # peerdesk.paths is on the start-up path (the window icon): the standard library only.
    script = (
        "import sys\n"
        "from peerdesk.paths import app_icon_path\n"
        "app_icon_path()\n"
        "heavy = ('PySide6', 'sqlalchemy', 'alembic', 'reportlab', 'importlib.resources')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    assert out == "[]\n"
