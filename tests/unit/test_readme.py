"""The README as a newcomer reads it: two set-up commands, the Linux note first, and commands
that the command line accepts as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from peerdesk.__main__ import XCB_LIBRARIES, split_db_option
from peerdesk.app import csv_kinds
from peerdesk.cli import build_parser

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
APT = "sudo apt-get install -y " + " ".join(package for _, _, package in XCB_LIBRARIES)


def _section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def _blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)


def _peerdesk_lines() -> list[list[str]]:
    lines = []
    for block in _blocks(README):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "peerdesk":
                lines.append(words[1:])
    return lines


def test_set_up_is_two_commands_after_the_linux_libraries_note() -> None:
    setup = _section("Set up")
    blocks = _blocks(setup)
    assert len(blocks) == 2
    assert all(len(b.strip().splitlines()) == 1 for b in blocks)
    assert setup.index(APT) < setup.index("```sh")


def test_the_readme_says_how_to_reach_peerdesk_after_set_up() -> None:
    cli = _section("The command line")
    assert ". .venv/bin/activate" in cli
    assert ".venv/bin/peerdesk" in cli
    assert "postgresql://USER@HOST:5432/DB" in README
    assert "PEERDESK_TEST_PG_URL" in README


def test_the_benchmark_database_is_made_before_the_benchmark_runs() -> None:
    make = README.index("peerdesk --db sqlite:///large.db demo --size large")
    run = README.index("python bench/bench_residents.py --db sqlite:///large.db")
    assert make < run


@pytest.mark.parametrize("args", _peerdesk_lines(), ids=shlex.join)
def test_every_peerdesk_command_in_the_readme_is_accepted(args: list[str]) -> None:
    split = split_db_option(args)
    assert split is not None
    if not split[1]:
        return  # opens the application
    if args == ["--help"]:
        return
    parsed = build_parser(csv_kinds().names).parse_args(args)
    assert parsed.command in {"init", "demo", "import", "export"}
