"""Carrying the streams' results into the wrap-up: as ideas of a prompt there, each naming the
stream and roundtable it came from and nobody who wrote it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from facilitation.models import Roundtable
from facilitation.services import carry, outcomes, roundtables
from facilitation.services.actors import Actor
from facilitation.services.agenda import import_agenda
from facilitation.services.views import EVERYONE, snapshot
from tests.services.conftest import refusal, staff_actor
from tests.services.test_reports import AGENDA, _ideas


def rooms(session: Session) -> dict[str, Roundtable]:
    import_agenda(session, AGENDA)
    return {r.slug or "": r for r in session.query(Roundtable)}


def test_takeaways_and_top_ideas_arrive_in_the_wrap_up_with_their_origin(session: Session) -> None:
    found = rooms(session)
    facilitator = staff_actor(session, "facilitator")
    rapporteur = staff_actor(session, "rapporteur")
    maps, _quiet = _ideas(session, facilitator, found["r1"], {"Flood maps": 3, "Unvoted": 0})
    takeaway = outcomes.create_outcome(
        session,
        actor=rapporteur,
        roundtable_id=found["r1"].id,
        kind="takeaway",
        text="Open data first",
    ).answer
    action = outcomes.create_outcome(
        session, actor=rapporteur, roundtable_id=found["r1"].id, kind="action", text="To do"
    ).answer
    wrap = found["wrap"]
    from facilitation.services import prompts

    target = prompts.create_prompt(
        session, actor=facilitator, roundtable_id=wrap.id, text="What do we take home?"
    ).answer["id"]

    offered = carry.sources(session, actor=rapporteur, roundtable_id=wrap.id, prompt_id=target)
    (stream_one,) = [s for s in offered if s.roundtable == "Resilience roundtable"]
    assert [(c.kind, c.text) for c in stream_one.outcomes] == [("takeaway", "Open data first")]
    assert [(c.text, c.votes) for c in stream_one.ideas] == [("Flood maps", 3)]

    written = carry.carry(
        session,
        actor=rapporteur,
        roundtable_id=wrap.id,
        prompt_id=target,
        outcome_ids=[takeaway["id"]],
        idea_ids=[maps],
    )
    assert [i["text"] for i in written.answer] == ["Open data first", "Flood maps"]
    assert [e.name for e in written.events] == ["idea.created", "idea.created"]
    public = written.events[1].public["idea"]
    assert public["origin"] == {
        "stream": "Stream 1: Resilience",
        "roundtable": "Resilience roundtable",
        "roundtable_id": found["r1"].id,
        "kind": "idea",
    }
    assert public["author"] is None and public["affiliation"] is None  # the room's, not a person's

    # Carried again: nothing new, and the list says what is there already.
    again = carry.carry(
        session,
        actor=rapporteur,
        roundtable_id=wrap.id,
        prompt_id=target,
        outcome_ids=[takeaway["id"]],
        idea_ids=[maps],
    )
    assert again.answer == [] and again.events == []
    offered = carry.sources(session, actor=rapporteur, roundtable_id=wrap.id, prompt_id=target)
    assert all(
        c.carried
        for s in offered
        for c in (*s.outcomes, *s.ideas)
        if s.roundtable_id == found["r1"].id
    )
    room = snapshot(session, wrap, EVERYONE)
    assert [i["origin"]["kind"] for i in room["prompts"][0]["ideas"]] == ["takeaway", "idea"]

    # Only what is offered may be carried: an action item, an unvoted idea, this roundtable's own.
    for outcome_ids, idea_ids in (([action["id"]], []), ([], [_quiet]), ([], [424242])):
        assert (
            refusal(
                carry.carry,
                session,
                actor=rapporteur,
                roundtable_id=wrap.id,
                prompt_id=target,
                outcome_ids=outcome_ids,
                idea_ids=idea_ids,
            )
            == "not_found"
        )
        session.rollback()


def test_participants_may_not_carry(session: Session) -> None:
    found = rooms(session)
    joined = roundtables.join_roundtable(
        session, actor=None, join_code=found["wrap"].join_code, name="Ana"
    )
    assert joined.participant is not None
    ana = Actor.participant(joined.participant.id)
    assert refusal(carry.sources, session, actor=ana, roundtable_id=found["wrap"].id) == "forbidden"
