"""What a write changed (Anki's ``OpChanges`` idea), so every view can decide if it is stale.

A service write returns a :class:`Changes` and publishes it once its transaction committed; the
one change bus made in the composition root tells every list, census and record view, and each
of them asks :meth:`Changes.touches` about the entities it shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """Records changed by one unit of work, as ``(entity, id)`` pairs.

    ``entity`` is a table-level name such as ``"person"``, ``"stay"``, ``"goal"``; ``primary`` is
    the id of the record the write was about (the new id for a create), when there is one.
    """

    records: frozenset[tuple[str, int]] = field(default_factory=frozenset)
    primary: int | None = None

    @classmethod
    def of(cls, entity: str, *ids: int, primary: int | None = None) -> Changes:
        """``Changes.of("person", 7)``: the primary is the first id unless given."""
        if primary is None and ids:
            primary = ids[0]
        return cls(frozenset((entity, i) for i in ids), primary)

    def __or__(self, other: Changes) -> Changes:
        primary = self.primary if self.primary is not None else other.primary
        return Changes(self.records | other.records, primary)

    def with_(self, entity: str, ids: Iterable[int]) -> Changes:
        """These changes plus ``entity`` records ``ids`` (the primary stays)."""
        return Changes(self.records | {(entity, i) for i in ids}, self.primary)

    @property
    def entities(self) -> frozenset[str]:
        return frozenset(entity for entity, _ in self.records)

    def touches(self, *entities: str) -> bool:
        """Whether any record of ``entities`` changed."""
        return any(entity in entities for entity, _ in self.records)

    def ids(self, entity: str) -> frozenset[int]:
        """The ids of the changed ``entity`` records."""
        return frozenset(i for e, i in self.records if e == entity)

    def __bool__(self) -> bool:
        return bool(self.records)


#: Nothing changed (a write that found nothing to do).
NO_CHANGES = Changes()
