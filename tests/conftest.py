"""Fixtures shared by every test: a fresh migrated database per test, on SQLite and PostgreSQL.

PostgreSQL runs when ``PEERDESK_TEST_PG_URL`` names a server database the tests may create
databases on (``postgresql://USER@HOST:5432/DB``); each test gets its own database, created from a
migrated template and dropped afterwards.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from peerdesk.app import build_services, open_database
from peerdesk.db.database import Database
from peerdesk.db.engine import make_engine
from peerdesk.db.migrate import upgrade
from peerdesk.services.container import Services

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: The day every service test lives in, so ages, "in the future" and days sober are stable.
TODAY = dt.date(2026, 6, 15)

PG_URL = os.environ.get("PEERDESK_TEST_PG_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def _pg_admin_url() -> str:
    url = make_url(PG_URL)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def _pg_exec(sql: str) -> None:
    engine = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(sql)
    finally:
        engine.dispose()


def _pg_url_for(name: str) -> str:
    return make_url(_pg_admin_url()).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    name = f"peerdesk_tpl_{uuid.uuid4().hex[:10]}"
    _pg_exec(f'CREATE DATABASE "{name}"')
    engine = make_engine(_pg_url_for(name))
    upgrade(engine)
    engine.dispose()
    yield name
    _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def pg_database(template: str | None = None) -> Iterator[str]:
    """A PostgreSQL database of the test's own (copied from ``template``), dropped afterwards."""
    name = f"peerdesk_t_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    _pg_exec(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield _pg_url_for(name)
    finally:
        _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database at the current schema (empty of data)."""
    if request.param == "sqlite":
        path = tmp_path / "peerdesk.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    with pg_database(template=request.getfixturevalue("pg_template")) as url:
        yield url


@pytest.fixture
def empty_db_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A second database on the same backend as ``db_url``, with no schema at all."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'second.db'}"
        return
    with pg_database() as url:
        yield url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def services(db: Database) -> Services:
    return build_services(db, today=lambda: TODAY)


@pytest.fixture
def pg_admin_url() -> str:
    """The server URL for tests that create their own PostgreSQL databases (skip without it)."""
    if not PG_URL:
        pytest.skip("PEERDESK_TEST_PG_URL is not set")
    return _pg_admin_url()
