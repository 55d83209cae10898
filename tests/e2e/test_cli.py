"""The command-line contract: init, demo, --db and PEERDESK_DB, exit 2 without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent.parent


def peerdesk(*args: str, env_db: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PEERDESK_DB"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if env_db is not None:
        env["PEERDESK_DB"] = env_db
    return subprocess.run(
        [sys.executable, "-m", "peerdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=300,
    )


def count(url: str, table: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def test_init_creates_the_schema_and_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sub' / 'p.db'}"
    for _ in range(2):
        done = peerdesk("init", "--db", url)
        assert done.returncode == 0, done.stderr
    assert count(url, "persons") == 0
    assert count(url, "programs") == 2


def test_peerdesk_db_environment_variable_chooses_the_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    assert peerdesk("init", env_db=url).returncode == 0
    assert (tmp_path / "env.db").exists()


def test_demo_small_fills_every_area_and_refuses_a_second_run(db_url: str) -> None:
    done = peerdesk("demo", "--size", "small", "--seed", "4", "--db", db_url)
    assert done.returncode == 0, done.stderr
    for table in (
        "persons",
        "stays",
        "alumni",
        "group_sessions",
        "attendance",
        "activity_occurrences",
        "participations",
        "followups",
    ):
        assert count(db_url, table) > 0, table
    people = count(db_url, "persons")
    again = peerdesk("demo", "--size", "small", "--db", db_url)
    assert again.returncode == 2
    assert "Traceback" not in again.stderr
    assert count(db_url, "persons") == people


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["init", "--db", "nope://x"], "--db: unsupported database kind"),
        (["init", "--db", "postgresql://nobody@127.0.0.1:1/x"], "--db: cannot open the database"),
        (["init", "--db", "sqlite:////proc/no/such/dir/x.db"], "--db: cannot create the folder"),
        (["demo", "--size", "huge"], "invalid choice: 'huge'"),
        (["import", "alumni", "x.csv"], "invalid choice: 'alumni'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_traceback(args: list[str], reason: str) -> None:
    done = peerdesk(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert reason in lines[-1]
