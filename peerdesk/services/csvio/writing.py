"""Writing a CSV file: RFC 4180 text in UTF-8, replacing the target whole or not at all."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from peerdesk.domain.errors import PeerDeskError

_LINE_TERMINATOR = "\r\n"  # RFC 4180


def csv_bytes(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    written: Callable[[int], None] | None = None,
    batch: int = 1000,
) -> bytes:
    """The header and ``rows`` as CSV in UTF-8; ``written(n)`` after each ``batch`` of rows."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=_LINE_TERMINATOR)
    writer.writerow(columns)
    for start in range(0, len(rows), batch):
        writer.writerows(rows[start : start + batch])
        if written is not None:
            written(min(start + batch, len(rows)))
    return buffer.getvalue().encode("utf-8")


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: readers see the old file or the new one, never half.

    Raises:
        PeerDeskError: the folder is missing or the file cannot be written.
    """
    folder = path.parent
    if not folder.is_dir():
        raise PeerDeskError(f"{path}: the folder {folder} does not exist")
    tmp: Path | None = None
    try:
        # mkstemp makes the file readable by its owner only: an export holds health data.
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        tmp = Path(name)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        tmp.replace(path)
    except OSError as e:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        reason = e.strerror or type(e).__name__
        raise PeerDeskError(f"{path}: cannot be written ({reason})") from None
