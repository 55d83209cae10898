"""Indexed prefix search over a table's ``search_key`` column (terms, see ``domain.search``).

- SQLite: an FTS5 table with the column as external content, kept in step by triggers on the
  table, so bulk inserts (demo data, CSV import) need nothing more; ``prefix`` indexes make one-
  to three-letter prefixes a direct lookup.
- PostgreSQL: a GIN index on the terms as a ``tsvector`` (``array_to_tsvector``: the terms are
  taken verbatim, no parser or dictionary), maintained by PostgreSQL itself (no pending list, so
  a bulk load is searchable at index speed at once), answered by ``'term':*`` prefix queries.
  Built in, no extension needed (``pg_trgm`` would need ``CREATE EXTENSION``).

Both match the same thing: every prefix starts one of the row's terms. The migrations call
:func:`create_search_index`; the services filter with :func:`matches`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    String,
    bindparam,
    column,
    func,
    select,
    table,
)
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.types import UserDefinedType

#: The tables that have an index here (and a ``search_key`` column of terms).
SEARCHED_TABLES = ("persons",)


def fts_table(name: str) -> str:
    return f"{name}_search"


def gin_index(name: str) -> str:
    return f"ix_{name}_search_terms"


def is_search_object(name: str | None) -> bool:
    """Whether a database object belongs to a search index (for schema comparison to skip).

    FTS5 keeps its data in shadow tables (``persons_search_data``, ``..._idx``, …).
    """
    if name is None:
        return False
    return any(
        name == gin_index(t) or name == fts_table(t) or name.startswith(fts_table(t) + "_")
        for t in SEARCHED_TABLES
    )


def include_name(name: str | None, _type: str, _parents: object) -> bool:
    """Alembic's ``include_name`` hook: compare everything but the search index objects."""
    return not is_search_object(name)


def create_search_index(conn: Connection, name: str) -> None:
    """Make the index for table ``name`` and fill it from the rows already there."""
    fts = fts_table(name)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(search_key, content='{name}', "
            "content_rowid='id', tokenize=\"unicode61 remove_diacritics 2 tokenchars '-'\", "
            "prefix='1 2 3', detail=none)"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {name} BEGIN "
            f"INSERT INTO {fts}(rowid, search_key) VALUES (new.id, new.search_key); END"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {name} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, search_key) "
            f"VALUES ('delete', old.id, old.search_key); END"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF search_key ON {name} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, search_key) "
            f"VALUES ('delete', old.id, old.search_key); "
            f"INSERT INTO {fts}(rowid, search_key) VALUES (new.id, new.search_key); END"
        )
        rebuild_search_index(conn, name)
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            f"CREATE INDEX {gin_index(name)} ON {name} "
            "USING gin (array_to_tsvector(string_to_array(search_key, ' '))) "
            # Straight into the index: a pending list (the default) is read on every search
            # until a vacuum, which after a bulk load (demo, CSV import) means every row.
            "WITH (fastupdate = off)"
        )


def drop_search_index(conn: Connection, name: str) -> None:
    fts = fts_table(name)
    if conn.dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {fts}_{trigger}")
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {fts}")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {gin_index(name)}")


def rebuild_search_index(conn: Connection, name: str) -> None:
    """Re-read every row into the index (SQLite; PostgreSQL's index never needs it).

    Not needed after inserts, updates or deletes (the triggers see those); for repairs.
    """
    if conn.dialect.name == "sqlite":
        fts = fts_table(name)
        conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


class _TsQuery(UserDefinedType[str]):
    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "tsquery"


def match_value(dialect: str, prefixes: Sequence[str]) -> str:
    """The bind value that asks for rows with a term starting with each of ``prefixes``.

    Prefixes are words of letters and digits (or ``r-0004``): nothing to escape but quotes.
    """
    if dialect == "sqlite":
        return " ".join('"' + p.replace('"', '""') + '"*' for p in prefixes)
    return " & ".join("'" + p.replace("'", "''").replace("\\", "\\\\") + "':*" for p in prefixes)


def matches(
    dialect: str,
    name: str,
    id_column: ColumnElement[int] | InstrumentedAttribute[int],
    search_key: ColumnElement[str] | InstrumentedAttribute[str],
    value: str,
) -> ColumnElement[bool]:
    """A filter: the row of table ``name`` matches ``value`` (a :func:`match_value`), carried in
    the bind parameter ``match`` so that a compiled query can run again with another value."""
    bound = bindparam("match", value, type_=String)
    if dialect == "sqlite":
        fts = table(fts_table(name), column("rowid", Integer), column(fts_table(name), String))
        found = select(fts.c.rowid).where(fts.c[fts_table(name)].op("MATCH")(bound))
        return id_column.in_(found)
    terms = func.array_to_tsvector(func.string_to_array(search_key, " "))
    return terms.op("@@")(bound.cast(_TsQuery()))
