"""The command-line verbs of PRODUCT.md; each calls services and returns an exit status.

0 on success; 2 on bad input with a one-line reason on stderr; never a traceback for a
user's mistake. Messages name rows, columns and fields, never a person's data.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from peerdesk.config import load_settings

if TYPE_CHECKING:
    from peerdesk.db.database import Database
    from peerdesk.services.csvio import CsvKinds

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1

#: The commands that may create or upgrade a schema; every other one opens the database as it
#: is and refuses one that is empty or behind.
SCHEMA_COMMANDS = frozenset({"init", "demo", "import"})

DB_HELP = (
    "SQLAlchemy database URL, e.g. sqlite:///path/to/peerdesk.db or "
    "postgresql://user@server/peerdesk (default: PEERDESK_DB, else peerdesk.db in the user's "
    "data folder)"
)
DESCRIPTION = """\
PeerDesk: records for peer-based recovery.

With no command, peerdesk opens the application (on the database given by --db, if any).
With a command, it runs that command and exits: 0 on success, 2 on bad input."""


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 and one line on stderr."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"peerdesk: {message}\n")


def build_parser(csv_kinds: Sequence[str]) -> argparse.ArgumentParser:
    """The parser; ``csv_kinds`` are the names ``import`` and ``export`` accept."""
    from peerdesk import __version__

    kind_help = f"what the file holds: {', '.join(csv_kinds)}"

    parser = _Parser(
        prog="peerdesk",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument("--db", metavar="URL", help=DB_HELP)
    parser.add_argument(
        "--version", action="version", version=f"peerdesk {__version__}", help="show the version"
    )
    # Also accepted after the command; SUPPRESS keeps a --db given before it.
    common = _Parser(add_help=False, allow_abbrev=False)
    common.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=DB_HELP)
    sub = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="COMMAND",
        title="commands",
        help="peerdesk COMMAND --help says more",
        parser_class=_Parser,
    )

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, parents=[common], help=help_text, description=help_text, allow_abbrev=False
        )

    command("init", "create or upgrade the database schema")

    demo = command("demo", "fill an empty database with synthetic data")
    demo.add_argument(
        "--size",
        choices=("small", "large"),
        default="small",
        help="small: four months of a 30-bed facility (seconds); "
        "large: ten years of a 100-bed facility (minutes); default: small",
    )
    demo.add_argument(
        "--seed", type=int, default=1, help="the same seed gives the same data (default: 1)"
    )

    imp = command("import", "import a CSV file (all or nothing)")
    imp.add_argument("kind", choices=csv_kinds, metavar="KIND", help=kind_help)
    imp.add_argument("file", type=Path, help="the CSV file to read")
    imp.add_argument("--dry-run", action="store_true", help="validate only; store nothing")

    exp = command("export", "export a CSV file")
    exp.add_argument("kind", choices=csv_kinds, metavar="KIND", help=kind_help)
    exp.add_argument("file", type=Path, help="the CSV file to write")
    return parser


def _err(message: str) -> int:
    print(f"peerdesk: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _progress_printer() -> Callable[[str, int, int], None]:
    """A one-line progress display on a terminal; a line per step otherwise."""
    tty = sys.stderr.isatty()
    last: dict[str, int] = {}

    def show(step: str, done: int, total: int) -> None:
        pct = 100 * done // total if total else 100
        if tty:
            end = "\n" if done >= total else ""
            print(f"\r{step:<28} {done:>9,}/{total:,} {pct:3d}%", end=end, file=sys.stderr)
        elif done >= total or pct // 25 > last.get(step, -1):
            last[step] = pct // 25
            print(f"{step}: {done:,}/{total:,}", file=sys.stderr)

    return show


def run_cli(argv: list[str], csv_kinds: CsvKinds | None = None) -> int:
    """Run one verb; ``csv_kinds`` default to the composition root's."""
    if csv_kinds is None:
        from peerdesk.app import csv_kinds as offered

        csv_kinds = offered()
    args = build_parser(csv_kinds.names).parse_args(argv)  # exits 0 on --help, 2 on misuse
    from peerdesk.domain.errors import PeerDeskError

    try:
        return _dispatch(args, csv_kinds)
    except PeerDeskError as e:
        return _err(str(e))
    except KeyboardInterrupt:
        return _err("interrupted; nothing half-saved")
    except Exception as e:
        # A bug, not the user's mistake. Only the type is printed: database errors carry the
        # statement's parameters, which can be a person's data (42 CFR Part 2).
        print(f"peerdesk: internal error ({type(e).__name__}); nothing half-saved", file=sys.stderr)
        return EXIT_INTERNAL


def _open(args: argparse.Namespace) -> Database:
    """Open the database the command runs on; errors about its URL name where it came from."""
    from peerdesk.app import open_current, open_database
    from peerdesk.domain.errors import ValidationError

    settings = load_settings(args.db)
    opener = open_database if args.command in SCHEMA_COMMANDS else open_current
    try:
        return opener(settings.db_url)
    except ValidationError as e:
        raise settings.naming_the_source(e) from None


def _dispatch(args: argparse.Namespace, csv_kinds: CsvKinds) -> int:
    from peerdesk.app import build_services

    db = _open(args)
    try:
        services = build_services(db)
        match args.command:
            case "init":
                print("database is at the current schema", file=sys.stderr)
                return EXIT_OK
            case "demo":
                from peerdesk.demo import generate

                summary = generate(
                    db.engine, size=args.size, seed=args.seed, progress=_progress_printer()
                )
                print(summary, file=sys.stderr)
                return EXIT_OK
            case "import":
                from peerdesk.services.csvio import CsvService, ImportFailedError

                csv = CsvService(db.sessions, services.user, services.today, kinds=csv_kinds)
                try:
                    report = csv.import_file(args.kind, args.file, dry_run=args.dry_run)
                except ImportFailedError as e:
                    # One line per bad row ("FILE row N, column C: reason"), then the outcome.
                    lines, status = e.lines(), EXIT_BAD_INPUT
                else:
                    lines, status = report.lines(str(args.file)), EXIT_OK
                for line in lines:
                    print(line, file=sys.stderr)
                return status
            case "export":
                from peerdesk.services.csvio import CsvService

                csv = CsvService(db.sessions, services.user, services.today, kinds=csv_kinds)
                count = csv.export(args.kind, args.file)
                print(f"exported {count} {args.kind} rows", file=sys.stderr)
                return EXIT_OK
        return _err(f"unknown command {args.command}")
    finally:
        db.dispose()
