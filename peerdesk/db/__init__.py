"""Engine set-up (SQLite pragmas, PostgreSQL) and Alembic migrations shipped in the package."""

#: The newest migration; compared at start-up so Alembic is only imported when work is needed.
HEAD_REVISION = "0002"
