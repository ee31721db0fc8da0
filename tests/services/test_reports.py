"""The whole-event report: streams in agenda order, the goals each served, the top ideas
across roundtables and every action item in one list."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from facilitation.models import Roundtable, utcnow
from facilitation.services import ideas, outcomes, prompts, roundtables, votes
from facilitation.services.actors import Actor
from facilitation.services.agenda import import_agenda
from facilitation.services.reports import build_report
from tests.services.conftest import refusal, staff_actor

AGENDA: dict[str, Any] = {
    "event": {"slug": "w", "title": "Workshop", "starts_on": "2025-06-03"},
    "streams": [
        {"slug": "one", "title": "Stream 1: Resilience"},
        {"slug": "two", "title": "Stream 2: Care"},
    ],
    "roundtables": [
        {"slug": "r2", "stream": "two", "title": "Care roundtable"},
        {"slug": "r1", "stream": "one", "title": "Resilience roundtable"},
        {"slug": "wrap", "title": "Wrap-up"},
    ],
}


def _room(session: Session, _who: Actor | None, slug: str) -> Roundtable:
    found = session.query(Roundtable).filter_by(slug=slug).one()
    return found


def _ideas(
    session: Session, facilitator: Actor, roundtable: Roundtable, texts: dict[str, int]
) -> list[int]:
    """Ideas with that many votes each, from participants who joined for them."""
    room = {"session": session, "roundtable_id": roundtable.id}
    view = prompts.create_prompt(
        **room, actor=facilitator, text="What first?", votes_per_participant=5
    )
    prompts.open_prompt(**room, actor=facilitator, prompt_id=view.answer["id"])
    voters = []
    for n in range(5):
        joined = roundtables.join_roundtable(
            session, actor=None, join_code=roundtable.join_code, name=f"P{n}"
        )
        assert joined.participant is not None
        voters.append(Actor.participant(joined.participant.id))
    made = []
    for text, count in texts.items():
        idea = ideas.create_idea(
            **room, actor=voters[0], prompt_id=view.answer["id"], text=text, client_id=text
        ).answer
        for voter in voters[:count]:
            votes.cast_vote(**room, actor=voter, idea_id=idea["id"])
        made.append(int(idea["id"]))
    return made


def test_the_report_gathers_streams_goals_top_ideas_and_actions(session: Session) -> None:
    event = import_agenda(session, AGENDA).event
    facilitator = staff_actor(session, "facilitator")
    rapporteur = staff_actor(session, "rapporteur")
    care, resilience = _room(session, rapporteur, "r2"), _room(session, rapporteur, "r1")
    _ideas(session, facilitator, care, {"Home visits": 2, "Phone line": 0})
    (maps,) = _ideas(session, facilitator, resilience, {"Flood maps": 4})
    outcomes.create_outcome(
        session,
        actor=rapporteur,
        roundtable_id=resilience.id,
        kind="action",
        text="Share the maps",
        owner="Lisbon",
        sdgs=[11, 13],
        source_idea_ids=[maps],
    )
    outcomes.create_outcome(
        session, actor=rapporteur, roundtable_id=care.id, kind="takeaway", text="Care", sdgs=[3, 11]
    )
    outcomes.create_outcome(
        session, actor=rapporteur, roundtable_id=care.id, kind="action", text="Pilot visits"
    )
    report = build_report(session, actor=rapporteur, event_id=event.id, now=utcnow())

    assert [s.title for s in report.streams] == ["Stream 1: Resilience", "Stream 2: Care", None]
    assert [[r.title for r in s.roundtables] for s in report.streams] == [
        ["Resilience roundtable"],
        ["Care roundtable"],
        ["Wrap-up"],
    ]
    assert report.goals == (3, 11, 13)
    assert [s.goals for s in report.streams] == [{11: 1, 13: 1}, {3: 1, 11: 1}, {}]
    assert 1 in report.goals_missing and 11 not in report.goals_missing
    top = report.top_ideas()
    assert [(p.idea.text, p.idea.votes, p.where.roundtable) for p in top] == [
        ("Flood maps", 4, "Resilience roundtable"),
        ("Home visits", 2, "Care roundtable"),
    ]  # an idea without votes is not a top idea
    actions = report.outcomes("action")
    assert [(a.outcome.text, a.outcome.owner, a.where.stream) for a in actions] == [
        ("Share the maps", "Lisbon", "Stream 1: Resilience"),
        ("Pilot visits", None, "Stream 2: Care"),
    ]


def test_only_staff_who_may_export_get_the_report(session: Session) -> None:
    event = import_agenda(session, AGENDA).event
    joined = roundtables.join_roundtable(
        session, actor=None, join_code=_room(session, None, "r1").join_code, name="Ana"
    )
    assert joined.participant is not None
    participant = Actor.participant(joined.participant.id)
    assert (
        refusal(build_report, session, actor=participant, event_id=event.id, now=utcnow())
        == "forbidden"
    )
    assert (
        refusal(build_report, session, actor=None, event_id=event.id, now=utcnow())
        == "unauthenticated"
    )
    organizer = staff_actor(session, "organizer")
    assert (
        refusal(build_report, session, actor=organizer, event_id=424242, now=utcnow())
        == "not_found"
    )


def test_a_wrap_up_outcome_tagged_with_a_stream_counts_in_that_streams_goals(
    session: Session,
) -> None:
    from facilitation.models import Stream

    event = import_agenda(session, AGENDA).event
    rapporteur = staff_actor(session, "rapporteur")
    care = session.query(Stream).filter_by(slug="two").one()
    wrap = _room(session, None, "wrap")
    made = outcomes.create_outcome(
        session,
        actor=rapporteur,
        roundtable_id=wrap.id,
        kind="takeaway",
        text="Care needs data too",
        sdgs=[3],
        stream_ids=[care.id],
    ).answer
    assert made["stream_ids"] == [care.id]
    report = build_report(session, actor=rapporteur, event_id=event.id, now=utcnow())
    by_title = {s.title: s for s in report.streams}
    assert by_title["Stream 2: Care"].goals == {3: 1}  # tagged from the wrap-up
    assert by_title[None].goals == {3: 1}  # and still its own roundtable's
    (wrap_summary,) = by_title[None].roundtables
    assert wrap_summary.outcomes[0].streams == ("Stream 2: Care",)


def test_an_outcome_speaks_only_to_streams_of_its_own_event(session: Session) -> None:
    from facilitation.models import Event, Stream

    import_agenda(session, AGENDA)
    rapporteur = staff_actor(session, "rapporteur")
    other = Event(slug="other", title="Other event")
    session.add(other)
    session.flush()
    elsewhere = Stream(event_id=other.id, slug="x", title="Elsewhere")
    session.add(elsewhere)
    session.flush()
    wrap = _room(session, None, "wrap")
    code = refusal(
        outcomes.create_outcome,
        session,
        actor=rapporteur,
        roundtable_id=wrap.id,
        kind="takeaway",
        text="x",
        stream_ids=[elsewhere.id],
    )
    assert code == "not_found"
    session.rollback()
    bad = refusal(
        outcomes.create_outcome,
        session,
        actor=rapporteur,
        roundtable_id=wrap.id,
        kind="takeaway",
        text="x",
        stream_ids="two",
    )
    assert bad == "bad_sources"
