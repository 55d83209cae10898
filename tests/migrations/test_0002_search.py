"""0001 → 0002 on a database with people in it: the old rows are found, sorted and mentored."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from peerdesk.app import build_services, open_database
from peerdesk.db.engine import make_engine
from peerdesk.db.migrate import current_revision, upgrade
from peerdesk.domain.residents import ResidentQuery, ResidentSort

_PEOPLE = [
    # id, record_no, first, last, phone, search_key as 0001 wrote it
    (1, 42, "Hằng", "Đỗ", "(206) 555-0142", "hang do do, hang r-00042 2065550142 "),
    (2, 7, "Zoe", "Adams", "", "zoe adams adams, zoe r-00007  "),
    (3, 9, "Ben", "Okafor", "", "ben okafor okafor, ben r-00009  "),
]


def _fill_0001(url: str) -> None:
    engine = make_engine(url)
    try:
        upgrade(engine, "0001")
        now = dt.datetime(2026, 1, 1)
        with engine.begin() as conn:
            for pid, no, first, last, phone, key in _PEOPLE:
                conn.execute(
                    text(
                        "INSERT INTO persons (id, record_no, first_name, last_name, gender, "
                        "phone, email, status, search_key, created_at, version_id) VALUES "
                        "(:id, :no, :first, :last, 'unknown', :phone, '', 'discharged', :key, "
                        ":now, 1)"
                    ),
                    {"id": pid, "no": no, "first": first, "last": last, "phone": phone}
                    | {"key": key, "now": now},
                )
            program = conn.execute(text("SELECT id FROM programs")).scalar()
            if program is None:  # no reference data before the app first opens it
                conn.execute(
                    text(
                        "INSERT INTO programs (code, name, bed_capacity, is_active) "
                        "VALUES ('old', 'Old program', 16, :yes)"
                    ),
                    {"yes": True},
                )
                program = conn.execute(text("SELECT id FROM programs")).scalar()
            conn.execute(
                text(
                    "INSERT INTO stays (id, person_id, program_id, admission_date, "
                    "discharge_date, discharge_note, override_reason, created_at, version_id) "
                    "VALUES (1, 3, :program, :a, :d, '', '', :now, 1)"
                ),
                {"program": program, "a": dt.date(2025, 1, 1), "d": dt.date(2025, 3, 1)}
                | {"now": now},
            )
            conn.execute(
                text(
                    "INSERT INTO alumni (id, first_name, last_name, phone, email, "
                    "contact_preference, status, created_at, version_id) "
                    "VALUES (1, 'Peer', 'Mentor', '', '', 'phone', 'active', :now, 1)"
                ),
                {"now": now},
            )
            conn.execute(
                text(
                    "INSERT INTO aftercare_plans (id, stay_id, meetings, sober_living, "
                    "outpatient, mentor_alumnus_id, notes, updated_at, version_id) "
                    "VALUES (1, 1, 'AA', '', '', 1, '', :now, 1)"
                ),
                {"now": now},
            )
    finally:
        engine.dispose()


def test_upgrade_with_data_finds_sorts_and_keeps_the_plan_mentor(empty_db_url: str) -> None:
    _fill_0001(empty_db_url)
    db = open_database(empty_db_url)  # upgrades to head, as the app does
    try:
        assert current_revision(db.engine) == "0002"
        r = build_services(db).residents
        for typed, expected in [("do", [1]), ("Đỗ hang", [1]), ("R42", [1]), ("0142", [1])]:
            assert r.search_ids(ResidentQuery(text=typed)) == expected
        assert r.search_ids(ResidentQuery(text="ada")) == [2]
        by_name = r.search_ids(ResidentQuery(sort=ResidentSort.NAME))
        assert by_name == [2, 1, 3]  # Adams, Đỗ, Okafor
        detail = r.get(3)
        assert detail.mentor is not None
        assert detail.mentor.alumnus_id == 1
        assert detail.aftercare[0].mentor_alumnus_id == 1
    finally:
        db.dispose()
