"""Opening a database: upgrading it (init, demo, import, the application) or as it is."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from peerdesk.app import build_services
from peerdesk.db import HEAD_REVISION, database
from peerdesk.db.database import Database, SchemaNotReadyError, open_current, open_database
from peerdesk.db.engine import DB_FIELD, make_engine, sqlite_path
from peerdesk.domain.changes import Changes
from peerdesk.domain.errors import ValidationError
from peerdesk.services.base import Service


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _set_revision(url: str, revision: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def test_open_current_opens_a_database_at_the_head_and_writes_nothing(db_url: str) -> None:
    db = open_current(db_url)  # the fixture's database has the schema, no reference data
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == (
                HEAD_REVISION
            )
            assert conn.execute(text("SELECT count(*) FROM programs")).scalar_one() == 0
    finally:
        db.dispose()


def test_open_current_never_creates_a_schema(empty_db_url: str) -> None:
    if empty_db_url.startswith("sqlite"):
        path = sqlite_path(empty_db_url)
        assert path is not None
        path.touch()  # SQLite's empty database is an empty file
    with pytest.raises(SchemaNotReadyError) as caught:
        open_current(empty_db_url)
    assert caught.value.revision is None
    assert caught.value.fields == {DB_FIELD}
    assert "not a PeerDesk database" in str(caught.value)
    assert _tables(empty_db_url) == set()


def test_open_current_does_not_create_a_missing_sqlite_file(tmp_path: Path) -> None:
    with pytest.raises(SchemaNotReadyError, match="there is no database at"):
        open_current(f"sqlite:///{tmp_path / 'absent.db'}")
    assert list(tmp_path.iterdir()) == []


def test_a_schema_behind_says_run_peerdesk_init(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pretend this PeerDesk ships one more migration than the database has.
    monkeypatch.setattr(database, "HEAD_REVISION", "9998")
    monkeypatch.setattr(database, "known_revisions", lambda: {HEAD_REVISION, "9998"})
    with pytest.raises(SchemaNotReadyError) as caught:
        open_current(db_url)
    assert caught.value.revision == HEAD_REVISION
    assert str(caught.value) == (
        f"database: the schema is behind (revision {HEAD_REVISION}, needs 9998): run peerdesk init"
    )


@pytest.mark.parametrize("opener", [open_current, open_database])
def test_a_schema_from_a_newer_peerdesk_is_refused(db_url: str, opener: object) -> None:
    _set_revision(db_url, "9999")
    with pytest.raises(SchemaNotReadyError, match=r"revision 9999\) is from a newer PeerDesk"):
        opener(db_url)  # type: ignore[operator]


def test_open_database_creates_the_schema_and_runs_prepare_once(empty_db_url: str) -> None:
    prepared: list[bool] = []
    db = open_database(empty_db_url, prepare=lambda s: prepared.append(s.in_transaction()))
    db.dispose()
    assert prepared == [True]
    db = open_current(empty_db_url)
    db.dispose()


def test_a_missing_folder_is_named_and_never_created(tmp_path: Path) -> None:
    folder = tmp_path / "no" / "such"
    for opener in (open_database, open_current, make_engine):
        with pytest.raises(ValidationError) as caught:
            opener(f"sqlite:///{folder / 'x.db'}")
        if opener is not open_current:
            assert str(caught.value) == f"database: the folder {folder} does not exist"
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "database: the URL is empty"),
        ("  ", "database: the URL is empty"),
        ("not a url", "database: not a database URL"),
        ("mysql://x/y", "database: unsupported database kind 'mysql'"),
        ("sqlite:////proc/peerdesk-x.db", "database: the folder /proc is read-only"),
    ],
)
def test_a_url_that_cannot_be_used_says_why(url: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        open_database(url)
    assert str(caught.value).startswith(message)
    assert caught.value.fields == {DB_FIELD}


def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    with pytest.raises(ValidationError) as caught:
        open_database("postgresql://desk:s3cret@127.0.0.1:1/peerdesk")
    text_ = str(caught.value)
    assert text_.startswith("database: cannot open the database: ")
    assert "s3cret" not in text_
    assert "\n" not in text_


def test_build_services_hands_on_change_to_every_service(db: Database) -> None:
    heard: list[Changes] = []
    services = build_services(db, on_change=heard.append)
    bag = [getattr(services, f.name) for f in fields(services)]
    area_services = [s for s in bag if isinstance(s, Service)]
    assert len(area_services) >= 2
    for i, service in enumerate(area_services):
        service._published(Changes.of("person", i + 1))
    assert [c.primary for c in heard] == list(range(1, len(area_services) + 1))
