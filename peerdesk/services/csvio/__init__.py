"""CSV import and export (PRODUCT.md "CSV formats"): all or nothing, round-trippable.

- ``reading``: bytes to rows, the header checked; ``writing``: rows to a file, replaced whole.
- ``errors``: :class:`RowError`, :class:`ImportFailedError`, :class:`ImportReport`.
- ``context``: what checking and storing one import share (:class:`ImportContext`).
- ``kind``: the :class:`CsvKind` base a format implements; :class:`CsvKinds`, the formats offered.
- ``service``: :class:`CsvService`, the import and export use cases.
- one module per kind: ``residents``, ``stays``.

A new kind (``alumni``) is one module here with a ``CsvKind`` subclass and one entry in
``peerdesk.app.csv_kinds``; nothing registers itself on import, and this package does not list
its kinds.
"""

from peerdesk.services.csvio.errors import ImportFailedError, ImportReport, RowError
from peerdesk.services.csvio.kind import CsvKind, CsvKinds
from peerdesk.services.csvio.service import CsvService, Progress

__all__ = [
    "CsvKind",
    "CsvKinds",
    "CsvService",
    "ImportFailedError",
    "ImportReport",
    "Progress",
    "RowError",
]
