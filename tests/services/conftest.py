"""A roundtable with a facilitator, ready for domain tests on both databases."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitation.db import Database
from facilitation.models import SpeakerTurn
from facilitation.services import ideas, prompts, roundtables, speakers, staff, votes
from facilitation.services.actors import Actor
from facilitation.services.errors import DomainError
from facilitation.services.events import Published

T = TypeVar("T")


def refusal(call: Callable[..., object], *args: Any, **kwargs: Any) -> str:
    """The code of the DomainError the call raises: clients act on codes, so tests compare them."""
    with pytest.raises(DomainError) as refused:
        call(*args, **kwargs)
    return refused.value.code


PAUSE = timedelta(seconds=10)  # between one turn's end and the next one's start


def take_turns(
    session: Session,
    *,
    facilitator: Actor,
    roundtable_id: int,
    turns: Sequence[tuple[Actor, int]],
    start: datetime,
    end: bool = True,
) -> list[SpeakerTurn]:
    """Each speaker raises a hand and is given the floor in turn, through the services (nobody
    twice in a row), the last turn ended unless `end` is False; then the turns are timed:
    the first from `start`, each lasting its seconds, the next 10 seconds after, so that every
    length is known exactly. A running last turn keeps no end."""
    room = {"roundtable_id": roundtable_id}
    for speaker, _ in turns:
        speakers.raise_hand(session, actor=speaker, **room)
        speakers.give_floor(session, actor=facilitator, **room)
    if end:
        speakers.end_turn(session, actor=facilitator, **room)
    called = session.scalars(
        select(SpeakerTurn)
        .where(SpeakerTurn.roundtable_id == roundtable_id, SpeakerTurn.called_at.is_not(None))
        .order_by(SpeakerTurn.id)
    ).all()[-len(turns) :]
    moment = start
    for turn, (_, seconds) in zip(called, turns, strict=True):
        turn.called_at = moment
        if turn.ended_at is not None:
            turn.ended_at = moment + timedelta(seconds=seconds)
        moment += timedelta(seconds=seconds) + PAUSE
    session.commit()
    return list(called)


@dataclass
class Table:
    session: Session
    roundtable_id: int
    join_code: str
    facilitator: Actor

    def join(self, name: str, affiliation: str | None = None) -> Actor:
        joined = roundtables.join_roundtable(
            self.session, actor=None, join_code=self.join_code, name=name, affiliation=affiliation
        )
        assert joined.participant is not None
        return Actor.participant(joined.participant.id)

    def open_prompt(
        self, text: str = "What should cities try first?", budget: int = 3, **options: Any
    ) -> int:
        """An open prompt taking ideas now; `options` are create_prompt's switches."""
        view, _ = prompts.create_prompt(
            self.session,
            actor=self.facilitator,
            roundtable_id=self.roundtable_id,
            text=text,
            votes_per_participant=budget,
            **options,
        )
        prompts.open_prompt(
            self.session,
            actor=self.facilitator,
            roundtable_id=self.roundtable_id,
            prompt_id=view["id"],
        )
        return int(view["id"])

    def create_idea(
        self,
        author: Actor,
        prompt_id: int,
        text: str,
        *,
        client_id: str | None = None,
        parent_id: int | None = None,
    ) -> tuple[dict[str, Any], list[Published]]:
        """The idea as its author sees it and what was logged; the text doubles as client_id."""
        return ideas.create_idea(
            self.session,
            actor=author,
            roundtable_id=self.roundtable_id,
            prompt_id=prompt_id,
            text=text,
            client_id=text if client_id is None else client_id,
            parent_id=parent_id,
        )

    def post(
        self,
        author: Actor,
        prompt_id: int,
        text: str,
        *,
        client_id: str | None = None,
        parent_id: int | None = None,
    ) -> dict[str, Any]:
        """Just the idea as its author sees it, for tests that build on it."""
        view, _ = self.create_idea(
            author, prompt_id, text, client_id=client_id, parent_id=parent_id
        )
        return view

    def vote(self, voter: Actor, idea_id: int) -> int:
        """The votes the voter has left on the idea's prompt."""
        left, _ = votes.cast_vote(
            self.session, actor=voter, roundtable_id=self.roundtable_id, idea_id=idea_id
        )
        return left

    def take_turns(
        self, turns: Sequence[tuple[Actor, int]], *, start: datetime, end: bool = True
    ) -> list[SpeakerTurn]:
        """Turns at the floor of known lengths (see take_turns)."""
        return take_turns(
            self.session,
            facilitator=self.facilitator,
            roundtable_id=self.roundtable_id,
            turns=turns,
            start=start,
            end=end,
        )

    def act(self, call: Callable[..., T], **kwargs: Any) -> T:
        """A use case run on this roundtable, so tests name only what they are about."""
        return call(self.session, roundtable_id=self.roundtable_id, **kwargs)

    def refusal(self, call: Callable[..., object], *args: Any, **kwargs: Any) -> str:
        """The code the call is refused with, rolled back as a refused request is, so the
        test can go on."""
        code = refusal(call, *args, **kwargs)
        self.session.rollback()
        return code


def staff_actor(session: Session, role: str, email: str | None = None) -> Actor:
    member = staff.create_staff(
        session, email=email or f"{role}@example.org", name=role.title(), role=role
    )
    return Actor.staff(member.id, member.role)


@pytest.fixture
def session(database: Database) -> Iterator[Session]:
    with database.writing() as db:
        yield db


@pytest.fixture
def table(session: Session) -> Table:
    facilitator = staff_actor(session, "facilitator")
    roundtable = roundtables.create_roundtable(session, actor=facilitator, title="Resilient cities")
    return Table(session, roundtable.id, roundtable.join_code, facilitator)
