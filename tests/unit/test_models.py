"""Small promises of the models and the enums: timestamps that move, labels per enum."""

from __future__ import annotations

import datetime as dt
import time

from peerdesk.app import Services
from peerdesk.domain.enums import (
    AlumnusRole,
    AlumnusStatus,
    ContactPreference,
    ParticipationLevel,
    SessionTypeCode,
)
from peerdesk.domain.residents import AdmissionDraft, AftercareDraft, PersonDraft
from peerdesk.models import AftercarePlan


def test_updated_at_moves_on_every_update(services: Services) -> None:
    r = services.residents
    mens = next(p.id for p in services.programs.programs() if p.code == "mens")
    pid = r.create_person(PersonDraft("Ben", "Okafor"))
    stay = r.admit(pid, AdmissionDraft(mens, dt.date(2026, 1, 5), override_reason="ok"))
    r.save_aftercare(stay, AftercareDraft(meetings="AA"), None)
    with services.db.sessions() as s:
        plan = s.query(AftercarePlan).one()
        created, version = plan.updated_at, plan.version_id
    time.sleep(0.01)
    r.save_aftercare(stay, AftercareDraft(meetings="NA"), version)
    with services.db.sessions() as s:
        assert s.query(AftercarePlan).one().updated_at > created


def test_labels_belong_to_their_enum() -> None:
    # The same code reads differently in two enums, and a label never leaks into another.
    assert AlumnusRole.PEER_SUPPORT.label == "Peer support worker"
    assert SessionTypeCode.PEER_SUPPORT.label == "Peer support"
    assert ContactPreference.NONE.label == "Do not contact"
    assert ParticipationLevel.NONE.label == "None"
    assert AlumnusStatus.ACTIVE.label == ParticipationLevel.ACTIVE.label == "Active"
