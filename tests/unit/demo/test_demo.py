"""The demo data generator: invariants of the synthetic history, determinism, refusal, ids.

``small`` runs here on every backend; ``large`` is measured from the shell, never in a unit test.
The invariant queries are plain functions so they can be pointed at a large database too.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from peerdesk.app import Database, Services, open_database
from peerdesk.cli import run_cli
from peerdesk.demo import AREAS, DemoSummary, generate
from peerdesk.domain.enums import ScreeningCriterion, ScreeningDecision, StageOfChange
from peerdesk.domain.errors import ValidationError
from peerdesk.domain.residents import PersonDraft, RatingDraft, ScreeningDraft, search_key
from peerdesk.domain.validation import check_email, check_phone
from peerdesk.models import Base
from peerdesk.models.alumni import Alumnus
from tests.conftest import TODAY

SEED = 7
Calls = list[tuple[str, int, int]]

#: Tables that are configuration rather than domain data; the demo leaves them alone.
NOT_DEMO_TABLES = {"settings"}


def _run(db: Database, seed: int = SEED, calls: Calls | None = None) -> DemoSummary:
    sink = calls if calls is not None else []
    return generate(
        db.engine,
        size="small",
        seed=seed,
        progress=lambda step, done, total: sink.append((step, done, total)),
        today=TODAY,
    )


def _count(conn: Connection, sql: str) -> int:
    return int(conn.execute(text(sql)).scalar_one())


def _by_key(conn: Connection, sql: str) -> Counter[str]:
    """``SELECT key, count ...`` as a Counter."""
    return Counter({str(key): int(n) for key, n in conn.execute(text(sql))})


def _table_counts(conn: Connection) -> dict[str, int]:
    return {name: _count(conn, f"SELECT count(*) FROM {name}") for name in Base.metadata.tables}


@pytest.fixture
def small(db: Database) -> DemoSummary:
    return _run(db)


# ---- invariant queries (also usable on a large database) ---------------------------------------


def overlapping_stays(conn: Connection) -> int:
    """Pairs of one person's stays that overlap as half-open [admission, discharge)."""
    return _count(
        conn,
        "SELECT count(*) FROM stays a JOIN stays b ON a.person_id = b.person_id AND a.id < b.id "
        "WHERE a.admission_date < COALESCE(b.discharge_date, '9999-12-31') "
        "AND b.admission_date < COALESCE(a.discharge_date, '9999-12-31')",
    )


def over_capacity_days(conn: Connection) -> int:
    """Days on which a program had more open stays than beds."""
    beds = {
        int(pid): int(n) for pid, n in conn.execute(text("SELECT id, bed_capacity FROM programs"))
    }
    changes: dict[int, Counter[dt.date]] = defaultdict(Counter)
    for program_id, admitted, discharged in conn.execute(
        text("SELECT program_id, admission_date, discharge_date FROM stays")
    ):
        changes[program_id][_date(admitted)] += 1
        if discharged is not None:
            changes[program_id][_date(discharged)] -= 1  # the discharge day frees the bed
    bad = 0
    for program_id, by_day in changes.items():
        census = 0
        for day in sorted(by_day):
            census += by_day[day]
            bad += census > beds[program_id]
    return bad


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def wrong_gender_stays(conn: Connection) -> int:
    """Stays in a program of the other gender without a written override."""
    return _count(
        conn,
        "SELECT count(*) FROM stays s JOIN persons p ON p.id = s.person_id "
        "JOIN programs g ON g.id = s.program_id "
        "WHERE p.gender <> g.gender AND s.override_reason = ''",
    )


_NOT_IN_CARE = (
    "NOT EXISTS (SELECT 1 FROM stays s WHERE s.person_id = {person} "
    "AND s.program_id = {program} AND s.admission_date <= {day} "
    "AND (s.discharge_date IS NULL OR {day} < s.discharge_date))"
)


def attendance_not_in_care(conn: Connection) -> int:
    """Attendance of residents not in care in the session's program on its date."""
    cond = _NOT_IN_CARE.format(person="a.person_id", program="g.program_id", day="g.date")
    return _count(
        conn,
        "SELECT count(*) FROM attendance a JOIN group_sessions g ON g.id = a.session_id "
        f"WHERE {cond}",
    )


def participation_not_in_care(conn: Connection) -> int:
    cond = _NOT_IN_CARE.format(person="p.person_id", program="o.program_id", day="o.date")
    return _count(
        conn,
        "SELECT count(*) FROM participations p "
        f"JOIN activity_occurrences o ON o.id = p.occurrence_id WHERE {cond}",
    )


def occurrences_over_capacity(conn: Connection) -> int:
    return _count(
        conn,
        "SELECT count(*) FROM activity_occurrences o WHERE o.capacity < "
        "(SELECT count(*) FROM participations p WHERE p.occurrence_id = o.id)",
    )


def double_bookings(conn: Connection) -> int:
    """Residents or alumni booked into two things at the same date and time."""
    queries = (
        "SELECT a.person_id, g.date, g.start_time FROM attendance a "
        "JOIN group_sessions g ON g.id = a.session_id",
        "SELECT p.person_id, o.date, o.start_time FROM participations p "
        "JOIN activity_occurrences o ON o.id = p.occurrence_id",
        "SELECT c.alumnus_id, g.date, g.start_time FROM session_cofacilitators c "
        "JOIN group_sessions g ON g.id = c.session_id",
        "SELECT l.alumnus_id, o.date, o.start_time FROM activity_leads l "
        "JOIN activity_occurrences o ON o.id = l.occurrence_id",
    )
    return sum(
        _count(conn, f"SELECT count(*) FROM ({q} GROUP BY 1, 2, 3 HAVING count(*) > 1) x")
        for q in queries
    )


def leaders_without_role(conn: Connection) -> int:
    """Co-facilitators and activity leads who lack the role or had not yet joined."""
    return _count(
        conn,
        "SELECT count(*) FROM session_cofacilitators c "
        "JOIN group_sessions g ON g.id = c.session_id JOIN alumni a ON a.id = c.alumnus_id "
        "WHERE a.joined_on > g.date OR NOT EXISTS (SELECT 1 FROM alumnus_roles r "
        "WHERE r.alumnus_id = a.id AND r.role = 'co_facilitator')",
    ) + _count(
        conn,
        "SELECT count(*) FROM activity_leads l "
        "JOIN activity_occurrences o ON o.id = l.occurrence_id "
        "JOIN alumni a ON a.id = l.alumnus_id "
        "WHERE a.joined_on > o.date OR NOT EXISTS (SELECT 1 FROM alumnus_roles r "
        "WHERE r.alumnus_id = a.id AND r.role = 'activity_lead')",
    )


def check_invariants(conn: Connection) -> dict[str, int]:
    """Every count must be zero (used by the tests and against ``demo --size large``)."""
    return {
        "overlapping_stays": overlapping_stays(conn),
        "over_capacity_days": over_capacity_days(conn),
        "wrong_gender_stays": wrong_gender_stays(conn),
        "attendance_not_in_care": attendance_not_in_care(conn),
        "participation_not_in_care": participation_not_in_care(conn),
        "occurrences_over_capacity": occurrences_over_capacity(conn),
        "double_bookings": double_bookings(conn),
        "leaders_without_role": leaders_without_role(conn),
    }


# ---- the tests --------------------------------------------------------------------------------


def test_small_fills_every_domain_table(db: Database, small: DemoSummary) -> None:
    with db.engine.connect() as conn:
        counts = _table_counts(conn)
    empty = [t for t, n in counts.items() if n == 0 and t not in NOT_DEMO_TABLES]
    assert empty == []
    for table in ("persons", "stays", "attendance", "participations", "alumni"):
        assert small.count(table) == counts[table]
    assert 80 <= counts["persons"] <= 200
    assert counts["attendance"] > 10 * counts["persons"]


def test_programs_get_the_demo_bed_capacities(db: Database, small: DemoSummary) -> None:
    with db.engine.connect() as conn:
        beds = _by_key(conn, "SELECT code, bed_capacity FROM programs")
    assert beds == {"mens": 16, "womens": 14}


def test_history_keeps_the_invariants(db: Database, small: DemoSummary) -> None:
    with db.engine.connect() as conn:
        assert check_invariants(conn) == dict.fromkeys(check_invariants(conn), 0)


def test_programs_are_used_but_never_over_their_beds(db: Database, small: DemoSummary) -> None:
    with db.engine.connect() as conn:
        open_stays = _by_key(
            conn,
            "SELECT g.code, count(s.id) FROM programs g LEFT JOIN stays s "
            "ON s.program_id = g.id AND s.discharge_date IS NULL GROUP BY g.code",
        )
        overrides = _count(conn, "SELECT count(*) FROM stays WHERE override_reason <> ''")
        total = _count(conn, "SELECT count(*) FROM stays")
    assert 0 < open_stays["mens"] <= 16
    assert 0 < open_stays["womens"] <= 14
    assert overrides <= total * 0.05


def test_discharges_are_mixed_and_some_people_return(db: Database, small: DemoSummary) -> None:
    with db.engine.connect() as conn:
        reasons = _by_key(
            conn,
            "SELECT discharge_reason, count(*) FROM stays "
            "WHERE discharge_reason IS NOT NULL GROUP BY discharge_reason",
        )
        returning = _count(
            conn,
            "SELECT count(*) FROM (SELECT person_id FROM stays GROUP BY person_id "
            "HAVING count(*) > 1) x",
        )
        open_without_discharge = _count(
            conn,
            "SELECT count(*) FROM stays WHERE (discharge_date IS NULL) <> "
            "(discharge_reason IS NULL)",
        )
        future = _count(
            conn,
            f"SELECT count(*) FROM stays WHERE admission_date > '{TODAY}' "
            f"OR discharge_date > '{TODAY}'",
        )
    assert reasons.most_common(1)[0][0] == "completed"
    assert len(reasons) >= 3
    assert returning >= 1
    assert open_without_discharge == 0
    assert future == 0


def test_statuses_come_from_stays_and_screenings(db: Database, small: DemoSummary) -> None:
    with db.engine.connect() as conn:
        statuses = _by_key(conn, "SELECT status, count(*) FROM persons GROUP BY status")
        in_care_mismatch = _count(
            conn,
            "SELECT count(*) FROM persons p WHERE (p.status = 'in_care') <> EXISTS "
            "(SELECT 1 FROM stays s WHERE s.person_id = p.id AND s.discharge_date IS NULL)",
        )
        no_program = _count(
            conn,
            "SELECT count(*) FROM persons p WHERE p.last_program_id IS NULL "
            "AND EXISTS (SELECT 1 FROM stays s WHERE s.person_id = p.id)",
        )
    assert in_care_mismatch == 0
    assert no_program == 0
    assert statuses["in_care"] > 0
    assert statuses["discharged"] > 0
    # In a few months' history most people are in care or recently discharged.
    assert statuses["in_care"] >= 0.2 * sum(statuses.values())


def test_attendance_and_participation_look_like_real_days(db: Database, small: DemoSummary) -> None:
    with db.engine.connect() as conn:
        statuses = _by_key(conn, "SELECT status, count(*) FROM attendance GROUP BY status")
        attendance_today_or_later = _count(
            conn,
            "SELECT count(*) FROM attendance a JOIN group_sessions g ON g.id = a.session_id "
            f"WHERE g.date >= '{TODAY}'",
        )
        activity_dates = conn.execute(
            text("SELECT status, date, status_reason FROM activity_occurrences")
        ).all()
        attended_not_held = _count(
            conn,
            "SELECT count(*) FROM participations p JOIN activity_occurrences o "
            "ON o.id = p.occurrence_id WHERE p.attended IS NOT NULL AND o.status <> 'held'",
        )
        sessions_without_facilitator = _count(
            conn, "SELECT count(*) FROM group_sessions WHERE facilitator_name = '' OR topic = ''"
        )
    assert statuses.most_common(1)[0][0] == "present"
    assert set(statuses) == {"present", "late", "left_early", "excused", "absent"}
    assert attendance_today_or_later == 0
    assert sessions_without_facilitator == 0
    by_status: dict[str, list[dt.date]] = defaultdict(list)
    for status, day, reason in activity_dates:
        by_status[status].append(_date(day))
        assert (status == "cancelled") == bool(reason)
    assert by_status["held"]
    assert by_status["cancelled"]
    assert max(by_status["held"]) < TODAY
    assert min(by_status["scheduled"]) >= TODAY
    assert attended_not_held == 0


def test_alumni_come_from_completed_stays_or_are_recorded_directly(
    db: Database, small: DemoSummary
) -> None:
    with db.engine.connect() as conn:
        direct = _count(conn, "SELECT count(*) FROM alumni WHERE person_id IS NULL")
        promoted = _count(conn, "SELECT count(*) FROM alumni WHERE person_id IS NOT NULL")
        renamed = _count(
            conn,
            "SELECT count(*) FROM alumni a JOIN persons p ON p.id = a.person_id "
            "WHERE a.first_name <> p.first_name OR a.last_name <> p.last_name",
        )
        never_completed = _count(
            conn,
            "SELECT count(*) FROM alumni a WHERE a.person_id IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM stays s WHERE s.person_id = a.person_id "
            "AND s.discharge_reason = 'completed' AND s.discharge_date <= a.joined_on)",
        )
        plans_not_completed = _count(
            conn,
            "SELECT count(*) FROM aftercare_plans a JOIN stays s ON s.id = a.stay_id "
            "WHERE s.discharge_reason IS NULL OR s.discharge_reason <> 'completed'",
        )
        mentors_without_role = _count(
            conn,
            "SELECT count(*) FROM mentor_assignments m WHERE NOT EXISTS (SELECT 1 FROM "
            "alumnus_roles r WHERE r.alumnus_id = m.mentor_alumnus_id AND r.role = 'mentor')",
        )
    assert direct > 0
    assert promoted > 0
    assert renamed == 0
    assert never_completed == 0
    assert plans_not_completed == 0
    assert mentors_without_role == 0


def test_screenings_rate_all_nine_criteria(db: Database, small: DemoSummary) -> None:
    with db.engine.connect() as conn:
        per_screening = Counter(
            n
            for (n,) in conn.execute(
                text("SELECT count(*) FROM screening_ratings GROUP BY screening_id")
            )
        )
        screenings = _count(conn, "SELECT count(*) FROM screenings")
        out_of_range = _count(
            conn, "SELECT count(*) FROM screening_ratings WHERE rating < 1 OR rating > 5"
        )
        undecided_reason = _count(
            conn,
            "SELECT count(*) FROM screenings WHERE decision <> 'pending' "
            "AND (decision_reason = '' OR stage_of_change IS NULL)",
        )
    assert per_screening == {len(ScreeningCriterion): screenings}
    assert out_of_range == 0
    assert undecided_reason == 0


def test_followups_are_only_those_already_due(db: Database, small: DemoSummary) -> None:
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT s.discharge_date, f.interval_days, f.contact_date, f.reached "
                "FROM followups f JOIN stays s ON s.id = f.stay_id"
            )
        ).all()
    assert rows
    for discharged, interval, contact, reached in rows:
        assert interval in (30, 90, 180, 365)
        assert _date(discharged) + dt.timedelta(days=interval) <= TODAY
        assert (contact is None) == (reached is None)
        if contact is not None:
            assert _date(discharged) < _date(contact) <= TODAY


def test_people_look_real(db: Database, small: DemoSummary) -> None:
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT first_name, last_name, date_of_birth, phone, email, sobriety_date, "
                "record_no, search_key FROM persons ORDER BY record_no"
            )
        ).all()
    assert [r.record_no for r in rows] == list(range(1, len(rows) + 1))
    assert any(not (r.first_name + r.last_name).isascii() for r in rows)
    assert len({r.last_name for r in rows}) > len(rows) // 3
    for r in rows:
        born = _date(r.date_of_birth)
        assert 18 <= (TODAY - born).days / 365.25 <= 70
        assert check_phone(r.phone) is None
        assert check_email(r.email) is None
        if r.sobriety_date is not None:
            assert born < _date(r.sobriety_date) <= TODAY
        assert r.search_key == search_key(r.first_name, r.last_name, r.record_no, r.phone, r.email)


def test_same_seed_gives_the_same_data(db: Database, small: DemoSummary, tmp_path: Path) -> None:
    other = open_database(f"sqlite:///{tmp_path / 'again.db'}")
    different = open_database(f"sqlite:///{tmp_path / 'other-seed.db'}")
    try:
        again = generate(other.engine, size="small", seed=SEED, today=TODAY)  # no progress
        other_seed = _run(different, seed=SEED + 1)
        names = []
        for database in (db, other, different):
            with database.engine.connect() as conn:
                names.append(list(conn.scalars(text("SELECT first_name FROM persons ORDER BY id"))))
    finally:
        other.dispose()
        different.dispose()
    assert again.counts == small.counts
    assert names[0] == names[1]
    assert names[0] != names[2]
    assert other_seed.count("persons") > 0


def test_refuses_a_database_with_residents_and_writes_nothing(services: Services) -> None:
    services.residents.create_person(PersonDraft(first_name="Ana", last_name="Lopez"))
    with services.db.engine.connect() as conn:
        before = _table_counts(conn)
        beds_before = conn.execute(text("SELECT code, bed_capacity FROM programs")).all()
    with pytest.raises(ValidationError) as err:
        _run(services.db)
    assert err.value.fields == {"database"}
    assert "already holds data" in str(err.value)
    with services.db.engine.connect() as conn:
        assert _table_counts(conn) == before
        assert conn.execute(text("SELECT code, bed_capacity FROM programs")).all() == beds_before


def test_a_database_with_data_is_blamed_by_name_not_the_size(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """The refusal names the database and says it holds data; it names no command-line flag."""
    _run(db)
    with pytest.raises(ValidationError) as err:
        generate(db.engine, size="large", seed=SEED, today=TODAY)
    assert err.value.fields == {"database"}
    assert str(err.value) == "database: already holds data; use an empty database for demo data"
    assert "--" not in str(err.value)
    assert run_cli(["demo", "--size", "small", "--db", db.url]) == 2
    stderr = capsys.readouterr().err.strip().splitlines()
    assert stderr == [f"peerdesk: {err.value}"]


def test_refuses_a_database_with_alumni_but_no_residents(services: Services) -> None:
    with services.db.sessions.begin() as s:
        s.add(Alumnus(first_name="Ana", last_name="Lopez", joined_on=TODAY))
    with pytest.raises(ValidationError) as err:
        _run(services.db)
    assert err.value.fields == {"database"}


def test_refuses_an_unknown_size(db: Database) -> None:
    with pytest.raises(ValidationError) as err:
        generate(db.engine, size="huge", seed=1, today=TODAY)
    assert err.value.fields == {"size"}
    assert "--" not in str(err.value)


def test_areas_run_from_one_ordered_list() -> None:
    """Parents before children: residents before the areas that refer to residents."""
    names = [area.name for area in AREAS]
    assert names[:3] == ["reference data", "residents", "alumni"]
    assert len(set(names)) == len(names)


def test_new_records_get_fresh_ids_after_the_demo(services: Services) -> None:
    """On PostgreSQL this needs the sequences moved past the demo's explicit ids."""
    _run(services.db)
    with services.db.engine.connect() as conn:
        max_person = conn.scalar(text("SELECT max(id) FROM persons"))
    person_id = services.residents.create_person(PersonDraft(first_name="Zoë", last_name="Nguyễn"))
    detail = services.residents.get(person_id)
    assert max_person is not None
    assert person_id == max_person + 1
    assert detail.record_no == max_person + 1
    screening_id = services.residents.add_screening(
        person_id,
        ScreeningDraft(
            screened_on=TODAY,
            ratings=tuple(RatingDraft(c, 4) for c in ScreeningCriterion),
            stage_of_change=StageOfChange.PREPARATION,
            decision=ScreeningDecision.WAITLIST,
            decision_reason="Waiting for a bed",
        ),
    )
    assert screening_id > 1


def test_progress_reaches_the_total_of_every_step(db: Database) -> None:
    calls: Calls = []
    _run(db, calls=calls)
    last: dict[str, tuple[int, int]] = {}
    for step, done, total in calls:
        assert 0 <= done <= total
        previous = last.get(step, (0, total))[0]
        assert done >= previous
        last[step] = (done, total)
    assert {"residents", "stays", "group sessions", "activities"} <= set(last)
    assert all(done == total for done, total in last.values())
    assert calls[-1][1] == calls[-1][2]


def test_summary_is_one_line_of_counts_per_table(db: Database, small: DemoSummary) -> None:
    lines = str(small).splitlines()
    assert len(lines) == len(small.counts)
    assert lines[0].split()[0] == small.counts[0][0]
    with db.engine.connect() as conn:
        names = set(conn.scalars(text("SELECT last_name FROM persons")))
    assert not any(name in str(small) for name in names)
