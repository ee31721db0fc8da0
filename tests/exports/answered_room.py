"""A roundtable whose prompts are answered rather than written, built through the services:
a poll, a scale, a ranking and an assessment, each answered by several participants, beside a
prompt that collects ideas and a poll never opened."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from facilitation.services import ideas, prompts, responses, roundtables, staff, summaries
from facilitation.services.actors import Actor
from facilitation.services.summary_data import Summary
from tests.exports.rich import AFFILIATIONS, NAMES

NOW = datetime(2025, 6, 4, 16, 30)

POLL = {"options": ["Trams", "Buses", "Bikes"], "max_choices": 2}
SCALE = {"scale": {"min": 0, "max": 10}}
RANKING = {"options": ["Shade", "Water", "Transit", "Housing"]}
ITEMS = ["Guangzhou river park", "Bogotá bike lanes", "Lagos ferries"]  # nobody scores the last
CRITERIA = [{"name": "Impact", "weight": 2}, {"name": "Cost", "weight": 1}]
ASSESSMENT = {"items": ITEMS, "criteria": CRITERIA}
COMMENTS = ("Costly to maintain", "Cheap paint, quick to build")

# What each participant (rich.NAMES, in order) answers, by kind.
CHOICES = ([0, 2], [0], [1], [0, 2])
VALUES = (10, 6, 8, 7)
ORDERS = ([2, 0, 1, 3], [0], [0, 2], [1, 2, 0])
SCORES: tuple[list[dict[str, Any]], ...] = (
    [
        {"item": 0, "criterion": 0, "value": 5},
        {"item": 0, "criterion": 1, "value": 2, "comment": COMMENTS[0]},
        {"item": 1, "criterion": 0, "value": 4},
    ],
    [
        {"item": 0, "criterion": 0, "value": 3},
        {"item": 1, "criterion": 0, "value": 4},
        {"item": 1, "criterion": 1, "value": 5, "comment": COMMENTS[1]},
    ],
    [{"item": 0, "criterion": 1, "value": 4}],
    [{"item": 1, "criterion": 1, "value": 3}],
)
ANSWERS = {"poll": CHOICES, "scale": VALUES, "ranking": ORDERS, "assessment": SCORES}
FIELDS = {"poll": "choices", "scale": "value", "ranking": "order", "assessment": "scores"}
TEXTS = {
    "poll": "How do you get to work?",
    "scale": "The plan is ambitious enough",
    "ranking": "What comes first?",
    "assessment": "Score the initiatives",
}
SETUPS: dict[str, dict[str, object]] = {
    "poll": POLL,
    "scale": SCALE,
    "ranking": RANKING,
    "assessment": ASSESSMENT,
}


def answered_summary(session: Session) -> Summary:
    """The summary of a roundtable with one prompt of each answered kind, answered by four
    participants, after a prompt with one idea; a fifth prompt, a poll, is never opened."""
    member = staff.create_staff(
        session, email="facilitator@example.org", name="Facilitator", role="facilitator"
    )
    facilitator = Actor.staff(member.id, member.role)
    roundtable = roundtables.create_roundtable(session, actor=facilitator, title="Choices")
    room = {"session": session, "roundtable_id": roundtable.id}
    people = []
    for name, affiliation in zip(NAMES, (*AFFILIATIONS, AFFILIATIONS[0]), strict=True):
        joined = roundtables.join_roundtable(
            session,
            actor=None,
            join_code=roundtable.join_code,
            name=name,
            affiliation=affiliation,
        )
        assert joined.participant is not None
        people.append(Actor.participant(joined.participant.id))

    def opened(text: str, kind: str = "ideas", **setup: Any) -> int:
        view, _ = prompts.create_prompt(
            **room, actor=facilitator, text=text, kind=kind, setup=setup or None
        )
        prompts.open_prompt(**room, actor=facilitator, prompt_id=view["id"])
        return int(view["id"])

    ideas_id = opened("What should cities try first?")
    ideas.create_idea(
        **room, actor=people[0], prompt_id=ideas_id, text="Shade trees", client_id="1"
    )
    for kind, answers in ANSWERS.items():
        prompt_id = opened(TEXTS[kind], kind, **SETUPS[kind])
        for person, answer in zip(people, answers, strict=True):
            responses.submit_response(
                **room, actor=person, prompt_id=prompt_id, answer={FIELDS[kind]: answer}
            )
    prompts.create_prompt(
        **room, actor=facilitator, text="Never asked", kind="poll", setup={"options": ["A", "B"]}
    )
    return summaries.build_summary(session, actor=facilitator, roundtable_id=roundtable.id, now=NOW)
