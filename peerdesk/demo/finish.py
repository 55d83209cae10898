"""What follows every area's rows: derived columns, the audit event, PostgreSQL sequences."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from peerdesk.demo.run import Run
from peerdesk.models import Base
from peerdesk.services.residents import refresh_person_summary


def finish(run: Run) -> None:
    run.w.report("resident summaries", 0, 1)
    with Session(bind=run.conn) as s:
        refresh_person_summary(s)
    run.w.add(
        "audit_events",
        {
            "id": run.ids.next("audit_events"),
            "at": dt.datetime.now(dt.UTC),
            "user_id": run.system_user_id,
            "action": "demo",
            "entity": "database",
            "entity_id": None,
            "fields": "",
        },
    )
    run.w.flush()
    if run.conn.dialect.name == "postgresql":
        _reset_sequences(run.conn)
    run.w.report("resident summaries", 1, 1)


def _reset_sequences(conn: Connection) -> None:
    """Explicit ids leave PostgreSQL's sequences behind; move each past its table's max id."""
    for name, table in Base.metadata.tables.items():
        if "id" in table.c and table.c.id.primary_key:
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) "
                    f"FROM {name} HAVING max(id) IS NOT NULL"
                )
            )
