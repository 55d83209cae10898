"""Turning an exception into the one line a person reads (no traceback, no SQL, no values)."""

from __future__ import annotations

MAX_REASON = 200


def one_line_reason(exc: BaseException) -> str:
    """The first line of what went wrong.

    A database driver's error wrapped by SQLAlchemy carries the driver's own message in ``orig``;
    that one is used, so the SQL text and its parameters (which may hold names) never show.
    """
    cause = getattr(exc, "orig", None)
    source = cause if isinstance(cause, BaseException) else exc
    lines = str(source).strip().splitlines()
    text = lines[0].strip() if lines else type(source).__name__
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"
