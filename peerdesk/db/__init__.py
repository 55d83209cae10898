"""Engine set-up (SQLite pragmas, PostgreSQL), Alembic migrations shipped in the package, and
the two ways to open a database (``peerdesk.db.database``): upgrading, or as it is."""

#: The newest migration; compared at start-up so Alembic is only imported when work is needed.
HEAD_REVISION = "0002"
