"""Alembic environment: the engine comes from ``peerdesk.db.migrate`` (config built in code)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from peerdesk.models import Base

config = context.config
engine = config.attributes.get("engine")
assert isinstance(engine, Engine), "run migrations through peerdesk.db.migrate.upgrade()"

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things
        compare_type=True,
    )
    context.run_migrations()
