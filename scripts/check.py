"""Run everything CI runs: ruff (lint and format), mypy strict, the import contracts, pytest.

Usage: python scripts/check.py [extra pytest arguments]
Exits non-zero when any step fails. PostgreSQL tests run when PEERDESK_TEST_PG_URL is set.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(step: str, args: list[str]) -> bool:
    print(f"== {step}: {' '.join(args)}", flush=True)
    result = subprocess.run(args, cwd=ROOT, check=False)
    if result.returncode != 0:
        print(f"== {step} FAILED (exit {result.returncode})", flush=True)
    return result.returncode == 0


def main() -> int:
    py = sys.executable
    env_note = "PostgreSQL too" if os.environ.get("PEERDESK_TEST_PG_URL") else "SQLite only"
    print(f"== tests run on {env_note}", flush=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    steps = [
        ("ruff lint", [py, "-m", "ruff", "check", "."]),
        ("ruff format", [py, "-m", "ruff", "format", "--check", "."]),
        ("mypy", [py, "-m", "mypy"]),
        # The layer contracts of pyproject.toml [tool.importlinter]; what the first paint may
        # import is checked by tests/ui/test_main_window.py (a child process counts modules).
        ("layers", [str(Path(py).with_name("lint-imports")), "--no-cache"]),
        ("pytest", [py, "-m", "pytest", *sys.argv[1:]]),
    ]
    failed = [name for name, args in steps if not run(name, args)]
    if failed:
        print(f"== failed: {', '.join(failed)}", flush=True)
        return 1
    print("== all checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
