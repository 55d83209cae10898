"""Which database a run uses: --db, then PEERDESK_DB, then the file in the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerdesk.config import DB_ENV, DEFAULT_DB_SOURCE, load_settings, resolve_db_url
from peerdesk.domain.errors import ValidationError


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(DB_ENV, raising=False)
    return tmp_path / "data" / "PeerDesk"


def test_db_option_wins_over_the_environment(data_home: Path) -> None:
    settings = load_settings("sqlite:///a.db", {DB_ENV: "sqlite:///b.db"})
    assert (settings.db_url, settings.db_source) == ("sqlite:///a.db", "--db")
    settings = load_settings(None, {DB_ENV: "sqlite:///b.db"})
    assert (settings.db_url, settings.db_source) == ("sqlite:///b.db", "PEERDESK_DB")
    assert not data_home.exists(), "only the default database needs the data folder"


def test_the_default_creates_the_data_folder_and_nothing_else(data_home: Path) -> None:
    settings = load_settings(None, {DB_ENV: ""})  # an empty PEERDESK_DB counts as unset
    assert settings.uses_default_db
    assert settings.db_source == DEFAULT_DB_SOURCE
    assert settings.data_dir == data_home
    assert settings.db_url == f"sqlite:///{data_home / 'peerdesk.db'}"
    assert data_home.is_dir()
    assert list(data_home.iterdir()) == []
    assert resolve_db_url() == settings.db_url


@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_db_option_is_an_error_not_the_default(data_home: Path, value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        load_settings(value, {})
    assert caught.value.fields == {"--db"}
    assert not data_home.exists()


def test_a_data_folder_that_cannot_be_made_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    with pytest.raises(ValidationError, match="cannot create the data folder") as caught:
        load_settings(None, {})
    assert caught.value.fields == {DEFAULT_DB_SOURCE}


def test_a_database_problem_is_named_after_where_the_url_came_from(data_home: Path) -> None:
    from peerdesk.config import DB_FIELD
    from peerdesk.domain.errors import FieldError

    problem = ValidationError([FieldError(DB_FIELD, "the folder /x does not exist")])
    by_env = load_settings(None, {DB_ENV: "sqlite:////x/p.db"}).naming_the_source(problem)
    assert str(by_env) == "PEERDESK_DB: the folder /x does not exist"
    by_option = load_settings("sqlite:////x/p.db", {}).naming_the_source(problem)
    assert str(by_option) == "--db: the folder /x does not exist"
    other = ValidationError("size", "must be small or large")
    assert str(load_settings("u", {}).naming_the_source(other)) == "size: must be small or large"
