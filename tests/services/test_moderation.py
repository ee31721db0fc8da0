"""Moderation and building on ideas: approval, hiding, corrections, merges, replies, reactions."""

from __future__ import annotations

from typing import Any

import pytest

from facilitation.services import ideas, moderation, roundtables, votes
from facilitation.services.views import Viewer, snapshot
from tests.services.conftest import Table


def public_ideas(table: Table, viewer: Viewer) -> list[dict[str, Any]]:
    table.session.expire_all()
    roundtable = roundtables.get_roundtable(table.session, table.roundtable_id)
    found: list[dict[str, Any]] = snapshot(table.session, roundtable, viewer)["prompts"][0]["ideas"]
    return found


def test_premoderated_ideas_wait_for_approval(table: Table) -> None:
    prompt_id = table.open_prompt(premoderate=True)
    ana, ben = table.join("Ana"), table.join("Ben")
    idea = table.post(ana, prompt_id, "Check-in calls by volunteers")
    assert idea["status"] == "pending"
    assert public_ideas(table, Viewer(participant_id=ben.participant_id))[0]["text"] is None
    assert public_ideas(table, Viewer(participant_id=ana.participant_id))[0]["text"]
    assert table.refusal(table.vote, ben, idea["id"]) == "idea_unavailable"
    approved, events = table.act(
        moderation.approve_idea, actor=table.facilitator, idea_id=idea["id"]
    )
    assert approved["status"] == "visible"
    assert events[0].public["idea"]["text"] == "Check-in calls by volunteers"


def test_hiding_refunds_votes_and_restoring_brings_the_idea_back(table: Table) -> None:
    prompt_id = table.open_prompt(budget=1)
    ana, ben = table.join("Ana"), table.join("Ben")
    idea = table.post(ana, prompt_id, "Something off-topic")
    assert table.vote(ben, idea["id"]) == 0
    hidden, events = table.act(moderation.hide_idea, actor=table.facilitator, idea_id=idea["id"])
    assert (hidden["status"], hidden["votes"]) == ("hidden", 0)
    assert events[0].public["idea"]["text"] is None
    other = table.post(ana, prompt_id, "On topic")
    assert table.vote(ben, other["id"]) == 0  # the refunded vote is spendable again
    restored, _ = table.act(moderation.restore_idea, actor=table.facilitator, idea_id=idea["id"])
    assert restored["status"] == "visible"


def test_a_facilitators_correction_is_marked_as_edited(table: Table) -> None:
    prompt_id = table.open_prompt()
    idea = table.post(table.join("Ana"), prompt_id, "Smart sensers in homes")
    fixed, events = table.act(
        ideas.edit_idea,
        actor=table.facilitator,
        idea_id=idea["id"],
        text="Smart sensors in homes",
    )
    assert (fixed["text"], fixed["edited"]) == ("Smart sensors in homes", True)
    assert events[0].name == "idea.updated"


def test_authors_edit_and_withdraw_only_their_own_ideas_while_collecting(table: Table) -> None:
    prompt_id = table.open_prompt(phases=True)
    from facilitation.services import phases

    phases.set_phase(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
        phase="collect",
    )
    ana, ben = table.join("Ana"), table.join("Ben")
    idea = table.post(ana, prompt_id, "Tablets for libraries")
    assert (
        table.refusal(table.act, ideas.edit_idea, actor=ben, idea_id=idea["id"], text="Mine")
        == "forbidden"
    )
    edited, _ = table.act(
        ideas.edit_idea, actor=ana, idea_id=idea["id"], text="Tablets in libraries"
    )
    assert edited["edited"] is True
    phases.set_phase(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
        phase="vote",
    )
    assert (
        table.refusal(table.act, ideas.delete_idea, actor=ana, idea_id=idea["id"]) == "wrong_phase"
    )
    phases.set_phase(
        table.session,
        actor=table.facilitator,
        roundtable_id=table.roundtable_id,
        prompt_id=prompt_id,
        phase="collect",
    )
    withdrawn, events = table.act(ideas.delete_idea, actor=ana, idea_id=idea["id"])
    assert withdrawn["status"] == "deleted"
    assert events[0].public["idea"]["status"] == "deleted"


def test_merging_never_counts_a_person_twice_and_refunds_the_spare_vote(table: Table) -> None:
    prompt_id = table.open_prompt(budget=2)
    ana, ben, cai = table.join("Ana"), table.join("Ben"), table.join("Cai")
    keep = table.post(ana, prompt_id, "Community health workers with tablets")
    dup = table.post(ben, prompt_id, "Tablets for community health workers")
    reply = table.post(cai, prompt_id, "And train them well", parent_id=dup["id"])
    table.vote(ana, keep["id"])
    table.vote(ana, dup["id"])  # Ana backed both
    table.vote(ben, dup["id"])
    merged, events = table.act(
        moderation.merge_ideas,
        actor=table.facilitator,
        idea_id=keep["id"],
        duplicate_id=dup["id"],
    )
    assert merged["votes"] == 2  # Ana once, Ben once
    assert [(e.name, e.payload["idea"]["id"]) for e in events] == [
        ("idea.updated", dup["id"]),
        ("idea.updated", keep["id"]),
        ("idea.updated", reply["id"]),  # now under the kept idea
    ]
    assert events[2].public["idea"]["parent_id"] == keep["id"]
    assert events[0].payload["idea"]["status"] == "merged"
    assert events[0].payload["idea"]["merged_into"] == keep["id"]
    assert (
        votes.votes_used(table.session, participant_id=ana.participant_id or 0, prompt_id=prompt_id)
        == 1
    )
    by_id = {i["id"]: i for i in public_ideas(table, Viewer(staff=True))}
    assert by_id[reply["id"]]["parent_id"] == keep["id"]


@pytest.mark.parametrize(
    ("make", "code"),
    [("self", "bad_merge"), ("reply", "bad_merge"), ("hidden", "idea_unavailable")],
)
def test_bad_merges_are_refused(table: Table, make: str, code: str) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    keep = table.post(ana, prompt_id, "Keep")
    other = table.post(ana, prompt_id, "Other")
    if make == "self":
        other = keep
    elif make == "reply":
        other = table.post(ana, prompt_id, "A reply", parent_id=keep["id"])
    else:
        table.act(moderation.hide_idea, actor=table.facilitator, idea_id=other["id"])
    assert (
        table.refusal(
            table.act,
            moderation.merge_ideas,
            actor=table.facilitator,
            idea_id=keep["id"],
            duplicate_id=other["id"],
        )
        == code
    )


def test_participants_cannot_moderate(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana = table.join("Ana")
    idea = table.post(ana, prompt_id, "Mine")
    for call in (moderation.hide_idea, moderation.approve_idea, moderation.restore_idea):
        assert table.refusal(table.act, call, actor=ana, idea_id=idea["id"]) == "forbidden"
    assert (
        table.refusal(table.act, moderation.spotlight_idea, actor=ana, idea_id=idea["id"])
        == "forbidden"
    )


def test_replies_go_one_level_deep_and_take_no_votes(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana, ben = table.join("Ana"), table.join("Ben")
    idea = table.post(ana, prompt_id, "Telecare pendants")
    reply = table.post(ben, prompt_id, "With a human on the line", parent_id=idea["id"])
    assert reply["parent_id"] == idea["id"]
    deeper = table.refusal(table.post, ana, prompt_id, "Deeper", parent_id=reply["id"])
    assert deeper == "reply_to_reply"
    assert table.refusal(table.vote, ana, reply["id"]) == "idea_unavailable"


def test_reactions_toggle_and_count(table: Table) -> None:
    prompt_id = table.open_prompt()
    ana, ben = table.join("Ana"), table.join("Ben")
    idea = table.post(ana, prompt_id, "Benches every 200 metres")
    reacted, _ = table.act(ideas.react, actor=ben, idea_id=idea["id"], emoji="💡")
    assert reacted.added and reacted.idea["reactions"] == {"💡": 1}
    table.act(ideas.react, actor=ana, idea_id=idea["id"], emoji="💡")
    reacted, _ = table.act(ideas.react, actor=ben, idea_id=idea["id"], emoji="💡")
    assert not reacted.added and reacted.idea["reactions"] == {"💡": 1}
    assert (
        table.refusal(table.act, ideas.react, actor=ben, idea_id=idea["id"], emoji="💩")
        == "bad_reaction"
    )


def test_a_spotlight_points_everyone_at_one_idea(table: Table) -> None:
    prompt_id = table.open_prompt()
    idea = table.post(table.join("Ana"), prompt_id, "Shared data trusts")
    view, events = table.act(moderation.spotlight_idea, actor=table.facilitator, idea_id=idea["id"])
    assert view["spotlight_idea_id"] == idea["id"]
    assert events[0].name == "roundtable.updated"
    view, _ = table.act(moderation.spotlight_idea, actor=table.facilitator, idea_id=None)
    assert view["spotlight_idea_id"] is None
