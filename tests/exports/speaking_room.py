"""A roundtable whose speakers' queue was used, built through the services: four people held
the floor in six turns of known lengths (one of them over an hour), one lowered a hand before
her turn came, one never raised a hand; beside them, one prompt with one idea."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from facilitation.services import ideas, prompts, roundtables, speakers, staff, summaries
from facilitation.services.actors import Actor
from facilitation.services.summary_data import Summary
from tests.exports.rich import AFFILIATIONS, NAMES
from tests.services.conftest import take_turns

NOW = datetime(2025, 6, 4, 16, 30)
START = NOW - timedelta(hours=3)

# Who joined, and under which city or organisation: Dana gave none. The last two never spoke.
PEOPLE: tuple[tuple[str, str | None], ...] = (
    (NAMES[0], AFFILIATIONS[0]),
    (NAMES[1], AFFILIATIONS[1]),
    (NAMES[2], AFFILIATIONS[0]),
    (NAMES[3], None),
    ("Octavia Pemberton-Lusk", "Walrus Assembly"),  # lowers her hand before her turn
    ("Barnaby Quillfeather", AFFILIATIONS[2]),  # joins, never raises a hand
)
LOWERED = 4
# The turns at the floor, in order: (index in PEOPLE, seconds held).
TURNS = ((0, 150), (1, 95), (0, 60), (2, 200), (3, 45), (1, 3725))


def speaking_summary(
    session: Session,
    *,
    turns: tuple[tuple[int, int], ...] = TURNS,
    attribution: str | None = None,
) -> Summary:
    """The summary of the roundtable, with `turns` taken, under `attribution` if given."""
    member = staff.create_staff(
        session, email="facilitator@example.org", name="Facilitator", role="facilitator"
    )
    facilitator = Actor.staff(member.id, member.role)
    roundtable = roundtables.create_roundtable(session, actor=facilitator, title="The floor")
    room = {"session": session, "roundtable_id": roundtable.id}
    if attribution is not None:
        roundtables.configure_roundtable(**room, actor=facilitator, attribution=attribution)
    people = []
    for name, affiliation in PEOPLE:
        joined = roundtables.join_roundtable(
            session,
            actor=None,
            join_code=roundtable.join_code,
            name=name,
            affiliation=affiliation,
        )
        assert joined.participant is not None
        people.append(Actor.participant(joined.participant.id))
    view, _ = prompts.create_prompt(**room, actor=facilitator, text="What should cities try first?")
    prompts.open_prompt(**room, actor=facilitator, prompt_id=view["id"])
    ideas.create_idea(
        **room, actor=people[0], prompt_id=view["id"], text="Shade trees", client_id="1"
    )
    speakers.raise_hand(**room, actor=people[LOWERED])
    speakers.lower_hand(**room, actor=people[LOWERED])  # before anyone gave her the floor
    if turns:
        take_turns(
            session,
            facilitator=facilitator,
            roundtable_id=roundtable.id,
            turns=[(people[index], seconds) for index, seconds in turns],
            start=START,
        )
    return summaries.build_summary(session, actor=facilitator, roundtable_id=roundtable.id, now=NOW)
