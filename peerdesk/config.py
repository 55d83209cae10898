"""Typed settings: where the data lives and which database to open."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from peerdesk.domain.errors import FieldError, ValidationError

APP_NAME = "PeerDesk"
DB_ENV = "PEERDESK_DB"
DB_OPTION = "--db"
#: The field a problem with the database URL is reported under below the command line (in
#: ``peerdesk.db``), and what messages call the database when neither ``--db`` nor
#: ``PEERDESK_DB`` chose it.
DB_FIELD = "database"
DEFAULT_DB_SOURCE = DB_FIELD


def data_dir() -> Path:
    """The user's data directory for PeerDesk (not created here)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Settings:
    """What the command line and the application run on.

    ``db_source`` says where ``db_url`` came from, as a person typed it (``--db``,
    ``PEERDESK_DB``, or :data:`DEFAULT_DB_SOURCE`), so a message about the URL names it.
    """

    db_url: str
    db_source: str
    data_dir: Path

    @property
    def uses_default_db(self) -> bool:
        return self.db_source == DEFAULT_DB_SOURCE

    def naming_the_source(self, error: ValidationError) -> ValidationError:
        """``error`` with a problem of the database URL put under where the URL came from
        (``--db: the folder ... does not exist``, ``PEERDESK_DB: ...``)."""
        errors = [
            FieldError(self.db_source, e.message) if e.field == DB_FIELD else e
            for e in error.errors
        ]
        return ValidationError(errors)


def load_settings(db_arg: str | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """``--db`` wins over ``PEERDESK_DB``, which wins over the file in the data directory.

    Only that default place is created (the data directory, on first use); a folder named in
    ``--db`` or ``PEERDESK_DB`` must exist already. An empty ``PEERDESK_DB`` counts as unset.

    Raises:
        ValidationError: ``--db`` is empty (field ``--db``) or the data directory cannot be
            created (field ``database``).
    """
    env = os.environ if environ is None else environ
    folder = data_dir()
    if db_arg is not None:
        if not db_arg.strip():
            msg = "the URL is empty (give one such as sqlite:///path/to/file.db)"
            raise ValidationError(DB_OPTION, msg)
        return Settings(db_arg, DB_OPTION, folder)
    from_env = env.get(DB_ENV, "")
    if from_env.strip():
        return Settings(from_env, DB_ENV, folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        msg = f"cannot create the data folder {folder} ({e.strerror or type(e).__name__})"
        raise ValidationError(DEFAULT_DB_SOURCE, msg) from None
    return Settings(f"sqlite:///{folder / 'peerdesk.db'}", DEFAULT_DB_SOURCE, folder)


def resolve_db_url(arg: str | None = None) -> str:
    """The database URL :func:`load_settings` chooses."""
    return load_settings(arg).db_url


def describe_db_url(url: str) -> str:
    """The URL without a password, for the status bar and messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
