"""Upgrade a database to the newest schema with the migrations shipped in this package."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from peerdesk.db import HEAD_REVISION

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or ``None`` for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(engine: Engine) -> Config:
    """The Alembic configuration, built in code (no alembic.ini to ship or lose)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> bool:
    """Bring the schema to ``revision``; return whether anything was done.

    Alembic is imported only when the database is not already at the head, which keeps the
    application's start-up fast.
    """
    if revision == "head" and current_revision(engine) == HEAD_REVISION:
        return False
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
    return True


def known_revisions() -> set[str]:
    """Every revision the shipped migrations know (reads the scripts: only when needed)."""
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}


def head_of_scripts() -> str | None:
    """The head revision of the migration scripts (a test compares it with HEAD_REVISION)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
