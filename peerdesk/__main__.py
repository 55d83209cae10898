"""``peerdesk``: with no command the application opens; otherwise a command-line verb runs.

Nothing heavy is imported here, so the window can paint before SQLAlchemy loads.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or (args[0] == "--db" and len(args) == 2) or args[0].startswith("--db="):
        from peerdesk.gui import run_gui

        db_arg = None
        if args:
            db_arg = args[1] if args[0] == "--db" else args[0].split("=", 1)[1]
        return run_gui(db_arg)
    from peerdesk.cli import run_cli

    return run_cli(args)


if __name__ == "__main__":
    sys.exit(main())
