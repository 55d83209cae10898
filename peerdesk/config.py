"""Typed settings: where the data lives and which database to open."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "PeerDesk"
DB_ENV = "PEERDESK_DB"


def data_dir() -> Path:
    """The user's data directory for PeerDesk (created on first use)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'peerdesk.db'}"


def resolve_db_url(arg: str | None = None) -> str:
    """``--db`` wins over ``PEERDESK_DB``, which wins over the file in the data directory."""
    return arg or os.environ.get(DB_ENV) or default_db_url()


def describe_db_url(url: str) -> str:
    """The URL without a password, for the status bar and messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@dataclass(frozen=True)
class Settings:
    db_url: str
    facility_name: str = "PeerDesk"
