"""Recovery goals, broken into step-by-step actions with target dates."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified

from peerdesk.domain.changes import Changes
from peerdesk.domain.errors import NotFoundError, ValidationError
from peerdesk.domain.residents import (
    ActionInfo,
    GoalDraft,
    GoalInfo,
    TimelineEntry,
    validate_goal,
)
from peerdesk.models import Goal, GoalAction
from peerdesk.services.base import audit
from peerdesk.services.residents.common import ResidentsPart

_GOAL_FIELDS = ["title", "target_date", "status", "actions"]


def _goals(s: Session, person_id: int) -> list[Goal]:
    return list(
        s.scalars(
            select(Goal)
            .options(selectinload(Goal.actions))
            .where(Goal.person_id == person_id)
            .order_by(Goal.created_at, Goal.id)
        )
    )


def goal_infos(s: Session, person_id: int) -> tuple[GoalInfo, ...]:
    """The person's goals in the order they were set, each with its steps."""
    return tuple(
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
        for g in _goals(s, person_id)
    )


def goal_timeline(s: Session, person_id: int) -> list[TimelineEntry]:
    """Goals set and steps done (a timeline contributor)."""
    entries = []
    for g in _goals(s, person_id):
        entries.append(TimelineEntry(g.created_at.date(), "goal", f"Goal set: {g.title}"))
        entries.extend(
            TimelineEntry(a.done_on, "goal", f"Step done: {a.description}")
            for a in g.actions
            if a.done_on
        )
    return entries


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


class GoalService(ResidentsPart):
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
                actions=_actions(draft),
            )
            s.add(goal)
            s.flush()
            audit(s, actor, "create", "goal", goal.id, fields=_GOAL_FIELDS)
            goal_id = goal.id
        self._published(Changes.of("goal", goal_id).with_("person", [person_id]))
        return goal_id

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
            goal.actions = _actions(draft)
            audit(s, actor, "update", "goal", goal.id, fields=_GOAL_FIELDS)
            person_id = goal.person_id
        self._published(Changes.of("goal", goal_id).with_("person", [person_id]))

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
            changes = Changes.of("goal_action", action_id)
            if goal is not None:
                changes = changes.with_("goal", [goal.id]).with_("person", [goal.person_id])
        self._published(changes)
