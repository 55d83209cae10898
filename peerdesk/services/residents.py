"""Residents: registration, screening, stays, goals, aftercare, mentor and the timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    bindparam,
    case,
    exists,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql.compiler import SQLCompiler

from peerdesk.domain.enums import (
    AlumnusRole,
    AlumnusStatus,
    AttendanceStatus,
    ResidentStatus,
    ScreeningCriterion,
    ScreeningDecision,
)
from peerdesk.domain.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    OverrideRequiredError,
    ValidationError,
)
from peerdesk.domain.residents import (
    ActionInfo,
    AdmissionDraft,
    AftercareDraft,
    AftercareInfo,
    DischargeDraft,
    GoalDraft,
    GoalInfo,
    MentorOption,
    PersonDraft,
    RatingInfo,
    ResidentDetail,
    ResidentFilter,
    ResidentQuery,
    ResidentRow,
    ResidentSort,
    ScreeningDraft,
    ScreeningInfo,
    StayInfo,
    TimelineEntry,
    search_key,
    search_tokens,
    validate_goal,
    validate_person,
    validate_screening,
    validate_stay_dates,
)
from peerdesk.models import (
    ActivityOccurrence,
    ActivityType,
    AftercarePlan,
    Alumnus,
    AlumnusRoleAssignment,
    Attendance,
    FollowUp,
    Goal,
    GoalAction,
    GroupSession,
    MentorAssignment,
    Participation,
    Person,
    Program,
    Screening,
    ScreeningRating,
    SessionType,
    Stay,
)
from peerdesk.services.base import Service, audit
from peerdesk.services.programs import beds_used

PAGE_SIZE = 200

_PERSON_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "gender",
    "phone",
    "email",
    "sobriety_date",
    "external_id",
)


# ---- derived columns --------------------------------------------------------------------------


def refresh_person_summary(s: Session, person_ids: Collection[int] | None = None) -> None:
    """Recompute status, program and last admission of persons (all when ``person_ids`` is None).

    One SQL statement, used by the services after every change and by bulk loads (demo, import),
    so the rule lives in one place:
    in care (an open stay) > the decision of a screening since the last discharge > discharged
    (any stay) > screening.
    """
    program_of_latest = (
        select(Stay.program_id)
        .where(Stay.person_id == Person.id)
        .order_by(Stay.admission_date.desc(), Stay.id.desc())
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )
    admission_of_latest = (
        select(func.max(Stay.admission_date))
        .where(Stay.person_id == Person.id)
        .correlate(Person)
        .scalar_subquery()
    )
    has_open = exists().where(Stay.person_id == Person.id, Stay.discharge_date.is_(None))
    has_stay = exists().where(Stay.person_id == Person.id)
    last_discharge = (
        select(func.max(Stay.discharge_date))
        .where(Stay.person_id == Person.id)
        .correlate(Person)
        .scalar_subquery()
    )
    decision = (
        select(Screening.decision)
        .where(
            Screening.person_id == Person.id,
            Screening.screened_on >= func.coalesce(last_discharge, dt.date(1900, 1, 1)),
        )
        .order_by(Screening.screened_on.desc(), Screening.id.desc())
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )
    status = case(
        (has_open, literal(ResidentStatus.IN_CARE.value)),
        (decision == ScreeningDecision.WAITLIST, literal(ResidentStatus.WAITLISTED.value)),
        (decision == ScreeningDecision.REFER, literal(ResidentStatus.REFERRED.value)),
        (decision == ScreeningDecision.DECLINE, literal(ResidentStatus.DECLINED.value)),
        (decision.is_not(None), literal(ResidentStatus.SCREENING.value)),
        (has_stay, literal(ResidentStatus.DISCHARGED.value)),
        else_=literal(ResidentStatus.SCREENING.value),
    )
    stmt = update(Person).values(
        status=status, last_program_id=program_of_latest, last_admission_date=admission_of_latest
    )
    if person_ids is not None:
        stmt = stmt.where(Person.id.in_(list(person_ids)))
    s.execute(stmt, execution_options={"synchronize_session": False})


def next_record_no(s: Session) -> int:
    return (s.scalar(select(func.max(Person.record_no))) or 0) + 1


def new_person(s: Session, draft: PersonDraft, record_no: int | None = None) -> Person:
    """A Person row from a validated draft (used by the service and by CSV import)."""
    no = record_no if record_no is not None else next_record_no(s)
    person = Person(record_no=no)
    apply_person_draft(person, draft)
    s.add(person)
    return person


def apply_person_draft(person: Person, draft: PersonDraft) -> list[str]:
    """Copy the draft onto the row; return the names of the fields that changed."""
    changed = []
    for name in _PERSON_FIELDS:
        value = getattr(draft, name)
        if isinstance(value, str) and name != "external_id":
            value = value.strip()
        if getattr(person, name) != value:
            setattr(person, name, value)
            changed.append(name)
    person.search_key = search_key(
        person.first_name, person.last_name, person.record_no, person.phone, person.email
    )
    return changed


def admission_rule_errors(
    s: Session, person: Person, program: Program
) -> tuple[list[FieldError], list[str]]:
    """Rules staff may override with a reason: the program's gender and free beds."""
    errors: list[FieldError] = []
    rules: list[str] = []
    if program.gender is not None and person.gender != program.gender:
        rules.append("program_gender")
        errors.append(
            FieldError(
                "program_id",
                f"{program.name} is for {program.gender.label.lower()} residents; "
                f"this person's gender is recorded as {person.gender.label.lower()}",
            )
        )
    used = beds_used(s, program.id)
    if used >= program.bed_capacity:
        rules.append("program_full")
        errors.append(
            FieldError(
                "program_id", f"{program.name} is full ({used} of {program.bed_capacity} beds used)"
            )
        )
    return errors, rules


# ---- the service ------------------------------------------------------------------------------


def _like_patterns(text: str) -> list[str]:
    """One LIKE pattern per typed token, with LIKE's wildcards taken literally."""
    return [
        "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        for t in search_tokens(text)
    ]


class ResidentService(Service):
    """Every read and change of the Residents view and of resident CSV files."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._compiled_ids: dict[tuple[object, ...], SQLCompiler] = {}

    # -- list --

    def id_query(self, q: ResidentQuery) -> Select[tuple[int]]:
        """The ordered id query of the list (public so the benchmark can time it raw).

        Values travel in named bind parameters (``t0``…, ``status``, ``program``) so that
        ``search_ids`` can compile one statement per query shape and reuse it.
        """
        stmt: Select[tuple[int]] = select(Person.id)
        for i, pattern in enumerate(_like_patterns(q.text)):
            stmt = stmt.where(Person.search_key.like(bindparam(f"t{i}", pattern), escape="\\"))
        if q.status is not ResidentFilter.ALL:
            stmt = stmt.where(Person.status == bindparam("status", ResidentStatus(q.status.value)))
        if q.program_id is not None:
            stmt = stmt.where(Person.last_program_id == bindparam("program", q.program_id))
        keys: list[ColumnElement[Any] | InstrumentedAttribute[Any]]
        descending = q.descending
        match q.sort:
            case ResidentSort.RECORD:
                keys = [Person.record_no]
            case ResidentSort.NAME:
                keys = [func.lower(Person.last_name), func.lower(Person.first_name)]
            case ResidentSort.PROGRAM:
                stmt = stmt.outerjoin(Program, Program.id == Person.last_program_id)
                keys = [Program.name]
            case ResidentSort.STATUS:
                keys = [Person.status]
            case ResidentSort.ADMISSION:
                keys = [Person.last_admission_date]
            case ResidentSort.DAYS_SOBER:
                # More days sober is an earlier date: ascending days is descending dates.
                keys = [Person.sobriety_date]
                descending = not descending
        order = [(k.desc() if descending else k.asc()).nulls_last() for k in keys]
        tie = Person.record_no.desc() if q.descending else Person.record_no.asc()
        return stmt.order_by(*order, tie)

    def search_ids(self, q: ResidentQuery) -> list[int]:
        """The ids the list shows, in order. Runs on every keystroke and every sort.

        SQLAlchemy's per-row result handling costs more than the indexed query itself on
        6,000 ids, so the statement is compiled once per shape and run on the DBAPI cursor.
        """
        patterns = _like_patterns(q.text)
        shape = (len(patterns), q.status, q.program_id is not None, q.sort, q.descending)
        compiled = self._compiled_ids.get(shape)
        if compiled is None:
            compiled = self.id_query(q).compile(dialect=self._engine.dialect)
            assert isinstance(compiled, SQLCompiler)
            self._compiled_ids[shape] = compiled
        values: dict[str, Any] = {f"t{i}": p for i, p in enumerate(patterns)}
        if q.status is not ResidentFilter.ALL:
            values["status"] = q.status.value
        if q.program_id is not None:
            values["program"] = q.program_id
        params: Any = (
            tuple(values[name] for name in compiled.positiontup or ())
            if compiled.positional
            else values
        )
        with self._engine.connect() as conn:
            cursor = conn.connection.cursor()
            try:
                cursor.execute(str(compiled), params)
                return [row[0] for row in cursor.fetchall()]
            finally:
                cursor.close()

    def rows(self, ids: Sequence[int]) -> list[ResidentRow]:
        """The rows for ``ids``, in that order; ids that no longer exist are left out."""
        if not ids:
            return []
        stmt = (
            select(
                Person.id,
                Person.record_no,
                Person.first_name,
                Person.last_name,
                Person.phone,
                Person.status,
                Program.name,
                Person.last_admission_date,
                Person.sobriety_date,
            )
            .outerjoin(Program, Program.id == Person.last_program_id)
            .where(Person.id.in_(list(ids)))
        )
        with self._sessions() as s:
            by_id = {
                r[0]: ResidentRow(
                    id=r[0],
                    record_no=r[1],
                    first_name=r[2],
                    last_name=r[3],
                    phone=r[4],
                    status=r[5],
                    program_name=r[6] or "",
                    admission_date=r[7],
                    sobriety_date=r[8],
                )
                for r in s.execute(stmt)
            }
        return [by_id[i] for i in ids if i in by_id]

    # -- one record --

    def get(self, person_id: int) -> ResidentDetail:
        with self._sessions() as s:
            person = s.get(Person, person_id)
            if person is None:
                raise NotFoundError(f"resident {person_id} no longer exists")
            return self._detail(s, person)

    def _detail(self, s: Session, person: Person) -> ResidentDetail:
        programs = {p.id: p.name for p in s.scalars(select(Program))}
        stays = tuple(
            StayInfo(
                id=st.id,
                program_id=st.program_id,
                program_name=programs.get(st.program_id, ""),
                admission_date=st.admission_date,
                discharge_date=st.discharge_date,
                discharge_reason=st.discharge_reason,
                discharge_note=st.discharge_note,
                override_reason=st.override_reason,
                version=st.version_id,
                external_id=st.external_id,
            )
            for st in s.scalars(
                select(Stay)
                .where(Stay.person_id == person.id)
                .order_by(Stay.admission_date.desc(), Stay.id.desc())
            )
        )
        screenings = tuple(
            ScreeningInfo(
                id=sc.id,
                screened_on=sc.screened_on,
                program_id=sc.program_id,
                stage_of_change=sc.stage_of_change,
                decision=sc.decision,
                decision_reason=sc.decision_reason,
                notes=sc.notes,
                ratings=tuple(
                    RatingInfo(r.criterion, r.rating, r.note)
                    for r in sorted(
                        sc.ratings, key=lambda r: list(ScreeningCriterion).index(r.criterion)
                    )
                ),
                version=sc.version_id,
            )
            for sc in s.scalars(
                select(Screening)
                .options(selectinload(Screening.ratings))
                .where(Screening.person_id == person.id)
                .order_by(Screening.screened_on.desc(), Screening.id.desc())
            )
        )
        goals = tuple(
            GoalInfo(
                id=g.id,
                title=g.title,
                target_date=g.target_date,
                status=g.status,
                actions=tuple(
                    ActionInfo(a.id, a.description, a.target_date, a.done_on) for a in g.actions
                ),
                version=g.version_id,
            )
            for g in s.scalars(
                select(Goal)
                .options(selectinload(Goal.actions))
                .where(Goal.person_id == person.id)
                .order_by(Goal.created_at, Goal.id)
            )
        )
        alumni_names = {
            a.id: f"{a.first_name} {a.last_name}"
            for a in s.scalars(
                select(Alumnus).where(
                    Alumnus.id.in_(
                        select(AftercarePlan.mentor_alumnus_id)
                        .join(Stay, Stay.id == AftercarePlan.stay_id)
                        .where(Stay.person_id == person.id)
                        .union(
                            select(MentorAssignment.mentor_alumnus_id).where(
                                MentorAssignment.person_id == person.id
                            )
                        )
                    )
                )
            )
        }
        aftercare = tuple(
            AftercareInfo(
                stay_id=plan.stay_id,
                meetings=plan.meetings,
                sober_living=plan.sober_living,
                outpatient=plan.outpatient,
                mentor_alumnus_id=plan.mentor_alumnus_id,
                mentor_name=alumni_names.get(plan.mentor_alumnus_id or -1, ""),
                notes=plan.notes,
                version=plan.version_id,
            )
            for plan in s.scalars(
                select(AftercarePlan)
                .join(Stay, Stay.id == AftercarePlan.stay_id)
                .where(Stay.person_id == person.id)
            )
        )
        mentor_id = s.scalar(
            select(MentorAssignment.mentor_alumnus_id).where(
                MentorAssignment.person_id == person.id, MentorAssignment.ended_on.is_(None)
            )
        )
        mentor = MentorOption(mentor_id, alumni_names.get(mentor_id, "")) if mentor_id else None
        return ResidentDetail(
            id=person.id,
            record_no=person.record_no,
            external_id=person.external_id,
            first_name=person.first_name,
            last_name=person.last_name,
            date_of_birth=person.date_of_birth,
            gender=person.gender,
            phone=person.phone,
            email=person.email,
            sobriety_date=person.sobriety_date,
            status=person.status,
            version=person.version_id,
            stays=stays,
            screenings=screenings,
            goals=goals,
            aftercare=aftercare,
            mentor=mentor,
        )

    # -- changes --

    def _commit_guard(self, s: Session) -> None:
        """Flush now, so a concurrent change surfaces as a ConflictError, not a crash."""
        try:
            s.flush()
        except (StaleDataError, IntegrityError):
            raise ConflictError(
                "another workstation changed this record; reopen it to see the changes"
            ) from None

    @staticmethod
    def _check_version(current: int, expected: int | None) -> None:
        if expected is not None and current != expected:
            raise ConflictError(
                "another workstation changed this record since you opened it; "
                "reopen it to see the changes"
            )

    def create_person(self, draft: PersonDraft) -> int:
        actor = self._user.require()
        errors = validate_person(draft, self._today())
        if errors:
            raise ValidationError(errors)
        with self._sessions.begin() as s:
            self._check_external_id(s, draft.external_id, None)
            person = new_person(s, draft)
            s.flush()
            refresh_person_summary(s, [person.id])
            audit(s, actor, "create", "person", person.id, fields=_PERSON_FIELDS)
            return person.id

    def _check_external_id(
        self, s: Session, external_id: str | None, person_id: int | None
    ) -> None:
        if not external_id:
            return
        other = s.scalar(select(Person.id).where(Person.external_id == external_id))
        if other is not None and other != person_id:
            raise ValidationError("id", "is already used by another resident")

    def update_person(self, person_id: int, draft: PersonDraft, version: int | None) -> None:
        actor = self._user.require()
        errors = validate_person(draft, self._today())
        if errors:
            raise ValidationError(errors)
        with self._sessions.begin() as s:
            person = self._person(s, person_id)
            self._check_version(person.version_id, version)
            self._check_external_id(s, draft.external_id, person_id)
            changed = apply_person_draft(person, draft)
            if changed:
                self._commit_guard(s)
                audit(s, actor, "update", "person", person_id, fields=changed)

    def _person(self, s: Session, person_id: int) -> Person:
        person = s.get(Person, person_id)
        if person is None:
            raise NotFoundError(f"resident {person_id} no longer exists")
        return person

    def add_screening(self, person_id: int, draft: ScreeningDraft) -> int:
        actor = self._user.require()
        errors = validate_screening(draft, self._today())
        if errors:
            raise ValidationError(errors)
        with self._sessions.begin() as s:
            self._person(s, person_id)
            screening = Screening(
                person_id=person_id,
                screened_on=draft.screened_on,
                program_id=draft.program_id,
                stage_of_change=draft.stage_of_change,
                decision=draft.decision,
                decision_reason=draft.decision_reason.strip(),
                notes=draft.notes.strip(),
                screener_user_id=actor.user_id,
                ratings=[
                    ScreeningRating(criterion=r.criterion, rating=r.rating, note=r.note.strip())
                    for r in draft.ratings
                ],
            )
            s.add(screening)
            s.flush()
            refresh_person_summary(s, [person_id])
            audit(
                s,
                actor,
                "create",
                "screening",
                screening.id,
                fields=[
                    "screened_on",
                    "program_id",
                    "ratings",
                    "stage_of_change",
                    "decision",
                    "decision_reason",
                    "notes",
                ],
            )
            return screening.id

    def admit(self, person_id: int, draft: AdmissionDraft) -> int:
        """Admit (or readmit) to a program.

        Raises:
            ValidationError: dates are wrong or overlap another stay.
            OverrideRequiredError: the program is full or for the other gender and no
                ``override_reason`` was given.
        """
        actor = self._user.require()
        today = self._today()
        with self._sessions.begin() as s:
            person = self._person(s, person_id)
            program = s.get(Program, draft.program_id)
            if program is None or not program.is_active:
                raise ValidationError("program_id", "is not a program of this facility")
            others = [(st.admission_date, st.discharge_date) for st in person.stays]
            errors = validate_stay_dates(draft.admission_date, None, others, today)
            if any(st.discharge_date is None for st in person.stays):
                errors.insert(
                    0,
                    FieldError("admission_date", "the person is already in care; discharge first"),
                )
            if errors:
                raise ValidationError(errors)
            rule_errors, rules = admission_rule_errors(s, person, program)
            if rules and not draft.override_reason.strip():
                raise OverrideRequiredError(rule_errors, rules)
            stay = Stay(
                person_id=person_id,
                program_id=program.id,
                admission_date=draft.admission_date,
                override_reason=draft.override_reason.strip() if rules else "",
            )
            s.add(stay)
            self._commit_guard(s)
            refresh_person_summary(s, [person_id])
            fields = ["program_id", "admission_date"] + (["override_reason"] if rules else [])
            audit(s, actor, "admit", "stay", stay.id, fields=fields)
            return stay.id

    def discharge(self, stay_id: int, draft: DischargeDraft, version: int | None) -> None:
        actor = self._user.require()
        today = self._today()
        with self._sessions.begin() as s:
            stay = s.get(Stay, stay_id)
            if stay is None:
                raise NotFoundError(f"stay {stay_id} no longer exists")
            self._check_version(stay.version_id, version)
            if stay.discharge_date is not None:
                raise ValidationError("discharge_date", "this stay was already discharged")
            others = [
                (o.admission_date, o.discharge_date) for o in stay.person.stays if o.id != stay.id
            ]
            errors = validate_stay_dates(stay.admission_date, draft.discharge_date, others, today)
            if errors:
                raise ValidationError(errors)
            stay.discharge_date = draft.discharge_date
            stay.discharge_reason = draft.reason
            stay.discharge_note = draft.note.strip()
            self._commit_guard(s)
            refresh_person_summary(s, [stay.person_id])
            audit(
                s,
                actor,
                "discharge",
                "stay",
                stay.id,
                fields=["discharge_date", "discharge_reason", "discharge_note"],
            )

    def add_goal(self, person_id: int, draft: GoalDraft) -> int:
        actor = self._user.require()
        errors = validate_goal(draft)
        if errors:
            raise ValidationError(errors)
        with self._sessions.begin() as s:
            person = self._person(s, person_id)
            open_stay = next((st for st in person.stays if st.discharge_date is None), None)
            goal = Goal(
                person_id=person_id,
                stay_id=open_stay.id if open_stay else None,
                title=draft.title.strip(),
                target_date=draft.target_date,
                status=draft.status,
                actions=self._actions(draft),
            )
            s.add(goal)
            s.flush()
            fields = ["title", "target_date", "status", "actions"]
            audit(s, actor, "create", "goal", goal.id, fields=fields)
            return goal.id

    @staticmethod
    def _actions(draft: GoalDraft) -> list[GoalAction]:
        return [
            GoalAction(
                position=i,
                description=a.description.strip(),
                target_date=a.target_date,
                done_on=a.done_on,
            )
            for i, a in enumerate(draft.actions)
        ]

    def update_goal(self, goal_id: int, draft: GoalDraft, version: int | None) -> None:
        actor = self._user.require()
        errors = validate_goal(draft)
        if errors:
            raise ValidationError(errors)
        with self._sessions.begin() as s:
            goal = s.get(Goal, goal_id)
            if goal is None:
                raise NotFoundError(f"goal {goal_id} no longer exists")
            self._check_version(goal.version_id, version)
            goal.title = draft.title.strip()
            goal.target_date = draft.target_date
            goal.status = draft.status
            goal.actions = self._actions(draft)
            audit(
                s,
                actor,
                "update",
                "goal",
                goal.id,
                fields=["title", "target_date", "status", "actions"],
            )

    def set_action_done(self, action_id: int, done_on: dt.date | None) -> None:
        actor = self._user.require()
        if done_on is not None and done_on > self._today():
            raise ValidationError("done_on", "is in the future")
        with self._sessions.begin() as s:
            action = s.get(GoalAction, action_id)
            if action is None:
                raise NotFoundError(f"step {action_id} no longer exists")
            action.done_on = done_on
            # The goal's version moves too, so an Edit-goal form opened before this conflicts
            # instead of putting the step back.
            goal = s.get(Goal, action.goal_id)
            if goal is not None:
                flag_modified(goal, "status")
            self._commit_guard(s)
            audit(s, actor, "update", "goal_action", action.id, fields=["done_on"])

    def save_aftercare(self, stay_id: int, draft: AftercareDraft, version: int | None) -> None:
        actor = self._user.require()
        with self._sessions.begin() as s:
            stay = s.get(Stay, stay_id)
            if stay is None:
                raise NotFoundError(f"stay {stay_id} no longer exists")
            if (
                draft.mentor_alumnus_id is not None
                and s.get(Alumnus, draft.mentor_alumnus_id) is None
            ):
                raise ValidationError("mentor", "is not on the alumni roster")
            plan = s.scalar(select(AftercarePlan).where(AftercarePlan.stay_id == stay_id))
            action = "update"
            if plan is None:
                plan = AftercarePlan(stay_id=stay_id)
                s.add(plan)
                action = "create"
            elif version is None:
                # The dialog opened with no plan; another workstation has made one since.
                raise ConflictError(
                    "another workstation wrote an aftercare plan for this stay meanwhile; "
                    "reopen it to see the changes"
                )
            else:
                self._check_version(plan.version_id, version)
            changed = []
            for name in ("meetings", "sober_living", "outpatient", "notes"):
                value = getattr(draft, name).strip()
                if getattr(plan, name) != value:
                    setattr(plan, name, value)
                    changed.append(name)
            if plan.mentor_alumnus_id != draft.mentor_alumnus_id:
                plan.mentor_alumnus_id = draft.mentor_alumnus_id
                changed.append("mentor_alumnus_id")
            if not changed and action == "update":
                return  # nothing changed: nothing to write or audit
            self._commit_guard(s)
            audit(s, actor, action, "aftercare_plan", plan.id, fields=changed)

    # -- mentor --

    def mentor_options(self, person_id: int) -> list[MentorOption]:
        """Active alumni with the mentor role who are alumni of the person's latest program."""
        with self._sessions() as s:
            person = self._person(s, person_id)
            stmt = (
                select(Alumnus.id, Alumnus.first_name, Alumnus.last_name)
                .join(AlumnusRoleAssignment, AlumnusRoleAssignment.alumnus_id == Alumnus.id)
                .where(
                    AlumnusRoleAssignment.role == AlumnusRole.MENTOR,
                    Alumnus.status == AlumnusStatus.ACTIVE,
                )
                .order_by(Alumnus.last_name, Alumnus.first_name)
            )
            if person.last_program_id is None:
                return []  # "an alumnus of the same program": none before a first admission
            same_program = exists().where(
                Stay.person_id == Alumnus.person_id,
                Stay.program_id == person.last_program_id,
            )
            stmt = stmt.where(
                Alumnus.person_id.is_(None) | (same_program & (Alumnus.person_id != person.id))
            )
            return [MentorOption(i, f"{f} {n}") for i, f, n in s.execute(stmt)]

    def assign_mentor(self, person_id: int, alumnus_id: int | None) -> None:
        actor = self._user.require()
        today = self._today()
        if alumnus_id is not None and alumnus_id not in {
            m.alumnus_id for m in self.mentor_options(person_id)
        }:
            raise ValidationError("mentor", "is not an active mentor of this person's program")
        with self._sessions.begin() as s:
            self._person(s, person_id)
            current = list(
                s.scalars(
                    select(MentorAssignment).where(
                        MentorAssignment.person_id == person_id,
                        MentorAssignment.ended_on.is_(None),
                    )
                )
            )
            if [c.mentor_alumnus_id for c in current] == ([alumnus_id] if alumnus_id else []):
                return  # unchanged: the mentoring history keeps one unbroken assignment
            for assignment in current:
                assignment.ended_on = today
            for assignment in current:
                audit(s, actor, "end", "mentor_assignment", assignment.id, fields=["ended_on"])
            if alumnus_id is not None:
                assignment = MentorAssignment(
                    mentor_alumnus_id=alumnus_id, person_id=person_id, started_on=today
                )
                s.add(assignment)
                s.flush()
                fields = ["mentor_alumnus_id", "person_id", "started_on"]
                audit(s, actor, "create", "mentor_assignment", assignment.id, fields=fields)

    # -- timeline --

    def timeline(self, person_id: int) -> list[TimelineEntry]:
        """Everything that happened to the person, newest first."""
        entries: list[TimelineEntry] = []
        with self._sessions() as s:
            person = self._person(s, person_id)
            programs = {p.id: p.name for p in s.scalars(select(Program))}
            for sc in s.scalars(select(Screening).where(Screening.person_id == person_id)):
                entries.append(
                    TimelineEntry(sc.screened_on, "screening", "Screening", sc.decision.label)
                )
            stays = list(person.stays)
            for st in stays:
                program = programs.get(st.program_id, "")
                entries.append(
                    TimelineEntry(st.admission_date, "admission", f"Admitted to {program}")
                )
                if st.discharge_date and st.discharge_reason:
                    entries.append(
                        TimelineEntry(
                            st.discharge_date,
                            "discharge",
                            f"Discharged from {program}",
                            st.discharge_reason.label,
                        )
                    )
            sessions = s.execute(
                select(GroupSession.date, SessionType.name, GroupSession.topic, Attendance.status)
                .join(Attendance, Attendance.session_id == GroupSession.id)
                .join(SessionType, SessionType.code == GroupSession.type_code)
                .where(Attendance.person_id == person_id)
            )
            for day, type_name, topic, status in sessions:
                detail = status.label if status is not AttendanceStatus.PRESENT else ""
                title = f"{type_name}: {topic}" if topic else type_name
                entries.append(TimelineEntry(day, "session", title, detail))
            activities = s.execute(
                select(ActivityOccurrence.date, ActivityType.name, Participation.attended)
                .join(Participation, Participation.occurrence_id == ActivityOccurrence.id)
                .join(ActivityType, ActivityType.id == ActivityOccurrence.activity_type_id)
                .where(Participation.person_id == person_id)
            )
            for day, name, attended in activities:
                detail = {True: "attended", False: "did not attend", None: "signed up"}[attended]
                entries.append(TimelineEntry(day, "activity", name, detail))
            discharged = {st.id: st.discharge_date for st in stays if st.discharge_date}
            for fu in s.scalars(select(FollowUp).where(FollowUp.stay_id.in_(list(discharged)))):
                due = discharged[fu.stay_id] + dt.timedelta(days=fu.interval_days)
                if fu.contact_date:
                    detail = "reached" if fu.reached else "not reached"
                    entries.append(
                        TimelineEntry(
                            fu.contact_date, "followup", f"{fu.interval_days}-day follow-up", detail
                        )
                    )
                else:
                    entries.append(
                        TimelineEntry(due, "followup", f"{fu.interval_days}-day follow-up", "due")
                    )
            for g in s.scalars(
                select(Goal).options(selectinload(Goal.actions)).where(Goal.person_id == person_id)
            ):
                entries.append(TimelineEntry(g.created_at.date(), "goal", f"Goal set: {g.title}"))
                for a in g.actions:
                    if a.done_on:
                        entries.append(
                            TimelineEntry(a.done_on, "goal", f"Step done: {a.description}")
                        )
        entries.sort(key=lambda e: e.date, reverse=True)
        return entries
