"""Create engines and session factories for SQLite (embedded) and PostgreSQL (shared)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from peerdesk.config import DB_FIELD
from peerdesk.domain.errors import ValidationError

__all__ = ["DB_FIELD", "make_engine", "make_sessionmaker", "sqlite_path"]


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # WAL + synchronous=FULL: a committed note survives a power cut (PRODUCT.md "Reliability").
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def sqlite_path(url: str) -> Path | None:
    """The file a SQLite URL names, or ``None`` (another database, in memory, or no URL)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if parsed.query.get("mode") == "memory":
        return None
    return Path(parsed.database).expanduser()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite gets WAL, synchronous=FULL and foreign keys.

    Nothing is created here: a SQLite file's folder must already exist.

    Raises:
        ValidationError: (field :data:`DB_FIELD`) the URL is empty, cannot be parsed, names no
            known database kind, or a SQLite folder that does not exist.
    """
    if not url.strip():
        raise ValidationError(
            DB_FIELD, "the URL is empty (give one such as sqlite:///path/to/file.db)"
        )
    try:
        parsed = make_url(url)
    except ArgumentError:
        msg = "not a database URL (e.g. sqlite:///path/to/file.db)"
        raise ValidationError(DB_FIELD, msg) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None and not path.parent.is_dir():
            raise ValidationError(DB_FIELD, f"the folder {path.parent} does not exist")
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True, **kwargs)
    msg = f"unsupported database kind '{backend}' (use sqlite or postgresql)"
    raise ValidationError(DB_FIELD, msg)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """The one session factory of the application (objects stay usable after commit)."""
    return sessionmaker(engine, expire_on_commit=False)
