"""``peerdesk``: with no command the application opens; otherwise a command-line verb runs.

``--db URL`` (or ``--db=URL``) may come before or after the command. Nothing heavy is imported
here, so the window can paint before SQLAlchemy loads, and a command never loads Qt's widgets.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

EXIT_BAD_INPUT = 2

#: The X libraries Qt's xcb platform needs that a bare Debian/Ubuntu system may lack:
#: (name for ``ctypes.util.find_library``, soname, Debian/Ubuntu package).
XCB_LIBRARIES = (
    ("xcb-cursor", "libxcb-cursor.so.0", "libxcb-cursor0"),
    ("xcb-icccm", "libxcb-icccm.so.4", "libxcb-icccm4"),
    ("xcb-keysyms", "libxcb-keysyms.so.1", "libxcb-keysyms1"),
)


def split_db_option(args: Sequence[str]) -> tuple[str | None, list[str]] | None:
    """(the ``--db`` value, the other arguments), wherever ``--db URL``/``--db=URL`` stands.

    ``None`` when ``--db`` has no value; the last ``--db`` wins, as in the command parser.
    """
    db: str | None = None
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--db":
            if i + 1 >= len(args):
                return None
            db, i = args[i + 1], i + 2
            continue
        if arg.startswith("--db="):
            db = arg.removeprefix("--db=")
        else:
            rest.append(arg)
        i += 1
    return db, rest


def _library_missing(name: str, soname: str) -> bool:
    import ctypes
    import ctypes.util

    try:  # the quick test: what Qt's xcb plugin itself loads
        ctypes.CDLL(soname)
    except OSError:
        return ctypes.util.find_library(name) is None
    return False


def _x_server_answers(display: str) -> bool:
    """Whether the X server ``display`` accepts a connection (``True`` if libxcb is absent:
    Qt's own message is then the best there is)."""
    import ctypes

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    conn = xcb.xcb_connect(display.encode(), None)
    try:
        return int(xcb.xcb_connection_has_error(conn)) == 0
    finally:
        xcb.xcb_disconnect(conn)


def _qt_would_use_xcb(environ: Mapping[str, str], platform: str) -> bool:
    """Whether Qt would pick its X11 platform: Linux, and neither another platform chosen in
    ``QT_QPA_PLATFORM`` (offscreen, wayland, vnc: the person's own choice) nor a Wayland
    session."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen == "xcb"
    wayland = environ.get("WAYLAND_DISPLAY") and (
        not environ.get("DISPLAY") or environ.get("XDG_SESSION_TYPE") == "wayland"
    )
    return not wayland


def display_problem(
    environ: Mapping[str, str],
    platform: str = sys.platform,
    missing: Callable[[str, str], bool] = _library_missing,
    answers: Callable[[str], bool] = _x_server_answers,
) -> str | None:
    """Why Qt cannot show a window here, in one line with the fix; ``None`` when it can.

    Qt itself would abort the process with its own message (exit 134) before any of ours.
    Only Qt's X11 platform on Linux is checked: other systems always have a display and ship
    what Qt needs.
    """
    if not _qt_would_use_xcb(environ, platform):
        return None
    display = environ.get("DISPLAY", "")
    if not display:
        what = (
            "DISPLAY is not set"
            if environ.get("QT_QPA_PLATFORM")
            else "neither DISPLAY nor WAYLAND_DISPLAY is set"
        )
        return (
            f"no display ({what}): start peerdesk in a desktop session, "
            "or run one of its commands (peerdesk --help)"
        )
    packages = [package for name, soname, package in XCB_LIBRARIES if missing(name, soname)]
    if packages:
        return (
            f"Qt needs X libraries this system lacks ({', '.join(packages)}); on Debian/Ubuntu: "
            f"sudo apt-get install -y {' '.join(p for _, _, p in XCB_LIBRARIES)}"
        )
    if not answers(display):
        return (
            f"no display: the X server {display} (DISPLAY) does not answer; start peerdesk in "
            "a desktop session, or run one of its commands (peerdesk --help)"
        )
    return None


def format_exception_safely(exc: BaseException) -> str:
    """A traceback (each frame's file, line, function and code) and the exception's type, for
    every exception in the chain, but never an exception's message: a database error's message
    carries the statement's parameters, which can be a person's data (42 CFR Part 2)."""
    import traceback

    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        cause = current.__cause__
        context = None if current.__suppress_context__ else current.__context__
        current = cause if cause is not None else context
    parts: list[str] = []
    for earlier in reversed(chain):
        if parts:
            parts.append("\nwhich led to:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_list(traceback.extract_tb(earlier.__traceback__)))
        kind = type(earlier)
        parts.append(f"{kind.__module__}.{kind.__qualname__} (message not logged)\n")
    return "".join(parts).rstrip("\n")


def configure_logging() -> None:
    """Warnings and errors to stderr, with tracebacks that never carry a message (so code may
    log with ``exc_info=True`` without writing a person's data)."""
    import logging

    class _Formatter(logging.Formatter):
        def formatException(self, ei: Any) -> str:  # noqa: N802 (logging's name)
            exc = ei[1] if isinstance(ei, tuple) else None
            return format_exception_safely(exc) if exc is not None else ""

    handler = logging.StreamHandler()
    handler.setFormatter(_Formatter("peerdesk: %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)  # the root logger: WARNING and above


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # the process itself, not a test calling in
        configure_logging()
    args = sys.argv[1:] if argv is None else argv
    split = split_db_option(args)
    if split is None or split[1]:
        from peerdesk.cli import run_cli

        return run_cli(args)
    db_arg = split[0]
    from peerdesk.config import load_settings
    from peerdesk.domain.errors import ValidationError

    try:
        load_settings(db_arg)  # an empty --db, or a data folder that cannot be made
    except ValidationError as e:
        print(f"peerdesk: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    problem = display_problem(os.environ)
    if problem is not None:
        print(f"peerdesk: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    from peerdesk.gui import run_gui

    return run_gui(db_arg)


if __name__ == "__main__":
    sys.exit(main())
