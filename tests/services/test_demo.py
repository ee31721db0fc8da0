"""The demo's recorded sessions: played through the product's own rules into the demo
workshop, they leave results of every answered kind and a panel's questions to look at, and
playing them again changes nothing."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitation.models import Idea, Participant, Prompt, Response, Roundtable, utcnow
from facilitation.services import responses, roundtables, summaries
from facilitation.services.actors import Actor
from facilitation.services.agenda import import_agenda, load_agenda
from facilitation.services.demo import play_session, scores_from_table
from tests.services.conftest import staff_actor

AGENDAS = files("facilitation.agendas")
SESSIONS = ("demo-panel.yaml", "demo-session.yaml", "demo-assessment.yaml")


def _recorded(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(AGENDAS.joinpath(name).read_text("utf-8"))
    return data


@pytest.fixture
def staff(session: Session) -> tuple[Actor, Actor]:
    import_agenda(session, load_agenda(Path(str(AGENDAS.joinpath("workshop-2025.yaml")))))
    return staff_actor(session, "facilitator"), staff_actor(session, "rapporteur")


def _play(session: Session, staff: tuple[Actor, Actor], name: str) -> bool:
    facilitator, rapporteur = staff
    return play_session(session, _recorded(name), facilitator=facilitator, rapporteur=rapporteur)


def _roundtable(session: Session, slug: str) -> Roundtable:
    found = session.scalar(select(Roundtable).where(Roundtable.slug == slug))
    assert found is not None
    return found


def _summary(session: Session, slug: str) -> summaries.Summary:
    organiser = Actor.staff(1, "organizer")
    return summaries.build_summary(
        session, actor=organiser, roundtable_id=_roundtable(session, slug).id, now=utcnow()
    )


@pytest.fixture
def played(session: Session, staff: tuple[Actor, Actor]) -> Session:
    assert [_play(session, staff, name) for name in SESSIONS] == [True, True, True]
    return session


def test_the_panel_ends_with_questions_upvoted_answered_and_one_left_waiting(
    played: Session,
) -> None:
    panel = _roundtable(played, "panel-discussion")
    assert panel.status == "closed" and panel.ended_at is not None
    assert panel.ended_at.isoformat() == "2025-06-04T12:00:00"
    questions = list(
        played.scalars(
            select(Idea).join(Prompt).where(Prompt.roundtable_id == panel.id).order_by(Idea.id)
        )
    )
    assert len(questions) == 8
    assert [q.status for q in questions].count("pending") == 1
    assert sum(q.answered for q in questions) == 4
    most = max(questions, key=lambda q: q.vote_count)
    assert most.answered and most.vote_count == 8
    summary = _summary(played, "panel-discussion")
    asked, rated = summary.prompts
    assert asked.kind == "questions" and {i.answered for i in asked.ideas} == {True, False}
    assert rated.results is not None and rated.results.responses == 14


def test_the_stream_roundtable_ends_with_a_rated_scale(played: Session) -> None:
    summary = _summary(played, "resilient-city-roundtable")
    scale = summary.prompts[-1]
    assert scale.kind == "scale" and scale.results is not None
    assert scale.results.responses == 18
    # Everyone rated it, those who wrote no idea included; only ideas count as contributions.
    assert summary.participation is not None
    assert summary.participation.joined > summary.participation.contributed


def test_the_assessment_workshop_is_under_way_with_scores_to_join(played: Session) -> None:
    workshop = _roundtable(played, "civitas-novus")
    assert workshop.status == "live" and workshop.ended_at is None
    assessment, *later = workshop.prompts
    assert assessment.status == "open" and [p.status for p in later] == ["draft", "draft"]
    assert (
        played.scalar(
            select(func.count()).select_from(Response).where(Response.prompt_id == assessment.id)
        )
        == 9
    )
    results = _summary(played, "civitas-novus").prompts[0].results
    assert results is not None
    ranked = sorted(results.items, key=lambda item: item.rank or 99)
    assert ranked[0].text.startswith("Lagos") and all(item.score for item in results.items)
    # A newcomer joins with the code and adds their own scores.
    joined = roundtables.join_roundtable(
        played, actor=None, join_code=workshop.join_code, name="Newcomer"
    )
    assert joined.participant is not None
    responses.submit_response(
        played,
        actor=Actor.participant(joined.participant.id),
        roundtable_id=workshop.id,
        prompt_id=assessment.id,
        answer={"scores": [{"item": 4, "criterion": 0, "value": 5}]},
    )


def test_people_of_several_sessions_are_one_participant_each(played: Session) -> None:
    people = played.scalars(select(Participant.name)).all()
    assert len(people) == len(set(people)) == 18


def test_playing_again_changes_nothing(played: Session, staff: tuple[Actor, Actor]) -> None:
    counts = [played.scalar(select(func.count()).select_from(table)) for table in (Idea, Response)]
    assert [_play(played, staff, name) for name in SESSIONS] == [False, False, False]
    assert [
        played.scalar(select(func.count()).select_from(table)) for table in (Idea, Response)
    ] == counts


def test_a_session_answering_a_prompt_the_agenda_lacks_is_left_unplayed(
    session: Session, staff: tuple[Actor, Actor]
) -> None:
    # As on an installation whose demo agenda was loaded before the assessment was added.
    data = _recorded("demo-assessment.yaml")
    data["prompts"][0]["text"] = "Not in the agenda"
    assert not play_session(session, data, facilitator=staff[0], rapporteur=staff[1])
    assert _roundtable(session, "civitas-novus").status == "scheduled"
    assert session.scalar(select(func.count()).select_from(Participant)) == 0


def test_a_table_of_scores_becomes_the_scores_response_submit_takes() -> None:
    scores = scores_from_table(
        [[3, None], [None, 5]], [{"item": 1, "criterion": 1, "text": "Strong"}]
    )
    assert scores == [
        {"item": 0, "criterion": 0, "value": 3},
        {"item": 1, "criterion": 1, "value": 5, "comment": "Strong"},
    ]
