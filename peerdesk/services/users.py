"""Users on whose behalf the services act.

Sign-in with passwords (argon2id, lockout, idle lock) arrives with the administration issue;
until then the command line acts as the built-in ``system`` user and the application as a user
named after the workstation's login, both administrators.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from peerdesk.domain.enums import UserRole
from peerdesk.models import User
from peerdesk.services.base import Actor
from peerdesk.services.reference import SYSTEM_USERNAME


def _actor(user: User) -> Actor:
    return Actor(user_id=user.id, username=user.username, role=user.role)


def ensure_user(
    sessions: sessionmaker[Session],
    username: str = SYSTEM_USERNAME,
    role: UserRole = UserRole.ADMINISTRATOR,
) -> Actor:
    """The user named ``username``, created on first use."""
    with sessions.begin() as s:
        user = s.scalar(select(User).where(User.username == username))
        if user is None:
            user = User(username=username, display_name=username, role=role)
            s.add(user)
            s.flush()
        return _actor(user)
