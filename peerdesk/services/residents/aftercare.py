"""The aftercare plan made at discharge: meetings, sober living, outpatient care and the mentor.

The plan's mentor is the person's mentor (``services.alumni.mentoring``): saving a plan with
another mentor reassigns them, and a plan shows whoever mentors the person now.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from peerdesk.domain.changes import Changes
from peerdesk.domain.errors import ConflictError, NotFoundError
from peerdesk.domain.residents import AftercareDraft, AftercareInfo
from peerdesk.models import AftercarePlan, Stay
from peerdesk.services.alumni.mentoring import current_mentor, set_mentor
from peerdesk.services.base import audit
from peerdesk.services.residents.common import ResidentsPart

_PLAN_FIELDS = ("meetings", "sober_living", "outpatient", "notes")


def aftercare_infos(s: Session, person_id: int) -> tuple[AftercareInfo, ...]:
    """The plans of the person's stays; each names the person's current mentor."""
    mentor = current_mentor(s, person_id)
    return tuple(
        AftercareInfo(
            stay_id=plan.stay_id,
            meetings=plan.meetings,
            sober_living=plan.sober_living,
            outpatient=plan.outpatient,
            mentor_alumnus_id=mentor.alumnus_id if mentor else None,
            mentor_name=mentor.name if mentor else "",
            notes=plan.notes,
            version=plan.version_id,
        )
        for plan in s.scalars(
            select(AftercarePlan)
            .join(Stay, Stay.id == AftercarePlan.stay_id)
            .where(Stay.person_id == person_id)
        )
    )


class AftercareService(ResidentsPart):
    def save_aftercare(self, stay_id: int, draft: AftercareDraft, version: int | None) -> None:
        """Create or update the stay's plan; a different mentor is assigned to the person.

        Raises:
            ValidationError: ``mentor``: the alumnus may not mentor this person.
            ConflictError: another workstation changed or made the plan meanwhile.
        """
        actor = self._user.require()
        with self._sessions.begin() as s:
            stay = s.get(Stay, stay_id)
            if stay is None:
                raise NotFoundError(f"stay {stay_id} no longer exists")
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
            for name in _PLAN_FIELDS:
                value = getattr(draft, name).strip()
                if getattr(plan, name) != value:
                    setattr(plan, name, value)
                    changed.append(name)
            mentoring = set_mentor(s, actor, stay.person, draft.mentor_alumnus_id, self._today())
            if changed or action == "create":
                self._commit_guard(s)
                audit(s, actor, action, "aftercare_plan", plan.id, fields=changed)
            changes = mentoring
            if changed or action == "create":
                plan_changes = Changes.of("aftercare", plan.id).with_("stay", [stay_id])
                changes = plan_changes.with_("person", [stay.person_id]) | mentoring
        self._published(changes)
