"""The residents service on a real database: registration, search, stays, rules, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from peerdesk.app import Services
from peerdesk.domain.enums import (
    DischargeReason,
    Gender,
    ResidentStatus,
    ScreeningCriterion,
    ScreeningDecision,
    StageOfChange,
)
from peerdesk.domain.errors import (
    ConflictError,
    NotFoundError,
    OverrideRequiredError,
    ValidationError,
)
from peerdesk.domain.residents import (
    ActionDraft,
    AdmissionDraft,
    AftercareDraft,
    DischargeDraft,
    GoalDraft,
    PersonDraft,
    RatingDraft,
    ResidentFilter,
    ResidentQuery,
    ResidentSort,
    ScreeningDraft,
)
from peerdesk.models import AuditEvent, Person
from tests.conftest import TODAY


def _program_id(services: Services, code: str) -> int:
    return next(p.id for p in services.programs.programs() if p.code == code)


def _person(services: Services, first: str = "Ana", last: str = "Lopez", **kw: object) -> int:
    draft = PersonDraft(first_name=first, last_name=last, **kw)  # type: ignore[arg-type]
    return services.residents.create_person(draft)


def test_register_assigns_record_numbers_and_audits_field_names_only(services: Services) -> None:
    a = _person(services, "Ana", "Lopez", phone="555 0101")
    b = _person(services, "Ben", "Okafor")
    detail = services.residents.get(b)
    assert detail.record_number == "R-00002"
    assert services.residents.get(a).record_no == 1
    with services.db.sessions() as s:
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.entity == "person")))
    assert [e.entity_id for e in events] == [a, b]
    assert all("first_name" in e.fields for e in events)
    assert not any("Ana" in e.fields or "Lopez" in e.fields for e in events)


def test_register_refuses_missing_names_and_bad_contact_naming_fields(services: Services) -> None:
    with pytest.raises(ValidationError) as err:
        services.residents.create_person(
            PersonDraft(first_name=" ", last_name="", phone="call me", email="nope")
        )
    assert err.value.fields == {"first_name", "last_name", "phone", "email"}
    with services.db.sessions() as s:
        assert s.scalar(select(Person.id)) is None


def test_future_date_of_birth_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError) as err:
        _person(services, date_of_birth=TODAY + dt.timedelta(days=1))
    assert err.value.fields == {"date_of_birth"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("jose", ["José García"]),
        ("GARC", ["José García"]),
        ("555-0199", ["Mia Chen"]),
        ("r-00002", ["Mia Chen"]),
        ("chen mia", ["Mia Chen"]),
        ("zzz", []),
    ],
)
def test_search_by_name_accents_phone_and_record(
    services: Services, typed: str, expected: list[str]
) -> None:
    _person(services, "José", "García", phone="555-0100")
    _person(services, "Mia", "Chen", phone="(555) 0199")
    rows = services.residents.rows(services.residents.search_ids(ResidentQuery(text=typed)))
    assert [f"{r.first_name} {r.last_name}" for r in rows] == expected


def test_search_treats_percent_and_underscore_literally(services: Services) -> None:
    _person(services, "Ana", "Lopez")
    assert services.residents.search_ids(ResidentQuery(text="%")) == []
    assert services.residents.search_ids(ResidentQuery(text="_")) == []


def test_admit_discharge_readmit_and_status_filters(services: Services) -> None:
    mens = _program_id(services, "mens")
    pid = _person(services, "Sam", "Reed", gender=Gender.MALE)
    other = _person(services, "Tom", "Hale", gender=Gender.MALE)
    r = services.residents
    assert r.get(pid).status is ResidentStatus.SCREENING
    stay = r.admit(pid, AdmissionDraft(mens, dt.date(2026, 1, 5)))
    assert r.get(pid).status is ResidentStatus.IN_CARE
    assert r.search_ids(ResidentQuery(status=ResidentFilter.IN_CARE)) == [pid]
    assert r.search_ids(ResidentQuery(status=ResidentFilter.SCREENING)) == [other]
    census = {c.program.code: c for c in services.programs.census()}
    assert census["mens"].beds_used == 1
    assert census["mens"].beds_free == census["mens"].program.bed_capacity - 1

    version = r.get(pid).stays[0].version
    r.discharge(stay, DischargeDraft(dt.date(2026, 3, 1), DischargeReason.COMPLETED), version)
    assert r.get(pid).status is ResidentStatus.DISCHARGED
    assert r.search_ids(ResidentQuery(status=ResidentFilter.DISCHARGED)) == [pid]

    # Readmission on the discharge day is allowed: the discharge day is not a care day.
    r.admit(pid, AdmissionDraft(mens, dt.date(2026, 3, 1)))
    detail = r.get(pid)
    assert [s.is_open for s in detail.stays] == [True, False]
    assert detail.status is ResidentStatus.IN_CARE


def test_admission_overlapping_an_earlier_stay_is_refused(services: Services) -> None:
    mens = _program_id(services, "mens")
    pid = _person(services, gender=Gender.MALE)
    r = services.residents
    stay = r.admit(pid, AdmissionDraft(mens, dt.date(2026, 1, 5)))
    r.discharge(stay, DischargeDraft(dt.date(2026, 3, 1), DischargeReason.OTHER), None)
    with pytest.raises(ValidationError) as err:
        r.admit(pid, AdmissionDraft(mens, dt.date(2026, 2, 1)))
    assert err.value.fields == {"admission_date"}
    assert "overlaps" in str(err.value)


def test_second_admission_while_in_care_is_refused(services: Services) -> None:
    mens = _program_id(services, "mens")
    pid = _person(services, gender=Gender.MALE)
    services.residents.admit(pid, AdmissionDraft(mens, dt.date(2026, 1, 5)))
    with pytest.raises(ValidationError, match="already in care"):
        services.residents.admit(pid, AdmissionDraft(mens, dt.date(2026, 5, 5)))


def test_discharge_before_admission_or_in_future_is_refused(services: Services) -> None:
    mens = _program_id(services, "mens")
    pid = _person(services, gender=Gender.MALE)
    stay = services.residents.admit(pid, AdmissionDraft(mens, dt.date(2026, 1, 5)))
    for bad in (dt.date(2026, 1, 4), TODAY + dt.timedelta(days=1)):
        with pytest.raises(ValidationError) as err:
            services.residents.discharge(stay, DischargeDraft(bad, DischargeReason.OTHER), None)
        assert err.value.fields == {"discharge_date"}
    assert services.residents.get(pid).open_stay is not None


def test_other_gender_program_needs_override_reason(services: Services) -> None:
    womens = _program_id(services, "womens")
    pid = _person(services, gender=Gender.MALE)
    with pytest.raises(OverrideRequiredError) as err:
        services.residents.admit(pid, AdmissionDraft(womens, dt.date(2026, 1, 5)))
    assert err.value.rules == ["program_gender"]
    assert services.residents.get(pid).stays == ()
    services.residents.admit(
        pid, AdmissionDraft(womens, dt.date(2026, 1, 5), override_reason="clinical director ok")
    )
    assert services.residents.get(pid).stays[0].override_reason == "clinical director ok"


def test_full_program_needs_override_reason(services: Services) -> None:
    mens = _program_id(services, "mens")
    capacity = next(p.bed_capacity for p in services.programs.programs() if p.id == mens)
    for i in range(capacity):
        pid = _person(services, f"P{i}", "Full", gender=Gender.MALE)
        services.residents.admit(pid, AdmissionDraft(mens, dt.date(2026, 1, 5)))
    extra = _person(services, "Late", "Comer", gender=Gender.MALE)
    with pytest.raises(OverrideRequiredError) as err:
        services.residents.admit(extra, AdmissionDraft(mens, dt.date(2026, 2, 5)))
    assert err.value.rules == ["program_full"]
    assert "full" in str(err.value)


def test_stale_version_is_a_conflict_not_an_overwrite(services: Services) -> None:
    pid = _person(services)
    detail = services.residents.get(pid)
    services.residents.update_person(pid, PersonDraft("Ana", "Lopez-Diaz"), detail.version)
    with pytest.raises(ConflictError):
        services.residents.update_person(pid, PersonDraft("Anna", "Lopez"), detail.version)
    assert services.residents.get(pid).last_name == "Lopez-Diaz"


def test_screening_decision_sets_waitlisted_status(services: Services) -> None:
    pid = _person(services)
    ratings = tuple(RatingDraft(c, 4) for c in ScreeningCriterion)
    services.residents.add_screening(
        pid,
        ScreeningDraft(
            screened_on=dt.date(2026, 6, 1),
            ratings=ratings,
            stage_of_change=StageOfChange.PREPARATION,
            decision=ScreeningDecision.WAITLIST,
            decision_reason="no bed this week",
        ),
    )
    assert services.residents.get(pid).status is ResidentStatus.WAITLISTED
    assert services.residents.search_ids(ResidentQuery(status=ResidentFilter.WAITLISTED)) == [pid]
    screening = services.residents.get(pid).screenings[0]
    assert [r.criterion for r in screening.ratings] == list(ScreeningCriterion)


def test_screening_missing_ratings_and_reason_names_each_field(services: Services) -> None:
    pid = _person(services)
    with pytest.raises(ValidationError) as err:
        services.residents.add_screening(
            pid,
            ScreeningDraft(
                screened_on=dt.date(2026, 6, 1),
                ratings=(RatingDraft(ScreeningCriterion.DIAGNOSIS, 3),),
                stage_of_change=None,
                decision=ScreeningDecision.ADMIT,
            ),
        )
    assert {
        "motivation",
        "overall_health",
        "decision_reason",
        "stage_of_change",
    } <= err.value.fields
    assert "diagnosis" not in err.value.fields


def test_goals_actions_aftercare_and_timeline(services: Services) -> None:
    mens = _program_id(services, "mens")
    pid = _person(services, gender=Gender.MALE)
    r = services.residents
    stay = r.admit(pid, AdmissionDraft(mens, dt.date(2026, 1, 5)))
    goal = r.add_goal(
        pid,
        GoalDraft(
            "Find work",
            target_date=dt.date(2026, 9, 1),
            actions=(ActionDraft("Write CV", dt.date(2026, 7, 1)), ActionDraft("Apply to 3 jobs")),
        ),
    )
    step = r.get(pid).goals[0].actions[0]
    r.set_action_done(step.id, dt.date(2026, 6, 10))
    r.discharge(stay, DischargeDraft(dt.date(2026, 6, 12), DischargeReason.COMPLETED), None)
    r.save_aftercare(stay, AftercareDraft(meetings="AA Tuesdays", outpatient="IOP"), None)
    detail = r.get(pid)
    assert detail.goals[0].id == goal
    assert detail.goals[0].actions[0].done_on == dt.date(2026, 6, 10)
    assert detail.aftercare[0].meetings == "AA Tuesdays"
    timeline = r.timeline(pid)
    assert {"admission", "discharge", "goal"} <= {e.kind for e in timeline}
    assert [e.date for e in timeline] == sorted((e.date for e in timeline), reverse=True)
    assert any(e.title == "Step done: Write CV" for e in timeline)


def test_goal_action_after_goal_target_is_refused(services: Services) -> None:
    pid = _person(services)
    with pytest.raises(ValidationError) as err:
        services.residents.add_goal(
            pid,
            GoalDraft(
                "x",
                target_date=dt.date(2026, 7, 1),
                actions=(ActionDraft("late", dt.date(2026, 8, 1)),),
            ),
        )
    assert err.value.fields == {"action 1"}


@pytest.mark.parametrize("sort", list(ResidentSort))
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_orders_in_the_database(
    services: Services, sort: ResidentSort, descending: bool
) -> None:
    mens = _program_id(services, "mens")
    ids = []
    for i, (first, last) in enumerate([("Cy", "Adams"), ("Bo", "Zane"), ("Al", "Moss")]):
        pid = _person(
            services, first, last, gender=Gender.MALE, sobriety_date=dt.date(2025, 1 + i, 1)
        )
        ids.append(pid)
    services.residents.admit(ids[1], AdmissionDraft(mens, dt.date(2026, 1, 5)))
    got = services.residents.search_ids(ResidentQuery(sort=sort, descending=descending))
    rows = services.residents.rows(got)
    key = {
        ResidentSort.RECORD: lambda r: r.record_no,
        ResidentSort.NAME: lambda r: r.last_name,
        ResidentSort.DAYS_SOBER: lambda r: (TODAY - r.sobriety_date).days,
    }.get(sort)
    assert sorted(got) == sorted(ids)
    if key is not None:
        values = [key(r) for r in rows]
        assert values == sorted(values, reverse=descending)
    if sort is ResidentSort.ADMISSION and not descending:
        assert got[0] == ids[1]  # the only admitted person first, empty dates last


def test_aftercare_made_elsewhere_meanwhile_is_a_conflict(services: Services) -> None:
    mens = _program_id(services, "mens")
    pid = _person(services, gender=Gender.MALE)
    stay = services.residents.admit(pid, AdmissionDraft(mens, dt.date(2026, 1, 5)))
    services.residents.save_aftercare(stay, AftercareDraft(meetings="B's plan"), None)
    with pytest.raises(ConflictError):  # A opened the dialog before B saved: version None
        services.residents.save_aftercare(stay, AftercareDraft(meetings="A's plan"), None)
    assert services.residents.get(pid).aftercare[0].meetings == "B's plan"


def test_stale_goal_form_conflicts_after_a_step_was_ticked(services: Services) -> None:
    pid = _person(services)
    r = services.residents
    r.add_goal(pid, GoalDraft("Housing", actions=(ActionDraft("Visit"),)))
    stale = r.get(pid).goals[0]
    r.set_action_done(stale.actions[0].id, dt.date(2026, 6, 1))
    with pytest.raises(ConflictError):
        r.update_goal(
            stale.id, GoalDraft("Housing", actions=(ActionDraft("Visit"),)), stale.version
        )
    assert r.get(pid).goals[0].actions[0].done_on == dt.date(2026, 6, 1)


def test_database_allows_one_open_stay_per_person(services: Services) -> None:
    from sqlalchemy.exc import IntegrityError

    from peerdesk.models import Stay

    mens = _program_id(services, "mens")
    pid = _person(services, gender=Gender.MALE)
    services.residents.admit(pid, AdmissionDraft(mens, dt.date(2026, 1, 5)))
    # What a second workstation's simultaneous admit would write, past the service's check.
    with pytest.raises(IntegrityError), services.db.sessions.begin() as s:
        s.add(Stay(person_id=pid, program_id=mens, admission_date=dt.date(2026, 2, 1)))


def test_status_after_admission_and_discharge_on_the_screening_day(services: Services) -> None:
    mens = _program_id(services, "mens")
    pid = _person(services, gender=Gender.MALE)
    r = services.residents
    day = dt.date(2026, 6, 1)
    ratings = tuple(RatingDraft(c, 4) for c in ScreeningCriterion)
    r.add_screening(
        pid, ScreeningDraft(day, ratings, StageOfChange.ACTION, ScreeningDecision.ADMIT, "ok")
    )
    stay = r.admit(pid, AdmissionDraft(mens, day))
    r.discharge(stay, DischargeDraft(day, DischargeReason.LEFT_AMA), None)
    assert r.get(pid).status is ResidentStatus.DISCHARGED
    # Screened again on the day of a later discharge: that screening is the news.
    stay = r.admit(pid, AdmissionDraft(mens, dt.date(2026, 6, 2)))
    r.discharge(stay, DischargeDraft(dt.date(2026, 6, 10), DischargeReason.COMPLETED), None)
    r.add_screening(
        pid,
        ScreeningDraft(
            dt.date(2026, 6, 10), ratings, StageOfChange.ACTION, ScreeningDecision.WAITLIST, "bed"
        ),
    )
    assert r.get(pid).status is ResidentStatus.WAITLISTED


def test_census_shows_beds_over_capacity_and_gender_overrides(services: Services) -> None:
    mens = _program_id(services, "mens")
    capacity = next(p.bed_capacity for p in services.programs.programs() if p.id == mens)
    for i in range(capacity):
        pid = _person(services, f"P{i}", "Full", gender=Gender.MALE)
        services.residents.admit(pid, AdmissionDraft(mens, dt.date(2026, 1, 5)))
    woman = _person(services, "Ida", "Vance", gender=Gender.FEMALE)
    services.residents.admit(
        woman, AdmissionDraft(mens, dt.date(2026, 2, 5), override_reason="only bed in town")
    )
    row = next(c for c in services.programs.census() if c.program.id == mens)
    assert row.beds_used == capacity + 1
    assert (row.beds_free, row.beds_over) == (0, 1)
    assert row.gender_overrides == 1
    womens = next(c for c in services.programs.census() if c.program.code == "womens")
    assert (womens.beds_used, womens.beds_over, womens.gender_overrides) == (0, 0, 0)


def test_timeline_gathers_every_contributor_newest_first(services: Services) -> None:
    from peerdesk.app import TIMELINE
    from peerdesk.domain.residents import TimelineEntry
    from peerdesk.services.residents import RESIDENT_TIMELINE
    from peerdesk.services.timeline import TimelineService

    pid = _person(services)
    assert set(RESIDENT_TIMELINE) <= set(TIMELINE)

    def first(_s: object, person_id: int) -> list[TimelineEntry]:
        return [TimelineEntry(dt.date(2026, 1, 1), "note", f"one {person_id}")]

    def second(_s: object, _person_id: int) -> list[TimelineEntry]:
        return [TimelineEntry(dt.date(2026, 3, 1), "note", "two")]

    service = TimelineService(services.db.sessions, services.user, contributors=(first, second))
    assert [e.title for e in service.timeline(pid)] == ["two", f"one {pid}"]
    with pytest.raises(NotFoundError):
        service.timeline(pid + 1)
