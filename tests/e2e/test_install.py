"""A wheel built from a clean copy of the project carries what the installed package reads.

The files outside Python code (the top-level resources/ folder, the migrations) reach an
installed PeerDesk only if the build puts them in the wheel. Building one takes a few seconds
(pip sets up an isolated build environment); installing it is left out as too slow.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from peerdesk.paths import APP_ICON, FONTS

ROOT = Path(__file__).resolve().parent.parent.parent
#: What a build reads: everything else in the checkout (tests, .venv, caches) stays behind.
BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "peerdesk", "resources")


def build_wheel(workdir: Path) -> Path:
    source = workdir / "src"
    source.mkdir()
    for name in BUILD_INPUTS:
        path = ROOT / name
        if path.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(path, source / name, ignore=ignore)
        else:
            shutil.copy2(path, source / name)
    out = workdir / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(source), "-w", str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = out.glob("peerdesk-*.whl")
    return wheel


def test_the_wheel_carries_the_resources_and_the_migrations(tmp_path: Path) -> None:
    with zipfile.ZipFile(build_wheel(tmp_path)) as wheel:
        names = set(wheel.namelist())
    expected = {
        *(f"peerdesk/resources/fonts/{font}" for font in FONTS),
        "peerdesk/resources/fonts/LICENSE-DejaVu.txt",
        f"peerdesk/resources/icons/{APP_ICON}",
        "peerdesk/resources/__init__.py",
        "peerdesk/paths.py",
        "peerdesk/py.typed",
        "peerdesk/db/migrations/env.py",
        "peerdesk/db/migrations/script.py.mako",
        "peerdesk/db/migrations/versions/0001_initial_schema.py",
    }
    assert expected <= names
    # The folder is installed inside the package, never as a top-level "resources" of its own.
    assert not [n for n in names if n.startswith("resources/")]
