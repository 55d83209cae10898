"""Schema migrations: from an empty database to head, idempotent, matching the models."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from peerdesk.db import HEAD_REVISION
from peerdesk.db.engine import make_engine
from peerdesk.db.migrate import current_revision, head_of_scripts, upgrade
from peerdesk.db.search import include_name
from peerdesk.models import Base


def test_head_constant_matches_the_scripts() -> None:
    assert head_of_scripts() == HEAD_REVISION


def test_upgrade_from_empty_creates_every_table_and_matches_models(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        assert current_revision(engine) is None
        assert upgrade(engine) is True
        assert current_revision(engine) == HEAD_REVISION
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": include_name})
            diffs = compare_metadata(context, Base.metadata)
        assert diffs == []
        assert upgrade(engine) is False  # already at head: nothing imported, nothing done
    finally:
        engine.dispose()


def test_sqlite_runs_in_wal_with_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_downgrade_to_base_and_up_again_keeps_working(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        upgrade(engine)
        from alembic import command

        from peerdesk.db.migrate import alembic_config

        command.downgrade(alembic_config(engine), "base")
        assert "persons" not in inspect(engine).get_table_names()
        upgrade(engine)
        assert current_revision(engine) == HEAD_REVISION
    finally:
        engine.dispose()


def test_reopening_keeps_data(empty_db_url: str) -> None:
    from peerdesk.app import build_services, open_database
    from peerdesk.domain.residents import PersonDraft

    db = open_database(empty_db_url)
    services = build_services(db, today=lambda: dt.date(2026, 1, 1))
    pid = services.residents.create_person(PersonDraft("Ana", "Lopez"))
    db.dispose()
    db = open_database(empty_db_url)  # what `peerdesk init` and the app do on start
    try:
        with db.engine.connect() as conn:
            count = conn.execute(text("SELECT count(*) FROM persons")).scalar()
        assert count == 1
        assert build_services(db).residents.get(pid).last_name == "Lopez"
    finally:
        db.dispose()
