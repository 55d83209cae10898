"""An open database: the engine and the one session factory, opened one of two ways.

:func:`open_database` creates or upgrades the schema (``peerdesk init``, ``demo``, ``import``
and the application); :func:`open_current` never changes the schema and refuses a database
that is empty, behind or ahead of this PeerDesk (every read-only command).
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from peerdesk.db import HEAD_REVISION
from peerdesk.db.engine import DB_FIELD, make_engine, make_sessionmaker, sqlite_path
from peerdesk.db.migrate import current_revision, known_revisions, upgrade
from peerdesk.domain.errors import ValidationError

#: What the system says when a file may not be created where the database lives.
_READ_ONLY_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS)
_MAX_REASON = 200


class SchemaNotReadyError(ValidationError):
    """The database has no PeerDesk schema, or one this PeerDesk does not run on as it is.

    Reported under :data:`~peerdesk.db.engine.DB_FIELD`; ``revision`` is the schema revision
    found (``None`` when there is no PeerDesk schema).
    """

    def __init__(self, revision: str | None, message: str) -> None:
        super().__init__(DB_FIELD, message)
        self.revision = revision


@dataclass
class Database:
    """An open database: where it is, its engine and the application's session factory."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, prepare: Callable[[Session], None] | None = None) -> Database:
    """Open the database at ``url``, creating or upgrading its schema as needed.

    ``prepare`` then runs in one transaction (the composition root inserts the reference data).

    Raises:
        ValidationError: the URL is wrong, its folder is missing, it is read-only or the server
            cannot be reached (the field is :data:`~peerdesk.db.engine.DB_FIELD`).
        SchemaNotReadyError: the schema is from a newer PeerDesk.
    """
    engine = _make_writable_engine(url)
    try:
        with _reaching(url):
            revision = current_revision(engine)
            if revision != HEAD_REVISION:
                if revision is not None and revision not in known_revisions():
                    raise _newer(revision)
                upgrade(engine)
        sessions = make_sessionmaker(engine)
        if prepare is not None:
            with _reaching(url), sessions.begin() as s:
                prepare(s)
    except BaseException:
        engine.dispose()
        raise
    return Database(url, engine, sessions)


def open_current(url: str) -> Database:
    """Open the database at ``url`` without touching its schema, which must be this PeerDesk's.

    A SQLite file that does not exist is not created.

    Raises:
        ValidationError: as :func:`open_database`.
        SchemaNotReadyError: no PeerDesk schema, or one behind or ahead of this PeerDesk.
    """
    path = sqlite_path(url)
    if path is not None and not path.exists():
        msg = f"there is no database at {path} (run peerdesk init to create one)"
        raise SchemaNotReadyError(None, msg)
    engine = _make_writable_engine(url)
    try:
        with _reaching(url):
            revision = current_revision(engine)
        _check_revision(revision)
    except BaseException:
        engine.dispose()
        raise
    return Database(url, engine, make_sessionmaker(engine))


def _make_writable_engine(url: str) -> Engine:
    """The engine for ``url``, refusing a SQLite file or folder the user may not write: every
    command writes at least its audit event, and SQLite its ``-wal`` and ``-shm`` files."""
    engine = make_engine(url)
    path = sqlite_path(url)
    if path is not None:
        read_only = _read_only_place(path, probe=False)
        if read_only is not None:
            engine.dispose()
            raise ValidationError(DB_FIELD, f"{read_only} is read-only")
    return engine


def _check_revision(revision: str | None) -> None:
    if revision == HEAD_REVISION:
        return
    if revision is None:
        msg = "not a PeerDesk database (it has no PeerDesk schema; run peerdesk init to create one)"
        raise SchemaNotReadyError(None, msg)
    if revision in known_revisions():
        msg = (
            f"the schema is behind (revision {revision}, needs {HEAD_REVISION}): run peerdesk init"
        )
        raise SchemaNotReadyError(revision, msg)
    raise _newer(revision)


def _newer(revision: str) -> SchemaNotReadyError:
    msg = f"the schema (revision {revision}) is from a newer PeerDesk; update PeerDesk"
    return SchemaNotReadyError(revision, msg)


@contextmanager
def _reaching(url: str) -> Iterator[None]:
    """Turn a failure to reach the database into a one-line :class:`ValidationError`.

    A read-only SQLite file or folder is named as such; otherwise the driver's first line says
    why (refused, no such database, locked). Never the SQL or its parameters, which can hold a
    person's data.
    """
    try:
        yield
    except OperationalError as exc:
        path = sqlite_path(url)
        read_only = _read_only_place(path) if path is not None else None
        if read_only is not None:
            raise ValidationError(DB_FIELD, f"{read_only} is read-only") from None
        orig = exc.orig if exc.orig is not None else exc
        lines = str(orig).strip().splitlines()
        reason = (lines[0].strip() if lines else type(orig).__name__)[:_MAX_REASON]
        raise ValidationError(DB_FIELD, f"cannot open the database: {reason}") from None


def _read_only_place(path: Path, *, probe: bool = True) -> str | None:
    """'the file X' or 'the folder X' when SQLite may not write there, else None.

    SQLite writes the file and, in WAL mode, its ``-wal`` and ``-shm`` files beside it.
    ``probe`` tries to write a file in the folder, for the places where ``access()`` says yes
    to root but nothing can be created (``/proc``).
    """
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {path}"
    folder = path.parent
    if not os.access(folder, os.W_OK):
        return f"the folder {folder}"
    if not probe:
        return None
    try:  # access() says yes to root everywhere but on read-only mounts; try it for real
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as e:
        if e.errno in _READ_ONLY_ERRNOS or e.errno == errno.ENOENT:
            return f"the folder {folder}"
    return None
