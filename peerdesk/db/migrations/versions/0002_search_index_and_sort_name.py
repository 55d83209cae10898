"""search index over persons, accent-free sort name, one mentor per person

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 23:10:00

- ``persons.sort_name``: last and first name without accents, compared byte by byte (``C``
  collation on PostgreSQL), so ``Đỗ`` sorts with D.
- ``persons.search_key`` rewritten as terms (``domain.search``) and indexed for prefix search:
  SQLite FTS5 kept in step by triggers, PostgreSQL GIN over the terms (``db.search``).
- An aftercare plan's mentor becomes the person's mentor where the person has none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from peerdesk.db.search import create_search_index, drop_search_index
from peerdesk.domain.residents import person_sort_name, search_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_BATCH = 2000


def _sort_name_type() -> sa.types.TypeEngine[str]:
    return sa.Text().with_variant(sa.Text(collation="C"), "postgresql")


def _backfill(conn: sa.Connection) -> None:
    """Terms and sort names of the rows already there, computed as the services compute them."""
    persons = sa.table(
        "persons",
        sa.column("id", sa.Integer),
        sa.column("record_no", sa.Integer),
        sa.column("first_name", sa.String),
        sa.column("last_name", sa.String),
        sa.column("phone", sa.String),
        sa.column("email", sa.String),
        sa.column("search_key", sa.Text),
        sa.column("sort_name", sa.String),
    )
    rows = conn.execute(
        sa.select(
            persons.c.id,
            persons.c.record_no,
            persons.c.first_name,
            persons.c.last_name,
            persons.c.phone,
            persons.c.email,
        )
    ).all()
    update = (
        sa.update(persons)
        .where(persons.c.id == sa.bindparam("pid"))
        .values(search_key=sa.bindparam("key"), sort_name=sa.bindparam("name"))
    )
    for start in range(0, len(rows), _BATCH):
        batch = [
            {
                "pid": pid,
                "key": search_key(first, last, record_no, phone, email),
                "name": person_sort_name(first, last),
            }
            for pid, record_no, first, last, phone, email in rows[start : start + _BATCH]
        ]
        conn.execute(update, batch)


def _mentors_from_aftercare(conn: sa.Connection) -> None:
    """A plan's mentor, for people with no open mentor assignment (the latest plan wins)."""
    conn.exec_driver_sql(
        """
        INSERT INTO mentor_assignments (mentor_alumnus_id, person_id, started_on)
        SELECT p.mentor_alumnus_id, s.person_id, COALESCE(s.discharge_date, s.admission_date)
        FROM aftercare_plans p JOIN stays s ON s.id = p.stay_id
        WHERE p.mentor_alumnus_id IS NOT NULL
          AND NOT EXISTS (
            SELECT 1 FROM mentor_assignments m
            WHERE m.person_id = s.person_id AND m.ended_on IS NULL)
          AND NOT EXISTS (
            SELECT 1 FROM aftercare_plans p2 JOIN stays s2 ON s2.id = p2.stay_id
            WHERE s2.person_id = s.person_id AND p2.mentor_alumnus_id IS NOT NULL
              AND (s2.admission_date > s.admission_date
                   OR (s2.admission_date = s.admission_date AND s2.id > s.id)))
        """
    )


def upgrade() -> None:
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sort_name", _sort_name_type(), nullable=False, server_default="")
        )
    conn = op.get_bind()
    _backfill(conn)
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.create_index("ix_persons_sort_name", ["sort_name", "record_no"], unique=False)
    create_search_index(conn, "persons")
    _mentors_from_aftercare(conn)


def downgrade() -> None:
    conn = op.get_bind()
    drop_search_index(conn, "persons")
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_index("ix_persons_sort_name")
        batch_op.drop_column("sort_name")
