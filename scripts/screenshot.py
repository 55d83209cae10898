"""Save a screenshot of the main window with demo data and one record open (for the README).

Usage: QT_QPA_PLATFORM=offscreen python scripts/screenshot.py [OUT.png]
The database is a temporary SQLite file, filled by the demo generator.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "docs" / "main-window.png"


def _residents(window: Any) -> Any:
    """The Residents area's content (list and record) of an attached main window."""
    return window.page("residents").content


def _fill(url: str) -> None:
    from peerdesk.app import open_database
    from peerdesk.demo import generate

    db = open_database(url)
    try:
        generate(db.engine, size="small", seed=1)
    finally:
        db.dispose()


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else DEFAULT_OUT
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from peerdesk.gui import create_main_window, make_context, open_services
    from peerdesk.ui.launch import configure_application
    from peerdesk.ui.residents.list_model import ID_ROLE, column_of

    app = QApplication([sys.argv[0]])
    configure_application(app)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'peerdesk.db'}"
        _fill(url)
        services = open_services(url)
        window = create_main_window()
        window.show()
        window.attach(make_context(services))
        page = _residents(window)
        model = page.model
        # Open someone in care from the first screenful, as the desk would.
        status = column_of("status")
        first_screen = range(min(model.rowCount(), 12))
        in_care = [r for r in first_screen if model.index(r, status).data() == "In care"]
        row = in_care[min(2, len(in_care) - 1)] if in_care else 0
        person_id = model.index(row, 0).data(ID_ROLE)
        page.open_person(person_id)
        for _ in range(5):
            app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        saved = window.grab().save(str(out))
        window.close()
        services.db.dispose()
    if not saved:
        print(f"could not write {out}", file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
