"""Ordered id queries compiled once per shape and run on the raw DBAPI cursor.

A list asks for the ordered ids of what it shows on every keystroke and every sort. SQLAlchemy's
statement compilation and per-row result handling cost more than an indexed query itself on
thousands of ids, so a list compiles each *shape* of its query once (which filters are present,
which sort) and runs it with new values on the driver's cursor. Any area's list can use it::

    self._ids = IdQueryCache(engine)
    ...
    query = self._ids.get(shape, lambda: build_select(q))   # built and compiled once per shape
    return query.run({"status": "in_care", "text": "ana*"})
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

from sqlalchemy import Engine, Select
from sqlalchemy.sql.compiler import SQLCompiler


class IdQuery:
    """One ``SELECT id ...`` compiled for ``engine``'s dialect; values travel as named binds.

    Bind parameters not given to :meth:`run` keep the value they were built with, and every value
    goes through its column type's bind processing (enums to codes, dates on SQLite), as it would
    through SQLAlchemy. Expanding binds (``IN`` of a list) are not supported: pass a subquery.
    """

    def __init__(self, engine: Engine, statement: Select[Any]) -> None:
        self._engine = engine
        dialect = engine.dialect
        compiled = statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        if compiled.literal_execute_params or compiled.post_compile_params:
            raise ValueError("an id query cannot use expanding (IN list) parameters")
        self._sql = str(compiled)
        self._defaults = compiled.construct_params()
        self._order = list(compiled.positiontup or ()) if compiled.positional else None
        self._processors: dict[str, Callable[[Any], Any]] = {}
        for name, bind in compiled.binds.items():
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                self._processors[name] = processor

    @property
    def sql(self) -> str:
        """The SQL text as the driver receives it (with placeholders)."""
        return self._sql

    def _params(self, values: Mapping[str, Any]) -> Any:
        merged = {**self._defaults, **values}
        for name, processor in self._processors.items():
            if name in merged:
                merged[name] = processor(merged[name])
        if self._order is not None:
            return tuple(merged[name] for name in self._order)
        return merged

    def run(self, values: Mapping[str, Any] | None = None) -> list[int]:
        """The ids in the query's order, for these bind ``values``."""
        params = self._params(values or {})
        with self._engine.connect() as conn:
            cursor = conn.connection.cursor()
            try:
                cursor.execute(self._sql, params)
                return [row[0] for row in cursor.fetchall()]
            finally:
                cursor.close()


class IdQueryCache:
    """The compiled :class:`IdQuery` of each query shape a list has used."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._queries: dict[Hashable, IdQuery] = {}

    def get(self, shape: Hashable, build: Callable[[], Select[Any]]) -> IdQuery:
        """The query for ``shape``; ``build`` makes its statement the first time only."""
        query = self._queries.get(shape)
        if query is None:
            query = self._queries[shape] = IdQuery(self._engine, build())
        return query
