"""Alembic environment: the engine comes from ``peerdesk.db.migrate`` (config built in code)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from peerdesk.db.search import include_name
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
        # The search index lives beside the models (FTS5 tables, an expression index).
        include_name=include_name,
    )
    context.run_migrations()
