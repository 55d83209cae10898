"""What a write changed: the value every view asks whether it is stale."""

from __future__ import annotations

from peerdesk.domain.changes import NO_CHANGES, Changes


def test_touches_and_ids_name_the_changed_records() -> None:
    c = Changes.of("person", 3) | Changes.of("stay", 10, 11)
    assert c.touches("stay")
    assert c.touches("goal", "person")
    assert not c.touches("goal")
    assert c.ids("stay") == {10, 11}
    assert c.entities == {"person", "stay"}
    assert c.primary == 3, "the first write's primary record stays the primary"


def test_no_changes_is_false_and_adding_records_keeps_the_primary() -> None:
    assert not NO_CHANGES
    c = Changes.of("person", 5).with_("stay", [9])
    assert c
    assert c.primary == 5
    assert c.ids("stay") == {9}
    assert (NO_CHANGES | Changes.of("goal", 2)).primary == 2
