"""Create engines and session factories for SQLite (embedded) and PostgreSQL (shared)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from peerdesk.domain.errors import ValidationError


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # WAL + synchronous=FULL: a committed note survives a power cut (PRODUCT.md "Reliability").
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite gets WAL, synchronous=FULL and foreign keys.

    Raises:
        ValidationError: the URL cannot be parsed or names no known database kind.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        msg = "not a database URL (e.g. sqlite:///path/to/file.db)"
        raise ValidationError("--db", msg) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                msg = f"cannot create the folder {folder} ({e.strerror or type(e).__name__})"
                raise ValidationError("--db", msg) from None
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True, **kwargs)
    msg = f"unsupported database kind '{backend}' (use sqlite or postgresql)"
    raise ValidationError("--db", msg)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """The one session factory of the application (objects stay usable after commit)."""
    return sessionmaker(engine, expire_on_commit=False)
