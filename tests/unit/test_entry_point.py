"""``peerdesk``'s entry point: where --db stands, and why a window cannot open (without Qt)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from peerdesk.__main__ import (
    XCB_LIBRARIES,
    _x_server_answers,
    display_problem,
    format_exception_safely,
    split_db_option,
)

INSTALL = "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (None, [])),
        (["--db", "u"], ("u", [])),
        (["--db=u"], ("u", [])),
        (["--db="], ("", [])),
        (["--db", "u", "init"], ("u", ["init"])),
        (["init", "--db=u"], ("u", ["init"])),
        (["export", "residents", "--db", "u", "r.csv"], ("u", ["export", "residents", "r.csv"])),
        (["--db", "a", "--db=b"], ("b", [])),
        (["--db"], None),
        (["init", "--db"], None),
        (["--version"], (None, ["--version"])),
    ],
)
def test_split_db_option_finds_db_anywhere(
    args: list[str], expected: tuple[str | None, list[str]] | None
) -> None:
    assert split_db_option(args) == expected


def _present(_name: str, _soname: str) -> bool:
    return False


def _answers(_display: str) -> bool:
    return True


def problem(env: dict[str, str], **kwargs: object) -> str | None:
    kwargs.setdefault("platform", "linux")
    kwargs.setdefault("missing", _present)
    kwargs.setdefault("answers", _answers)
    return display_problem(env, **kwargs)  # type: ignore[arg-type]


def test_a_desktop_session_has_no_problem() -> None:
    assert problem({"DISPLAY": ":0"}) is None
    assert problem({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert problem({"WAYLAND_DISPLAY": "w", "DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}) is None


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_only_linux_is_checked(platform: str) -> None:
    assert problem({}, platform=platform) is None


@pytest.mark.parametrize("chosen", ["offscreen", "wayland", "vnc:size=800x600", "minimal"])
def test_another_qt_platform_chosen_by_the_person_is_left_to_qt(chosen: str) -> None:
    assert problem({"QT_QPA_PLATFORM": chosen}) is None


def test_no_display_is_one_line() -> None:
    text = problem({})
    assert text is not None
    assert text.startswith("no display (neither DISPLAY nor WAYLAND_DISPLAY is set)")
    text = problem({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w"})
    assert text is not None
    assert text.startswith("no display (DISPLAY is not set)")


def test_missing_x_libraries_are_named_with_the_install_command() -> None:
    asked: list[str] = []

    def missing(name: str, soname: str) -> bool:
        asked.append(name)
        return name != "xcb-cursor"

    text = problem({"DISPLAY": ":0"}, missing=missing)
    assert asked == ["xcb-cursor", "xcb-icccm", "xcb-keysyms"]
    assert text == (
        "Qt needs X libraries this system lacks (libxcb-icccm4, libxcb-keysyms1); "
        f"on Debian/Ubuntu: {INSTALL}"
    )
    assert [package for _, _, package in XCB_LIBRARIES] == INSTALL.split()[4:]


def test_an_x_server_that_does_not_answer_is_named() -> None:
    text = problem({"DISPLAY": ":42"}, answers=lambda display: False)
    assert text is not None
    assert text.startswith("no display: the X server :42 (DISPLAY) does not answer")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is checked on Linux only")
def test_no_x_server_answers_on_an_unused_display() -> None:
    assert _x_server_answers(":987") is False


#: What a database error's message may carry; traceback lines show code, so it is kept apart.
PERSON = {"name": "Jane Doe", "phone": "555 0101"}


def _lookup(record: dict[str, str], name: str) -> str:
    return record[name]


def test_a_logged_traceback_names_frames_and_types_but_no_message() -> None:
    try:
        try:
            _lookup({}, PERSON["name"])
        except KeyError as e:
            raise ValueError(PERSON["phone"]) from e
    except ValueError as e:
        text = format_exception_safely(e)
    assert "Jane" not in text
    assert "555" not in text
    assert "builtins.KeyError (message not logged)" in text
    assert text.endswith("builtins.ValueError (message not logged)")
    assert text.index("KeyError") < text.index("which led to") < text.index("ValueError")
    assert ", in _lookup" in text
    assert ", in test_a_logged_traceback_names_frames_and_types_but_no_message" in text


def test_the_process_logs_tracebacks_without_messages() -> None:
    script = textwrap.dedent(
        """
        import logging
        from peerdesk.__main__ import configure_logging
        configure_logging()
        try:
            raise RuntimeError("Jane Doe")
        except RuntimeError:
            logging.getLogger("peerdesk.ui.x").error("opening a record failed", exc_info=True)
        logging.getLogger("peerdesk.ui.x").info("not shown")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    lines = done.stderr.strip().splitlines()
    assert lines[0] == "peerdesk: ERROR peerdesk.ui.x: opening a record failed"
    assert lines[1] == "Traceback (most recent call last):"
    assert lines[-1] == "builtins.RuntimeError (message not logged)"
    assert "Jane" not in done.stderr
    assert "not shown" not in done.stderr
